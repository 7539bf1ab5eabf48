// Text, JSON and CSV printers for check findings.
#include "output/render_check.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "output/json_layout.h"
#include "output/render.h"
#include "search/search.h"
#include "util/escape.h"

namespace concord {
namespace {

using nlohmann::json;

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

namespace {

// A finding as json::dump(2) would write it nested four spaces deep in the findings array (keys
// in sorted order, as nlohmann::json's objects keep them), written straight into `out`: tens
// of thousands of findings made into trees of maps first took as long as checking them.
// tests/output/render_check_test.cc compares the two on every kind of finding.
class FindingJson {
 public:
  explicit FindingJson(std::string* out) : out_(*out) {}

  void write(const Finding& f) {
    open('{');
    key("date");
    nullable(f.date);
    key("entity");
    nullable(f.entity_id);
    key("evidence");
    open('{');
    key("authority");
    if (f.evidence.authority) {
      const AuthorityEntry& a = *f.evidence.authority;
      const std::string& title = !a.title_en.empty()   ? a.title_en
                                 : !a.title_fr.empty() ? a.title_fr
                                                       : a.title_es;
      open('{');
      key("adopted");
      nullable(a.adopted);
      key("line");
      number(a.line);
      key("organ");
      string(a.organ);
      key("source");
      string(a.source);
      key("symbol");
      string(a.symbol);
      key("title");
      nullable(title);
      close('}');
    } else {
      out_ += "null";
    }
    key("documents");
    if (f.evidence.documents.empty()) {
      out_ += "[]";
    } else {
      open('[');
      for (const EvidenceDoc& d : f.evidence.documents) {
        item();
        open('{');
        key("date");
        nullable(d.date);
        key("line");
        number(d.line);
        key("page");
        if (d.page)
          number(d.page);
        else
          out_ += "null";
        key("path");
        string(display_path(d.path));
        key("written");
        string(d.written);
        close('}');
      }
      close(']');
    }
    key("documents_total");
    number(f.evidence.documents_total);
    key("note");
    string(f.evidence.note);
    close('}');
    key("id");
    string(f.id);
    key("kind");
    string(kind_name(f.kind));
    key("line");
    number(f.line);
    key("message");
    string(f.message);
    key("page");
    if (f.paged)
      number(f.page);
    else
      out_ += "null";
    key("path");
    string(display_path(f.path));
    key("sentence");
    string(f.sentence);
    key("severity");
    string(severity_name(f.severity));
    key("suggestion");
    nullable(f.suggestion);
    key("title");
    string(f.title);
    key("written");
    string(f.written);
    close('}');
  }

 private:
  // Containers: the first member of each goes on a new line two spaces further in.
  void open(char c) {
    out_ += c;
    firsts_.push_back(true);
    depth_ += 2;
  }
  void close(char c) {
    depth_ -= 2;
    firsts_.pop_back();
    newline();
    out_ += c;
  }
  void item() {
    if (!firsts_.back()) out_ += ',';
    firsts_.back() = false;
    newline();
  }
  void key(std::string_view name) {
    item();
    string(name);
    out_ += ": ";
  }
  void newline() {
    out_ += '\n';
    out_.append(4 + depth_, ' ');  // the findings array's own four spaces
  }
  void string(std::string_view s) {
    // nlohmann's escaping (control characters, quotes, invalid UTF-8 replaced), by the
    // library itself; plain text, the usual case, needs none.
    bool plain = true;
    for (const char c : s) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\') {
        plain = false;
        break;
      }
    }
    if (plain) {
      out_ += '"';
      out_.append(s);
      out_ += '"';
    } else {
      out_ += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
    }
  }
  void nullable(const std::string& s) {
    if (s.empty())
      out_ += "null";
    else
      string(s);
  }
  template <class N>
  void number(N n) {
    out_ += std::to_string(n);
  }

  std::string& out_;
  std::vector<bool> firsts_;
  size_t depth_ = 0;
};

}  // namespace

void append_finding_json(const Finding& f, std::string* out) { FindingJson(out).write(f); }

void write_check_json(std::ostream& os, const CheckReport& r, Severity fail_on) {
  // The layout of json::dump(2) for {"findings": [...], "problems": [...], "summary": {...}},
  // written a finding at a time.
  using output::nested_json;
  std::map<Severity, size_t> counts;
  std::set<std::string> docs;
  os << "{\n  \"findings\": ";
  output::write_json_elements(os, r.findings, [&](const Finding& f, std::string* text) {
    ++counts[f.severity];
    docs.insert(f.path);
    append_finding_json(f, text);
  });
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
  os << ",\n  \"problems\": " << nested_json(problems, "  ") << ",\n  \"summary\": "
     << nested_json(summary, "  ") << "\n}\n";
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
