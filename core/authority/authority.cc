// Authority file parsing and lookups.
#include "authority/authority.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "recognize/symbols.h"
#include "util/small_file.h"
#include "util/strings.h"
#include "util/unicode.h"
#include "util/data_files.h"

namespace concord::data {
extern const char* const kData_authority;
}

namespace concord {
namespace {

using util::split;
using util::trim;

constexpr const char* kBuiltIn = "built-in";
constexpr size_t kMaxColumns = 9;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real month and day.
bool is_iso_date(std::string_view s) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  if (!all_digits(s.substr(0, 4))) return false;
  if (s.size() == 4) return true;
  if (s[4] != '-' || !all_digits(s.substr(5, 2))) return false;
  const int month = std::stoi(std::string(s.substr(5, 2)));
  if (month < 1 || month > 12) return false;
  if (s.size() == 7) return true;
  if (s[7] != '-' || !all_digits(s.substr(8, 2))) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int day = std::stoi(std::string(s.substr(8, 2)));
  return day >= 1 && day <= kDays[month - 1];
}

std::vector<std::string> split_words(const std::string& normalized) {
  std::vector<std::string> words;
  for (std::string_view w : split(normalized, ' '))
    if (!w.empty()) words.emplace_back(w);
  return words;
}

}  // namespace

std::string authority_symbol(std::string_view written) {
  written = trim(written);
  if (auto canonical = canonical_symbol(written)) return *canonical;
  return std::string(written);
}

std::string normalize_words(std::string_view text) {
  const std::string folded = util::fold(text);
  std::string out;
  out.reserve(folded.size());
  bool in_word = false;
  size_t pos = 0;
  while (pos < folded.size()) {
    // ASCII (most of every sentence) without decoding and encoding it again.
    const auto byte = static_cast<unsigned char>(folded[pos]);
    const bool ascii = byte < 0x80;
    const char32_t cp = ascii ? folded[pos++] : util::next_code_point(folded, &pos);
    if (ascii ? ((byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
                 (byte >= 'A' && byte <= 'Z'))
              : util::is_word_char(cp)) {
      if (!in_word && !out.empty()) out.push_back(' ');
      if (ascii)
        out.push_back(static_cast<char>(byte));
      else
        util::append_utf8(cp, &out);
      in_word = true;
      continue;
    }
    // A hyphen between two word characters joins them ("co-operation").
    if ((cp == U'-' || cp == U'\u2010' || cp == U'\u2011') && in_word && pos < folded.size()) {
      size_t next = pos;
      if (util::is_word_char(util::next_code_point(folded, &next))) continue;
    }
    in_word = false;
  }
  return out;
}

std::string organ_of_symbol(std::string_view symbol) {
  if (symbol.rfind("A/HRC/", 0) == 0) return "Human Rights Council";
  if (symbol.rfind("A/", 0) == 0) return "General Assembly";
  if (symbol.rfind("S/", 0) == 0) return "Security Council";
  if (symbol.rfind("E/", 0) == 0) return "Economic and Social Council";
  if (symbol.rfind("ILO-", 0) == 0) return "International Labour Conference";
  return "";
}

Authority::Authority() = default;

Authority Authority::built_in(std::vector<AuthorityProblem>* problems) {
  Authority a;
  const util::DataFile file = util::data_file("authority.tsv", data::kData_authority);
  std::vector<AuthorityProblem> found =
      a.add_tsv(file.text, file.source.empty() ? kBuiltIn : file.source);
  if (problems) *problems = std::move(found);
  return a;
}

std::vector<AuthorityProblem> Authority::add_file(const std::string& path) {
  const util::SmallFile file = util::read_small_file(path);
  if (!file.error.empty())
    return {AuthorityProblem{path, 0, "cannot read the file: " + file.error, true}};
  return add_tsv(file.bytes, path);
}

std::vector<AuthorityProblem> Authority::add_tsv(std::string_view tsv, const std::string& source) {
  std::vector<AuthorityProblem> problems;
  auto problem = [&](int line, std::string message, bool skipped = true) {
    problems.push_back(AuthorityProblem{source, line, std::move(message), skipped});
  };
  std::unordered_map<std::string, int> seen_here;  // symbol -> line, within this source
  int line_no = 0;
  for (std::string_view line : split(tsv, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (trim(line).empty() || trim(line).front() == '#') continue;
    if (!util::is_valid_utf8(line)) {
      problem(line_no, "not valid UTF-8");
      continue;
    }
    const std::vector<std::string_view> cols = split(line, '\t');
    if (cols.size() < 2) {
      problem(line_no, "expected at least 2 TAB-separated columns (symbol, organ), found 1");
      continue;
    }
    if (cols.size() > kMaxColumns) {
      problem(line_no,
              "expected at most 9 TAB-separated columns, found " + std::to_string(cols.size()));
      continue;
    }
    auto col = [&](size_t i) { return i < cols.size() ? trim(cols[i]) : std::string_view(); };
    AuthorityEntry e;
    e.source = source;
    e.line = line_no;
    if (col(0).empty()) {
      problem(line_no, "empty symbol (column 1)");
      continue;
    }
    if (col(0).find('|') != std::string_view::npos) {
      problem(line_no, "symbol (column 1) must not contain '|'");
      continue;
    }
    e.symbol = authority_symbol(col(0));
    e.organ = std::string(col(1));
    if (e.organ.empty()) {
      problem(line_no, "empty organ (column 2) for " + e.symbol);
      continue;
    }
    e.title_en = std::string(col(2));
    e.title_fr = std::string(col(3));
    e.title_es = std::string(col(4));
    e.adopted = std::string(col(5));
    if (!e.adopted.empty() && !is_iso_date(e.adopted)) {
      problem(line_no, "adoption date (column 6) \"" + e.adopted +
                           "\" is not ISO (YYYY-MM-DD, YYYY-MM or YYYY)");
      continue;
    }
    bool bad = false;
    auto symbols = [&](size_t column, const char* what, std::vector<std::string>* out) {
      for (std::string_view item : split(col(column), '|')) {
        item = trim(item);
        if (item.empty()) continue;
        auto canonical = canonical_symbol(item);
        if (!canonical) {
          problem(line_no, std::string(what) + " \"" + std::string(item) + "\" (column " +
                               std::to_string(column + 1) + ") is not a document symbol");
          bad = true;
          return;
        }
        out->push_back(*canonical);
      }
    };
    symbols(6, "draft", &e.drafts);
    if (!bad) symbols(7, "related symbol", &e.related);
    if (bad) continue;
    for (std::string_view item : split(col(8), '|'))
      if (!trim(item).empty()) e.aliases.emplace_back(trim(item));
    if (auto it = seen_here.find(e.symbol); it != seen_here.end())
      problem(line_no,
              e.symbol + " is already defined on line " + std::to_string(it->second) +
                  "; this line replaces it",
              false);
    seen_here[e.symbol] = line_no;
    if (auto it = by_symbol_.find(e.symbol); it != by_symbol_.end()) {
      entries_[it->second] = std::move(e);
    } else {
      by_symbol_[e.symbol] = entries_.size();
      entries_.push_back(std::move(e));
    }
  }
  rebuild();
  return problems;
}

void Authority::rebuild() {
  by_symbol_.clear();
  by_family_.clear();
  by_draft_.clear();
  by_related_.clear();
  by_date_.clear();
  phrases_.clear();
  for (size_t i = 0; i < entries_.size(); ++i) {
    const AuthorityEntry& e = entries_[i];
    by_symbol_[e.symbol] = i;
    by_family_.emplace(symbol_family(e.symbol), i);
    for (const std::string& d : e.drafts) by_draft_.emplace(symbol_family(d), i);
    for (const std::string& r : e.related) by_related_.emplace(symbol_family(r), i);
    if (!e.adopted.empty()) {
      by_date_[e.adopted].push_back(i);
      if (e.adopted.size() > 7) by_date_[e.adopted.substr(0, 7)].push_back(i);
      if (e.adopted.size() > 4) by_date_[e.adopted.substr(0, 4)].push_back(i);
    }
    std::vector<std::string> forms = {e.title_en, e.title_fr, e.title_es};
    forms.insert(forms.end(), e.aliases.begin(), e.aliases.end());
    for (const std::string& form : forms) {
      std::vector<std::string> words = split_words(normalize_words(form));
      if (words.empty()) continue;
      const std::string first = words.front();
      phrases_[first].push_back(Phrase{std::move(words), i});
    }
  }
}

const AuthorityEntry* Authority::find(std::string_view symbol) const {
  const std::string s = authority_symbol(symbol);
  if (auto it = by_symbol_.find(s); it != by_symbol_.end()) return &entries_[it->second];
  if (auto it = by_family_.find(symbol_family(s)); it != by_family_.end())
    return &entries_[it->second];
  return nullptr;
}

const AuthorityEntry* Authority::by_draft(std::string_view symbol) const {
  auto it = by_draft_.find(symbol_family(authority_symbol(symbol)));
  return it == by_draft_.end() ? nullptr : &entries_[it->second];
}

AuthorityMatch Authority::family(std::string_view symbol) const {
  // Ids from the index are canonical already: look them up before parsing.
  AuthorityMatch m = family_of_canonical(std::string(symbol));
  if (m.entry) return m;
  const std::string s = authority_symbol(symbol);
  return s == symbol ? m : family_of_canonical(s);
}

AuthorityMatch Authority::family_of_canonical(const std::string& s) const {
  if (auto it = by_symbol_.find(s); it != by_symbol_.end())
    return {&entries_[it->second], AuthorityRelation::kSelf};
  const std::string fam = symbol_family(s);
  if (auto it = by_family_.find(fam); it != by_family_.end()) {
    const AuthorityEntry& e = entries_[it->second];
    // A bracketed year or session is not a revision: "S/RES/2334" is the entry itself.
    const bool revision = fam != s && s.find('(') == std::string::npos;
    return {&e, revision ? AuthorityRelation::kRevision : AuthorityRelation::kSelf};
  }
  if (auto it = by_draft_.find(fam); it != by_draft_.end())
    return {&entries_[it->second], AuthorityRelation::kDraft};
  if (auto it = by_related_.find(fam); it != by_related_.end())
    return {&entries_[it->second], AuthorityRelation::kRelated};
  return {};
}

std::vector<const AuthorityEntry*> Authority::adopted_on(std::string_view iso_date) const {
  std::vector<const AuthorityEntry*> out;
  auto it = by_date_.find(std::string(iso_date));
  if (it == by_date_.end()) return out;
  for (size_t i : it->second) out.push_back(&entries_[i]);
  return out;
}

std::vector<const AuthorityEntry*> Authority::by_title_words(std::string_view text) const {
  std::vector<const AuthorityEntry*> out;
  if (phrases_.empty()) return out;
  // Called for every distinct sentence that cites a resolution (check): the words are views
  // into the one normalized string, looked up without a copy.
  // normalize_words() puts one space between words and none around them.
  const std::string normalized = normalize_words(text);
  if (normalized.empty()) return out;
  const std::vector<std::string_view> words = split(normalized, ' ');
  std::vector<size_t> found;  // entry indexes, each once
  for (size_t i = 0; i < words.size(); ++i) {
    auto it = phrases_.find(words[i]);
    if (it == phrases_.end()) continue;
    for (const Phrase& p : it->second) {
      if (i + p.words.size() > words.size()) continue;
      if (std::find(found.begin(), found.end(), p.entry) != found.end()) continue;
      if (std::equal(p.words.begin(), p.words.end(), words.begin() + static_cast<long>(i)))
        found.push_back(p.entry);
    }
  }
  std::sort(found.begin(), found.end());
  out.reserve(found.size());
  for (const size_t e : found) out.push_back(&entries_[e]);
  return out;
}

}  // namespace concord
