// A streaming reader of the facts record (store/stored_doc.h) that keeps only what the caller
// asks for, without building a JSON tree.
//
// Why: the xref, graph and check commands read the facts of thousands of documents, often for
// one entity or only the metadata; decode_facts() first builds a tree of every mention with
// its sentence. read_facts() follows nlohmann::json's MessagePack SAX events and fills a
// DocFacts directly, so what the filter drops is parsed but never stored.
//
// Contract: pure and thread-safe; the result equals decode_facts() minus what the filter
// drops (tests/store/facts_reader_test.cc checks this on the bundled corpus). Throws
// DamagedRecordError (stored_doc.h) on a record it cannot read (a damaged database is
// fatal, as with decode_facts()), including one missing a field that decode_facts() requires.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "store/stored_doc.h"

namespace concord {

// Which parts of the record read_facts() keeps. The default keeps everything.
struct FactsFilter {
  // Called for each stored mention, in order, with its entity id and variant flag; only the
  // mentions it accepts are kept. Empty (the default) keeps every mention. Must not throw.
  std::function<bool(std::string_view entity_id, bool variant)> keep_mention;
  // Whether kept mentions carry their surface form and sentence; when false, both are left
  // empty (the sentence is most of a mention's size).
  bool surfaces = true;
  bool sentences = true;
  // Whether acronym definitions are kept; when false, DocFacts::definitions is left empty.
  bool definitions = true;
};

// Reads a value of slot schema::kSlotFacts as written by encode_facts(). The metadata fields
// (path, title, format, language, date, paged, pages) are always filled. `dictionaries`: the
// database's (util/compress.h), for a record compressed with one.
DocFacts read_facts(const std::string& value, const FactsFilter& filter = {},
                    const util::Dictionaries* dictionaries = nullptr);

// The same, into `into`, whatever it held (an earlier record, or moved from): its memory (the
// mentions, their strings) is written over, so that a thread reading record after record
// allocates little. On an exception `into` holds part of the record.
void read_facts(const std::string& value, const FactsFilter& filter,
                const util::Dictionaries* dictionaries, DocFacts* into);

}  // namespace concord
