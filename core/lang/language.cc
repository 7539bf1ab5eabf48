// Stopword lists (compiled in from stopwords/*.txt) and stopword-count language detection.
#include "lang/language.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "lang/tokenize.h"
#include "util/unicode.h"
#include "util/data_files.h"

namespace concord::data {
extern const char* const kStopwords_en;
extern const char* const kStopwords_fr;
extern const char* const kStopwords_es;
}  // namespace concord::data

namespace concord {
namespace {

struct StopList {
  std::vector<std::string> words;
  std::unordered_set<std::string_view> set;  // views into `words`
};

StopList parse_list(std::string_view text) {
  StopList list;
  std::string_view rest(text);
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line[0] == '#') continue;
    list.words.push_back(util::fold(line));
  }
  std::sort(list.words.begin(), list.words.end());
  list.words.erase(std::unique(list.words.begin(), list.words.end()), list.words.end());
  for (const std::string& w : list.words) list.set.insert(w);
  return list;
}

// Each language's list is read the first time it is needed (a search of an archive in one
// language reads one).
const StopList& list(int lang) {
  static const StopList en = parse_list(util::data_file("stopwords/en.txt", data::kStopwords_en).text);
  if (lang == 0) return en;
  static const StopList fr = parse_list(util::data_file("stopwords/fr.txt", data::kStopwords_fr).text);
  if (lang == 1) return fr;
  static const StopList es = parse_list(util::data_file("stopwords/es.txt", data::kStopwords_es).text);
  return es;
}

}  // namespace

void load_stopwords() {
  for (int i = 0; i < 3; ++i) (void)list(i);
}

namespace {

int lang_index(std::string_view lang) {
  if (lang == "en") return 0;
  if (lang == "fr") return 1;
  if (lang == "es") return 2;
  return -1;
}

}  // namespace

const std::vector<std::string>& supported_languages() {
  static const std::vector<std::string> langs{"en", "fr", "es"};
  return langs;
}

bool is_supported_language(std::string_view lang) { return lang_index(lang) >= 0; }

std::string normalize_language_tag(std::string_view tag) {
  std::string code;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  while (!code.empty() && code.back() == ' ') code.pop_back();
  while (!code.empty() && code.front() == ' ') code.erase(code.begin());
  return is_supported_language(code) ? code : std::string();
}

const char* stemmer_name(std::string_view lang) {
  switch (lang_index(lang)) {
    case 1:
      return "french";
    case 2:
      return "spanish";
    default:
      return "english";
  }
}

bool is_stopword(std::string_view lang, std::string_view folded_word) {
  const int i = lang_index(lang);
  if (i < 0) return false;
  return list(i).set.count(folded_word) > 0;
}

const std::vector<std::string>& stopwords(std::string_view lang) {
  const int i = std::max(0, lang_index(lang));
  return list(i).words;
}

std::string detect_language(std::string_view text) {
  std::array<int, 3> hits{0, 0, 0};
  int words = 0;
  const StopList* l[3] = {&list(0), &list(1), &list(2)};
  size_t pos = 0;
  Token token;
  while (words < 2000 && next_token(text, &pos, &token)) {
    ++words;
    for (int i = 0; i < 3; ++i) hits[i] += l[i]->set.count(token.folded) ? 1 : 0;
  }
  int best = 0;
  for (int i = 1; i < 3; ++i)
    if (hits[i] > hits[best]) best = i;
  if (hits[best] < 3) return "en";
  return supported_languages()[best];
}

}  // namespace concord
