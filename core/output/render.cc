// Text and JSON printers for every command's results.
#include "output/render.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/stored_doc.h"
#include "util/escape.h"

namespace concord {
namespace {

using nlohmann::json;

std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

json null_if_empty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string fmt_double(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string human_bytes(uint64_t b) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(b);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  return (u == 0 ? std::to_string(b) : fmt_double(v, 1)) + " " + units[u];
}

std::string pages_text(const std::vector<int>& pages) {
  std::string s;
  for (size_t i = 0; i < pages.size(); ++i) {
    // Compress runs: 1, 2, 3, 5 -> 1-3, 5
    size_t j = i;
    while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) ++j;
    if (!s.empty()) s += ", ";
    s += std::to_string(pages[i]);
    if (j > i) s += "-" + std::to_string(pages[j]);
    i = j;
  }
  return s;
}

}  // namespace

std::string csv_field(const std::string& raw) {
  // A field a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return
  // before one) is kept as text by a leading apostrophe (OWASP's advice for CSV injection).
  const bool formula = !raw.empty() && std::string_view("=+-@\t\r").find(raw[0]) != std::string_view::npos;
  const std::string value = formula ? "'" + raw : raw;
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// One line per word also searched as an entity, so nobody wonders why a word matched
// documents that do not contain it.
std::string expansions_text(const SearchResults& r) {
  std::string out;
  for (const QuerySpec::Expansion& e : r.expanded) {
    const bool quoted = e.typed.find(' ') != std::string::npos;
    out += "Also searched: " + util::escape_controls(quoted ? "\"" + e.typed + "\"" : e.typed) +
           " as " + util::escape_controls(e.field + ":" + e.id) +
           (e.name == e.id ? "" : " (" + util::escape_controls(e.name) + ")") +
           ", in every written form" +
           (quoted ? "" : "; quote it (\"" + util::escape_controls(e.typed) + "\") for the word alone") + ".\n";
  }
  return out;
}

namespace {

// "12 documents match", or when the total was not counted to the end, its bounds and Xapian's
// estimate: "Between 10000 and 100000 documents match (about 30000)".
std::string total_text(const SearchResults& r) {
  if (r.total_lower == r.total_upper)
    return std::to_string(r.total) + (r.total == 1 ? " document matches" : " documents match");
  return "Between " + std::to_string(r.total_lower) + " and " + std::to_string(r.total_upper) +
         " documents match (about " + std::to_string(r.total) + ")";
}

}  // namespace

std::string render_search_text(const SearchResults& r, bool color) {
  std::ostringstream os;
  os << expansions_text(r);
  if (r.results.empty() && r.total_upper > 0) {  // --limit 0, or an offset past the end
    os << total_text(r) << "; none shown (--limit 0, or --offset past the last)\n";
    return os.str();
  }
  if (r.results.empty()) {
    os << "No documents match " << r.query << "\n";
    return os.str();
  }
  const size_t first = r.results.front().rank, last = r.results.back().rank;
  os << total_text(r) << "; showing " << first << "-" << last << ".\n";
  for (const SearchHit& h : r.results) {
    os << "\n" << h.rank << ". " << (color ? "\033[1m" : "") << util::escape_controls(h.title)
       << (color ? "\033[0m" : "")
       << "\n   " << util::escape_controls(h.path) << "  [" << h.format;
    if (!h.date.empty()) os << ", " << h.date;
    os << ", " << h.language << "]";
    if (!h.pages.empty()) os << "  page" << (h.pages.size() > 1 ? "s " : " ") << pages_text(h.pages);
    if (!h.ocr_pages.empty())
      os << (h.ocr_pages.size() == h.pages.size() ? " (OCR)" : " (OCR: " + pages_text(h.ocr_pages) + ")");
    os << "  score " << fmt_double(h.score, 2) << "\n";
    if (!h.snippet.empty()) {
      std::string s;
      size_t at = 0;
      for (const Span& sp : h.highlights) {
        s += h.snippet.substr(at, sp.start - at);
        s += color ? "\033[1m" : "";
        s += h.snippet.substr(sp.start, sp.end - sp.start);
        s += color ? "\033[0m" : "";
        at = sp.end;
      }
      s += h.snippet.substr(at);
      os << "   " << s << "\n";
    }
  }
  return os.str();
}

std::string render_search_json(const SearchResults& r) {
  json results = json::array();
  for (const SearchHit& h : r.results) {
    json spans = json::array();
    for (const Span& s : h.highlights) spans.push_back({s.start, s.end});
    results.push_back({{"rank", h.rank},
                       {"path", h.path},
                       {"title", h.title},
                       {"format", h.format},
                       {"date", null_if_empty(h.date)},
                       {"language", h.language},
                       {"pages", h.pages},
                       {"ocr_pages", h.ocr_pages},
                       {"score", h.score},
                       {"percent", h.percent},
                       {"snippet", h.snippet},
                       {"highlights", spans}});
  }
  json expanded = json::array();
  for (const QuerySpec::Expansion& e : r.expanded)
    expanded.push_back({{"typed", e.typed}, {"entity", e.id}, {"name", e.name}});
  return dump({{"query", r.query},
               {"total", r.total},
               {"total_lower", r.total_lower},
               {"total_upper", r.total_upper},
               {"expanded", expanded},
               {"results", results}});
}

std::string render_show_text(const ShownDoc& d) {
  std::ostringstream os;
  os << util::escape_controls(d.title) << "\n"
     << util::escape_controls(d.path) << "  [" << d.format << ", " << d.language;
  if (!d.date.empty()) os << ", " << d.date;
  os << ", " << d.page_count << " page" << (d.page_count == 1 ? "" : "s") << "]\n";
  for (const auto& [num, text] : d.pages) {
    if (num > 0) os << "\n--- page " << num << (is_ocr_page(d.ocr_pages, num) ? " (OCR) ---\n" : " ---\n");
    else os << "\n";
    os << text;
    if (!text.empty() && text.back() != '\n') os << "\n";
  }
  return os.str();
}

std::string render_show_json(const ShownDoc& d) {
  json pages = json::array();
  for (const auto& [num, text] : d.pages)
    pages.push_back({{"page", num > 0 ? json(num) : json(nullptr)},
                     {"ocr", is_ocr_page(d.ocr_pages, num)},
                     {"text", text}});
  return dump({{"path", d.path},
               {"title", d.title},
               {"format", d.format},
               {"language", d.language},
               {"date", null_if_empty(d.date)},
               {"author", null_if_empty(d.author)},
               {"description", null_if_empty(d.description)},
               {"encoding", d.encoding},
               {"size", d.size},
               {"hash", d.hash},
               {"page_count", d.page_count},
               {"pages", pages}});
}

std::string render_stats_text(const Stats& s) {
  std::ostringstream os;
  if (s.shards.size() > 1) {
    os << "Database   " << s.shards.size() << " shards (" << human_bytes(s.db_bytes) << ")\n";
    for (const Stats::Shard& shard : s.shards)
      os << "  " << util::escape_controls(shard.name) << ": " << shard.documents << " documents"
         << (shard.db_bytes ? " (" + human_bytes(shard.db_bytes) + ")" : std::string(", remote"))
         << "\n";
  } else {
    os << "Database   " << util::escape_controls(s.db_path) << " (" << human_bytes(s.db_bytes)
       << ")\n";
  }
  os << "Documents  " << s.documents << "\n";
  for (const auto& [k, v] : s.by_format) os << "  " << k << std::string(9 - std::min<size_t>(k.size(), 8), ' ') << v << "\n";
  os << "Languages\n";
  for (const auto& [k, v] : s.by_language) os << "  " << k << "       " << v << "\n";
  os << "Pages      " << s.pages;
  if (s.ocr_pages) os << " (" << s.ocr_pages << " read by OCR)";
  os << "\n"
     << "Terms      " << s.terms << " distinct, " << s.postings_length << " occurrences\n"
     << "Failures   " << s.failures << (s.failures ? " (see: concord-query failures)" : "") << "\n"
     << "Gazetteer  " << (s.gazetteer.empty() ? "(none recorded)" : s.gazetteer);
  if (s.gazetteer_files.empty()) os << " (built-in)";
  for (const std::string& f : s.gazetteer_files) os << " + " << f;
  os << "\n";
  if (s.recognized_before)
    os << "  " << s.recognized_before << " document" << (s.recognized_before == 1 ? "" : "s")
       << (s.recognized_before == 1 ? " keeps" : " keep")
       << " what an older gazetteer or Concord version recognized: run concord-index over "
          "their roots\n";
  if (s.last_run) {
    const RunRecord& r = *s.last_run;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", r.seconds);
    os << "Last run   " << r.finished << ", " << seconds << " s" << (r.interrupted ? ", interrupted" : "")
       << ": " << r.files << " files, " << r.added << " added, " << r.updated << " updated, "
       << r.unchanged << " unchanged, " << r.removed << " removed, " << r.failed << " failed, "
       << r.skipped << " skipped\n";
  }
  if (!s.duplicate_paths.empty()) {
    os << "Duplicates " << s.duplicate_paths.size() << " file"
       << (s.duplicate_paths.size() == 1 ? " is" : "s are")
       << " indexed in more than one shard (counted in each):\n";
    for (size_t i = 0; i < s.duplicate_paths.size() && i < 10; ++i)
      os << "  " << util::escape_controls(s.duplicate_paths[i]) << "\n";
    if (s.duplicate_paths.size() > 10)
      os << "  … and " << s.duplicate_paths.size() - 10 << " more (--json lists them all)\n";
  }
  return os.str();
}

std::string render_stats_json(const Stats& s) {
  return dump({{"database", s.db_path},
               {"documents", s.documents},
               {"by_format", s.by_format},
               {"by_language", s.by_language},
               {"pages", s.pages},
               {"ocr_pages", s.ocr_pages},
               {"terms", s.terms},
               {"term_occurrences", s.postings_length},
               {"db_bytes", s.db_bytes},
               {"failures", s.failures},
               {"gazetteer",
                {{"fingerprint", s.gazetteer},
                 {"files", s.gazetteer_files},
                 {"recognized_before", s.recognized_before}}},
               {"shards", [&] {
                  json list = json::array();
                  for (const Stats::Shard& shard : s.shards)
                    list.push_back({{"name", shard.name},
                                    {"documents", shard.documents},
                                    {"db_bytes", shard.db_bytes}});
                  return list;
                }()},
               {"duplicate_paths", s.duplicate_paths},
               {"last_run", s.last_run ? json{{"finished", s.last_run->finished},
                                              {"seconds", s.last_run->seconds},
                                              {"files", s.last_run->files},
                                              {"added", s.last_run->added},
                                              {"updated", s.last_run->updated},
                                              {"unchanged", s.last_run->unchanged},
                                              {"removed", s.last_run->removed},
                                              {"failed", s.last_run->failed},
                                              {"skipped", s.last_run->skipped},
                                              {"interrupted", s.last_run->interrupted}}
                                       : json(nullptr)}});
}

std::string render_failures_text(const std::vector<Failure>& f) {
  if (f.empty()) return "No failed files.\n";
  std::ostringstream os;
  os << f.size() << " file" << (f.size() == 1 ? "" : "s") << " failed:\n";
  for (const Failure& x : f)
    os << "  " << util::escape_controls(x.path) << ": " << x.kind << ": " << util::escape_controls(x.message)
       << "\n";
  return os.str();
}

std::string render_failures_json(const std::vector<Failure>& f) {
  json arr = json::array();
  for (const Failure& x : f)
    arr.push_back({{"path", x.path}, {"kind", x.kind}, {"message", x.message}, {"size", x.size}});
  return dump({{"failures", arr}});
}

std::string render_failures_csv(const std::vector<Failure>& f) {
  std::string out = "path,kind,message,size\n";
  for (const Failure& x : f)
    out += csv_field(util::escape_controls(x.path)) + "," + csv_field(x.kind) + "," +
           csv_field(util::escape_controls(x.message)) + "," +
           std::to_string(x.size) + "\n";
  return out;
}

std::string render_index_summary_text(const IndexSummary& s) {
  std::ostringstream os;
  os << "Indexed " << s.total << " file" << (s.total == 1 ? "" : "s") << " in "
     << fmt_double(s.elapsed_s, 2) << " s: " << s.added << " added, " << s.updated << " updated, "
     << s.unchanged << " unchanged, " << s.removed << " removed, " << s.skipped << " skipped, "
     << s.failed << " failed";
  if (s.excluded) os << ", " << s.excluded << " excluded";
  os << "\n";
  if (s.ocr_pages)
    os << "  " << s.ocr_pages << " PDF page" << (s.ocr_pages == 1 ? "" : "s") << " read by OCR ("
       << s.ocr_cached << " from the OCR cache)\n";
  if (s.compacted)
    os << "  database compacted: " << fmt_double(s.compacted->bytes_before / 1048576.0, 1)
       << " -> " << fmt_double(s.compacted->bytes_after / 1048576.0, 1) << " MiB in "
       << fmt_double(s.compacted->seconds, 2) << " s\n";
  for (const IndexNotice& n : s.notices)
    os << "  " << (n.path.empty() ? "" : util::escape_controls(n.path) + ": ") << n.kind << ": "
       << util::escape_controls(n.message) << "\n";
  return os.str();
}

std::string render_index_summary_json(const IndexSummary& s, const std::string& db_path) {
  json notices = json::array();
  for (const IndexNotice& n : s.notices)
    notices.push_back({{"path", n.path}, {"kind", n.kind}, {"message", n.message}});
  return dump({{"database", db_path},
               {"files", s.total},
               {"added", s.added},
               {"updated", s.updated},
               {"unchanged", s.unchanged},
               {"removed", s.removed},
               {"skipped", s.skipped},
               {"failed", s.failed},
               {"excluded", s.excluded},
               {"ocr_pages", s.ocr_pages},
               {"ocr_cached", s.ocr_cached},
               {"ocr_skipped", s.ocr_skipped},
               {"bytes", s.bytes},
               {"elapsed_s", s.elapsed_s},
               {"interrupted", s.interrupted},
               {"compacted", s.compacted ? json{{"bytes_before", s.compacted->bytes_before},
                                                {"bytes_after", s.compacted->bytes_after},
                                                {"seconds", s.compacted->seconds}}
                                         : json()},
               {"notices", notices}});
}

}  // namespace concord
