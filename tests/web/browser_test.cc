// concord-web in a real browser: Debian's headless Chromium, driven through ChromeDriver's
// WebDriver protocol, loads the pages of the real server and the tests read the rendered DOM
// and click links as a user would. The README's test command installs chromium and
// chromium-driver; without them these tests fail (they do not pass silently).
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "support.h"

using concord::test::Child;
using concord::test::free_port;
using concord::test::TempDir;
using nlohmann::json;

namespace {

// Waits until `port` answers GET `path`.
bool wait_for(int port, const std::string& path) {
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(1);
  for (int i = 0; i < 150; ++i) {
    if (auto r = c.Get(path.c_str())) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

// One WebDriver session on headless Chromium.
class Browser {
 public:
  explicit Browser(const TempDir& dir)
      : port_(free_port()),
        driver_({"/usr/bin/chromedriver", "--port=" + std::to_string(port_)},
                dir.str() + "/driver.log"),
        client_("127.0.0.1", port_) {
    REQUIRE(std::filesystem::exists("/usr/bin/chromedriver"));
    REQUIRE(wait_for(port_, "/status"));
    client_.set_read_timeout(60);
    const json caps = {
        {"capabilities",
         {{"alwaysMatch",
           {{"browserName", "chrome"},
            {"goog:chromeOptions",
             {{"binary", "/usr/bin/chromium"},
              {"args",
               {"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--user-data-dir=" + dir.str() + "/profile"}}}}}}}}};
    const json r = call("POST", "/session", caps);
    session_ = r.at("value").at("sessionId").get<std::string>();
  }
  ~Browser() {
    if (!session_.empty()) client_.Delete(("/session/" + session_).c_str());
  }

  json call(const std::string& method, const std::string& path, const json& body = json::object()) {
    httplib::Result r = method == "GET"
                            ? client_.Get(path.c_str())
                            : client_.Post(path.c_str(), body.dump(), "application/json");
    REQUIRE(r);
    INFO(r->body.substr(0, 2000));
    REQUIRE(r->status == 200);
    return json::parse(r->body);
  }
  json session(const std::string& method, const std::string& path,
               const json& body = json::object()) {
    return call(method, "/session/" + session_ + path, body);
  }
  void go(const std::string& url) { session("POST", "/url", {{"url", url}}); }
  // The elements matching a CSS selector: their WebDriver ids.
  std::vector<std::string> find(const std::string& css) {
    std::vector<std::string> ids;
    const json found = session("POST", "/elements", {{"using", "css selector"}, {"value", css}});
    for (const json& e : found.at("value")) ids.push_back(e.begin().value().get<std::string>());
    return ids;
  }
  std::string text(const std::string& element) {
    return session("GET", "/element/" + element + "/text").at("value").get<std::string>();
  }
  void click(const std::string& element) { session("POST", "/element/" + element + "/click"); }
  json run(const std::string& script) {
    return session("POST", "/execute/sync", {{"script", script}, {"args", json::array()}})
        .at("value");
  }
  std::string url() { return session("GET", "/url").at("value").get<std::string>(); }

 private:
  int port_;
  Child driver_;
  httplib::Client client_;
  std::string session_;
};

int leading_number(const std::string& s) {
  std::smatch m;
  return std::regex_search(s, m, std::regex("([0-9]+)")) ? std::stoi(m[1]) : -1;
}

}  // namespace

TEST_CASE("browser: highlights, facet clicks and mention links work in headless Chromium",
          "[web][browser]") {
  TempDir dir;
  for (int i = 0; i < 6; ++i)
    dir.write("a/note" + std::to_string(i) + ".txt",
              "Title: Note " + std::to_string(i) + "\nDate: 202" + std::to_string(i % 3) +
                  "-05-01\n\nThe ILO and UNDP discussed cooperatives.\n");
  dir.write("a/report.pdf", concord::test::make_pdf({"Cooperatives first.", "The ILO on page two.",
                                                     "And the ILO again on page three."},
                                                    "Report", "20230110"));
  dir.write("a/fr.txt",
            "Title: Note en français\n\nL'OIT et les coopératives de l'économie sociale.\n");
  const std::string db = dir.str() + "/db";
  REQUIRE(concord::test::run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + "/a"}).exit_code ==
          0);
  const int web_port = free_port();
  Child web({CONCORD_WEB_BIN, "--db", db, "--listen", "127.0.0.1:" + std::to_string(web_port)},
            dir.str() + "/web.log");
  REQUIRE(wait_for(web_port, "/static/concord.css"));
  const std::string site = "http://127.0.0.1:" + std::to_string(web_port);
  Browser browser(dir);

  // Search: highlighted words in the snippets, and the total.
  browser.go(site + "/search?q=cooperatives");
  REQUIRE(browser.find("p.total").size() == 1);
  CHECK(browser.text(browser.find("p.total")[0]).find("8 documents match") != std::string::npos);
  CHECK(browser.find("p.snippet mark").size() >= 8);

  // A click on a facet narrows the results to its count.
  const std::vector<std::string> facets = browser.find("aside.facets a");
  REQUIRE(facets.size() >= 4);
  int clicked = 0;
  for (size_t i = 0; i < facets.size(); ++i) {
    browser.go(site + "/search?q=cooperatives");
    const std::vector<std::string> links = browser.find("aside.facets li");
    REQUIRE(links.size() == facets.size());
    const std::string item = browser.text(links[i]);
    const int count = std::stoi(item.substr(item.rfind(' ') + 1));
    browser.click(browser.find("aside.facets a")[i]);
    CAPTURE(item, browser.url());
    CHECK(leading_number(browser.text(browser.find("p.total")[0])) == count);
    ++clicked;
  }
  CHECK(clicked == static_cast<int>(facets.size()));

  // The entity page's concordance links open the document at the mention, which is the
  // :target of the page (highlighted by the style sheet).
  browser.go(site + "/entity?id=ILO");
  const std::vector<std::string> rows = browser.find(".concordance tbody tr td.where a");
  REQUIRE(rows.size() >= 8);
  for (const std::string& pick : {rows.front(), rows.back()}) {
    browser.go(site + "/entity?id=ILO");
    const std::vector<std::string> again = browser.find(".concordance tbody tr td.where a");
    browser.click(pick == rows.front() ? again.front() : again.back());
    const json target = browser.run(
        "const t = document.querySelector(':target');"
        "return t ? [t.tagName, t.textContent, getComputedStyle(t).backgroundColor,"
        " t.getBoundingClientRect().top] : null;");
    CAPTURE(browser.url(), target.dump());
    REQUIRE(target.is_array());
    CHECK(target[0] == "A");
    CHECK((target[1] == "ILO" || target[1] == "OIT"));
    CHECK(target[2] == "rgb(255, 229, 138)");  // the :target highlight
    CHECK(target[3].get<double>() < 1000);     // scrolled into view
  }

  // Completion in the search box: typing part of a name offers the entity; arrow down and
  // Enter put its filter in place of the word; Enter again searches, with the total of the
  // same query typed in full.
  browser.go(site + "/search?q=cooperatives+org%3AILO");
  const int expected = leading_number(browser.text(browser.find("p.total")[0]));
  browser.go(site + "/");
  const std::string box = browser.find("form.query input[name=q]").at(0);
  browser.session("POST", "/element/" + box + "/value", {{"text", "cooperatives labo"}});
  std::vector<std::string> offered;
  for (int i = 0; i < 100 && offered.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    offered = browser.find("ul.suggestions li");
  }
  REQUIRE(!offered.empty());
  CHECK(browser.text(offered[0]).find("International Labour Organization") != std::string::npos);
  CHECK(browser.run("return document.querySelector('form.query input').getAttribute("
                    "'aria-expanded');") == "true");
  browser.session("POST", "/element/" + box + "/value", {{"text", "\uE015\uE007"}});
  CHECK(browser.run("return document.querySelector('form.query input').value;") ==
        "cooperatives org:ILO ");
  CHECK(browser.find("ul.suggestions li").empty());
  browser.session("POST", "/element/" + box + "/value", {{"text", "\uE007"}});
  for (int i = 0; i < 100 && browser.find("p.total").empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE(browser.find("p.total").size() == 1);
  CHECK(leading_number(browser.text(browser.find("p.total")[0])) == expected);
  CHECK(expected > 0);

  // The PDF's page 3 is shown and anchored.
  browser.go(site + "/doc?path=" +
             httplib::detail::encode_query_param(dir.str() + "/a/report.pdf") + "#p3");
  CHECK(browser.find("section.page#p3 a.mention").size() == 1);
}
