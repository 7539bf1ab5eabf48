// Internal to the query side (xref, graph): a fast reader of the facts record (index/stored_doc.h)
// that keeps only the document's metadata and the page and dates of one entity's mentions.
//
// Why: xref reads the facts of every document citing an entity (all 20,000 of a large
// archive for "SSE"); decode_facts() builds a JSON tree of every mention with its sentence
// first, which costs five to ten times more than walking the MessagePack bytes and keeping
// what is needed. The record layout is the one encode_facts() writes (version byte, zlib,
// MessagePack map; mentions as [entity_id, surface, variant, page, line, start, end,
// sentence, dates]); tests/xref/facts_brief_test.cc checks both agree on real records.
//
// Contract: pure, thread-safe; throws std::runtime_error on a record it cannot read (a
// damaged database is fatal, as with decode_facts()).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace concord {

struct BriefMention {
  int page = 0;                    // 1-based; 0 for unpaged documents
  std::vector<std::string> dates;  // ISO, possibly partial
};

struct BriefFacts {
  std::string path;
  std::string title;
  std::string format;
  std::string date;
  bool paged = false;
  uint32_t pages = 0;
  std::vector<BriefMention> mentions;  // of `entity_id` only, in stored order
};

BriefFacts read_brief_facts(const std::string& value, std::string_view entity_id);

}  // namespace concord
