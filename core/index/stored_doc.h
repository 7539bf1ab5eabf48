// What the index keeps per document (Xapian document data): metadata, page texts and
// mentions. Encoded as a version byte + zlib-compressed MessagePack.
//
// Contract: encode/decode are pure and thread-safe; decode throws std::runtime_error on
// data it did not write (a damaged database is fatal, not a per-file problem).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "recognize/mention.h"
#include "recognize/recognize.h"

namespace concord {

struct StoredDoc {
  std::string path;       // absolute path (identity)
  std::string title;
  std::string format;     // "pdf" / "html" / "text"
  std::string language;   // "en" / "fr" / "es"
  std::string date;       // ISO, possibly partial; "" if unknown
  std::string author;
  std::string description;
  std::string encoding;
  std::string hash;       // content hash
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  bool paged = false;
  std::vector<std::string> pages;        // page texts
  std::vector<uint32_t> page_starts;     // first term position of each page
  std::vector<Mention> mentions;         // filled by recognition (may be empty)
  std::vector<Definition> definitions;   // acronym definitions written in the text
};

std::string encode_stored_doc(const StoredDoc& doc);
StoredDoc decode_stored_doc(const std::string& data);

}  // namespace concord
