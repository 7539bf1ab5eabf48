// Printers for the xref and graph commands (kept apart from render.h, which the other
// commands share; same contract).
//
// Contract: pure functions returning the whole output as a string ending in '\n', or writing
// the same bytes to a stream as they are made (write_*: no second copy of a large output).
// xref JSON follows the schema in xref/xref.h, graph formats the one in graph/graph.h. DOT and
// GraphML escape every label, so any path or title gives valid output.
#pragma once

#include <ostream>
#include <string>

#include "graph/graph.h"
#include "xref/xref.h"

namespace concord {

std::string render_xref_text(const XrefResult& r, bool color);
std::string render_xref_json(const XrefResult& r);
// The same, written to `os` a listed document at a time (with --limit 0, every citing one).
void write_xref_json(std::ostream& os, const XrefResult& r);

std::string render_graph_dot(const Graph& g);
std::string render_graph_graphml(const Graph& g);
std::string render_graph_json(const Graph& g);
// The same, written to `os` as they are made (a graph of 100,000 documents is about 100 MB of
// output: no second copy of it in memory).
void write_graph_dot(std::ostream& os, const Graph& g);
void write_graph_graphml(std::ostream& os, const Graph& g);
void write_graph_json(std::ostream& os, const Graph& g);

}  // namespace concord
