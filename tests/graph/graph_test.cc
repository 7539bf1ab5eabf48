// The cross-reference graph: weights equal the counts, filters shrink it as documented, and
// the three formats parse (DOT with Graphviz, GraphML as XML, JSON).
#include "graph/graph.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "output/render_xref.h"
#include "search/search.h"
#include "support.h"
#include "xref/archive_fixture.h"

namespace fs = std::filesystem;
using concord::test::xref_archive;

namespace {

concord::Graph graph(std::vector<std::string> entities = {}, std::string type = "",
                     std::string path = "", uint64_t min_weight = 1, bool documents = true) {
  concord::GraphOptions o;
  o.db_path = xref_archive().db;
  o.entities = std::move(entities);
  o.type = std::move(type);
  o.path_prefix = std::move(path);
  o.min_weight = min_weight;
  o.documents = documents;
  return concord::build_graph(o);
}

std::set<std::string> node_ids(const concord::Graph& g, const std::string& kind = "") {
  std::set<std::string> out;
  for (const auto& n : g.nodes)
    if (kind.empty() || n.kind == kind) out.insert(n.id);
  return out;
}

// Document nodes by file name ("a1.txt"), whatever the display path.
std::set<std::string> doc_names(const concord::Graph& g) {
  std::set<std::string> out;
  for (const auto& n : g.nodes)
    if (n.kind == "document") out.insert(fs::path(n.name).filename().string());
  return out;
}

uint64_t weight(const concord::Graph& g, const std::string& kind, const std::string& a,
                const std::string& b) {
  for (const auto& e : g.edges)
    if (e.kind == kind && ((e.source == a && e.target == b) || (e.source == b && e.target == a)))
      return e.weight;
  return 0;
}

std::string doc_id(const concord::Graph& g, const std::string& file) {
  for (const auto& n : g.nodes)
    if (n.kind == "document" && fs::path(n.name).filename() == file) return n.id;
  return "";
}

bool have(const std::string& program) { return fs::exists(program); }

}  // namespace

TEST_CASE("graph weights equal the counts", "[graph]") {
  const concord::Graph g = graph();
  CHECK(doc_names(g).size() == 8);
  struct Case {
    const char* a;
    const char* b;
    uint64_t documents;
  };
  const std::vector<Case> together = {{"UNRISD", "UNTFSSE", 4},
                                      {"ILO", "OECD", 4},
                                      {"ILO", "UNTFSSE", 4},
                                      {"OECD", "UNTFSSE", 2},
                                      {"A/RES/77/281", "UNRISD", 2},
                                      {"A/RES/78/1", "UNTFSSE", 1},
                                      {"A/RES/77/281/Rev.1", "OECD", 1}};
  for (const Case& c : together) {
    CAPTURE(c.a, c.b);
    CHECK(weight(g, "co-occurrence", std::string("entity:") + c.a, std::string("entity:") + c.b) ==
          c.documents);
  }
  CHECK(weight(g, "co-occurrence", "entity:UNRISD", "entity:A/RES/77/281/Rev.1") == 0);
  CHECK(weight(g, "mention", doc_id(g, "a1.txt"), "entity:UNTFSSE") == 2);
  CHECK(weight(g, "mention", doc_id(g, "a2.txt"), "entity:UNTFSSE") == 1);
  for (const auto& e : g.edges) {
    if (e.kind == "co-occurrence") CHECK(e.source < e.target);
    if (e.kind == "mention") CHECK(e.source.rfind("doc:", 0) == 0);
  }
  std::map<std::string, const concord::GraphNode*> by_id;
  for (const auto& n : g.nodes) by_id[n.id] = &n;
  REQUIRE(by_id.count("entity:ILO"));
  CHECK(by_id["entity:ILO"]->documents == 8);
  CHECK(by_id["entity:ILO"]->kind == "entity");
  CHECK(by_id["entity:ILO"]->type == "organization");
  CHECK(by_id["entity:A/RES/77/281"]->kind == "symbol");
  CHECK(by_id[doc_id(g, "a3.txt")]->date == "2023-04-18");
  CHECK(by_id[doc_id(g, "a3.txt")]->label == "Note three");
}

TEST_CASE("graph filters", "[graph]") {
  const concord::Graph all = graph();
  SECTION("entity neighbourhood") {
    const concord::Graph g = graph({"OECD"});
    CHECK(doc_names(g) == std::set<std::string>{"a1.txt", "a2.txt", "b1.txt", "b2.txt"});
    CHECK(node_ids(g, "entity") ==
          std::set<std::string>{"entity:ILO", "entity:OECD", "entity:UNRISD", "entity:UNTFSSE"});
    CHECK(node_ids(g, "symbol") == std::set<std::string>{"entity:A/RES/77/281/Rev.1"});
    // Weights still count every document in scope.
    CHECK(weight(g, "co-occurrence", "entity:UNRISD", "entity:UNTFSSE") == 4);
    CHECK(g.edges.size() < all.edges.size());
  }
  SECTION("type") {
    const concord::Graph g = graph({}, "symbol", "", 1, false);
    CHECK(node_ids(g, "entity").empty());
    CHECK(node_ids(g, "symbol") ==
          std::set<std::string>{"entity:A/RES/77/281", "entity:A/RES/77/281/Corr.1",
                                "entity:A/RES/78/1"});  // Rev.1 is cited with no other symbol
    CHECK(node_ids(graph({}, "organization")).count("entity:A/RES/77/281") == 0);
  }
  SECTION("path") {
    const concord::Graph g = graph({}, "", xref_archive().dir.str() + "/other");
    CHECK(doc_names(g) == std::set<std::string>{"b1.txt", "b2.txt", "b3.txt", "b4.txt"});
    CHECK(node_ids(g, "entity") == std::set<std::string>{"entity:ILO", "entity:OECD"});
    CHECK(weight(g, "co-occurrence", "entity:ILO", "entity:OECD") == 2);
  }
  SECTION("minimum weight and no documents") {
    const concord::Graph g = graph({}, "", "", 4, false);
    CHECK(doc_names(g).empty());
    for (const auto& e : g.edges) {
      CHECK(e.kind == "co-occurrence");
      CHECK(e.weight >= 4);
    }
    CHECK(node_ids(g) ==
          std::set<std::string>{"entity:ILO", "entity:OECD", "entity:UNRISD", "entity:UNTFSSE"});
  }
  SECTION("unknown entity") { CHECK_THROWS_AS(graph({"QQQQQQQ"}), concord::UnknownEntityError); }
}

TEST_CASE("graph JSON, written an element at a time, has dump(2)'s layout", "[graph]") {
  // The writer streams a graph of any size; its bytes must be those of the whole tree.
  concord::Graph one;
  one.nodes.push_back({"doc:a \"b\".txt", "document", "text", "T\u00e9", "a \"b\".txt", "", 1, 2});
  one.nodes.push_back(
      {"entity:ILO", "entity", "organization", "ILO", "International\nLabour", "", 3, 4});
  one.edges.push_back({"doc:a \"b\".txt", "entity:ILO", "mention", 2});
  concord::Graph nodes_only;
  nodes_only.nodes = one.nodes;
  for (const concord::Graph& g : {concord::Graph{}, one, nodes_only, graph()}) {
    const std::string out = concord::render_graph_json(g);
    const auto tree = nlohmann::json::parse(out);
    CHECK(tree["nodes"].size() == g.nodes.size());
    CHECK(tree["edges"].size() == g.edges.size());
    CHECK(out == tree.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  }
}

TEST_CASE("graph formats parse", "[graph][cli]") {
  const concord::Graph g = graph();
  SECTION("JSON") {
    const auto out =
        concord::test::run({CONCORD_QUERY_BIN, "--db", xref_archive().db, "--json", "graph"});
    REQUIRE(out.exit_code == 0);
    const auto j = nlohmann::json::parse(out.out);
    REQUIRE(j["nodes"].size() == g.nodes.size());
    REQUIRE(j["edges"].size() == g.edges.size());
    for (const auto& n : j["nodes"])
      for (const char* key : {"id", "kind", "type", "label", "name", "documents", "mentions"})
        CHECK(n.contains(key));
    std::set<std::string> ids;
    for (const auto& n : j["nodes"]) ids.insert(n["id"].get<std::string>());
    for (const auto& e : j["edges"]) {
      CHECK(ids.count(e["source"].get<std::string>()));
      CHECK(ids.count(e["target"].get<std::string>()));
      CHECK(e["weight"].get<uint64_t>() >= 1);
    }
  }
  SECTION("DOT") {
    const std::string dot = concord::render_graph_dot(g);
    CHECK_THAT(dot, Catch::Contains("Note \\\"two\\\" with a back\\\\slash"));  // escaped title
    if (!have("/usr/bin/dot")) {
      WARN("graphviz not installed: DOT output not parsed");
      return;
    }
    concord::test::TempDir tmp;
    const std::string file = tmp.write("g.dot", dot);
    const auto out = concord::test::run({"/usr/bin/dot", "-Tplain", file});
    REQUIRE(out.exit_code == 0);
    CHECK(out.err.empty());
    size_t nodes = 0, edges = 0;
    for (size_t at = 0; at < out.out.size();) {
      const size_t nl = out.out.find('\n', at);
      const std::string line = out.out.substr(at, nl - at);
      if (line.rfind("node ", 0) == 0) ++nodes;
      if (line.rfind("edge ", 0) == 0) ++edges;
      at = nl == std::string::npos ? out.out.size() : nl + 1;
    }
    CHECK(nodes == g.nodes.size());
    CHECK(edges == g.edges.size());
  }
  SECTION("GraphML") {
    const auto out = concord::test::run(
        {CONCORD_QUERY_BIN, "--db", xref_archive().db, "graph", "--format", "graphml"});
    REQUIRE(out.exit_code == 0);
    const std::string& xml = out.out;
    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
    for (const char* key : {"<key id=\"weight\" for=\"edge\"", "<key id=\"type\" for=\"node\"",
                            "<key id=\"label\" for=\"node\""})
      CHECK_THAT(xml, Catch::Contains(key));
    auto count = [&](const std::string& what) {
      size_t n = 0;
      for (size_t at = xml.find(what); at != std::string::npos; at = xml.find(what, at + 1)) ++n;
      return n;
    };
    CHECK(count("<node ") == g.nodes.size());
    CHECK(count("</node>") == g.nodes.size());
    CHECK(count("<edge ") == g.edges.size());
    CHECK(count("\"") % 2 == 0);
    CHECK_THAT(xml, Catch::Contains("Note &quot;two&quot; with a back\\slash"));
    if (have("/usr/bin/xmllint")) {
      concord::test::TempDir tmp;
      const auto lint =
          concord::test::run({"/usr/bin/xmllint", "--noout", tmp.write("g.graphml", xml)});
      CHECK(lint.exit_code == 0);
      CHECK(lint.err.empty());
    } else {
      WARN("xmllint not installed: GraphML checked structurally only");
    }
  }
  SECTION("bad arguments") {
    const auto bad = concord::test::run(
        {CONCORD_QUERY_BIN, "--db", xref_archive().db, "graph", "--format", "svg"});
    CHECK(bad.exit_code == 2);
  }
}
