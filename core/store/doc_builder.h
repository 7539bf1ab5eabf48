// Internal to the storage layer: turns a StoredDoc into a Xapian document (terms, positions,
// values, data). Only core/store/writer.cc includes this header (Xapian stays in the store).
//
// Contract: a DocBuilder is cheap to make and NOT thread-safe (it caches stems); make one per
// worker thread. build() fills doc.page_starts and returns the finished Xapian::Document.
#pragma once

#include <xapian.h>

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/stored_doc.h"
#include "store/terms.h"

namespace concord {

class RecordCompression;

class DocBuilder {
 public:
  // Records are compressed as `compression` says (null: alone); it must outlive the builder.
  // A document holding the word of one of `acronyms` without the XE term of its entity gets
  // the XU term of both (schema::kUnrecognized); null: none does.
  explicit DocBuilder(RecordCompression* compression = nullptr,
                      std::shared_ptr<const std::vector<AcronymWord>> acronyms = nullptr)
      : compression_(compression), acronyms_(std::move(acronyms)) {}
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
  // The XU terms of `xdoc`, once its words are in; `entities`: those given XE terms.
  void add_unrecognized_terms(const std::set<std::string>& entities, Xapian::Document* xdoc) const;

  RecordCompression* compression_;
  std::shared_ptr<const std::vector<AcronymWord>> acronyms_;  // sorted by word
  std::unordered_map<std::string, Xapian::Stem> stemmers_;
  std::unordered_map<std::string, std::string> cache_[3];
};

}  // namespace concord
