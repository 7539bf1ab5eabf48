// Printers for the xref and graph commands: text and JSON for xref; DOT, GraphML, JSON graphs.
#include "output/render_xref.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>

#include "output/json_layout.h"
#include "util/escape.h"
#include "util/unicode.h"

namespace concord {
namespace {

using nlohmann::json;

std::string dump(const json& j) {
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

json entity_json(const EntityInfo& e) { return {{"id", e.id}, {"type", e.type}, {"name", e.name}}; }

json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// JSON has no infinity: a pair never cited together has PMI -inf, written as null.
json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json association_json(const Association& a) {
  return {{"entity", entity_json(a.entity)},        {"documents", a.documents},
          {"entity_documents", a.entity_documents}, {"expected", a.scores.expected},
          {"pmi", number_or_null(a.scores.pmi)},    {"g2", a.scores.g2}};
}

std::string plural(uint64_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string format(const char* fmt, auto... args) {
  char buf[1024];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

std::string heading(const std::string& title, bool color) {
  return "\n" + (color ? "\033[1m" + title + "\033[0m" : title) + "\n";
}

std::string shown(size_t shown, size_t total) {
  return shown < total ? " (" + std::to_string(shown) + " of " + std::to_string(total) + ")" : "";
}

void associations_text(const std::vector<Association>& list, std::ostringstream& os) {
  size_t w = 6;
  for (const Association& a : list) w = std::max(w, std::min<size_t>(a.entity.id.size(), 28));
  os << format("  %-*s %6s %6s %8s %7s  %s\n", static_cast<int>(w), "ENTITY", "TOGETH", "DOCS",
               "G2", "PMI", "NAME");
  for (const Association& a : list) {
    const std::string pmi = std::isfinite(a.scores.pmi) ? format("%+.2f", a.scores.pmi) : "-inf";
    os << format("  %-*s %6llu %6llu %8.2f %7s  %s\n", static_cast<int>(w), a.entity.id.c_str(),
                 static_cast<unsigned long long>(a.documents),
                 static_cast<unsigned long long>(a.entity_documents), a.scores.g2, pmi.c_str(),
                 a.entity.name == a.entity.id ? "" : a.entity.name.c_str());
  }
}

// XML 1.0 text: escaped, control characters dropped, malformed UTF-8 replaced.
std::string xml_escape(const std::string& s) {
  std::string out;
  for (size_t pos = 0; pos < s.size();) {
    const char32_t cp = util::next_code_point(s, &pos);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') break;
        if (cp == 0xFFFE || cp == 0xFFFF) break;
        util::append_utf8(cp, &out);
    }
  }
  return out;
}

// A DOT double-quoted string (backslashes and quotes escaped, line breaks as \n).
std::string dot_quote(const std::string& s) {
  std::string out = "\"";
  for (size_t pos = 0; pos < s.size();) {
    const char32_t cp = util::next_code_point(s, &pos);
    if (cp == '"' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp >= 0x20) {
      util::append_utf8(cp, &out);
    }
  }
  return out + "\"";
}

std::string clip(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  return std::string(util::truncate_utf8(s, max_bytes)) + "...";
}

// Fill colours by node type, so kinds of entities tell apart in a picture.
const char* fill_colour(const GraphNode& n) {
  if (n.kind == "document") return "#f2f2f2";
  if (n.kind == "symbol") return "#fde2b8";
  if (n.type == "organization") return "#cfe3f7";
  if (n.type == "network") return "#d6efd0";
  if (n.type == "concept") return "#f9d0d0";
  if (n.type == "event") return "#e6d7f2";
  return "#ffffff";
}

}  // namespace

std::string render_xref_text(const XrefResult& r, bool color) {
  std::ostringstream os;
  os << (color ? "\033[1m" : "") << r.entity.id << (color ? "\033[0m" : "");
  if (r.entity.name != r.entity.id) os << " - " << r.entity.name;
  os << " (" << r.entity.type << ")\n";
  os << "Cited in " << plural(r.citing_documents, "document") << " of " << r.archive_documents
     << (r.scope.empty() ? " in the archive" : " under " + r.scope) << ", "
     << plural(r.mentions, "mention") << "\n";
  for (const XrefDocument& d : r.itself)
    os << "The document itself: " << d.path << (d.title.empty() ? "" : " - " + d.title) << "\n";
  if (!r.first_date.empty())
    os << "First document: " << r.first_date << "; last: " << r.last_date << "\n";
  if (r.documents == 0) return os.str();

  os << heading("Documents, most mentions first" + shown(r.document_list.size(), r.documents),
                color);
  for (const XrefDocument& d : r.document_list) {
    std::string where;
    for (int p : d.mention_pages) where += (where.empty() ? "p. " : ", ") + std::to_string(p);
    os << format("  %4llu  %-10s  ", static_cast<unsigned long long>(d.mentions),
                 d.date.empty() ? "-" : d.date.c_str())
       << util::escape_controls(d.path);
    if (d.pages > 0)
      os << "  (" << plural(d.pages, "page") << (where.empty() ? "" : "; " + where) << ")";
    if (d.itself) os << "  [the document itself]";
    os << "\n";
    if (!d.title.empty()) os << "              " << util::escape_controls(d.title) << "\n";
  }

  os << heading("Cited with, ranked by log-likelihood (signed G2)" +
                    shown(r.co_occurring.size(), r.co_occurring_total),
                color);
  os << "  TOGETH: documents citing both; DOCS: documents citing the other entity; PMI in bits\n";
  if (r.documents == r.archive_documents)
    os << "  (cited in every document in scope, so nothing is cited with it more or less than by\n"
          "  chance: G2 and PMI are 0 and the list is ordered by TOGETH)\n";
  if (r.co_occurring.empty())
    os << "  (no other entity)\n";
  else
    associations_text(r.co_occurring, os);

  os << heading("Written forms", color);
  for (const FormCount& f : r.forms)
    os << format("  %6llu  ", static_cast<unsigned long long>(f.mentions)) << f.surface << "  ("
       << plural(f.documents, "document") << (f.variant ? "; variant" : "") << ")\n";

  os << heading("Dates cited with it" + shown(r.cited_dates.size(), r.cited_dates_total), color);
  if (r.cited_dates.empty()) os << "  (none)\n";
  for (const DateCount& d : r.cited_dates)
    os << "  " << format("%-10s", d.date.c_str()) << "  " << plural(d.mentions, "mention") << " in "
       << plural(d.documents, "document") << "\n";

  if (r.symbol) {
    os << heading("Symbol family " + r.symbol->family, color);
    for (const FamilyMember& m : r.symbol->members)
      os << "  " << format("%-28s %-12s", m.id.c_str(), m.role.c_str()) << " "
         << plural(m.documents, "document") << ", " << plural(m.mentions, "mention")
         << (m.source == "authority" ? "  (authority file)" : "") << "\n";
    os << heading("Other symbols cited alongside", color);
    if (r.symbol->cited_with.empty())
      os << "  (none)\n";
    else
      associations_text(r.symbol->cited_with, os);
  }
  return os.str();
}

void write_xref_json(std::ostream& os, const XrefResult& r) {
  json itself = json::array();
  for (const XrefDocument& d : r.itself)
    itself.push_back({{"path", d.path},
                      {"title", d.title},
                      {"date", or_null(d.date)},
                      {"format", d.format},
                      {"pages", d.pages}});
  json co = json::array();
  for (const Association& a : r.co_occurring) co.push_back(association_json(a));
  json forms = json::array();
  for (const FormCount& f : r.forms)
    forms.push_back({{"surface", f.surface},
                     {"variant", f.variant},
                     {"mentions", f.mentions},
                     {"documents", f.documents}});
  json dates = json::array();
  for (const DateCount& d : r.cited_dates)
    dates.push_back({{"date", d.date}, {"mentions", d.mentions}, {"documents", d.documents}});
  json symbol = nullptr;
  if (r.symbol) {
    json members = json::array();
    for (const FamilyMember& m : r.symbol->members)
      members.push_back({{"id", m.id},
                         {"role", m.role},
                         {"documents", m.documents},
                         {"mentions", m.mentions},
                         {"source", m.source}});
    json with = json::array();
    for (const Association& a : r.symbol->cited_with) with.push_back(association_json(a));
    symbol = {{"family", r.symbol->family}, {"members", members}, {"cited_with", with}};
  }
  // Everything but the document list (every citing document with --limit 0) as one tree;
  // the list is written in its place a document at a time. The key's line can only be
  // dump()'s own: it starts with a line break, and strings hold none unescaped.
  const std::string rest = dump({{"entity", entity_json(r.entity)},
                                 {"scope", or_null(r.scope)},
                                 {"archive_documents", r.archive_documents},
                                 {"documents", r.documents},
                                 {"citing_documents", r.citing_documents},
                                 {"mentions", r.mentions},
                                 {"itself", itself},
                                 {"first_date", or_null(r.first_date)},
                                 {"last_date", or_null(r.last_date)},
                                 {"ranking", "g2"},
                                 {"document_list", nullptr},
                                 {"co_occurring", co},
                                 {"co_occurring_total", r.co_occurring_total},
                                 {"forms", forms},
                                 {"cited_dates", dates},
                                 {"symbol", symbol}});
  const std::string key = "\n  \"document_list\": ";
  const size_t at = rest.find(key + "null") + key.size();
  os.write(rest.data(), static_cast<std::streamsize>(at));
  output::write_json_array(os, r.document_list, [](const XrefDocument& d) {
    return json{{"path", d.path},
                {"title", d.title},
                {"date", or_null(d.date)},
                {"format", d.format},
                {"pages", d.pages},
                {"mention_pages", d.mention_pages},
                {"mentions", d.mentions},
                {"itself", d.itself}};
  });
  os << std::string_view(rest).substr(at + 4);  // after "null"
}

std::string render_xref_json(const XrefResult& r) {
  std::ostringstream os;
  write_xref_json(os, r);
  return os.str();
}

void write_graph_dot(std::ostream& os, const Graph& g) {
  os << "digraph concord {\n"
        "  graph [overlap=false, splines=true, outputorder=edgesfirst, fontname=\"Helvetica\"];\n"
        "  node [fontname=\"Helvetica\", fontsize=10, style=filled];\n"
        "  edge [fontname=\"Helvetica\", fontsize=7, fontcolor=\"#666666\", "
        "color=\"#55555599\"];\n";
  for (const GraphNode& n : g.nodes) {
    const char* shape = n.kind == "document" ? "note" : n.kind == "symbol" ? "box" : "ellipse";
    os << "  " << dot_quote(n.id) << " [label=" << dot_quote(clip(n.label, 40))
       << ", tooltip=" << dot_quote(n.name) << ", shape=" << shape << ", fillcolor=\""
       << fill_colour(n) << "\", kind=" << dot_quote(n.kind) << ", type=" << dot_quote(n.type)
       << ", documents=" << n.documents << ", mentions=" << n.mentions << "];\n";
  }
  for (const GraphEdge& e : g.edges) {
    // Line width grows with the log of the weight, so heavy edges stand out without hiding
    // the others.
    const double pen = 0.5 + 0.6 * std::log2(static_cast<double>(std::max<uint64_t>(e.weight, 1)));
    os << "  " << dot_quote(e.source) << " -> " << dot_quote(e.target) << " [weight=" << e.weight
       << ", label=\"" << e.weight << "\", penwidth=" << format("%.2f", pen)
       << (e.kind == "co-occurrence" ? ", dir=none" : ", arrowsize=0.5")
       << ", kind=" << dot_quote(e.kind) << "];\n";
  }
  os << "}\n";
}

void write_graph_graphml(std::ostream& os, const Graph& g) {
  os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
        "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
        "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        "  <key id=\"kind\" for=\"all\" attr.name=\"kind\" attr.type=\"string\"/>\n"
        "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
        "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
        "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
        "  <key id=\"date\" for=\"node\" attr.name=\"date\" attr.type=\"string\"/>\n"
        "  <key id=\"documents\" for=\"node\" attr.name=\"documents\" attr.type=\"long\"/>\n"
        "  <key id=\"mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"long\"/>\n"
        "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"long\"/>\n"
        "  <graph id=\"concord\" edgedefault=\"undirected\">\n";
  auto data = [&](const char* key, const std::string& value) {
    os << "      <data key=\"" << key << "\">" << xml_escape(value) << "</data>\n";
  };
  for (const GraphNode& n : g.nodes) {
    os << "    <node id=\"" << xml_escape(n.id) << "\">\n";
    data("kind", n.kind);
    data("type", n.type);
    data("label", n.label);
    data("name", n.name);
    if (!n.date.empty()) data("date", n.date);
    data("documents", std::to_string(n.documents));
    data("mentions", std::to_string(n.mentions));
    os << "    </node>\n";
  }
  size_t k = 0;
  for (const GraphEdge& e : g.edges) {
    os << "    <edge id=\"e" << k++ << "\" source=\"" << xml_escape(e.source) << "\" target=\""
       << xml_escape(e.target) << "\" directed=\"" << (e.kind == "mention" ? "true" : "false")
       << "\">\n";
    data("kind", e.kind);
    data("weight", std::to_string(e.weight));
    os << "    </edge>\n";
  }
  os << "  </graph>\n</graphml>\n";
}

void write_graph_json(std::ostream& os, const Graph& g) {
  // {"edges": [...], "nodes": [...]} (dump() orders keys), an element at a time: the tree of
  // a whole archive's graph took four times the memory of the graph itself.
  os << "{\n  \"edges\": ";
  output::write_json_array(os, g.edges, [](const GraphEdge& e) {
    return json{{"source", e.source}, {"target", e.target}, {"kind", e.kind}, {"weight", e.weight}};
  });
  os << ",\n  \"nodes\": ";
  output::write_json_array(os, g.nodes, [](const GraphNode& n) {
    json j = {
        {"id", n.id},     {"kind", n.kind},           {"type", n.type},        {"label", n.label},
        {"name", n.name}, {"documents", n.documents}, {"mentions", n.mentions}};
    if (!n.date.empty()) j["date"] = n.date;
    return j;
  });
  os << "\n}\n";
}

std::string render_graph_dot(const Graph& g) {
  std::ostringstream os;
  write_graph_dot(os, g);
  return os.str();
}

std::string render_graph_graphml(const Graph& g) {
  std::ostringstream os;
  write_graph_graphml(os, g);
  return os.str();
}

std::string render_graph_json(const Graph& g) {
  std::ostringstream os;
  write_graph_json(os, g);
  return os.str();
}

}  // namespace concord
