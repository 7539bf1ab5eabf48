// Text, JSON and CSV printers for check findings.
#include "output/render_check.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "output/render.h"
#include "search/search.h"
#include "util/escape.h"

namespace concord {
namespace {

using nlohmann::json;

json null_if_empty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string location(bool paged, int page, int line) {
  return (paged ? "p" + std::to_string(page) + " " : "") + "line " + std::to_string(line);
}

std::string paint(const std::string& s, const char* code, bool color) {
  return color ? std::string("\033[") + code + "m" + s + "\033[0m" : s;
}

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::kError:
      return "1;31";
    case Severity::kWarning:
      return "1;33";
    case Severity::kInfo:
      return "36";
  }
  return "0";
}

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string evidence_text(const Evidence& e) {
  std::string s = e.note;
  if (!e.documents.empty()) {
    s += "; e.g. ";
    for (size_t i = 0; i < e.documents.size() && i < 3; ++i)
      s += (i ? ", " : "") + util::escape_controls(display_path(e.documents[i].path)) + ":" +
           (e.documents[i].page ? "p" + std::to_string(e.documents[i].page) + ":" : "") +
           std::to_string(e.documents[i].line);
    if (e.documents_total > 3) s += " (" + std::to_string(e.documents_total) + " in all)";
  }
  return s;
}

}  // namespace

bool check_fails(const CheckReport& r, Severity fail_on) {
  for (const Finding& f : r.findings)
    if (f.severity >= fail_on) return true;
  return false;
}

void write_check_text(std::ostream& os, const CheckReport& r, Severity fail_on, bool color) {
  for (const CheckProblem& p : r.problems)
    os << "problem: " << p.source << (p.line ? ":" + std::to_string(p.line) : "") << ": "
       << p.message << "\n";
  std::map<Severity, size_t> counts;
  std::set<std::string> docs;
  std::string current;
  for (const Finding& f : r.findings) {
    ++counts[f.severity];
    docs.insert(f.path);
    if (f.path != current) {
      if (!current.empty()) os << "\n";
      current = f.path;
      os << paint(util::escape_controls(display_path(f.path)), "1", color);
      if (!f.date.empty()) os << "  (" << f.date << ")";
      os << "\n";
    }
    os << "  " << location(f.paged, f.page, f.line) << "  "
       << paint(std::string(severity_name(f.severity)), severity_color(f.severity), color) << "  "
       << kind_name(f.kind) << "\n";
    os << "    \"" << f.written << "\"";
    if (!f.suggestion.empty()) os << "  ->  " << paint(f.suggestion, "1", color);
    os << "\n";
    os << "    " << f.message << "\n";
    os << "    evidence: " << evidence_text(f.evidence) << "\n";
    os << "    id " << f.id << "\n";
  }
  if (!r.findings.empty()) os << "\n";
  if (r.findings.empty()) {
    os << "No findings in " << plural(r.documents_checked, "document") << ".";
  } else {
    os << plural(r.findings.size(), "finding") << " (" << counts[Severity::kError] << " error"
       << (counts[Severity::kError] == 1 ? "" : "s") << ", "
       << plural(counts[Severity::kWarning], "warning") << ", " << counts[Severity::kInfo]
       << " info) in " << docs.size() << " of " << plural(r.documents_checked, "document") << ".";
  }
  if (r.accepted) os << " " << plural(r.accepted, "accepted finding") << " not shown.";
  os << (check_fails(r, fail_on) ? " Failing: findings at or above " : " Nothing at or above ")
     << severity_name(fail_on) << ".\n";
}

void write_check_json(std::ostream& os, const CheckReport& r, Severity fail_on) {
  // The layout of json::dump(2) for {"findings": [...], "problems": [...], "summary": {...}},
  // written a finding at a time.
  const auto nested = [](const json& j, const std::string& indent) {
    std::string text = j.dump(2, ' ', false, json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
      out += c;
      if (c == '\n') out += indent;  // strings hold no raw newline: they are escaped
    }
    return out;
  };
  os << "{\n  \"findings\": [";
  bool first = true;
  std::map<Severity, size_t> counts;
  std::set<std::string> docs;
  for (const Finding& f : r.findings) {
    ++counts[f.severity];
    docs.insert(f.path);
    json ev;
    ev["note"] = f.evidence.note;
    if (f.evidence.authority) {
      const AuthorityEntry& a = *f.evidence.authority;
      const std::string title = !a.title_en.empty()   ? a.title_en
                                : !a.title_fr.empty() ? a.title_fr
                                                      : a.title_es;
      ev["authority"] = {{"symbol", a.symbol},
                         {"organ", a.organ},
                         {"title", null_if_empty(title)},
                         {"adopted", null_if_empty(a.adopted)},
                         {"source", a.source},
                         {"line", a.line}};
    } else {
      ev["authority"] = nullptr;
    }
    json evdocs = json::array();
    for (const EvidenceDoc& d : f.evidence.documents)
      evdocs.push_back({{"path", display_path(d.path)},
                        {"date", null_if_empty(d.date)},
                        {"page", d.page ? json(d.page) : json(nullptr)},
                        {"line", d.line},
                        {"written", d.written}});
    ev["documents"] = evdocs;
    ev["documents_total"] = f.evidence.documents_total;
    const json finding = {{"id", f.id},
                        {"kind", kind_name(f.kind)},
                        {"severity", severity_name(f.severity)},
                        {"path", display_path(f.path)},
                        {"title", f.title},
                        {"date", null_if_empty(f.date)},
                        {"page", f.paged ? json(f.page) : json(nullptr)},
                        {"line", f.line},
                        {"written", f.written},
                        {"entity", null_if_empty(f.entity_id)},
                        {"sentence", f.sentence},
                        {"suggestion", null_if_empty(f.suggestion)},
                        {"message", f.message},
                        {"evidence", ev}};
    os << (first ? "\n    " : ",\n    ") << nested(finding, "    ");
    first = false;
  }
  os << (first ? "]" : "\n  ]");
  json problems = json::array();
  for (const CheckProblem& p : r.problems)
    problems.push_back({{"source", p.source}, {"line", p.line}, {"message", p.message}});
  const json summary = {{"findings", r.findings.size()},
                  {"info", counts[Severity::kInfo]},
                  {"warning", counts[Severity::kWarning]},
                  {"error", counts[Severity::kError]},
                  {"documents", docs.size()},
                  {"documents_checked", r.documents_checked},
                  {"accepted", r.accepted},
                  {"fail_on", severity_name(fail_on)},
                  {"failed", check_fails(r, fail_on)}};
  os << ",\n  \"problems\": " << nested(problems, "  ") << ",\n  \"summary\": "
     << nested(summary, "  ") << "\n}\n";
}

void write_check_csv(std::ostream& os, const CheckReport& r) {
  os << "id,kind,severity,path,page,line,written,suggestion,message,evidence\n";
  std::string out;
  for (const Finding& f : r.findings) {
    out = f.id + "," + std::string(kind_name(f.kind)) + "," +
           std::string(severity_name(f.severity)) + "," + csv_field(util::escape_controls(display_path(f.path))) + "," +
           (f.paged ? std::to_string(f.page) : "") + "," + std::to_string(f.line) + "," +
           csv_field(f.written) + "," + csv_field(f.suggestion) + "," + csv_field(f.message) + "," +
           csv_field(evidence_text(f.evidence)) + "\n";
    os << out;
  }
}

std::string render_check_text(const CheckReport& r, Severity fail_on, bool color) {
  std::ostringstream os;
  write_check_text(os, r, fail_on, color);
  return os.str();
}

std::string render_check_json(const CheckReport& r, Severity fail_on) {
  std::ostringstream os;
  write_check_json(os, r, fail_on);
  return os.str();
}

std::string render_check_csv(const CheckReport& r) {
  std::ostringstream os;
  write_check_csv(os, r);
  return os.str();
}

}  // namespace concord
