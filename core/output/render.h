// Printers: turn the plain result structs into text (for people) or JSON (for scripts).
//
// Contract: pure functions returning the whole output as a string (ending in '\n'). Text
// output uses ANSI bold for highlights only when `color` is true (a terminal). JSON output
// is one document; schemas are documented in the README and stable.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "index/indexer.h"
#include "mentions/mentions.h"
#include "search/search.h"

namespace concord {

std::string render_search_text(const SearchResults& r, bool color);
std::string render_search_json(const SearchResults& r);

std::string render_show_text(const ShownDoc& d);
std::string render_show_json(const ShownDoc& d);

std::string render_stats_text(const Stats& s);
std::string render_stats_json(const Stats& s);

std::string render_failures_text(const std::vector<Failure>& f);
std::string render_failures_json(const std::vector<Failure>& f);
std::string render_failures_csv(const std::vector<Failure>& f);

std::string render_index_summary_text(const IndexSummary& s);
std::string render_index_summary_json(const IndexSummary& s, const std::string& db_path);

// Mentions: text shows the context with the mention (MentionRow::context_start/end, the
// occurrence recognized) in bold on a terminal, in [brackets] otherwise. JSON, JSONL and CSV
// carry those offsets, and CSV the document's title, date and language (README schemas).
std::string render_mentions_text(const MentionsResult& r, bool color);
std::string render_mentions_json(const MentionsResult& r);
std::string render_mentions_jsonl(const MentionsResult& r);  // one mention per line
std::string render_mentions_csv(const MentionsResult& r);

// The same printers, writing to `out` as rows come (a listing of 100,000 mentions is never
// held whole): header() once, row() for each mention, finish() at the end. The output equals
// the render_mentions_* function's for the same rows.
enum class MentionsFormat { text, json, jsonl, csv };
class MentionsPrinter {
 public:
  MentionsPrinter(std::ostream& out, MentionsFormat format, bool color);
  void header(const MentionsHeader& h);
  void row(const MentionRow& m);
  void finish();

 private:
  std::ostream& out_;
  MentionsFormat format_;
  bool color_;
  std::string entity_id_, last_path_;
  uint64_t rows_ = 0;
};

std::string render_entities_text(const std::vector<EntitySummary>& e);
std::string render_entities_json(const std::vector<EntitySummary>& e);
std::string render_entities_csv(const std::vector<EntitySummary>& e);

// RFC 4180 CSV field quoting; a field starting with =, +, -, @, tab or carriage return gets a
// leading apostrophe, so that a spreadsheet shows it rather than running it as a formula.
std::string csv_field(const std::string& value);

}  // namespace concord
