// The web interface (concord-web): an HTTP request in, a page out. The HTTP server itself
// lives in the program (web/main.cc); this is the library's side of it, and it knows nothing
// of sockets, so the tests call it directly as well as over HTTP.
//
// Contract:
// - handle() is a pure function of the request and the index: each request reads one fresh
//   snapshot (store/reader.h read_index()), so documents indexed while the server runs appear
//   on the next request and a request never mixes two states of the index.
// - It never writes to the index, and never reads a file from disk but the accept file
//   (page texts come from the index), so only indexed documents can be shown and no path
//   leads anywhere else.
// - Everything shown is escaped by the templates (core/web/assets/*.html: {{x}} escapes,
//   {{{x}}} is used only for a page body the templates made); every link it makes is a
//   site-relative URL it built with its parameters percent-encoded.
// - Bounded: query text, parameter sizes and counts, result offsets, rows per page; a query
//   runs with a time limit (SiteOptions::query_seconds) and then shows what it found.
// - Errors are pages with a status: 400 (a query that does not parse, a bad parameter),
//   401 (credentials required), 404 (no such page, document or entity), 405 (a method other
//   than GET or HEAD, but POST for the check page's review forms), 503 (the database cannot
//   be read: missing, damaged); never a crash.
// - Writes only the reviewed-findings store (SiteOptions::accept_file), and only for a POST
//   carrying the site's token (a random value made when the Site is, put in its forms): a
//   page of another site cannot make a browser accept a finding.
// - Answers that read the whole archive (the check report, the health page, an entity's
//   cross-references) are computed once per index revision and kept (web/revision_cache.h):
//   requests for them while the index stays the same cost a lookup, and the first request
//   after the index changes computes them again.
// - Thread-safe: handle() may run on several threads at once.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace concord {

namespace web {
struct Caches;
}

struct WebRequest {
  std::string method = "GET";
  std::string path = "/";                          // without the query string, decoded
  std::multimap<std::string, std::string> params;  // query-string parameters, decoded
  std::string authorization;                       // the Authorization header, or ""
};

struct WebResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type

  // The value of the first header named `name` (exact case), or "".
  std::string header(const std::string& name) const {
    for (const auto& [k, v] : headers)
      if (k == name) return v;
    return "";
  }
};

struct SiteOptions {
  std::string db_path;
  // When not empty, every request must carry exactly this Authorization header (HTTP Basic:
  // "Basic " + base64(user:password)), else it gets 401 and a Basic challenge.
  std::string authorization;
  double query_seconds = 2.0;  // time limit of one search's match
  // The reviewed-findings store: an accept file (`concord-query check --accept FILE`). When
  // set, the check page accepts and reopens findings in it (POST, with a token that only
  // this site's pages carry); "" = the check page is read-only.
  std::string accept_file;
  // How PDF page images are rendered: a helper program's argv (concord-web sets its own path
  // and "--render-page": extract/pdf_render.h render_page_process()), run once per image and
  // killed after render_seconds, so a page that would take minutes (an image of a billion
  // pixels in a 500 KB file) costs the limit and a 422 page, and a renderer crash is the
  // helper's. Empty: rendered in this process, without a time limit (for tests of pages).
  std::vector<std::string> render_command;
  double render_seconds = 10.0;
};

// Bounds of what a request may ask.
inline constexpr size_t kWebMaxQueryBytes = 2000;
inline constexpr size_t kWebMaxParamBytes = 4096;
inline constexpr size_t kWebMaxParams = 32;
inline constexpr size_t kWebResultsPerPage = 20;
inline constexpr size_t kWebMentionsPerPage = 100;
inline constexpr size_t kWebMaxPageNumber = 500;
inline constexpr size_t kWebSuggestions = 8;  // completions per /suggest answer

class Site {
 public:
  explicit Site(SiteOptions options);
  WebResponse handle(const WebRequest& request) const;

 private:
  SiteOptions options_;
  std::string csrf_;                     // the token of this Site's forms
  std::shared_ptr<web::Caches> caches_;  // answers kept per index revision
};

}  // namespace concord
