// Builds Xapian documents: positional word terms per page, stems, fields, values, data.
#include "index/doc_builder.h"

#include <filesystem>

#include "index/schema.h"
#include "lang/language.h"
#include "lang/tokenize.h"
#include "util/hash.h"
#include "util/unicode.h"

namespace concord {
namespace {

constexpr size_t kMaxTermBytes = 64;      // longer "words" are junk (base64, hashes)
constexpr size_t kMaxCachedStems = 200000;

int lang_slot(const std::string& lang) { return lang == "fr" ? 1 : lang == "es" ? 2 : 0; }

}  // namespace

std::string unique_term(const std::string& path) {
  std::string term = std::string(schema::kUniqueId) + path;
  if (term.size() <= 240) return term;
  return term.substr(0, 200) + "#" + util::content_hash(path);
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
  std::string term = std::string(schema::kFolder) + util::strip_accents(folder);
  if (term.size() > 240) term = term.substr(0, 200) + "#" + util::content_hash(folder);
  return term;
}

const std::string& DocBuilder::stem_term(const std::string& lang, const std::string& folded) {
  auto& cache = cache_[lang_slot(lang)];
  auto it = cache.find(folded);
  if (it != cache.end()) return it->second;
  if (cache.size() > kMaxCachedStems) cache.clear();
  auto st = stemmers_.find(lang);
  if (st == stemmers_.end()) st = stemmers_.emplace(lang, Xapian::Stem(stemmer_name(lang))).first;
  return cache.emplace(folded, std::string(schema::kStem) + (st->second)(folded)).first->second;
}

Xapian::Document DocBuilder::build(StoredDoc* doc) {
  Xapian::Document xdoc;
  const std::string& lang = doc->language;
  Xapian::termpos pos = 1;
  doc->page_starts.clear();
  for (const std::string& page : doc->pages) {
    doc->page_starts.push_back(pos);
    for_each_token(page, [&](const Token& t) {
      if (!t.folded.empty() && t.folded.size() <= kMaxTermBytes) {
        xdoc.add_posting(t.folded, pos);
        if (!is_stopword(lang, t.folded)) xdoc.add_term(stem_term(lang, t.folded));
      }
      ++pos;
    });
    pos += schema::kPageGap;
  }
  // Title: prefixed positional terms for `title:`, plus plain terms so words that occur only
  // in the title (HTML <title>) are still found.
  Xapian::termpos tpos = 1;
  for_each_token(doc->title, [&](const Token& t) {
    if (t.folded.empty() || t.folded.size() > kMaxTermBytes) return;
    xdoc.add_posting(schema::kTitle + t.folded, tpos++);
    xdoc.add_term(t.folded);
    if (!is_stopword(lang, t.folded)) {
      const std::string& z = stem_term(lang, t.folded);
      xdoc.add_term(z);
      xdoc.add_term(std::string(schema::kStem) + schema::kTitle + z.substr(1));
    }
  });

  xdoc.add_boolean_term(unique_term(doc->path));
  xdoc.add_boolean_term(schema::kAllDocs);
  xdoc.add_boolean_term(std::string(schema::kFormat) + doc->format);
  xdoc.add_boolean_term(std::string(schema::kLanguage) + lang);
  for (std::filesystem::path p = std::filesystem::path(doc->path).parent_path();; p = p.parent_path()) {
    xdoc.add_boolean_term(folder_term(p.string()));
    if (p == p.parent_path()) break;
  }
  const std::string dv = date_value(doc->date);
  if (!dv.empty()) {
    xdoc.add_value(schema::kSlotDate, dv);
    xdoc.add_boolean_term(schema::kYear + dv.substr(0, 4));
    if (doc->date.size() >= 7) xdoc.add_boolean_term(schema::kMonth + dv.substr(0, 6));
    if (doc->date.size() >= 10) xdoc.add_boolean_term(schema::kDay + dv);
  }
  xdoc.add_value(schema::kSlotMtime, std::to_string(doc->mtime_ns));
  xdoc.add_value(schema::kSlotSize, std::to_string(doc->size));
  xdoc.add_value(schema::kSlotHash, doc->hash);
  xdoc.add_value(schema::kSlotPages, std::to_string(doc->pages.size()));
  xdoc.add_value(schema::kSlotFormat, doc->format);
  xdoc.add_value(schema::kSlotLanguage, lang);
  xdoc.set_data(encode_stored_doc(*doc));
  return xdoc;
}

}  // namespace concord
