// Internal to the storage layer: turns a StoredDoc into a Xapian document (terms, positions,
// values, data). Only core/store/writer.cc includes this header (Xapian stays in the store).
//
// Contract: a DocBuilder is cheap to make and NOT thread-safe (it caches stems); make one per
// worker thread. build() fills doc.page_starts and returns the finished Xapian::Document.
#pragma once

#include <xapian.h>

#include <atomic>
#include <string>
#include <unordered_map>

#include "store/stored_doc.h"
#include "store/terms.h"

namespace concord {

class RecordCompression;

class DocBuilder {
 public:
  // Records are compressed as `compression` says (null: alone); it must outlive the builder.
  explicit DocBuilder(RecordCompression* compression = nullptr) : compression_(compression) {}
  DocBuilder(const DocBuilder&) = delete;
  DocBuilder& operator=(const DocBuilder&) = delete;

  // Builds the Xapian document for `doc`; sets doc->page_starts and empties the page texts as
  // it goes (doc->pages keeps its count; the texts are in the document's data). When *cancel becomes true
  // it stops between pages and returns an incomplete document, which the caller (seeing the
  // flag) must drop.
  Xapian::Document build(StoredDoc* doc, const std::atomic<bool>* cancel = nullptr);

  // The Z-prefixed stem of a folded word in `lang` (cached).
  const std::string& stem_term(const std::string& lang, const std::string& folded);

 private:
  void add_entity_terms(const Mention& m, Xapian::termpos at, Xapian::Document* xdoc);

  RecordCompression* compression_;
  std::unordered_map<std::string, Xapian::Stem> stemmers_;
  std::unordered_map<std::string, std::string> cache_[3];
};

}  // namespace concord
