// The web interface's pages, called directly (no socket) on a real database built by the real
// indexer from a fixture archive that includes hostile file names, titles and text.
#include "web/site.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <xapian.h>

#include "mentions/mentions.h"
#include "search/search.h"
#include "support.h"
#include "web/web_support.h"

using concord::Site;
using concord::SiteOptions;
using concord::WebRequest;
using concord::WebResponse;
using concord::test::TempDir;

using concord::test::site_options;

namespace {


std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

// A request for a link the site made ("/doc?path=...&page=2#m2-40"); the anchor is dropped.
WebRequest request_for(const std::string& href) {
  WebRequest r;
  std::string target = href.substr(0, href.find('#'));
  const size_t q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) {
    std::string rest = target.substr(q + 1);
    size_t at = 0;
    while (at <= rest.size()) {
      size_t amp = rest.find('&', at);
      if (amp == std::string::npos) amp = rest.size();
      const std::string pair = rest.substr(at, amp - at);
      const size_t eq = pair.find('=');
      if (!pair.empty())
        r.params.emplace(percent_decode(pair.substr(0, eq)),
                         eq == std::string::npos ? "" : percent_decode(pair.substr(eq + 1)));
      at = amp + 1;
    }
  }
  return r;
}

WebRequest get(const std::string& path, std::multimap<std::string, std::string> params = {}) {
  WebRequest r;
  r.path = path;
  r.params = std::move(params);
  return r;
}

// Every href="..." of a page, unescaped (&amp; -> &).
std::vector<std::string> links(const std::string& html) {
  std::vector<std::string> out;
  static const std::regex kHref("href=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kHref);
       it != std::sregex_iterator(); ++it) {
    std::string h = (*it)[1];
    for (size_t p; (p = h.find("&amp;")) != std::string::npos;) h.replace(p, 5, "&");
    out.push_back(h);
  }
  return out;
}

int total_of(const std::string& html) {
  static const std::regex kTotal("class=\"total\">([0-9]+) document");
  std::smatch m;
  return std::regex_search(html, m, kTotal) ? std::stoi(m[1]) : -1;
}

// The hostile archive: markup, quotes and javascript: URLs in a file name, titles, text and
// HTML metadata, beside ordinary documents citing the ILO and A/RES/77/281.
struct Archive {
  TempDir dir;
  std::string db;
  Archive() {
    dir.write("a/<script>alert(1)<\\script>.txt",
              "Title: <script>alert('title')</script>\" onmouseover=\"alert(2)\n"
              "Date: 2023-04-18\n\n"
              "The ILO <img src=x onerror=alert(3)> welcomed resolution A/RES/77/281.\n"
              "See javascript:alert(4) and \"quoted\" 'single' & more.\n");
    dir.write("a/hostile.html",
              "<html lang=\"en\"><head><title>\"><script>alert(5)</script></title>"
              "<meta name=\"description\" content=\"javascript:alert(6)\"></head><body>"
              "<p>The International Labour Organization (ILO) and UNDP discussed the social and "
              "solidarity economy &lt;b&gt;bold&lt;/b&gt; in 2023.</p>"
              "<script>document.write('never')</script></body></html>");
    dir.write("a/report.pdf", concord::test::make_pdf({"Page one cites A/RES/77/281 and the ILO.",
                                                       "Page two: the UNTFSSE met the ILO again.",
                                                       "Page three mentions cooperatives only."},
                                                      "Report on cooperatives", "20240110"));
    for (int i = 0; i < 25; ++i)
      dir.write("a/note" + std::to_string(i) + ".txt", "Title: Note " + std::to_string(i) +
                                                           "\n\nThe ILO and cooperatives in note " +
                                                           std::to_string(i) + ".\n");
    db = dir.str() + "/db";
    const auto r = concord::test::run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + "/a"});
    REQUIRE(r.exit_code == 0);
  }
};

Archive& archive() {
  static Archive a;
  return a;
}

// What no page may contain: a tag or attribute the archive's text tried to inject.
void check_escaped(const std::string& html) {
  // The only script is the site's own file (the search box's completion).
  CHECK(concord::test::foreign_scripts(html) == 0);
  // The only images are the site's own page images.
  size_t images = 0, own = 0;
  for (size_t at = 0; (at = html.find("<img", at)) != std::string::npos; ++at) {
    ++images;
    own += html.compare(at, 29, "<img src=\"/doc/page.png?path=") == 0;
  }
  CHECK(images == own);
  CHECK(html.find("\" onmouseover=\"") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  for (const std::string& h : links(html)) {
    CAPTURE(h);
    CHECK((h.rfind("/", 0) == 0 || h.rfind("#", 0) == 0));
    CHECK(h.rfind("//", 0) != 0);
  }
}

}  // namespace

TEST_CASE("web: every page escapes what the archive holds and links only inside the site",
          "[web]") {
  const Archive& a = archive();
  const Site site(site_options(a.db));
  std::vector<std::string> pages;
  auto fetch = [&](const WebRequest& r) {
    const WebResponse resp = site.handle(r);
    CAPTURE(r.path, resp.body.substr(0, 2000));
    REQUIRE(resp.status == 200);
    CHECK(resp.header("Content-Security-Policy").find("default-src 'none'") != std::string::npos);
    check_escaped(resp.body);
    pages.push_back(resp.body);
    return resp;
  };
  const WebResponse search = fetch(get("/search", {{"q", "alert"}}));
  // The hostile title and text are shown, as text.
  CHECK(search.body.find("&lt;script&gt;alert(&apos;title&apos;)&lt;/script&gt;") !=
        std::string::npos);
  fetch(get("/search", {{"q", "ILO"}}));
  fetch(get("/"));
  fetch(get("/health"));
  fetch(get("/entity", {{"id", "ILO"}}));
  // Every document page reached from the results of a search for the ILO.
  const WebResponse results = fetch(get("/search", {{"q", "org:ILO"}}));
  int documents = 0;
  for (const std::string& h : links(results.body)) {
    if (h.rfind("/doc?", 0) != 0) continue;
    ++documents;
    const WebResponse doc = fetch(request_for(h));
    CHECK(doc.body.find("class=\"mention") != std::string::npos);
  }
  CHECK(documents == 20);  // one page of results
  const WebResponse text_doc =
      fetch(get("/doc", {{"path", a.dir.str() + "/a/<script>alert(1)<\\script>.txt"}}));
  CHECK(text_doc.body.find("&lt;img src=x onerror=alert(3)&gt;") != std::string::npos);
  CHECK(text_doc.body.find("javascript:alert(4)") != std::string::npos);  // as text, not a link
}

TEST_CASE("web: a result opens its document at the hit's page with the query's words marked",
          "[web]") {
  const Archive& a = archive();
  const Site site(site_options(a.db));
  const WebResponse results = site.handle(get("/search", {{"q", "cooperatives UNTFSSE"}}));
  std::string pdf;
  for (const std::string& h : links(results.body))
    if (h.find("report.pdf") != std::string::npos) pdf = h;
  REQUIRE_FALSE(pdf.empty());
  CHECK(pdf.find("#p2") != std::string::npos);  // page 2 holds both words
  const WebResponse doc = site.handle(request_for(pdf));
  REQUIRE(doc.status == 200);
  // Plain words in <mark>, mentions of a queried word marked as hits.
  CHECK(doc.body.find("<mark>cooperatives</mark>") != std::string::npos);
  CHECK(doc.body.find("class=\"mention hit\"") != std::string::npos);
  // Without the query, nothing is marked.
  const WebResponse plain = site.handle(get("/doc", {{"path", a.dir.str() + "/a/report.pdf"}}));
  CHECK(plain.body.find("<mark>") == std::string::npos);
  CHECK(plain.body.find("mention hit") == std::string::npos);
  // A query that does not parse only loses its highlights.
  CHECK(site.handle(get("/doc", {{"path", a.dir.str() + "/a/report.pdf"}, {"q", "type:nonsense"}}))
            .status == 200);
}

TEST_CASE("web: only indexed documents are shown, whatever the path asked", "[web]") {
  const Archive& a = archive();
  const Site site(site_options(a.db));
  for (const std::string& path :
       {std::string("/etc/passwd"), a.dir.str() + "/a/../../../../etc/passwd",
        std::string("../../../../../../etc/passwd"), a.dir.str() + "/db/iamglass.glass",
        std::string(""), std::string("a/report.pdf\n/etc/passwd")}) {
    CAPTURE(path);
    const WebResponse r = site.handle(get("/doc", {{"path", path}}));
    CHECK((r.status == 404 || r.status == 400));
    CHECK(r.body.find("root:") == std::string::npos);
  }
}

TEST_CASE("web: requests beyond the bounds get 400, 404 or 405, never a crash", "[web]") {
  const Archive& a = archive();
  const Site site(site_options(a.db));
  struct Case {
    const char* name;
    WebRequest request;
    int status;
  };
  std::multimap<std::string, std::string> many;
  for (int i = 0; i < 40; ++i) many.emplace("p" + std::to_string(i), "x");
  WebRequest post = get("/search", {{"q", "ILO"}});
  post.method = "POST";
  const std::vector<Case> cases = {
      {"long query", get("/search", {{"q", std::string(3000, 'a')}}), 400},
      {"page 0", get("/search", {{"q", "ILO"}, {"page", "0"}}), 400},
      {"page not a number", get("/search", {{"q", "ILO"}, {"page", "2x"}}), 400},
      {"page too far", get("/search", {{"q", "ILO"}, {"page", "501"}}), 400},
      {"page huge", get("/search", {{"q", "ILO"}, {"page", "99999999999999999999999"}}), 400},
      {"too many parameters", get("/search", many), 400},
      {"long parameter", get("/entity", {{"id", std::string(5000, 'I')}}), 400},
      {"unknown entity", get("/entity", {{"id", "NOSUCHBODY"}}), 404},
      {"no entity", get("/entity"), 400},
      {"no document", get("/doc"), 400},
      {"document page past the end",
       get("/doc", {{"path", a.dir.str() + "/a/report.pdf"}, {"page", "4"}}), 404},
      {"unknown page", get("/admin"), 404},
      {"POST", post, 405},
      {"query that does not parse", get("/search", {{"q", "type:nonsense"}}), 200},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const WebResponse r = site.handle(c.request);
    CHECK(r.status == c.status);
    CHECK(r.body.find("</html>") != std::string::npos);
    CHECK(r.header("X-Content-Type-Options") == "nosniff");
  }
  // The query error is shown on the search page.
  const WebResponse bad = site.handle(get("/search", {{"q", "type:nonsense"}}));
  CHECK(bad.body.find("class=\"error\"") != std::string::npos);
}

TEST_CASE("web: facet counts are the counts of the narrowed searches they link to", "[web]") {
  const Archive& a = archive();
  const Site site(site_options(a.db));
  const WebResponse r = site.handle(get("/search", {{"q", "ILO"}}));
  REQUIRE(r.status == 200);
  const int total = total_of(r.body);
  CHECK(total ==
        static_cast<int>(concord::search(concord::SearchOptions{a.db, "ILO", 100}).total_lower));
  static const std::regex kFacet(
      "<li><a href=\"(/search\\?[^\"]*)\" title=\"[^\"]*\">[^<]*</a> <span "
      "class=\"count\">([0-9]+)</span>");
  int facets = 0, formats_sum = 0;
  for (auto it = std::sregex_iterator(r.body.begin(), r.body.end(), kFacet);
       it != std::sregex_iterator(); ++it) {
    std::string href = (*it)[1];
    for (size_t p; (p = href.find("&amp;")) != std::string::npos;) href.replace(p, 5, "&");
    const int count = std::stoi((*it)[2]);
    CAPTURE(href, count);
    const WebResponse narrowed = site.handle(request_for(href));
    CHECK(total_of(narrowed.body) == count);
    CHECK(count <= total);
    if (href.find("type%3A") != std::string::npos) formats_sum += count;
    ++facets;
  }
  CHECK(facets >= 6);  // formats, languages, years and cited entities
  CHECK(formats_sum == total);
  // Paging: the next page holds the rest of the results.
  const std::vector<std::string> all = links(r.body);
  const auto next = std::find_if(all.begin(), all.end(), [](const std::string& h) {
    return h.find("page=2") != std::string::npos;
  });
  REQUIRE(next != all.end());
  const WebResponse second = site.handle(request_for(*next));
  CHECK(second.body.find("<ol class=\"results\" start=\"21\">") != std::string::npos);
}

TEST_CASE("web: completions of the search box find as many documents as they announce",
          "[web]") {
  const Archive& a = archive();
  const Site site(site_options(a.db));
  struct Case {
    std::string typed;
    std::string first_value;  // of the first completion ("" = none expected)
  };
  const Case cases[] = {
      {"IL", "org:ILO"},
      {"cooperatives labour", "cooperatives org:ILO"},
      {"77/2", "symbol:A/RES/77/281"},
      {"untfs", "org:UNTFSSE"},
      {"<script>alert(1)</script>", ""},
      {"ILO ", ""},
      {std::string(3000, 'x'), ""},  // beyond the query bound: nothing, not an error
  };
  for (const Case& c : cases) {
    CAPTURE(c.typed.substr(0, 40));
    const WebResponse r = site.handle(get("/suggest", {{"q", c.typed}}));
    REQUIRE(r.status == 200);
    CHECK(r.content_type == "application/json");
    CHECK(r.header("X-Content-Type-Options") == "nosniff");
    const nlohmann::json j = nlohmann::json::parse(r.body);
    CHECK(j.at("query") == c.typed);
    const nlohmann::json& list = j.at("suggestions");
    CHECK(list.size() <= concord::kWebSuggestions);
    if (c.first_value.empty()) {
      CHECK(list.empty());
      continue;
    }
    REQUIRE(!list.empty());
    CHECK(list[0].at("value") == c.first_value);
    // Each completion, searched, finds the documents it announces.
    for (const nlohmann::json& s : list) {
      CAPTURE(s.dump());
      const WebResponse found = site.handle(get("/search", {{"q", s.at("value")}}));
      CHECK(found.status == 200);
      if (s.at("value").get<std::string>().rfind("cooperatives ", 0) == 0) continue;
      CHECK(total_of(found.body) == s.at("documents").get<int>());
    }
  }
  // The script that asks for them is the site's own, allowed by its policy.
  const WebResponse script = site.handle(get("/static/concord.js", {}));
  CHECK(script.status == 200);
  CHECK(script.content_type.rfind("text/javascript", 0) == 0);
  CHECK(script.body.find("/suggest?q=") != std::string::npos);
  CHECK(script.body.find("innerHTML") == std::string::npos);
  CHECK(script.header("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
}

TEST_CASE("web: the concordance lists every mention and each links to its place", "[web]") {
  const Archive& a = archive();
  const Site site(site_options(a.db));
  concord::MentionsOptions mo;
  mo.db_path = a.db;
  mo.entity = "ILO";
  const concord::MentionsResult m = concord::list_mentions(mo);
  REQUIRE(m.mentions.size() > 25);
  const WebResponse page = site.handle(get("/entity", {{"id", "ILO"}}));
  REQUIRE(page.status == 200);
  CHECK(page.body.find(std::to_string(m.mentions.size()) + " mentions") != std::string::npos);
  // Each concordance row links to a document page holding the mention's anchor.
  int followed = 0;
  for (const std::string& h : links(page.body)) {
    const size_t hash = h.find("#m");
    if (h.rfind("/doc?", 0) != 0 || hash == std::string::npos) continue;
    const WebResponse doc = site.handle(request_for(h));
    CAPTURE(h);
    CHECK(doc.body.find("id=\"" + h.substr(hash + 1) + "\"") != std::string::npos);
    ++followed;
  }
  CHECK(followed == static_cast<int>(m.mentions.size()));
  // The CSV download has one row per mention (and a header), filtered like the page.
  const WebResponse csv = site.handle(get("/entity/mentions.csv", {{"id", "ILO"}}));
  CHECK(csv.content_type.rfind("text/csv", 0) == 0);
  CHECK(csv.header("Content-Disposition").find("mentions-ILO.csv") != std::string::npos);
  CHECK(static_cast<size_t>(std::count(csv.body.begin(), csv.body.end(), '\n')) >=
        m.mentions.size() + 1);
  const WebResponse jsonl = site.handle(get(
      "/entity/mentions.jsonl", {{"id", "ILO"}, {"form", "International Labour Organization"}}));
  const auto lines = std::count(jsonl.body.begin(), jsonl.body.end(), '\n');
  CHECK(lines >= 1);
  CHECK(lines < static_cast<long>(m.mentions.size()));
}

TEST_CASE("web: a PDF page as printed, the query's words boxed, only while the file is unchanged",
          "[web]") {
  TempDir dir;
  dir.write("a/report.pdf",
            concord::test::make_pdf({"First page.", "The (ILO) met the UNDP on page two."}, "Report",
                                    "20240110"));
  dir.write("a/note.txt", "Title: Note\n\nThe ILO.\n");
  const std::string db = dir.str() + "/db";
  REQUIRE(concord::test::run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + "/a"}).exit_code ==
          0);
  const Site site(site_options(db));
  const std::string pdf = dir.str() + "/a/report.pdf";
  const WebResponse plain = site.handle(get("/doc/page.png", {{"path", pdf}, {"page", "2"}}));
  REQUIRE(plain.status == 200);
  CHECK(plain.content_type == "image/png");
  CHECK(plain.body.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
  const WebResponse boxed =
      site.handle(get("/doc/page.png", {{"path", pdf}, {"page", "2"}, {"q", "ILO"}}));
  REQUIRE(boxed.status == 200);
  CHECK(boxed.body != plain.body);  // the word is boxed
  // A query whose words are not on the page changes nothing.
  CHECK(site.handle(get("/doc/page.png", {{"path", pdf}, {"page", "2"}, {"q", "nothinghere"}}))
            .body == plain.body);
  // The document page links each page's image.
  CHECK(site.handle(get("/doc", {{"path", pdf}})).body.find("src=\"/doc/page.png?path=") !=
        std::string::npos);
  CHECK(site.handle(get("/doc/page.png", {{"path", pdf}, {"page", "3"}})).status == 404);
  CHECK(site.handle(get("/doc/page.png", {{"path", dir.str() + "/a/note.txt"}, {"page", "1"}}))
            .status == 404);
  CHECK(site.handle(get("/doc/page.png", {{"path", "/etc/passwd"}, {"page", "1"}})).status == 404);
  // Changed since indexed: refused, not shown from the new file.
  std::filesystem::last_write_time(pdf,
                                   std::filesystem::last_write_time(pdf) + std::chrono::hours(1));
  CHECK(site.handle(get("/doc/page.png", {{"path", pdf}, {"page", "2"}})).status == 409);
}

TEST_CASE("web: a symbol's page shows its authority entry", "[web]") {
  const Archive& a = archive();
  const Site site(site_options(a.db));
  const WebResponse r = site.handle(get("/entity", {{"id", "resolution 77/281"}}));
  REQUIRE(r.status == 200);
  CHECK(r.body.find("Authority file: <strong>A/RES/77/281</strong>, General Assembly, adopted "
                    "2023-04-18") != std::string::npos);
  CHECK(r.body.find("A/77/L.60") != std::string::npos);  // its draft
  CHECK(site.handle(get("/entity", {{"id", "ILO"}})).body.find("Authority file:") ==
        std::string::npos);
}

TEST_CASE("web: sign-in, and a database that cannot be read", "[web]") {
  const Archive& a = archive();
  const Site locked(site_options(a.db, "", "Basic dXNlcjpwYXNz"));
  WebRequest r = get("/search", {{"q", "ILO"}});
  WebResponse resp = locked.handle(r);
  CHECK(resp.status == 401);
  CHECK(resp.header("WWW-Authenticate").rfind("Basic", 0) == 0);
  r.authorization = "Basic dXNlcjpwYXNt";
  CHECK(locked.handle(r).status == 401);
  r.authorization = "Basic dXNlcjpwYXNz";
  CHECK(locked.handle(r).status == 200);
  // The stylesheet is behind the sign-in too.
  CHECK(locked.handle(get("/static/concord.css")).status == 401);

  TempDir empty;
  const Site missing(site_options(empty.str() + "/nothing"));
  resp = missing.handle(get("/search", {{"q", "ILO"}}));
  CHECK(resp.status == 503);
  CHECK(resp.body.find("nothing") != std::string::npos);
}

TEST_CASE("web: files indexed while the site runs appear on the next request", "[web]") {
  // Every page, the ones kept per index revision (entity, check, health) too.
  TempDir dir;
  dir.write("a/one.txt", "Title: One\n\nThe ILO met.\n");
  const std::string db = dir.str() + "/db";
  auto index = [&](const std::string& folder) {
    REQUIRE(concord::test::run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + folder})
                .exit_code == 0);
  };
  auto entity = [&](const Site& site) {
    static const std::regex kSummary("([0-9]+) mentions in ([0-9]+) of ([0-9]+) documents");
    const std::string body = site.handle(get("/entity", {{"id", "ILO"}})).body;
    std::smatch m;
    return std::regex_search(body, m, kSummary) ? m.str(0) : body;
  };
  auto checked = [&](const Site& site) {
    static const std::regex kChecked("findings? in ([0-9]+) documents?");
    const std::string body = site.handle(get("/check")).body;
    std::smatch m;
    return std::regex_search(body, m, kChecked) ? std::stoi(m[1]) : -1;
  };
  auto health = [&](const Site& site) {
    static const std::regex kDocs("<th>Documents</th><td class=\"n\">([0-9]+)<");
    const std::string body = site.handle(get("/health")).body;
    std::smatch m;
    return std::regex_search(body, m, kDocs) ? std::stoi(m[1]) : -1;
  };
  index("/a");
  const Site site(site_options(db));
  for (int twice = 0; twice < 2; ++twice) {  // the second time from what was kept
    CHECK(total_of(site.handle(get("/search", {{"q", "ILO"}})).body) == 1);
    CHECK(entity(site) == "1 mentions in 1 of 1 documents");
    CHECK(checked(site) == 1);
    CHECK(health(site) == 1);
  }
  dir.write("a/two.txt", "Title: Two\n\nThe ILO met again, and the ILO agreed.\n");
  index("/a");
  CHECK(total_of(site.handle(get("/search", {{"q", "ILO"}})).body) == 2);
  CHECK(entity(site) == "3 mentions in 2 of 2 documents");
  CHECK(checked(site) == 2);
  CHECK(health(site) == 2);
  // A database made again at the same path, by as many runs, comes back to the same
  // revision number: what was kept for the old one is not shown for the new one.
  std::filesystem::remove_all(db);
  dir.write("b/three.txt", "Title: Three\n\nThe ILO, the ILO and the ILO.\n");
  index("/b");
  dir.write("b/four.txt", "Title: Four\n\nNothing here.\n");
  index("/b");
  CHECK(entity(site) == "3 mentions in 1 of 2 documents");
  CHECK(checked(site) == 2);
  CHECK(health(site) == 2);
}

TEST_CASE("web: the archive view shows the last run, failures, and files without text apart",
          "[web]") {
  TempDir dir;
  dir.write("a/good.txt", "Title: Good\n\nThe ILO met.\n");
  dir.write("a/bad.pdf", "%PDF-1.7 broken");
  dir.write("a/scan.pdf", concord::test::make_pdf({"", ""}, "Scan"));
  const std::string db = dir.str() + "/db";
  const std::string root = dir.str() + "/a";
  CHECK(concord::test::run({CONCORD_INDEX_BIN, "-q", "--db", db, root}).exit_code == 3);
  // The run as recorded: stats (JSON) and the page agree with what the indexer did.
  auto last_run = [&] {
    const auto r = concord::test::run({CONCORD_QUERY_BIN, "--json", "--db", db, "stats"});
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out).at("last_run");
  };
  nlohmann::json run = last_run();
  CHECK(run.at("files") == 3);
  CHECK(run.at("added") == 1);
  CHECK(run.at("failed") == 2);
  CHECK(run.at("interrupted") == false);
  CHECK(run.at("finished").get<std::string>().size() == 20);  // 2026-12-03T00:38:53Z
  const Site site(site_options(db));
  std::string page = site.handle(get("/health")).body;
  CHECK(page.find("Failures (1)") != std::string::npos);
  CHECK(page.find("Without a text layer (1)") != std::string::npos);
  const size_t failures = page.find("Failures (1)"), no_text = page.find("Without a text layer");
  CHECK(page.find("bad.pdf", failures) < no_text);  // the corrupt file among the failures
  CHECK(page.find("scan.pdf", no_text) != std::string::npos);
  CHECK(page.find("scan.pdf") > no_text);             // and the scan only in its own list
  CHECK(page.find("<th>Added</th><td class=\"n\">1<") != std::string::npos);
  // A second run with one file more is the one shown.
  dir.write("a/more.txt", "Title: More\n\nThe UNDP met.\n");
  CHECK(concord::test::run({CONCORD_INDEX_BIN, "-q", "--db", db, root}).exit_code == 3);
  run = last_run();
  CHECK(run.at("added") == 1);
  CHECK(run.at("unchanged") == 1);  // the good file
  CHECK(run.at("failed") == 2);     // the two that failed before count as failed again
  CHECK(run.at("files") == 4);
  page = site.handle(get("/health")).body;
  CHECK(page.find("<th>Files seen</th><td class=\"n\">4<") != std::string::npos);
  CHECK(page.find("<th>Added</th><td class=\"n\">1<") != std::string::npos);
  // A run that changes nothing leaves the database as it was (its record goes beside it): the
  // page kept for this revision is not shown for it.
  const auto revision = [&] { return Xapian::Database(db).get_revision(); };
  const Xapian::rev before = revision();
  CHECK(concord::test::run({CONCORD_INDEX_BIN, "-q", "--db", db, root}).exit_code == 3);
  REQUIRE(revision() == before);
  CHECK(last_run().at("added") == 0);
  page = site.handle(get("/health")).body;
  CHECK(page.find("<th>Added</th><td class=\"n\">0<") != std::string::npos);
  CHECK(page.find("<th>Unchanged</th><td class=\"n\">2<") != std::string::npos);
}
