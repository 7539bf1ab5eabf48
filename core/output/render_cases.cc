// Text and JSON printers for the cases command.
#include "output/render_cases.h"

#include <nlohmann/json.hpp>
#include <sstream>

namespace concord {
namespace {

using nlohmann::json;

std::string bold(const std::string& s, bool color) { return color ? "\033[1m" + s + "\033[0m" : s; }

// "~ID=surface", the item syntax of cases files.
std::string item_form(const FoundMention& m) {
  return (m.variant ? "~" : "") + m.id + "=" + m.surface;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : " | ") + s;
  return out;
}

std::string join_mentions(const std::vector<FoundMention>& mentions) {
  std::vector<std::string> forms;
  for (const FoundMention& m : mentions) forms.push_back(item_form(m));
  return join(forms);
}

std::string location(const Case& c) { return c.source + ":" + std::to_string(c.line); }

// What differs, on one line: missing items, forbidden mentions, the other mentions.
std::string differences(const CaseResult& r) {
  std::vector<std::string> parts;
  if (!r.error.empty()) parts.push_back(r.error);
  if (!r.missing.empty()) parts.push_back("missing " + join(r.missing));
  if (!r.forbidden_found.empty()) {
    std::vector<std::string> hits;
    for (const ForbiddenHit& h : r.forbidden_found)
      hits.push_back(item_form(h.mention) + (h.item == "*" ? " (not expected, *)" : ""));
    parts.push_back("forbidden " + join(hits));
  }
  if (!r.unexpected.empty()) parts.push_back("also found " + join_mentions(r.unexpected));
  if (r.found.empty() && r.error.empty()) parts.push_back("nothing found");
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

json mention_json(const FoundMention& m) {
  return {{"id", m.id},
          {"surface", m.surface},
          {"variant", m.variant},
          {"page", m.page ? json(m.page) : json(nullptr)},
          {"line", m.line}};
}

json written_items(const std::vector<CaseItem>& items, bool star) {
  json out = json::array();
  for (const CaseItem& i : items) out.push_back(i.written);
  if (star) out.push_back("*");
  return out;
}

}  // namespace

std::string render_cases_text(const CasesReport& r, bool all, bool color) {
  std::ostringstream os;
  for (const CaseResult& c : r.results) {
    if (c.passed && !all) continue;
    os << (c.passed ? "ok   " : bold("FAIL", color) + " ") << location(c.spec) << " "
       << c.spec.name;
    if (!c.passed) os << ": " << differences(c);
    os << "\n";
    if (all) os << "     found: " << (c.found.empty() ? "nothing" : join_mentions(c.found)) << "\n";
  }
  os << r.results.size() << (r.results.size() == 1 ? " case, " : " cases, ") << r.passed()
     << " passed, " << r.failed() << " failed";
  if (!r.problems.empty())
    os << "; " << r.problems.size() << (r.problems.size() == 1 ? " problem" : " problems")
       << " in the input files (on stderr)";
  os << ".\n";
  return os.str();
}

std::string render_cases_problems_text(const CasesReport& r) {
  std::string out;
  for (const CaseProblem& p : r.problems)
    out += p.source + (p.line > 0 ? ":" + std::to_string(p.line) : "") + ": " +
           (p.skipped ? "" : "warning: ") + p.message + "\n";
  return out;
}

std::string render_cases_json(const CasesReport& r) {
  json cases = json::array();
  for (const CaseResult& c : r.results) {
    json forbidden_found = json::array();
    for (const ForbiddenHit& h : c.forbidden_found) {
      json hit = mention_json(h.mention);
      hit["item"] = h.item;
      forbidden_found.push_back(hit);
    }
    json found = json::array();
    for (const FoundMention& m : c.found) found.push_back(mention_json(m));
    json unexpected = json::array();
    for (const FoundMention& m : c.unexpected) unexpected.push_back(mention_json(m));
    cases.push_back({{"name", c.spec.name},
                     {"source", c.spec.source},
                     {"line", c.spec.line},
                     {"passed", c.passed},
                     {"text", c.spec.text},
                     {"note", c.spec.note},
                     {"expected", written_items(c.spec.expected, false)},
                     {"forbidden", written_items(c.spec.forbidden, c.spec.only_expected)},
                     {"missing", c.missing},
                     {"forbidden_found", forbidden_found},
                     {"unexpected", unexpected},
                     {"found", found},
                     {"error", c.error.empty() ? json(nullptr) : json(c.error)}});
  }
  json problems = json::array();
  for (const CaseProblem& p : r.problems)
    problems.push_back(
        {{"source", p.source}, {"line", p.line}, {"message", p.message}, {"skipped", p.skipped}});
  json j;
  j["sources"] = r.sources;
  j["gazetteer"] = {{"fingerprint", r.gazetteer_fingerprint}, {"files", r.gazetteer_files}};
  j["cases"] = cases;
  j["summary"] = {{"cases", r.results.size()},
                  {"passed", r.passed()},
                  {"failed", r.failed()},
                  {"problems", r.problems.size()}};
  j["problems"] = problems;
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace concord
