// Internal to the index stage: turns a StoredDoc into a Xapian document (terms, positions,
// values, data). Only core/index and core/search include this header (Xapian at the edge).
//
// Contract: a DocBuilder is cheap to make and NOT thread-safe (it caches stems); make one per
// worker thread. build() fills doc.page_starts and returns the finished Xapian::Document.
#pragma once

#include <xapian.h>

#include <atomic>
#include <string>
#include <unordered_map>

#include "index/stored_doc.h"

namespace concord {

class DocBuilder {
 public:
  DocBuilder() = default;
  DocBuilder(const DocBuilder&) = delete;
  DocBuilder& operator=(const DocBuilder&) = delete;

  // Builds the Xapian document for `doc`; sets doc->page_starts. When *cancel becomes true
  // it stops between pages and returns an incomplete document, which the caller (seeing the
  // flag) must drop.
  Xapian::Document build(StoredDoc* doc, const std::atomic<bool>* cancel = nullptr);

  // The Z-prefixed stem of a folded word in `lang` (cached).
  const std::string& stem_term(const std::string& lang, const std::string& folded);

 private:
  void add_entity_terms(const Mention& m, Xapian::termpos at, Xapian::Document* xdoc);

  std::unordered_map<std::string, Xapian::Stem> stemmers_;
  std::unordered_map<std::string, std::string> cache_[3];
};

// The unique-id term for a path (hashed when the path is too long for a Xapian term).
std::string unique_term(const std::string& absolute_path);

// Value-slot form of an ISO date: "2023-04" -> "20230401"; "" when not a date.
std::string date_value(const std::string& iso);

// Entity, symbol-family and surface-form terms (see schema.h).
std::string entity_term(const std::string& id);
std::string family_term(const std::string& family);
std::string surface_term(const std::string& id, bool variant, const std::string& surface);

// Folded path used in XP terms, so `path:` is case- and accent-insensitive.
std::string folder_term(const std::string& absolute_folder);

}  // namespace concord
