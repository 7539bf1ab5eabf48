// run_child(): a helper's output, status, time limit and output bound, as the web page's
// renderer relies on them.
#include "util/child.h"

#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>

using concord::util::ChildResult;
using concord::util::run_child;

TEST_CASE("run_child: output, status, signals, time limit and output bound", "[util][child]") {
  struct Case {
    const char* what;
    std::vector<std::string> argv;
    double seconds;
    size_t max_output;
    int exit_code, signal;
    bool timed_out, too_much;
    std::string out, err;
  };
  const std::vector<Case> cases = {
      {"exit status and both streams", {"/bin/sh", "-c", "printf out; printf err >&2; exit 3"},
       5, 100, 3, 0, false, false, "out", "err"},
      {"success", {"/bin/sh", "-c", "printf '%s' \"$0\"", "arg with spaces"}, 5, 100, 0, 0, false,
       false, "arg with spaces", ""},
      {"a crash is a signal", {"/bin/sh", "-c", "kill -SEGV $$"}, 5, 100, -1, SIGSEGV, false,
       false, "", ""},
      {"killed at the time limit", {"/bin/sleep", "30"}, 0.3, 100, -1, SIGKILL, true, false, "",
       ""},
      {"killed past the output bound", {"/usr/bin/yes"}, 5, 100000, -1, SIGKILL, false, true, "",
       ""},
      {"output closed early, then hangs", {"/bin/sh", "-c", "exec >&- 2>&-; sleep 30"}, 0.3, 100,
       -1, SIGKILL, true, false, "", ""},
      {"stdin is empty", {"/bin/cat"}, 5, 100, 0, 0, false, false, "", ""},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const auto started = std::chrono::steady_clock::now();
    const ChildResult r = run_child(c.argv, c.seconds, c.max_output);
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(r.spawn_error.empty());
    CHECK(r.exit_code == c.exit_code);
    CHECK(r.signal == c.signal);
    CHECK(r.timed_out == c.timed_out);
    CHECK(r.too_much == c.too_much);
    CHECK(r.out == c.out);
    CHECK(r.err == c.err);
    CHECK(took < c.seconds + 2);
  }
}

TEST_CASE("run_child: a program that cannot be started is an error value", "[util][child]") {
  const ChildResult r = run_child({"/nonexistent/program"}, 1, 100);
  CHECK(r.spawn_error.find("/nonexistent/program") != std::string::npos);
  CHECK(r.exit_code == -1);
  CHECK(run_child({}, 1, 100).spawn_error == "no program");
}
