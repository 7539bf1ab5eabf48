// concord-web end to end: the real program on a free loopback port, over the real
// database, asked by an HTTP client.
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "support.h"

using concord::test::TempDir;

namespace {

// A running server: started with its arguments, its port read from the line it prints, and
// stopped with SIGTERM (it must exit 0 within seconds).
class Server {
 public:
  explicit Server(const std::vector<std::string>& args) {
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<char*> argv;
      for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    out_ = out[0];
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;
      char buf[256];
      const ssize_t n = read(out_, buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<size_t>(n));
    }
    first_line = line;
    std::smatch m;
    if (std::regex_search(line, m, std::regex("http://127\\.0\\.0\\.1:([0-9]+)/")))
      port = std::stoi(m[1]);
  }
  ~Server() {
    if (pid_ > 0 && !stopped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_);
  }
  // Sends SIGTERM; returns the exit code, or -1 when it has not exited within 10 s.
  int stop() {
    kill(pid_, SIGTERM);
    for (int i = 0; i < 100; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        stopped_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return -1;
  }
  std::string first_line;
  int port = 0;

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool stopped_ = false;
};

std::string index_fixture(const TempDir& dir) {
  dir.write("a/one.txt", "Title: One\n\nThe ILO and UNDP welcomed resolution A/RES/77/281.\n");
  dir.write("a/two.pdf", concord::test::make_pdf({"The ILO.", "The UNTFSSE and the ILO."}, "Two"));
  const std::string db = dir.str() + "/db";
  REQUIRE(concord::test::run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + "/a"}).exit_code ==
          0);
  return db;
}

}  // namespace

TEST_CASE("web server: the real server answers every page over HTTP and stops on SIGTERM",
          "[web]") {
  TempDir dir;
  const std::string db = index_fixture(dir);
  Server server({CONCORD_WEB_BIN, "--db", db, "--listen", "127.0.0.1:0"});
  CAPTURE(server.first_line);
  REQUIRE(server.port > 0);
  httplib::Client client("127.0.0.1", server.port);
  client.set_read_timeout(20);
  struct Case {
    std::string target;
    int status;
    std::string content_type;
    std::string contains;
  };
  const std::vector<Case> cases = {
      {"/", 200, "text/html", "Most cited"},
      {"/search?q=ILO", 200, "text/html", "2 documents match"},
      {"/search?q=org%3AILO&page=1", 200, "text/html", "<mark>ILO</mark>"},
      {"/doc?path=" + httplib::detail::encode_query_param(dir.str() + "/a/two.pdf") + "&page=2",
       200, "text/html", "id=\"p2\""},
      {"/entity?id=ILO", 200, "text/html", "Every mention"},
      {"/entity/mentions.csv?id=ILO", 200, "text/csv", "ILO"},
      {"/health", 200, "text/html", "Failures (0)"},
      {"/static/concord.css", 200, "text/css", "mark"},
      {"/doc?path=%2Fetc%2Fpasswd", 404, "text/html", "not in the index"},
      {"/nowhere", 404, "text/html", "no page"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.target);
    const auto r = client.Get(c.target.c_str());
    REQUIRE(r);
    CHECK(r->status == c.status);
    CHECK(r->get_header_value("Content-Type").rfind(c.content_type, 0) == 0);
    CHECK(r->body.find(c.contains) != std::string::npos);
    CHECK(r->get_header_value("Content-Security-Policy").find("default-src 'none'") !=
          std::string::npos);
  }
  const auto post = client.Post("/search", "q=ILO", "application/x-www-form-urlencoded");
  REQUIRE(post);
  CHECK(post->status == 405);
  // A request body over the limit is refused by the server library itself.
  const auto big = client.Post("/search", std::string(200 * 1024, 'x'), "text/plain");
  REQUIRE(big);
  CHECK(big->status == 413);
  CHECK(server.stop() == 0);
}

TEST_CASE("web server: beyond this machine only with a password, which it then requires", "[web]") {
  TempDir dir;
  const std::string db = index_fixture(dir);
  const auto open = concord::test::run({CONCORD_WEB_BIN, "--db", db, "--listen", "0.0.0.0:0"});
  CHECK(open.exit_code == 2);
  CHECK(open.err.find("--password-file") != std::string::npos);
  const auto bad = concord::test::run({CONCORD_WEB_BIN, "--db", db, "--listen", "127.0.0.1:http"});
  CHECK(bad.exit_code == 2);
  const auto missing =
      concord::test::run({CONCORD_WEB_BIN, "--db", dir.str() + "/none", "--listen", "127.0.0.1:0"});
  CHECK(missing.exit_code == 1);

  const std::string pass = dir.write("web.pass", "reader:s3cret word\n");
  Server server({CONCORD_WEB_BIN, "--db", db, "--listen", "127.0.0.1:0", "--password-file", pass});
  CAPTURE(server.first_line);
  REQUIRE(server.port > 0);
  httplib::Client client("127.0.0.1", server.port);
  auto r = client.Get("/search?q=ILO");
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(r->get_header_value("WWW-Authenticate").rfind("Basic", 0) == 0);
  client.set_basic_auth("reader", "wrong");
  r = client.Get("/search?q=ILO");
  REQUIRE(r);
  CHECK(r->status == 401);
  client.set_basic_auth("reader", "s3cret word");
  r = client.Get("/search?q=ILO");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(server.stop() == 0);
}

TEST_CASE("web server: page images are rendered by a helper with a time limit", "[web]") {
  // image_bomb.pdf (tests/data/hostile/make_image_bomb.py): 560 KB holding a gray image of
  // 24,000 x 24,000 pixels over a line of text; poppler takes seconds to render the page.
  TempDir dir;
  dir.write("a/two.pdf", concord::test::make_pdf({"The ILO.", "The UNTFSSE and the ILO."}, "Two"));
  std::filesystem::copy_file(concord::test::source_path("tests/data/hostile/image_bomb.pdf"),
                             dir.str() + "/a/bomb.pdf");
  const std::string db = dir.str() + "/db";
  REQUIRE(concord::test::run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + "/a"}).exit_code ==
          0);
  Server server({CONCORD_WEB_BIN, "--db", db, "--listen", "127.0.0.1:0", "--render-seconds", "0.5"});
  REQUIRE(server.port > 0);
  httplib::Client client("127.0.0.1", server.port);
  client.set_read_timeout(30);
  auto image = [&](const std::string& file, int page) {
    return client.Get(("/doc/page.png?path=" +
                       httplib::detail::encode_query_param(dir.str() + "/a/" + file) +
                       "&page=" + std::to_string(page) + "&q=ILO")
                          .c_str());
  };
  const auto started = std::chrono::steady_clock::now();
  const auto bomb = image("bomb.pdf", 1);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  REQUIRE(bomb);
  CHECK(bomb->status == 422);
  CHECK(bomb->body.find("takes longer than 0.5 s") != std::string::npos);
  CHECK(seconds < 5);  // the limit, plus starting the helper; not the seconds of rendering
  // The server goes on: the bomb's text is still readable on its document page.
  const auto text = client.Get(
      ("/doc?path=" + httplib::detail::encode_query_param(dir.str() + "/a/bomb.pdf")).c_str());
  REQUIRE(text);
  CHECK(text->body.find("International Labour Organization") != std::string::npos);
  CHECK(server.stop() == 0);
  // An ordinary page renders, as a PNG, through the same helper, under the default limit
  // (0.5 s is too tight for a loaded machine under the sanitizers starts and renders).
  Server relaxed({CONCORD_WEB_BIN, "--db", db, "--listen", "127.0.0.1:0"});
  REQUIRE(relaxed.port > 0);
  httplib::Client client2("127.0.0.1", relaxed.port);
  client2.set_read_timeout(60);
  const auto page = client2.Get(("/doc/page.png?path=" +
                                 httplib::detail::encode_query_param(dir.str() + "/a/two.pdf") +
                                 "&page=2&q=ILO")
                                    .c_str());
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "image/png");
  CHECK(page->body.rfind("\x89PNG", 0) == 0);
  CHECK(relaxed.stop() == 0);
}
