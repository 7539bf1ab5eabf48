// What the index keeps per document (Xapian document data): metadata, page texts and
// mentions. Encoded as a version byte + compressed MessagePack (util/compress.h).
//
// Contract: encode/decode are pure and thread-safe; decode throws DamagedRecordError (a
// std::runtime_error) on data it did not write (a damaged database is fatal, not a per-file
// problem), and on a record compressed with a dictionary (record_compression.h) that the
// `dictionaries` given do not hold. Encoders compress as `compression` says (its dictionary,
// and samples for training one); alone when it is null.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "recognize/mention.h"
#include "recognize/recognize.h"
#include "util/compress.h"

namespace concord {

class RecordCompression;  // store/record_compression.h

// A stored record (document data or facts) that cannot be decoded: the database is damaged.
class DamagedRecordError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// First byte of both records. Bump it when a layout changes: the facts layout is written by
// encode_facts() and read by decode_facts() and read_facts() (store/facts_reader.h).
inline constexpr char kStoredFormatVersion = '\x01';

// Where a document stands in a file stored in parts (schema.h: kPart). A file stored whole has
// an empty token. Kept in the value slot schema::kSlotPart, not in the stored record.
struct DocPart {
  std::string token;          // the same on the head and its continuations; "" = stored whole
  uint32_t number = 0;        // 0: the head (the file's document); 1, 2...: continuations
  uint32_t first_page = 1;    // the file's page number of this document's first page
  uint32_t parts = 0;         // on the head: how many continuations follow it
  uint32_t total_pages = 0;   // on the head: the file's pages (its own and the continuations')
  bool split() const { return !token.empty(); }
};

// The slot value of `part` ("" for a file stored whole) and back; nullopt when malformed.
std::string encode_part(const DocPart& part);
std::optional<DocPart> decode_part(std::string_view value);

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
  std::vector<Mention> mentions;         // filled by recognition; stored in the facts record
  std::vector<Definition> definitions;   // acronym definitions; stored in the facts record
  std::string symbol;  // the document's own UN symbol (recognize.h: document_symbol()), or ""
  std::vector<uint32_t> ocr_pages;  // pages (1-based, ascending) whose text was read by OCR
  // Stored in parts: which part this is. Its pages are the file's pages from
  // part.first_page on, and its mentions carry the file's page numbers.
  DocPart part;
};

// The document data: metadata and page texts (mentions and definitions are not included;
// they go in the facts record, which is much smaller).
std::string encode_stored_doc(const StoredDoc& doc, RecordCompression* compression = nullptr);
StoredDoc decode_stored_doc(const std::string& data,
                            const util::Dictionaries* dictionaries = nullptr);

// encode_stored_doc() a page at a time, so that a caller can let each page's text go once it
// is written (the compressed record grows while the text shrinks). Contract: give exactly
// doc.pages.size() pages, in order, then call finish() once with the page starts.
class StoredDocEncoder {
 public:
  // The metadata and the page count.
  explicit StoredDocEncoder(const StoredDoc& doc, RecordCompression* compression = nullptr);
  ~StoredDocEncoder();
  StoredDocEncoder(const StoredDocEncoder&) = delete;
  StoredDocEncoder& operator=(const StoredDocEncoder&) = delete;
  void page(std::string_view text);
  std::string finish(const std::vector<uint32_t>& page_starts);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What the mentions, xref, check and graph commands read for each document, kept apart from
// the page texts (value slot schema::kSlotFacts) so whole-archive scans stay fast.
struct DocFacts {
  std::string path;  // absolute
  std::string title;
  std::string format;
  std::string language;
  std::string date;  // ISO, possibly partial; "" if unknown
  bool paged = false;
  uint32_t pages = 0;
  std::vector<Mention> mentions;
  std::vector<Definition> definitions;
  std::string symbol;  // the document's own symbol ("A/RES/78/133"), or "" (none, or a
                       // record written before pipeline 8)
  std::vector<uint32_t> ocr_pages;  // pages (1-based) whose text was read by OCR
};

// True when page `page` (1-based) of a document with these OCR pages was read by OCR.
inline bool is_ocr_page(const std::vector<uint32_t>& ocr_pages, int page) {
  for (uint32_t p : ocr_pages)
    if (static_cast<int>(p) == page) return true;
  return false;
}

// MessagePack map {path, title, format, lang, date, paged, pages, symbol, ocr: [page...] (only
// when some page was read by OCR), mentions: [[entity_id,
// surface, variant, page, line, start, end, sentence, dates, context_start, context_end]...],
// definitions: [[acronym, long_form, entity_id, acronym_first, page, line, start, end,
// acronym_start, acronym_end]...]}. Readers accept mentions without the last two fields
// (older records) and leave both offsets 0, and a record without symbol (left "").
std::string encode_facts(const StoredDoc& doc, RecordCompression* compression = nullptr);
// Builds the whole record as a JSON tree first; read_facts() (store/facts_reader.h) streams
// it instead and can keep only part of it, which whole-archive scans should prefer.
DocFacts decode_facts(const std::string& value,
                      const util::Dictionaries* dictionaries = nullptr);

}  // namespace concord
