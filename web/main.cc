// concord-web: the web interface over HTTP. The pages are the library's (core/web/site.h);
// this program is the edge where the HTTP server library lives.
#include <algorithm>
#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <thread>

#include "commands.h"  // list_file(), shared with concord-query
#include "extract/extract.h"
#include "extract/pdf_render.h"
#include "authority/authority.h"
#include "lang/language.h"
#include "recognize/gazetteer.h"
#include "store/reader.h"
#include "store/shards.h"
#include "util/db_path.h"
#include "util/echo.h"
#include "util/escape.h"
#include "util/small_file.h"
#include "web/site.h"

// Read by jemalloc at start (linked outside sanitizer builds: web/CMakeLists.txt): a thread
// of its own hands memory back to the system a few seconds after a large answer (the check
// report, an entity cited by the whole archive), instead of keeping it for good.
extern "C" const char* malloc_conf;
const char* malloc_conf = "background_thread:true";

namespace {

using namespace concord;

struct ServeState {
  std::string listen = "127.0.0.1:8080";
  std::string password_file;
  std::string accept_file;
  double query_seconds = 2.0;
  double render_seconds = 10.0;
  bool access_log = false;
};

// This program's own path, for running it again as the page renderer.
std::string own_path() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// "user:password" from the first line of `path`; "" with *error set when it cannot.
std::string read_credentials(const std::string& path, std::string* error) {
  const util::SmallFile file = util::read_small_file(path);
  if (!file.error.empty()) {
    *error = "cannot read the password file " + util::echo_input(path, 1000) + ": " + file.error;
    return "";
  }
  std::string line = file.bytes.substr(0, file.bytes.find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const size_t colon = line.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == line.size()) {
    *error = "the password file's first line must be USER:PASSWORD";
    return "";
  }
  return line;
}

int serve(const ServeState& s, const std::string& db_path) {
  const size_t colon = s.listen.rfind(':');
  std::string host = colon == std::string::npos ? s.listen : s.listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    size_t used = 0;
    port = std::stoi(s.listen.substr(colon + 1), &used);
    if (colon == std::string::npos || used != s.listen.size() - colon - 1 || port < 0 ||
        port > 65535)
      throw std::invalid_argument("port");
  } catch (const std::exception&) {
    std::cerr << "concord-web: --listen takes HOST:PORT (e.g. 127.0.0.1:8080), not "
              << util::echo_input(s.listen, 200) << "\n";
    return 2;
  }
  SiteOptions options;
  options.db_path = db_path;
  options.query_seconds = s.query_seconds;
  options.accept_file = s.accept_file;
  options.render_seconds = s.render_seconds;
  const std::string self = own_path();
  if (!self.empty()) options.render_command = {self, "--render-page"};
  if (!s.password_file.empty()) {
    std::string error;
    const std::string credentials = read_credentials(s.password_file, &error);
    if (credentials.empty()) {
      std::cerr << "concord-web: " << error << "\n";
      return 2;
    }
    const size_t c = credentials.find(':');
    options.authorization = httplib::make_basic_authentication_header(credentials.substr(0, c),
                                                                      credentials.substr(c + 1))
                                .second;
  } else if (!is_loopback(host)) {
    std::cerr << "concord-web: listening on " << util::echo_input(host, 200)
              << " makes the archive reachable from other machines; give --password-file "
                 "FILE (one line USER:PASSWORD) or listen on 127.0.0.1\n";
    return 2;
  }
  // Fail now if a data file cannot be read (not inside a request's thread).
  load_stopwords();
  (void)Gazetteer::built_in();
  (void)Authority::built_in();
  // Fail now, with the usual message, if the database cannot be read.
  const uint64_t documents =
      read_index(db_path, [](const IndexReader& r) { return r.archive_documents(); });

  const Site site(options);
  httplib::Server server;
  server.set_payload_max_length(64 * 1024);
  server.set_read_timeout(5);
  server.set_write_timeout(30);
  server.set_keep_alive_max_count(100);
  // Headers and body go out in two writes; without this, delayed ACKs add 40 ms to each.
  server.set_tcp_nodelay(true);
  auto handler = [&](const httplib::Request& req, httplib::Response& res) {
    WebRequest request;
    request.method = req.method;
    request.path = req.path;
    for (const auto& [k, v] : req.params) request.params.emplace(k, v);
    request.authorization = req.get_header_value("Authorization");
    const WebResponse answer = site.handle(request);
    res.status = answer.status;
    for (const auto& [k, v] : answer.headers) res.set_header(k, v);
    res.set_content(answer.body, answer.content_type);
  };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Delete(".*", handler);
  server.Options(".*", handler);
  server.Patch(".*", handler);
  if (s.access_log)
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::cerr << req.method << " " << util::escape_controls(req.target) << " " << res.status
                << "\n";
    });

  int bound = port;
  if (port == 0) {
    bound = server.bind_to_any_port(host);
  } else if (!server.bind_to_port(host, port)) {
    bound = -1;
  }
  if (bound < 0) {
    std::cerr << "concord-web: cannot listen on " << util::echo_input(s.listen, 200)
              << " (in use, or not an address of this machine)\n";
    return 1;
  }
  const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::string shown_db = db_path;  // several shards: one per line in the location
  std::replace(shown_db.begin(), shown_db.end(), '\n', ' ');
  std::cout << "Serving " << documents << " documents of " << util::echo_input(shown_db, 600)
            << " at http://" << shown_host
            << ":" << bound << "/ (Ctrl-C to stop)" << std::endl;

  // SIGINT and SIGTERM are taken by this thread, which then stops the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::thread listener([&] { server.listen_after_bind(); });
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server.stop();
  listener.join();
  return 0;
}

const char* kExamples = R"(
Examples:
  concord-web --db concord.db                  then open http://127.0.0.1:8080/
  concord-web --listen 127.0.0.1:0             any free port (printed)
  concord-web --listen 0.0.0.0:8080 --password-file /etc/concord/web.pass
  concord-web --accept reviewed.txt            review check findings in the browser
  concord-query check --accept reviewed.txt    ...and the command honours the same reviews

Pages: / and /search?q=QUERY (the query language of concord-query search, with facets),
/doc?path=PATH&page=N (the stored text, every mention linked), /entity?id=ENTITY (what
xref knows, and every mention: /entity/mentions.csv and .jsonl to download), /health
(documents, failures, discovered acronyms), /check (citation findings with their
evidence; Accept and Reopen with --accept FILE, the only thing it ever writes). Every
request reads the index as it is then, so files indexed while it runs appear without a restart. Listens on this machine
only unless given --password-file. Stop it with Ctrl-C or SIGTERM.

Exit status: 0 stopped by a signal; 1 the database cannot be read or the address cannot be
used; 2 bad arguments.
)";

}  // namespace

int main(int argc, char** argv) {
  // The page renderer, run by the server for each page image (not for people: no help).
  if (argc >= 2 && std::string(argv[1]) == "--render-page") {
    return render_page_process(std::vector<std::string>(argv + 2, argv + argc), std::cout,
                               std::cerr);
  }
  CLI::App app{"concord-web: the Concord archive in a web browser."};
  app.footer(kExamples);
  ServeState state;
  std::vector<std::string> db_paths;
  app.add_option("--db", db_paths,
                 "database folder or Xapian stub file; repeat it to read several shards as one "
                 "archive (default: $CONCORD_DB, else ./concord.db)")
      ->allow_extra_args(false);
  app.add_option("--listen", state.listen,
                 "HOST:PORT to listen on; port 0 picks a free one (printed at start)")
      ->capture_default_str();
  app.add_option("--password-file", state.password_file,
                 "require HTTP Basic sign-in with the USER:PASSWORD on this file's first line "
                 "(needed to listen beyond this machine)")
      ->check(concord::cli::list_file());
  app.add_option("--query-seconds", state.query_seconds,
                 "time limit of one search (it then shows what it found)")
      ->check(CLI::Range(0.05, 60.0))
      ->capture_default_str();
  app.add_option("--render-seconds", state.render_seconds,
                 "time limit of rendering one PDF page image (a page that takes longer gets a "
                 "short error page; its text stays readable)")
      ->check(CLI::Range(0.5, 300.0))
      ->capture_default_str();
  app.add_option("--accept", state.accept_file,
                 "the reviewed-findings store: the check page accepts and reopens findings in "
                 "this accept file, which concord-query check --accept reads (created if "
                 "missing; without it the check page is read-only)");
  app.add_flag("--access-log", state.access_log, "print each request on stderr");
  app.set_version_flag("-V,--version", std::string(CONCORD_VERSION));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForVersion&) {
    std::cout << "concord-web " << CONCORD_VERSION << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "concord-web: " << util::escape_controls(e.what())
              << "\nRun 'concord-web --help' for usage.\n";
    return 2;
  }
  try {
    return serve(state, db_paths.size() > 1
                            ? join_locations(db_paths)
                            : util::database_path(db_paths.empty() ? "" : db_paths[0]));
  } catch (const std::exception& e) {
    std::cerr << "concord-web: " << util::escape_controls(e.what()) << "\n";
    return 1;
  }
}
