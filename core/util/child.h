// Running a helper program with a time limit and a bound on what it may print: the web page
// renders PDF pages in one, so a hostile PDF costs at most the limit (and a crash in the
// renderer is the helper's, not the server's).
//
// Contract: starts argv[0] (a path, not searched in PATH) with argv, stdin on /dev/null, no
// descriptor of this process but the two pipes it reads; waits until it exits, or `seconds`
// have passed, or it has written more than `max_output` bytes to stdout, and in the last two
// cases kills it (SIGKILL) and reaps it. Never leaves a zombie or an open descriptor; never
// raises SIGPIPE. Errors are values. Thread-safe (posix_spawn; pipes created close-on-exec).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace concord::util {

struct ChildResult {
  std::string spawn_error;  // why it could not be started; "" when it ran
  int exit_code = -1;       // its exit status when it exited
  int signal = 0;           // the signal that ended it (SIGKILL when this killed it)
  bool timed_out = false;   // killed at the time limit
  bool too_much = false;    // killed for printing more than max_output
  std::string out;          // its stdout (at most max_output bytes)
  std::string err;          // its stderr (at most 64 KiB)
};

ChildResult run_child(const std::vector<std::string>& argv, double seconds, size_t max_output);

}  // namespace concord::util
