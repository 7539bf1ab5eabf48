// Builds Xapian documents: positional word terms per page, stems, fields, values, data.
#include "store/doc_builder.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "lang/language.h"
#include "lang/tokenize.h"
#include "recognize/symbols.h"
#include "store/schema.h"
#include "util/cancel.h"
#include "util/hash.h"
#include "util/unicode.h"

namespace concord {
namespace {

constexpr size_t kMaxTermBytes = 64;      // longer "words" are junk (base64, hashes)
constexpr size_t kMaxCachedStems = 200000;

int lang_slot(const std::string& lang) { return lang == "fr" ? 1 : lang == "es" ? 2 : 0; }

}  // namespace

void DocBuilder::add_entity_terms(const Mention& m, Xapian::termpos at, Xapian::Document* xdoc) {
  xdoc->add_posting(entity_term(m.entity_id), at);
  // No positions: the family term lists the documents of a family (mentions --family); no
  // query reaches it by position, and its positions were 0.7% of the index's size.
  if (is_symbol_id(m.entity_id)) xdoc->add_term(family_term(symbol_family(m.entity_id)));
  xdoc->add_term(surface_term(m.entity_id, m.variant, m.surface));
}

void DocBuilder::add_unrecognized_terms(const std::set<std::string>& entities,
                                        Xapian::Document* xdoc) const {
  if (!acronyms_ || acronyms_->empty()) return;
  // The document's terms are sorted, and so are the acronym words: each word is looked up
  // from where the one before it was (skip_to() compares, where reading each term copies it).
  std::vector<std::string> marks;
  Xapian::TermIterator t = xdoc->termlist_begin();
  const Xapian::TermIterator end = xdoc->termlist_end();
  for (const AcronymWord& a : *acronyms_) {
    t.skip_to(a.word);
    if (t == end) break;
    if (!entities.count(a.id) && *t == a.word) marks.push_back(unrecognized_term(a.id, a.word));
  }
  for (const std::string& m : marks) xdoc->add_boolean_term(m);
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

Xapian::Document DocBuilder::build(StoredDoc* doc, const std::atomic<bool>* cancel) {
  Xapian::Document xdoc;
  const std::string& lang = doc->language;
  Xapian::termpos pos = 1;
  doc->page_starts.clear();
  size_t next_mention = 0;  // mentions are in page order, then text order
  std::set<std::string> with_terms;  // the entities given their XE terms (every mention's)
  std::vector<size_t> token_starts;
  // The stored record is written a page at a time and each page's text let go once its words
  // and its part of the record are made: a huge text is not held a second time as the record.
  StoredDocEncoder record(*doc, compression_);
  for (size_t page_index = 0; page_index < doc->pages.size(); ++page_index) {
    if (util::cancelled(cancel)) return xdoc;
    const std::string& page = doc->pages[page_index];
    const Xapian::termpos first = pos;
    doc->page_starts.push_back(pos);
    token_starts.clear();
    for_each_token(page, [&](const Token& t) {
      token_starts.push_back(t.start);
      if (!t.folded.empty() && t.folded.size() <= kMaxTermBytes) {
        xdoc.add_posting(t.folded, pos);
        // Only words the query parser would stem get a stem term (util::stems()).
        if (util::stems(t.folded) && !is_stopword(lang, t.folded))
          xdoc.add_term(stem_term(lang, t.folded));
      }
      ++pos;
    });
    // Entity terms go at the position of the mention's first word, so NEAR works with them.
    const int page_number =
        doc->paged ? static_cast<int>(doc->part.first_page + page_index) : 0;
    for (; next_mention < doc->mentions.size() && doc->mentions[next_mention].page == page_number;
         ++next_mention) {
      const Mention& m = doc->mentions[next_mention];
      const size_t k = std::lower_bound(token_starts.begin(), token_starts.end(), m.start) -
                       token_starts.begin();
      const Xapian::termpos at = first + static_cast<Xapian::termpos>(k);
      add_entity_terms(m, at, &xdoc);
      with_terms.insert(m.entity_id);
    }
    pos += schema::kPageGap;
    record.page(page);
    std::string().swap(doc->pages[page_index]);
  }
  std::string joined;
  for (const std::string& id : with_terms) joined += (joined.empty() ? "" : "\n") + id;
  if (!joined.empty()) xdoc.add_value(schema::kSlotEntities, joined);
  // Title: prefixed positional terms for `title:`, plus plain terms so words that occur only
  // in the title (HTML <title>) are still found.
  Xapian::termpos tpos = 1;
  for_each_token(doc->title, [&](const Token& t) {
    if (t.folded.empty() || t.folded.size() > kMaxTermBytes) return;
    xdoc.add_posting(schema::kTitle + t.folded, tpos++);
    xdoc.add_term(t.folded);
    if (util::stems(t.folded) && !is_stopword(lang, t.folded)) {
      const std::string& z = stem_term(lang, t.folded);
      xdoc.add_term(z);
      xdoc.add_term(std::string(schema::kStem) + schema::kTitle + z.substr(1));
    }
  });

  add_unrecognized_terms(with_terms, &xdoc);

  const bool continuation = doc->part.split() && doc->part.number > 0;
  if (continuation) {
    // Found by its words and filtered like its head; the file's identity stays on the head.
    xdoc.add_boolean_term(schema::kPart);
    xdoc.add_boolean_term(part_of_term(doc->path));
  } else {
    xdoc.add_boolean_term(unique_term(doc->path));
    xdoc.add_boolean_term(schema::kAllDocs);
    if (!doc->symbol.empty()) xdoc.add_boolean_term(document_symbol_term(doc->symbol));
  }
  if (doc->part.split()) xdoc.add_value(schema::kSlotPart, encode_part(doc->part));
  xdoc.add_boolean_term(std::string(schema::kFormat) + doc->format);
  xdoc.add_boolean_term(std::string(schema::kLanguage) + lang);
  // Each folder above the file (the --path rule of path_scope.h, for path:). The file itself
  // is found by its unique term (Q, or XQ on a continuation), which holds its path as stored:
  // it gets a folder term of its own only when NFC changes its path, so that the file named
  // in NFC is found too (a unique term per file in the folder table was 1.5% of the index).
  if (util::nfc(doc->path) != doc->path) xdoc.add_boolean_term(folder_term(doc->path));
  for (std::filesystem::path p = std::filesystem::path(doc->path).parent_path();;
       p = p.parent_path()) {
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
  if (!continuation) {
    xdoc.add_value(schema::kSlotMtime, std::to_string(doc->mtime_ns));
    xdoc.add_value(schema::kSlotSize, std::to_string(doc->size));
    xdoc.add_value(schema::kSlotHash, doc->hash);
    xdoc.add_value(schema::kSlotPages, std::to_string(doc->part.split() ? doc->part.total_pages
                                                                        : doc->pages.size()));
    if (!doc->ocr_pages.empty())
      xdoc.add_value(schema::kSlotOcrPages, std::to_string(doc->ocr_pages.size()));
  }
  xdoc.add_value(schema::kSlotFormat, doc->format);
  xdoc.add_value(schema::kSlotLanguage, lang);
  xdoc.add_value(schema::kSlotPath, doc->path);
  xdoc.set_data(record.finish(doc->page_starts));
  xdoc.add_value(schema::kSlotFacts, encode_facts(*doc, compression_));
  return xdoc;
}

}  // namespace concord
