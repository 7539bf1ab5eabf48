// Mentions stage (query side): every mention of one entity, and the catalogue of entities.
//
// Contract: reads the mention records stored at index time (no text is rescanned), on the
// snapshot it is handed (store/reader.h) or, given a database path, on one of its own. ENTITY is
// any form a user types (acronym in any case, long form, variant, symbol in any written form,
// a discovered acronym). Throws UnknownEntityError (with the closest names) for a form that
// resolves to nothing, DatabaseError for a missing, unreadable or damaged database.
// Thread-safe per call.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace concord {

struct EntityInfo {
  std::string id;    // "UNTFSSE", "A/RES/77/281", "discovered:RESAM"
  std::string type;  // "organization", "symbol", "ilo-instrument", "discovered", ...
  std::string name;  // display name
};

class Gazetteer;
class IndexReader;

// Type and display name of an entity id (gazetteer entry, symbol, or discovered acronym).
EntityInfo describe_entity(const Gazetteer& gazetteer, const std::string& id);

struct MentionRow {
  std::string path;   // as displayed (relative to the current directory when under it)
  std::string title;
  std::string date;   // document date
  std::string language;   // document language: "en", "fr", "es"
  std::string entity_id;  // differs from the asked id only with --family
  int page = 0;       // 1-based; 0 for unpaged documents
  int line = 0;
  uint32_t start = 0;  // byte offsets within the page text
  uint32_t end = 0;
  std::string surface;
  bool variant = false;
  bool ocr = false;     // the page's text was read by OCR (ocr/ocr.h)
  std::string context;  // the sentence
  // Byte offsets of the mention within `context`: the occurrence recognized, not the first
  // one with the same text. Both 0 when unknown (never for a mention found in `context`).
  uint32_t context_start = 0;
  uint32_t context_end = 0;
  std::vector<std::string> dates;
};

struct MentionsOptions {
  std::string db_path;
  std::string entity;       // as typed
  bool family = false;      // include /Rev, /Corr, /Add members (and bracketed-year forms)
  std::string path_prefix;  // only documents under this path (any form); "" = all
  std::string language;     // only documents in this language ("en", "fr", "es"); "" = all
  std::string form;         // only mentions written exactly so (a surface form); "" = all
  uint64_t offset = 0;      // streaming: skip the listing's first `offset` mentions (whole
                            // documents skipped by their counts, without reading them)
};

// What a listing holds, counted from the index's postings before any mention is read (the
// entity terms' within-document frequencies, which the indexer writes one per mention).
struct MentionsHeader {
  EntityInfo entity;
  uint64_t documents = 0;
  uint64_t mentions = 0;
};

struct MentionsResult {
  EntityInfo entity;
  size_t documents = 0;
  std::vector<MentionRow> mentions;  // grouped by document (path order), then page, line
};

// Streams the listing in the order of MentionsResult::mentions, one document's mentions in
// memory at a time: returns the header, having called `row` for each mention until it returns
// false. Memory: the citing documents' paths, plus one document's mentions.
MentionsHeader stream_mentions(const IndexReader& reader, const MentionsOptions& options,
                               const std::function<bool(MentionRow&&)>& row);
// The header alone (no mention record is read).
MentionsHeader count_mentions(const IndexReader& reader, const MentionsOptions& options);
// The same on a database path, for printing as rows come: `header` is called once, before any
// row. When an indexer's commits overtake the snapshot being read (store/reader.h), the
// listing goes on from a fresh snapshot after the last row given: no row is given twice
// (rows of the new snapshot that sort before it are not given).
void stream_mentions(const MentionsOptions& options,
                     const std::function<void(const MentionsHeader&)>& header,
                     const std::function<bool(MentionRow&&)>& row);

MentionsResult list_mentions(const MentionsOptions& options);
// The same on `reader`'s snapshot (options.db_path is not used).
MentionsResult list_mentions(const IndexReader& reader, const MentionsOptions& options);

struct EntitySummary {
  EntityInfo entity;
  bool discovered = false;
  uint64_t documents = 0;
  uint64_t mentions = 0;
  struct Form {
    std::string surface;
    bool variant = false;
    uint64_t mentions = 0;
  };
  std::vector<Form> forms;  // every written form seen, most frequent first
};

struct EntitiesOptions {
  std::string db_path;
  std::string type;         // only this type ("organization", "symbol"...); "" = all
  bool discovered = false;  // only entities discovered from definitions in the text
};

// The entity types a --type option may name: those of the gazetteer's entities, "symbol" and
// "discovered", sorted.
std::vector<std::string> entity_types(const Gazetteer& gazetteer);
// Throws QueryError (search/search.h; exit 2) naming the types when `type` is none of them
// ("" is fine: every type).
void check_entity_type(const Gazetteer& gazetteer, const std::string& type,
                       const std::vector<std::string>& more = {});

// Every entity mentioned in the archive, most documents first. An unknown options.type
// throws QueryError with the known types.
std::vector<EntitySummary> list_entities(const EntitiesOptions& options);
std::vector<EntitySummary> list_entities(const IndexReader& reader, const EntitiesOptions& options);

}  // namespace concord
