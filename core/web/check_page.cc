// The check review page: the findings of `concord-query check`, grouped, with their evidence,
// and Accept / Reopen kept in the accept file that the command honours.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "check/check.h"
#include "output/render_check.h"
#include "search/search.h"
#include "store/reader.h"
#include "store/run_record.h"
#include "web/pages.h"

namespace concord::web {
namespace {

using nlohmann::json;

constexpr size_t kFindingsPerPage = 100;

struct Reviewed {
  std::shared_ptr<const CheckReport> report;  // every finding, accepted or not
  std::map<std::string, std::string> notes;   // accepted id -> its note
};

// The report of the snapshot's revision, computed once for it (the accept file is read on
// every request: it changes without the index changing).
std::shared_ptr<const CheckReport> report_of(const IndexReader& reader, Caches& caches) {
  return caches.check.get(reader.snapshot(), "check",
                          [&] { return run_check(reader, RunCheckOptions()); });
}

Reviewed reviewed(const IndexReader& reader, const ReviewContext& review, Caches& caches) {
  Reviewed r;
  r.report = report_of(reader, caches);
  if (!review.store.empty()) {
    const AcceptFile store = read_accept_file(review.store);
    r.notes = store.notes;
  }
  return r;
}

std::string place(const Finding& f) {
  return (f.paged ? "page " + std::to_string(f.page) + ", " : "") + "line " +
         std::to_string(f.line);
}

std::string today() { return utc_now().substr(0, 10); }  // YYYY-MM-DD, UTC

// The check page's query string, kept only when it is made of URL-safe characters.
std::string safe_back(const std::string& back) {
  if (back.empty() || back[0] != '?' || back.size() > 1000) return "";
  for (const char c : back)
    if (!(std::isalnum(static_cast<unsigned char>(c)) ||
          std::string_view("?&=%-_.+~").find(c) != std::string_view::npos))
      return "";
  return back;
}

}  // namespace

PageBody check_page(const IndexReader& reader, const Params& params, const ReviewContext& review,
                    Caches& caches) {
  const std::string& kind = params.get("kind");
  const std::string& severity = params.get("severity");
  std::string status = params.get("status");
  if (status.empty()) status = "open";
  if (!kind.empty() && !parse_kind(kind)) throw WebError(400, "unknown kind: " + kind);
  if (!severity.empty() && !parse_severity(severity))
    throw WebError(400, "unknown severity: " + severity);
  if (status != "open" && status != "accepted" && status != "all")
    throw WebError(400, "status is open, accepted or all");
  const size_t page_number = params.page_number("page");
  const Reviewed r = reviewed(reader, review, caches);

  std::vector<const Finding*> shown;
  size_t open = 0, accepted = 0;
  for (const Finding& f : r.report->findings) {
    const bool is_accepted = r.notes.count(f.id) > 0;
    (is_accepted ? accepted : open)++;
    if (!kind.empty() && kind_name(f.kind) != kind) continue;
    if (!severity.empty() && severity_name(f.severity) != severity) continue;
    if ((status == "open" && is_accepted) || (status == "accepted" && !is_accepted)) continue;
    shown.push_back(&f);
  }
  // Grouped by kind (most severe first), then document, then place.
  std::stable_sort(shown.begin(), shown.end(), [](const Finding* a, const Finding* b) {
    if (a->severity != b->severity) return a->severity > b->severity;
    if (a->kind != b->kind) return a->kind < b->kind;
    if (a->path != b->path) return a->path < b->path;
    return std::make_pair(a->page, a->line) < std::make_pair(b->page, b->line);
  });
  const size_t from = (page_number - 1) * kFindingsPerPage;
  const std::string back = "?" + std::string("kind=") + url_encode(kind) +
                           "&severity=" + url_encode(severity) + "&status=" + url_encode(status) +
                           "&page=" + std::to_string(page_number);
  json d = {{"summary",
             plural(r.report->findings.size(), "finding", "findings") + " in " +
                 plural(r.report->documents_checked, "document", "documents") + ": " +
                 std::to_string(open) + " open, " + std::to_string(accepted) + " accepted; " +
                 std::to_string(shown.size()) + " shown here" +
                 (shown.size() > kFindingsPerPage
                      ? " (" + std::to_string(from + 1) + " to " +
                            std::to_string(std::min(shown.size(), from + kFindingsPerPage)) + ")"
                      : "") +
                 "."},
            {"csv_href", "/check/findings.csv"},
            {"can_review", !review.store.empty()},
            {"store", review.store}};
  d["kinds"] = json::array();
  for (const FindingKind k : kAllFindingKinds)
    d["kinds"].push_back(
        {{"value", std::string(kind_name(k))}, {"selected", kind_name(k) == kind}});
  d["severities"] = json::array();
  for (const char* s : {"error", "warning", "info"})
    d["severities"].push_back({{"value", s}, {"selected", severity == s}});
  d["statuses"] = json::array();
  for (const char* s : {"open", "accepted", "all"})
    d["statuses"].push_back({{"value", s}, {"selected", status == s}});
  json groups = json::array();
  for (size_t i = from; i < shown.size() && i < from + kFindingsPerPage; ++i) {
    const Finding& f = *shown[i];
    const std::string group =
        std::string(kind_name(f.kind)) + " (" + std::string(severity_name(f.severity)) + ")";
    if (groups.empty() || groups.back()["kind"] != group)
      groups.push_back({{"kind", group}, {"count", 0}, {"documents", json::array()}});
    json& g = groups.back();
    g["count"] = g["count"].get<int>() + 1;
    const std::string path = display_path(f.path);
    if (g["documents"].empty() || g["documents"].back()["path"] != path)
      g["documents"].push_back({{"path", path},
                                {"title", f.title},
                                {"href", page_link(path, 0)},
                                {"findings", json::array()}});
    json evidence = json::array();
    for (const EvidenceDoc& e : f.evidence.documents) {
      const std::string epath = display_path(e.path);
      evidence.push_back({{"path", epath},
                          {"place", (e.page > 0 ? "page " + std::to_string(e.page) + ", " : "") +
                                        "line " + std::to_string(e.line)},
                          {"written", e.written},
                          {"href", page_link(epath, e.page)}});
    }
    const auto note = r.notes.find(f.id);
    std::string authority;
    if (f.evidence.authority) {
      const AuthorityEntry& a = *f.evidence.authority;
      authority = a.symbol + (a.title_en.empty() ? "" : ": " + a.title_en) +
                  (a.adopted.empty() ? "" : ", adopted " + a.adopted);
    }
    g["documents"].back()["findings"].push_back(
        {{"id", f.id},
         {"severity", std::string(severity_name(f.severity))},
         {"place", place(f)},
         {"href", page_link(path, f.paged ? f.page : 0)},
         {"written", f.written},
         {"has_suggestion", !f.suggestion.empty()},
         {"suggestion", f.suggestion},
         {"message", f.message},
         {"sentence", f.sentence},
         {"has_note", !f.evidence.note.empty()},
         {"note", f.evidence.note},
         {"has_authority", !authority.empty()},
         {"authority", authority},
         {"has_evidence", !evidence.empty()},
         {"evidence", evidence},
         {"more", f.evidence.documents_total > f.evidence.documents.size()
                      ? std::to_string(f.evidence.documents_total - f.evidence.documents.size())
                      : ""},
         {"accepted", note != r.notes.end()},
         {"review", note != r.notes.end() ? note->second : ""},
         {"can_review", !review.store.empty()},
         {"csrf", review.csrf},
         {"back", back}});
  }
  d["groups"] = std::move(groups);
  return {"Citation checks", "", render_template("check", d)};
}

WebResponse check_download(const IndexReader& reader, const ReviewContext& review,
                           Caches& caches) {
  const Reviewed r = reviewed(reader, review, caches);
  CheckReport open = *r.report;
  open.findings.clear();
  for (const Finding& f : r.report->findings)
    if (!r.notes.count(f.id)) open.findings.push_back(f);
  WebResponse out;
  out.content_type = "text/csv; charset=utf-8";
  out.body = render_check_csv(open);
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"findings.csv\"");
  return out;
}

void check_review_form(const Params& params, const ReviewContext& review) {
  if (review.store.empty())
    throw WebError(400, "reviews are off: concord-web was started without --accept FILE");
  if (review.csrf.empty() || !same_secret(params.get("csrf"), review.csrf))
    throw WebError(400, "the form has expired or did not come from this site; reload the page");
}

Finding finding_to_accept(const IndexReader& reader, const std::string& id, Caches& caches) {
  for (const Finding& f : report_of(reader, caches)->findings)
    if (f.id == id) return f;
  throw WebError(404, "no finding has the id " + id);
}

WebResponse apply_review(const Params& params, const ReviewContext& review,
                         const Finding* accepted) {
  const std::string& id = params.get("id");
  if (accepted) {
    const AcceptWrite w = accept_finding(review.store, *accepted, params.get("reviewer"),
                                         params.get("reason"), today());
    if (w.problem) throw std::runtime_error(w.problem->message + ": " + review.store);
  } else {
    const ReopenResult w = reopen_finding(review.store, id);
    if (w.problem) throw std::runtime_error(w.problem->message + ": " + review.store);
    if (w.removed == 0) throw WebError(404, "the accept file does not list " + id);
  }
  WebResponse out;
  out.status = 303;
  out.headers.emplace_back("Location",
                           "/check" + safe_back(params.get("back")) + "#f-" + url_encode(id));
  return out;
}

}  // namespace concord::web
