// The web interface's front: credentials, routing, the layout, security headers, and every
// error turned into a page with its status.
#include "web/site.h"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <random>
#include <string_view>

#include "extract/extract.h"
#include "store/errors.h"
#include "store/reader.h"
#include "web/pages.h"

namespace concord {
namespace data {
extern const char* const kWeb_layout_html;
extern const char* const kWeb_search_html;
extern const char* const kWeb_doc_html;
extern const char* const kWeb_entity_html;
extern const char* const kWeb_health_html;
extern const char* const kWeb_error_html;
extern const char* const kWeb_check_html;
extern const char* const kWeb_concord_css;
extern const char* const kWeb_concord_js;
}  // namespace data

namespace web {
namespace {

namespace mustache = kainjow::mustache;

mustache::data to_mustache(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data d;
      for (const auto& [key, value] : j.items()) d.set(key, to_mustache(value));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mustache::data list{mustache::data::type::list};
      for (const auto& value : j) list.push_back(to_mustache(value));
      return list;
    }
    case nlohmann::json::value_t::string:
      return mustache::data(j.get<std::string>());
    case nlohmann::json::value_t::boolean:
      return mustache::data(j.get<bool>());
    case nlohmann::json::value_t::null:
      return mustache::data(false);
    default:  // numbers
      return mustache::data(j.dump());
  }
}

const char* template_text(std::string_view name) {
  if (name == "layout") return data::kWeb_layout_html;
  if (name == "search") return data::kWeb_search_html;
  if (name == "doc") return data::kWeb_doc_html;
  if (name == "entity") return data::kWeb_entity_html;
  if (name == "health") return data::kWeb_health_html;
  if (name == "error") return data::kWeb_error_html;
  if (name == "check") return data::kWeb_check_html;
  throw std::logic_error("no web template named " + std::string(name));
}

// Headers on every answer: no script runs but the site's own file (no inline script, no
// event attribute), nothing loads from elsewhere, nothing is framed; an injected tag that
// slipped through escaping would still do nothing.
void secure(WebResponse* r) {
  r->headers.emplace_back("Content-Security-Policy",
                          "default-src 'none'; script-src 'self'; connect-src 'self'; "
                          "style-src 'self'; img-src 'self'; form-action 'self'; "
                          "frame-ancestors 'none'; base-uri 'none'");
  r->headers.emplace_back("X-Content-Type-Options", "nosniff");
  r->headers.emplace_back("Referrer-Policy", "no-referrer");
  r->headers.emplace_back("X-Frame-Options", "DENY");
}

}  // namespace

std::string shown_location(std::string location) {
  std::replace(location.begin(), location.end(), '\n', ' ');
  return location;
}

bool same_secret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  return diff == 0;
}

std::string render_template(std::string_view name, const nlohmann::json& data) {
  mustache::mustache tmpl{std::string(template_text(name))};
  if (!tmpl.is_valid())
    throw std::logic_error("web template " + std::string(name) + ": " + tmpl.error_message());
  return tmpl.render(to_mustache(data));
}

}  // namespace web

Site::Site(SiteOptions options)
    : options_(std::move(options)), caches_(std::make_shared<web::Caches>()) {
  std::random_device random;
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 32; ++i) csrf_ += kHex[random() & 15];
}

WebResponse Site::handle(const WebRequest& request) const {
  WebResponse response;
  auto page = [&](int status, const web::PageBody& body, uint64_t documents) {
    response.status = status;
    response.body = web::render_template("layout", {{"page_title", body.title},
                                                    {"q", body.query},
                                                    {"max_query", kWebMaxQueryBytes},
                                                    {"body", body.html},
                                                    {"archive_documents", documents},
                                                    {"db", web::shown_location(options_.db_path)}});
  };
  auto error = [&](int status, const std::string& heading, const std::string& message) {
    page(status, web::error_page(heading, message), 0);
  };

  auto secured = [&]() -> WebResponse {
    web::secure(&response);
    return response;
  };
  if (!options_.authorization.empty() &&
      !web::same_secret(request.authorization, options_.authorization)) {
    error(401, "Sign-in required", "This archive asks for a user name and password.");
    response.headers.emplace_back("WWW-Authenticate", "Basic realm=\"Concord\", charset=\"UTF-8\"");
    return secured();
  }
  const bool review_post = request.method == "POST" &&
                           (request.path == "/check/accept" || request.path == "/check/reopen");
  if (request.method != "GET" && request.method != "HEAD" && !review_post) {
    error(405, "Not allowed", "This page only answers GET.");
    response.headers.emplace_back("Allow", "GET, HEAD");
    return secured();
  }
  if (request.path == "/static/concord.css" || request.path == "/static/concord.js") {
    const bool css = request.path == "/static/concord.css";
    response.content_type = css ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    response.body = css ? data::kWeb_concord_css : data::kWeb_concord_js;
    response.headers.emplace_back("Cache-Control", "max-age=3600");
    return secured();
  }
  try {
    const web::Params params(request.params);
    const web::ReviewContext review{options_.accept_file, csrf_};
    if (review_post) {
      web::check_review_form(params, review);
      std::optional<Finding> accepted;
      if (request.path == "/check/accept")
        accepted = read_index(options_.db_path, [&](const IndexReader& reader) {
          return web::finding_to_accept(reader, params.get("id"), *caches_);
        });
      response = web::apply_review(params, review, accepted ? &*accepted : nullptr);
      return secured();
    }
    read_index(options_.db_path, [&](const IndexReader& reader) {
      response = WebResponse();
      const uint64_t documents = reader.archive_documents();
      if (request.path == "/" || request.path == "/search") {
        page(200, web::search_page(reader, params, options_.query_seconds), documents);
      } else if (request.path == "/doc") {
        page(200, web::document_page(reader, params), documents);
      } else if (request.path == "/doc/page.png") {
        response = web::page_image(reader, params, options_);
      } else if (request.path == "/entity") {
        page(200, web::entity_page(reader, params, *caches_), documents);
      } else if (request.path == "/entity/mentions.csv") {
        response = web::mentions_download(reader, params, true);
      } else if (request.path == "/entity/mentions.jsonl") {
        response = web::mentions_download(reader, params, false);
      } else if (request.path == "/check") {
        page(200, web::check_page(reader, params, review, *caches_), documents);
      } else if (request.path == "/check/findings.csv") {
        response = web::check_download(reader, review, *caches_);
      } else if (request.path == "/suggest") {
        response = web::suggest_download(reader, params, *caches_);
      } else if (request.path == "/health") {
        page(200, web::health_page(reader, *caches_), documents);
      } else {
        page(404, web::error_page("Not found", "There is no page at this address."), documents);
      }
    });
  } catch (const web::WebError& e) {
    response = WebResponse();
    error(e.status,
          e.status == 404   ? "Not found"
          : e.status == 409 ? "Changed since indexed"
          : e.status == 422 ? "Cannot be shown"
                            : "Bad request",
          e.what());
  } catch (const DatabaseError& e) {
    response = WebResponse();
    error(503, "The archive cannot be read", e.what());
  } catch (const std::exception& e) {
    response = WebResponse();
    error(500, "Something went wrong", e.what());
  }
  response.headers.emplace_back("Cache-Control", "no-store");
  return secured();
}

}  // namespace concord
