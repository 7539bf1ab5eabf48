// Query side: search, show, stats and failures over a Concord database.
//
// Contract: each function reads the snapshot it is handed (store/reader.h), or, given a
// database path, one snapshot of its own; a missing, unreadable or damaged database throws
// DatabaseError (store/errors.h; fatal, exit 1), whatever Xapian reported; a query that does
// not parse throws QueryError (exit 2). Results are plain structs; printing is done by
// core/output. Thread-safe per call.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "store/errors.h"
#include "store/query.h"
#include "store/run_record.h"

namespace concord {

class IndexReader;

class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An entity name that resolves to nothing; the message lists the closest known names.
class UnknownEntityError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Span {
  size_t start = 0;  // byte offsets into the snippet
  size_t end = 0;
};

struct SearchHit {
  int rank = 0;  // 1-based over the whole result list
  std::string path;
  std::string title;
  std::string format;
  std::string date;
  std::string language;
  std::vector<int> pages;  // pages holding hits (empty for unpaged documents)
  std::vector<int> ocr_pages;  // those of `pages` whose text was read by OCR
  bool paged = false;
  double score = 0;
  int percent = 0;
  std::string snippet;
  std::vector<Span> highlights;
};

struct SearchResults {
  std::string query;
  uint64_t total = 0;  // matching documents: exact when total_lower == total_upper (one
                       // term, up to 10,000 matches or 1,000 for phrases and NEAR, always
                       // with facets: QueryOptions::exact_total_up_to), else Xapian's estimate
  uint64_t total_lower = 0;
  uint64_t total_upper = 0;
  std::vector<SearchHit> results;
  // Words also searched as an entity, every written form of it (QuerySpec::expanded).
  std::vector<QuerySpec::Expansion> expanded;
  // With SearchOptions::facets: the matching documents counted by format, language, year and
  // cited entity; the totals are then exact (total == total_lower == total_upper).
  Facets facets;
};

struct SearchOptions {
  std::string db_path;
  std::string query;
  size_t limit = 10;
  size_t offset = 0;
  bool sort_by_date = false;  // newest first, then relevance
  bool facets = false;        // count every match (SearchResults::facets)
  double time_limit = 0;      // seconds of matching at most (0: no limit)
};

SearchResults search(const SearchOptions& options);
// The same on `reader`'s snapshot (options.db_path is not used).
SearchResults search(const IndexReader& reader, const SearchOptions& options);

// Where the words of `query` stand in the document at `path` (any form): per page (index 0 =
// page 1, or the whole text when unpaged), the byte spans a search's snippet would highlight
// (words, their stems, wildcard prefixes, and the mentions of entities the query names).
// Only the `count` pages from index `first` are marked (a page window of a long document);
// the others are left empty. Empty when the document does not match. Throws QueryError for
// a query that does not parse or a document that is not indexed, UnknownEntityError for an
// unknown entity.
std::vector<std::vector<Span>> document_hits(const IndexReader& reader, const std::string& query,
                                             const std::string& path, size_t first = 0,
                                             size_t count = SIZE_MAX);

struct ShownDoc {
  std::string path, title, format, language, date, author, description, encoding, hash;
  uint64_t size = 0;
  bool paged = false;
  size_t page_count = 0;
  std::vector<std::pair<int, std::string>> pages;  // (page number, text); 0 when unpaged
  std::vector<uint32_t> ocr_pages;  // every page of the document whose text was read by OCR
};

// The stored text of the document at `path` (any form; made absolute). `page` 0 = all.
// Throws QueryError when the document is not indexed or the page does not exist.
ShownDoc show(const std::string& db_path, const std::string& path, int page);
ShownDoc show(const IndexReader& reader, const std::string& path, int page);

struct Stats {
  std::string db_path;
  uint64_t documents = 0;
  uint64_t pages = 0;
  uint64_t ocr_pages = 0;        // pages whose text was read by OCR
  uint64_t terms = 0;            // distinct terms
  uint64_t postings_length = 0;  // total term occurrences
  uint64_t db_bytes = 0;         // size of the database folder on disk
  uint64_t failures = 0;
  std::string gazetteer;                     // fingerprint of the gazetteer it was built with
  std::vector<std::string> gazetteer_files;  // extra gazetteer files given to the indexer
  uint64_t recognized_before = 0;  // documents left with an older gazetteer's or pipeline's
                                   // recognition (a run that could not read them again)
  std::map<std::string, uint64_t> by_format;
  std::map<std::string, uint64_t> by_language;
  std::optional<RunRecord> last_run;  // none for a database indexed before runs were recorded
                                      // (over several shards: the run that finished last)
  struct Shard {
    std::string name;        // its folder, or HOST:PORT
    uint64_t documents = 0;  // content documents
    uint64_t db_bytes = 0;   // size of its folder (0 for a remote shard)
  };
  std::vector<Shard> shards;                 // one entry for a database folder
  std::vector<std::string> duplicate_paths;  // indexed in more than one shard, as displayed
};

Stats stats(const std::string& db_path);
Stats stats(const IndexReader& reader);

struct Failure {
  std::string path;
  std::string kind;
  std::string message;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};

std::vector<Failure> failures(const std::string& db_path);
std::vector<Failure> failures(const IndexReader& reader);

// Path as shown to users: relative to the current directory when under it, else absolute.
// The current directory is read once, at the first call.
std::string display_path(const std::string& absolute);

}  // namespace concord
