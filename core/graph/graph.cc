// The cross-reference graph from entity-term postings (weights) and facts records (labels).
#include "graph/graph.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "mentions/mentions.h"
#include "recognize/symbols.h"
#include "search/query_parse.h"
#include "search/search.h"
#include "store/reader.h"

namespace concord {
namespace {

struct Cited {
  size_t entity = 0;  // index into the entity table
  uint64_t mentions = 0;
};

struct EntityStats {
  EntityInfo info;
  bool symbol = false;
  bool wanted = false;  // passes the type filter (or was asked for)
  bool focus = false;   // asked for with --entity
  uint64_t documents = 0;
  uint64_t mentions = 0;
};

std::string entity_node_id(const std::string& id) { return "entity:" + id; }

Graph graph_snapshot(const IndexReader& reader, const GraphOptions& options) {
  const std::shared_ptr<const Gazetteer> shared_gazetteer = reader.gazetteer();
  const Gazetteer& gazetteer = *shared_gazetteer;
  check_entity_type(gazetteer, options.type, {"entity"});
  std::set<std::string> focus;
  for (const std::string& form : options.entities)
    focus.insert(resolve_entity(reader, gazetteer, form));
  const auto scope = reader.documents_in(PathScope(options.path_prefix));

  // Which documents cite which entity, and how often: one walk over every entity posting.
  std::vector<EntityStats> entities;
  std::map<DocId, std::vector<Cited>> cited;  // DocId order
  for (const EntityTerm& t : reader.entities()) {
    EntityStats e;
    const std::string& id = t.id;
    e.info = describe_entity(gazetteer, id);
    e.symbol = is_symbol_id(id);
    e.focus = focus.count(id) > 0;
    e.wanted = e.focus || options.type.empty() || options.type == e.info.type ||
               options.type == (e.symbol ? "symbol" : "entity");
    for (const Posting& p : reader.entity_postings(id)) {
      if (!in_scope(scope, p.doc)) continue;
      ++e.documents;
      e.mentions += p.count;
      if (e.wanted) cited[p.doc].push_back(Cited{entities.size(), p.count});
    }
    entities.push_back(std::move(e));
  }

  // The neighbourhood: documents citing a focus entity, and the entities they cite.
  std::vector<bool> kept_entity(entities.size(), focus.empty());
  std::set<DocId> kept_docs;
  for (const auto& [did, list] : cited) {
    const bool near_focus =
        focus.empty() || std::any_of(list.begin(), list.end(),
                                     [&](const Cited& c) { return entities[c.entity].focus; });
    if (!near_focus) continue;
    kept_docs.insert(did);
    for (const Cited& c : list) kept_entity[c.entity] = true;
  }
  for (size_t i = 0; i < entities.size(); ++i)
    if (entities[i].focus) kept_entity[i] = true;

  // Co-occurrence weights count every document in scope, not only those near the focus.
  std::map<std::pair<size_t, size_t>, uint64_t> together;
  for (const auto& [did, list] : cited)
    for (size_t i = 0; i < list.size(); ++i)
      for (size_t j = i + 1; j < list.size(); ++j) {
        const size_t a = list[i].entity, b = list[j].entity;
        if (!kept_entity[a] || !kept_entity[b]) continue;
        const std::string &ia = entities[a].info.id, &ib = entities[b].info.id;
        ++together[ia < ib ? std::make_pair(a, b) : std::make_pair(b, a)];
      }

  Graph g;
  std::map<std::string, uint64_t> degree;  // node id -> edges kept
  for (const auto& [pair, weight] : together) {
    if (weight < options.min_weight) continue;
    GraphEdge e{entity_node_id(entities[pair.first].info.id),
                entity_node_id(entities[pair.second].info.id), "co-occurrence", weight};
    ++degree[e.source];
    ++degree[e.target];
    g.edges.push_back(std::move(e));
  }
  if (options.documents) {
    FactsFilter metadata_only;  // mention counts come from the postings above
    metadata_only.keep_mention = [](std::string_view, bool) { return false; };
    metadata_only.definitions = false;
    for (DocId did : kept_docs) {
      const DocFacts facts = reader.facts(did, metadata_only);
      GraphNode node;
      node.id = "doc:" + display_path(facts.path);
      node.kind = "document";
      node.type = facts.format;
      node.name = display_path(facts.path);
      node.label =
          facts.title.empty() ? std::filesystem::path(facts.path).filename().string() : facts.title;
      node.date = facts.date;
      node.documents = 1;
      for (const Cited& c : cited[did]) {
        if (!kept_entity[c.entity]) continue;
        node.mentions += c.mentions;
        if (c.mentions < options.min_weight) continue;
        GraphEdge e{node.id, entity_node_id(entities[c.entity].info.id), "mention", c.mentions};
        ++degree[e.source];
        ++degree[e.target];
        g.edges.push_back(std::move(e));
      }
      if (degree.count(node.id)) g.nodes.push_back(std::move(node));
    }
  }
  for (size_t i = 0; i < entities.size(); ++i) {
    const EntityStats& e = entities[i];
    const std::string id = entity_node_id(e.info.id);
    if (!kept_entity[i] || e.documents == 0 || !(e.focus || degree.count(id))) continue;
    GraphNode node;
    node.id = id;
    node.kind = e.symbol ? "symbol" : "entity";
    node.type = e.info.type;
    node.label = e.info.type == "discovered" ? e.info.name : e.info.id;
    node.name = e.info.name;
    node.documents = e.documents;
    node.mentions = e.mentions;
    g.nodes.push_back(std::move(node));
  }
  auto kind_rank = [](const std::string& kind) { return kind == "document" ? 0 : 1; };
  std::sort(g.nodes.begin(), g.nodes.end(), [&](const GraphNode& a, const GraphNode& b) {
    return std::make_pair(kind_rank(a.kind), a.id) < std::make_pair(kind_rank(b.kind), b.id);
  });
  std::sort(g.edges.begin(), g.edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
    return std::tie(a.kind, a.source, a.target) < std::tie(b.kind, b.source, b.target);
  });
  return g;
}

}  // namespace

Graph build_graph(const IndexReader& reader, const GraphOptions& options) {
  return graph_snapshot(reader, options);
}

Graph build_graph(const GraphOptions& options) {
  return read_index(options.db_path,
                    [&](const IndexReader& reader) { return graph_snapshot(reader, options); });
}

}  // namespace concord
