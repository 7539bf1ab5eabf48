// Graph stage (query side): the cross-reference graph of the archive. Nodes are documents,
// entities (organizations, networks, concepts, discovered acronyms...) and symbols (UN
// document symbols, ILO instruments); edges are mentions (document -> entity, weight = mentions
// of the entity in the document) and co-occurrences (entity -- entity, weight = documents in
// scope citing both).
//
// Contract: built from what the indexer stored: entity-term postings (which documents cite
// which entity, and how often) and, for document nodes only, the facts records (path, title,
// date). No page text is read. Filters, applied in this order:
//   path_prefix   only documents under it count (for every weight and node);
//   type          only entities whose type ("organization", "network", "concept", "symbol",
//                 "ilo-instrument", "discovered"...) or kind ("entity", "symbol") equals it;
//   entities      the neighbourhood of these: themselves, the entities cited in a document
//                 with one of them, the documents citing one of them, and every edge among
//                 those nodes (a co-occurrence weight still counts all documents in scope);
//   min_weight    edges lighter than this are dropped;
//   then nodes left without an edge are dropped, except the requested entities.
// Throws UnknownEntityError for a requested entity that resolves to nothing, DatabaseError for
// a missing, unreadable or damaged database. Reads the snapshot it is handed
// (store/reader.h), or one of its own given a database path: thread-safe per call. The
// --path rule is store/path_scope.h's.
//
// JSON (`concord-query graph --format json`, or --json), one object:
//   nodes  [{id, kind, type, label, name, documents, mentions, date?}]
//          id: "doc:" + path as displayed, or "entity:" + entity id ("entity:A/RES/77/281");
//          kind: "document", "entity" or "symbol"; type: the document's format, or the
//          entity's type; label: short label (title or file name; acronym or symbol); name:
//          the path, or the entity's display name; documents/mentions: for an entity, the
//          documents in scope citing it and its mentions there; for a document, 1 and the
//          entity mentions it holds; date: a document's date (ISO, maybe partial), if known
//   edges  [{source, target, kind, weight}]  kind: "mention" (source a document, target an
//          entity) or "co-occurrence" (two entities, source < target)
// Nodes are sorted by kind (documents first) then id; edges by kind, source, target.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace concord {

class IndexReader;

struct GraphOptions {
  std::string db_path;
  std::vector<std::string> entities;  // neighbourhoods of these, as typed; empty = everything
  std::string type;                   // only entities of this type or kind; "" = all
  std::string path_prefix;            // only documents under this path (any form); "" = all
  uint64_t min_weight = 1;            // drop lighter edges
  bool documents = true;              // document nodes and mention edges
};

struct GraphNode {
  std::string id;    // "doc:PATH" or "entity:ID"
  std::string kind;  // "document", "entity", "symbol"
  std::string type;  // document format, or entity type
  std::string label;
  std::string name;
  std::string date;  // documents only; "" if unknown
  uint64_t documents = 0;
  uint64_t mentions = 0;
};

struct GraphEdge {
  std::string source;
  std::string target;
  std::string kind;  // "mention" or "co-occurrence"
  uint64_t weight = 0;
};

struct Graph {
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
};

Graph build_graph(const GraphOptions& options);
// The same on `reader`'s snapshot (options.db_path is not used).
Graph build_graph(const IndexReader& reader, const GraphOptions& options);

}  // namespace concord
