#include "store/shards.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/errors.h"
#include "util/echo.h"

namespace fs = std::filesystem;

namespace concord {
namespace {

constexpr int kMaxStubDepth = 8;
constexpr size_t kMaxStubBytes = 1 << 20;

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// As std::filesystem::is_regular_file(), through the system call: a search opens one folder,
// and std::filesystem's first use costs more than the call.
bool is_regular_file(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

void expand(const std::string& location, int depth, std::vector<Shard>* out) {
  if (!is_regular_file(location)) {
    out->push_back(Shard{location, "", 0});
    return;
  }
  const std::string shown = util::echo_input(location, 300);
  if (depth >= kMaxStubDepth)
    throw DatabaseError("stub file " + shown + ": stub files nested more than " +
                        std::to_string(kMaxStubDepth) + " deep (a loop?)");
  std::ifstream in(location, std::ios::binary);
  std::string text;
  if (in) {
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  if (!in && !in.eof())
    throw DatabaseError("cannot read stub file " + shown + ": check the path and permissions");
  if (text.size() > kMaxStubBytes)
    throw DatabaseError("stub file " + shown + " is larger than 1 MiB: not a stub file");
  const fs::path folder = fs::path(location).parent_path();
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  const size_t before = out->size();
  while (std::getline(lines, line)) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.find_first_of(" \t");
    const std::string kind = line.substr(0, space);
    const std::string arg = space == std::string::npos ? "" : trim(line.substr(space));
    auto bad = [&](const std::string& why) {
      return DatabaseError("stub file " + shown + ", line " + std::to_string(number) + ": " +
                           why + " (lines are `auto PATH` or `remote HOST:PORT`)");
    };
    if (arg.empty()) throw bad("'" + util::echo_input(kind, 40) + "' without a database");
    if (kind == "auto" || kind == "glass") {
      const fs::path p(arg);
      expand((p.is_absolute() ? p : folder / p).lexically_normal().string(), depth + 1, out);
    } else if (kind == "remote") {
      const size_t colon = arg.rfind(':');
      if (arg[0] == ':' || colon == std::string::npos)
        throw bad("only TCP remotes (`remote HOST:PORT`) are supported");
      const std::string port = arg.substr(colon + 1);
      unsigned long n = 0;
      try {
        size_t used = 0;
        n = std::stoul(port, &used);
        if (used != port.size()) n = 0;
      } catch (const std::exception&) {
        n = 0;
      }
      if (n == 0 || n > 65535) throw bad("'" + util::echo_input(port, 20) + "' is not a port");
      std::string host = arg.substr(0, colon);
      if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
      out->push_back(Shard{"", host, static_cast<unsigned>(n)});
    } else {
      throw bad("'" + util::echo_input(kind, 40) + "' is not a database type Concord reads");
    }
  }
  if (out->size() == before)
    throw DatabaseError("stub file " + shown + " names no database");
}

}  // namespace

std::string Shard::name() const { return remote() ? host + ":" + std::to_string(port) : path; }

std::string join_locations(const std::vector<std::string>& locations) {
  std::string out;
  for (const std::string& l : locations) {
    if (l.find('\n') != std::string::npos)
      throw DatabaseError("a database path holding a newline: " + util::echo_input(l, 300));
    if (!out.empty()) out += '\n';
    out += l;
  }
  return out;
}

std::vector<Shard> shards_of(const std::string& location) {
  std::vector<Shard> out;
  for (size_t start = 0; start <= location.size();) {
    const size_t end = std::min(location.find('\n', start), location.size());
    if (end > start) expand(location.substr(start, end - start), 0, &out);
    start = end + 1;
  }
  if (out.empty()) throw DatabaseError("no database given");
  return out;
}

bool is_several(const std::string& location) {
  const std::vector<Shard> shards = shards_of(location);
  return shards.size() > 1 || shards[0].remote();
}

}  // namespace concord
