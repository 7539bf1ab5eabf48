// check --json writes each finding straight to text; it must be exactly what dumping the
// finding as a JSON tree (the documented schema, keys in sorted order, two-space indent,
// nested four spaces deep in the findings array) gives, for every shape a finding takes.
#include "output/render_check.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "search/search.h"

namespace {

using concord::Finding;
using json = nlohmann::json;

json null_if_empty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// The reference: the finding as a tree, dumped, each line indented by four more spaces.
std::string as_tree(const Finding& f) {
  json ev;
  ev["note"] = f.evidence.note;
  if (f.evidence.authority) {
    const concord::AuthorityEntry& a = *f.evidence.authority;
    const std::string title = !a.title_en.empty()   ? a.title_en
                              : !a.title_fr.empty() ? a.title_fr
                                                    : a.title_es;
    ev["authority"] = {{"symbol", a.symbol},         {"organ", a.organ},
                       {"title", null_if_empty(title)}, {"adopted", null_if_empty(a.adopted)},
                       {"source", a.source},         {"line", a.line}};
  } else {
    ev["authority"] = nullptr;
  }
  json docs = json::array();
  for (const concord::EvidenceDoc& d : f.evidence.documents)
    docs.push_back({{"path", concord::display_path(d.path)},
                    {"date", null_if_empty(d.date)},
                    {"page", d.page ? json(d.page) : json(nullptr)},
                    {"line", d.line},
                    {"written", d.written}});
  ev["documents"] = docs;
  ev["documents_total"] = f.evidence.documents_total;
  const json j = {{"id", f.id},
                  {"kind", concord::kind_name(f.kind)},
                  {"severity", concord::severity_name(f.severity)},
                  {"path", concord::display_path(f.path)},
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
  std::string out;
  for (const char c : j.dump(2, ' ', false, json::error_handler_t::replace)) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

Finding plain() {
  Finding f;
  f.id = "0123456789abcdef";
  f.kind = concord::FindingKind::kConflictingCitation;
  f.severity = concord::Severity::kError;
  f.path = "/archive/2023/a.txt";
  f.title = "A title";
  f.date = "2023-04-18";
  f.paged = true;
  f.page = 3;
  f.line = 14;
  f.written = "resolution 77/218";
  f.entity_id = "A/RES/77/218";
  f.sentence = "Recalling resolution 77/218 of 18 April 2023.";
  f.suggestion = "A/RES/77/281";
  f.message = "A/RES/77/218 is cited with the adoption date of A/RES/77/281";
  f.evidence.note = "authority file: A/RES/77/281";
  return f;
}

}  // namespace

TEST_CASE("a finding written straight to JSON equals its tree dumped", "[check][output]") {
  struct Case {
    const char* why;
    Finding finding;
  };
  std::vector<Case> cases;
  cases.push_back({"no authority, no documents", plain()});
  {
    Finding f = plain();
    concord::AuthorityEntry a;
    a.symbol = "A/RES/77/281";
    a.organ = "General Assembly";
    a.title_fr = "Promouvoir l’économie sociale et solidaire";
    a.adopted = "2023-04-18";
    a.source = "built-in";
    a.line = 12;
    f.evidence.authority = std::make_shared<const concord::AuthorityEntry>(a);
    f.evidence.documents = {{"/archive/b.txt", "2023-05", 2, 7, "resolution 77/281"},
                            {"/archive/c.pdf", "", 0, 1, "77/281"}};
    f.evidence.documents_total = 12;
    cases.push_back({"authority (French title only) and evidence documents", f});
  }
  {
    Finding f = plain();
    concord::AuthorityEntry a;
    a.symbol = "S/RES/242(1967)";
    // Every optional field empty.
    f.evidence.authority = std::make_shared<const concord::AuthorityEntry>(a);
    f.paged = false;
    f.page = 0;
    f.date.clear();
    f.entity_id.clear();
    f.suggestion.clear();
    cases.push_back({"unpaged, empty fields as null", f});
  }
  {
    Finding f = plain();
    f.sentence = "Quotes \" and \\ backslash, tab\t, bell\x07, DEL\x7f, é, “curly”";
    f.title = std::string("bad UTF-8 \xff\xfe here");
    f.written = "\x1b[31mred";
    f.evidence.documents = {{"/archive/x\ny.txt", "2023", 1, 1, "line\nbreak"}};
    cases.push_back({"escapes and invalid UTF-8", f});
  }
  for (const Case& c : cases) {
    CAPTURE(c.why);
    std::string direct;
    concord::append_finding_json(c.finding, &direct);
    CHECK(direct == as_tree(c.finding));
  }
}
