// Internal to core/web: the pages of the web interface, each a function of the request's
// parameters and one snapshot, returning the page's body (inside the layout, site.cc) or a
// download. Every page is a printer of the library's answers (search, show, xref, mentions,
// stats): no query is implemented twice.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "check/check.h"
#include "search/suggest.h"
#include "web/revision_cache.h"
#include "web/site.h"

namespace concord {

class IndexReader;

namespace web {

// A request the site refuses with `status` (400 a bad parameter, 404 nothing there);
// the message is shown escaped.
class WebError : public std::runtime_error {
 public:
  WebError(int status, const std::string& message) : std::runtime_error(message), status(status) {}
  int status;
};

// The request's parameters: one value per name (the first), bounded in size.
class Params {
 public:
  explicit Params(const std::multimap<std::string, std::string>& params);
  // The value, or "" when absent.
  const std::string& get(const std::string& name) const;
  // A whole number from 1 to kWebMaxPageNumber, 1 when absent; WebError 400 otherwise.
  size_t page_number(const std::string& name) const;

 private:
  std::map<std::string, std::string> values_;
};

struct PageBody {
  std::string title;  // the <title>
  std::string query;  // shown in the search box
  std::string html;   // the body, rendered (escaped) by its template
};

// The answers a Site keeps per index revision (web/revision_cache.h): those that read every
// document (the check report, the health page) or every citing document (an entity's
// cross-references, without its concordance, which reads only the rows shown).
struct Caches {
  RevisionCache<CheckReport> check{1};
  RevisionCache<nlohmann::json> entity{64};  // entity page data by the id asked
  RevisionCache<PageBody> health{1};
  RevisionCache<SuggestionIndex> suggest{1};  // the archive's entities, for completion
};

PageBody search_page(const IndexReader& reader, const Params& params, double query_seconds);
PageBody document_page(const IndexReader& reader, const Params& params);
PageBody entity_page(const IndexReader& reader, const Params& params, Caches& caches);
PageBody health_page(const IndexReader& reader, Caches& caches);
PageBody error_page(const std::string& heading, const std::string& message);
// /doc/page.png?path=P&page=N&q=Q: page N of an indexed PDF as printed, rendered from the
// file on disk, the query's words boxed. 404 for a document not in the index or not a PDF,
// 409 when the file changed (size or modification time) since it was indexed, 422 when it
// cannot be rendered.
// 422 too when rendering took longer than the site's limit (SiteOptions::render_command).
WebResponse page_image(const IndexReader& reader, const Params& params, const SiteOptions& site);
// /suggest?q=TEXT: completions of the last word of a query box (search/suggest.h) as JSON,
// {"query": TEXT, "suggestions": [{"value", "label", "id", "name", "type", "matched",
// "documents"}]}, at most kWebSuggestions.
WebResponse suggest_download(const IndexReader& reader, const Params& params, Caches& caches);
// Every mention of the entity, with the entity page's filters, as CSV or JSON lines.
WebResponse mentions_download(const IndexReader& reader, const Params& params, bool csv);

// The template `name` (core/web/assets/NAME.html) rendered with `data`: the pages build
// their data as JSON (objects, lists, strings, numbers, booleans; null is false).
std::string render_template(std::string_view name, const nlohmann::json& data);

// Percent-encodes everything but RFC 3986's unreserved characters.
std::string url_encode(std::string_view text);
// "/PATH?k=v&...#anchor" with the values percent-encoded; empty values are left out.
std::string link(std::string_view path,
                 std::initializer_list<std::pair<const char*, std::string>> kv,
                 std::string_view anchor = {});
std::string entity_link(const std::string& id);
// The document page's window holding `page` (1-based; 0: the first), at `anchor` (default:
// the page's own, "pN").
std::string page_link(const std::string& path, int page, std::string_view anchor = {});
std::string plural(uint64_t n, const char* one, const char* many);

// What the check page needs besides the index: the reviewed-findings store (an accept file;
// "" = read-only) and the token its forms must carry.
struct ReviewContext {
  std::string store;
  std::string csrf;
};

PageBody check_page(const IndexReader& reader, const Params& params, const ReviewContext& review,
                    Caches& caches);
// The findings as CSV (render_check_csv), those the store has accepted left out.
WebResponse check_download(const IndexReader& reader, const ReviewContext& review,
                           Caches& caches);
// The review forms (POST /check/accept and /check/reopen), in steps, so that the store is
// written after the snapshot is read (read_index() may run its function again, and a write
// there would be done twice): check_review_form() refuses a site without a store or a form
// without this site's token (WebError 400); finding_to_accept() finds the finding on the
// snapshot (WebError 404 for an id that is not a finding of the archive now);
// apply_review() accepts it (or, given nullptr, reopens the form's id: 404 when the store
// does not list it) and returns a 303 back to the page (`back`: its query string).
void check_review_form(const Params& params, const ReviewContext& review);
Finding finding_to_accept(const IndexReader& reader, const std::string& id, Caches& caches);
WebResponse apply_review(const Params& params, const ReviewContext& review,
                         const Finding* accepted);

// A database location for people: several shards (one per line) on one line.
std::string shown_location(std::string location);

// True when `a` equals `b`, compared in a time that does not depend on where they differ.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace web
}  // namespace concord
