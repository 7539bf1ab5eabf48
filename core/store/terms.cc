// Term and value encodings shared by the index writer and the reader.
#include "store/terms.h"

#include <algorithm>

#include "lang/tokenize.h"
#include "store/schema.h"
#include "util/hash.h"
#include "util/unicode.h"

namespace concord {
namespace {

// Xapian terms are at most 245 bytes; cut at a UTF-8 boundary.
std::string clip_term(std::string term) {
  if (term.size() > 240) term = std::string(util::truncate_utf8(term, 240));
  return term;
}

}  // namespace

std::string unique_term(const std::string& path) {
  std::string term = std::string(schema::kUniqueId) + path;
  if (term.size() <= 240) return term;
  return term.substr(0, 200) + "#" + util::content_hash(path);
}

std::string part_of_term(const std::string& path) {
  return schema::kPartOf + unique_term(path).substr(std::string_view(schema::kUniqueId).size());
}

std::string date_value(const std::string& iso) {
  if (iso.size() < 4) return "";
  std::string v;
  for (char c : iso)
    if (c >= '0' && c <= '9') v += c;
  if (v.size() == 4) v += "0101";
  if (v.size() == 6) v += "01";
  return v.size() == 8 ? v : "";
}

std::string folder_term(const std::string& folder) {
  const std::string normalized = util::nfc(folder);
  std::string term = std::string(schema::kFolder) + normalized;
  if (term.size() > 240) term = term.substr(0, 200) + "#" + util::content_hash(normalized);
  return term;
}

std::string entity_term(const std::string& id) { return clip_term(schema::kEntity + id); }

std::string family_term(const std::string& family) { return clip_term(schema::kFamily + family); }

std::string surface_term(const std::string& id, bool variant, const std::string& surface) {
  return clip_term(std::string(schema::kSurface) + id + '\t' + (variant ? 'v' : 'c') + surface);
}

std::string acronym_word(const std::string& acronym) {
  std::string word;
  size_t tokens = 0;
  for_each_token(acronym, [&](const Token& t) {
    if (++tokens == 1) word = t.folded;
  });
  return tokens == 1 ? word : std::string();
}

std::string unrecognized_term(const std::string& id, const std::string& word) {
  return clip_term(std::string(schema::kUnrecognized) + id + '\t' + word);
}

std::vector<AcronymWord> acronym_words(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& id_acronyms) {
  std::vector<AcronymWord> out;
  for (const auto& [id, acronyms] : id_acronyms)
    for (const std::string& a : acronyms)
      if (std::string word = acronym_word(a); !word.empty()) out.push_back({std::move(word), id});
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string document_symbol_term(const std::string& symbol) {
  return clip_term(schema::kDocSymbol + symbol);
}

}  // namespace concord
