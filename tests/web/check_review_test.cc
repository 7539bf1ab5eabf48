// The check review page: findings with their evidence, Accept and Reopen kept in the accept
// file that `concord-query check --accept` reads, so the page and the command agree.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include "check/check.h"
#include "support.h"
#include "web/web_support.h"
#include "web/site.h"

using concord::Site;
using concord::SiteOptions;
using concord::WebRequest;
using concord::WebResponse;
using concord::test::TempDir;

using concord::test::site_options;

namespace {


WebRequest request(const std::string& method, const std::string& path,
                   std::multimap<std::string, std::string> params = {}) {
  WebRequest r;
  r.method = method;
  r.path = path;
  r.params = std::move(params);
  return r;
}

// The ids of the findings the CLI reports with `accept` (or none).
std::set<std::string> cli_ids(const std::string& db, const std::string& accept) {
  std::vector<std::string> args = {CONCORD_QUERY_BIN, "--db", db, "--json", "check"};
  if (!accept.empty()) args.insert(args.end(), {"--accept", accept});
  const auto r = concord::test::run(args);
  INFO(r.out.substr(0, 1000) << r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 4));
  std::set<std::string> ids;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  for (const auto& f : report.at("findings")) ids.insert(f.at("id").get<std::string>());
  return ids;
}

std::string csrf_of(const std::string& html) {
  std::smatch m;
  REQUIRE(std::regex_search(html, m, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\"")));
  return m[1];
}

struct Fixture {
  TempDir dir;
  std::string db, store;
  Fixture() {
    concord::test::copy_corpus(dir.str() + "/corpus");
    db = dir.str() + "/db";
    store = dir.str() + "/reviewed.txt";
    const auto r = concord::test::run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + "/corpus"});
    REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  }
};

}  // namespace

TEST_CASE("web check: accept and reopen in the page, and the command agrees", "[web][check]") {
  Fixture fx;
  const Site site(site_options(fx.db, fx.store));
  const std::set<std::string> all = cli_ids(fx.db, "");
  REQUIRE(all.size() >= 3);

  const WebResponse page = site.handle(request("GET", "/check"));
  REQUIRE(page.status == 200);
  // Every finding of the command is on the page, with an Accept form.
  for (const std::string& id : all)
    CHECK(page.body.find("id=\"f-" + id + "\"") != std::string::npos);
  CHECK(concord::test::foreign_scripts(page.body) == 0);
  const std::string csrf = csrf_of(page.body);
  const std::string id = *all.begin();

  SECTION("a form without the site's token changes nothing") {
    for (const std::string& token : {std::string(""), std::string("0123"), std::string(32, 'a')}) {
      const WebResponse r = site.handle(
          request("POST", "/check/accept", {{"id", id}, {"csrf", token}, {"reviewer", "Eve"}}));
      CHECK(r.status == 400);
    }
    CHECK_FALSE(std::filesystem::exists(fx.store));
  }

  SECTION("accept, then reopen") {
    const WebResponse accepted =
        site.handle(request("POST", "/check/accept",
                            {{"id", id},
                             {"csrf", csrf},
                             {"reviewer", "Ana <script>\nx"},
                             {"reason", "checked | against the PDF"},
                             {"back", "?kind=&severity=&status=open&page=1"}}));
    CHECK(accepted.status == 303);
    CHECK(accepted.header("Location") == "/check?kind=&severity=&status=open&page=1#f-" + id);
    const std::string text = concord::test::read_file(fx.store);
    CHECK(text.find(id + "  # accepted by Ana <script> x on ") != std::string::npos);
    CHECK(text.find(": checked   against the PDF | ") != std::string::npos);
    // The command honours the page's review...
    std::set<std::string> rest = all;
    rest.erase(id);
    CHECK(cli_ids(fx.db, fx.store) == rest);
    // ...and the page shows it as accepted, escaped, with a Reopen form.
    const WebResponse open = site.handle(request("GET", "/check"));
    CHECK(open.body.find("id=\"f-" + id + "\"") == std::string::npos);
    const WebResponse done = site.handle(request("GET", "/check", {{"status", "accepted"}}));
    CHECK(done.body.find("id=\"f-" + id + "\"") != std::string::npos);
    CHECK(done.body.find("accepted by Ana &lt;script&gt; x") != std::string::npos);
    CHECK(done.body.find("action=\"/check/reopen\"") != std::string::npos);
    // Accepting again adds nothing.
    site.handle(
        request("POST", "/check/accept", {{"id", id}, {"csrf", csrf}, {"reviewer", "Ana"}}));
    CHECK(concord::read_accept_file(fx.store).ids.size() == 1);

    const WebResponse reopened =
        site.handle(request("POST", "/check/reopen", {{"id", id}, {"csrf", csrf}}));
    CHECK(reopened.status == 303);
    CHECK(concord::read_accept_file(fx.store).ids.empty());
    CHECK(cli_ids(fx.db, fx.store).count(id) == 1);
    // The header comment stays.
    CHECK(concord::test::read_file(fx.store).rfind("# ", 0) == 0);
    CHECK(site.handle(request("POST", "/check/reopen", {{"id", id}, {"csrf", csrf}})).status ==
          404);
  }

  SECTION("unknown ids, a read-only site, an open redirect") {
    CHECK(
        site.handle(request("POST", "/check/accept", {{"id", "0123456789abcdef"}, {"csrf", csrf}}))
            .status == 404);
    const Site read_only(site_options(fx.db));
    const WebResponse ro = read_only.handle(request("GET", "/check"));
    CHECK(ro.body.find("action=\"/check/accept\"") == std::string::npos);
    CHECK(read_only.handle(request("POST", "/check/accept", {{"id", id}, {"csrf", csrf}})).status ==
          400);
    const WebResponse r =
        site.handle(request("POST", "/check/accept",
                            {{"id", id}, {"csrf", csrf}, {"back", "?x=1\r\nSet-Cookie: a=b"}}));
    CHECK(r.header("Location") == "/check#f-" + id);
    const WebResponse r2 = site.handle(request(
        "POST", "/check/reopen", {{"id", id}, {"csrf", csrf}, {"back", "//evil.example/"}}));
    CHECK(r2.header("Location") == "/check#f-" + id);
  }

  SECTION("reviewers accepting at once lose nothing") {
    std::vector<std::string> ids(all.begin(), all.end());
    std::vector<std::thread> threads;
    for (size_t t = 0; t < 2; ++t)
      threads.emplace_back([&, t] {
        for (size_t i = t; i < ids.size(); i += 2)
          site.handle(
              request("POST", "/check/accept",
                      {{"id", ids[i]}, {"csrf", csrf}, {"reviewer", "R" + std::to_string(t)}}));
      });
    for (std::thread& t : threads) t.join();
    const auto listed = concord::read_accept_file(fx.store).ids;
    CHECK(std::set<std::string>(listed.begin(), listed.end()) == all);
    CHECK(cli_ids(fx.db, fx.store).empty());
  }
}

TEST_CASE("web check: filters and the CSV of open findings", "[web][check]") {
  Fixture fx;
  const Site site(site_options(fx.db, fx.store));
  const std::set<std::string> all = cli_ids(fx.db, "");
  const WebResponse errors = site.handle(request("GET", "/check", {{"severity", "error"}}));
  REQUIRE(errors.status == 200);
  CHECK(errors.body.find("class=\"finding sev-error") != std::string::npos);
  CHECK(errors.body.find("class=\"finding sev-warning") == std::string::npos);
  CHECK(site.handle(request("GET", "/check", {{"kind", "nonsense"}})).status == 400);
  CHECK(site.handle(request("GET", "/check", {{"status", "closed"}})).status == 400);
  const WebResponse csv = site.handle(request("GET", "/check/findings.csv"));
  CHECK(csv.content_type.rfind("text/csv", 0) == 0);
  for (const std::string& id : all) CHECK(csv.body.find(id) != std::string::npos);
}
