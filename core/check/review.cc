// Reviewing findings one at a time in an accept file (check.h: accept_finding(),
// reopen_finding()): locked, replaced atomically.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <sstream>

#include "check/check.h"
#include "util/small_file.h"

namespace concord {
namespace {

namespace fs = std::filesystem;

// An exclusive flock on PATH.lock for the lifetime of this object.
class StoreLock {
 public:
  explicit StoreLock(const std::string& path) {
    fd_ = ::open((path + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~StoreLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// The file's text; "" when it does not exist; nullopt when it cannot be read (only a regular
// file of bounded size is: util::read_small_file).
std::optional<std::string> read_text(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::string();
  util::SmallFile file = util::read_small_file(path);
  if (!file.error.empty()) return std::nullopt;
  return std::move(file.bytes);
}

// `text` cut to `max` bytes (not inside a UTF-8 sequence), one line, without '|' and '#'
// ambiguity: control characters and '|' become spaces.
std::string clean_note(const std::string& text, size_t max) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7F || c == '|') ? ' ' : c;
  }
  if (out.size() > max) {
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

const char* kHeader =
    "# Reviewed findings of concord-query check, one id per line; '#' starts a comment.\n";

}  // namespace

AcceptWrite accept_finding(const std::string& path, const Finding& finding,
                           const std::string& reviewer, const std::string& reason,
                           const std::string& date) {
  AcceptWrite result;
  const StoreLock lock(path);
  if (!lock.held()) {
    result.problem = CheckProblem{path, 0, "cannot lock the accept file"};
    return result;
  }
  std::optional<std::string> text = read_text(path);
  if (!text) {
    result.problem = CheckProblem{path, 0, "cannot read the accept file"};
    return result;
  }
  const AcceptFile listed = read_accept_file(path);
  for (const std::string& id : listed.ids)
    if (id == finding.id) {
      result.listed = 1;
      return result;
    }
  if (text->empty()) *text = kHeader;
  if (text->back() != '\n') *text += '\n';
  std::error_code ec;
  const std::string folder = fs::absolute(path, ec).parent_path().string();
  std::string line = accept_lines({finding}, folder);  // "id  # kind path:line written..."
  const size_t hash = line.find("# ");
  std::string note = "accepted";
  const std::string who = clean_note(reviewer, 100), why = clean_note(reason, 500);
  if (!who.empty()) note += " by " + who;
  note += " on " + clean_note(date, 40);
  if (!why.empty()) note += ": " + why;
  line.insert(hash + 2, note + " | ");
  *text += line;
  if (const int error = util::replace_file(path, *text, util::Sync::kYes); error != 0) {
    result.problem =
        CheckProblem{path, 0, std::string("cannot write the accept file: ") + std::strerror(error)};
    return result;
  }
  result.added = 1;
  return result;
}

ReopenResult reopen_finding(const std::string& path, const std::string& id) {
  ReopenResult result;
  const StoreLock lock(path);
  if (!lock.held()) {
    result.problem = CheckProblem{path, 0, "cannot lock the accept file"};
    return result;
  }
  const std::optional<std::string> text = read_text(path);
  if (!text) {
    result.problem = CheckProblem{path, 0, "cannot read the accept file"};
    return result;
  }
  std::string kept;
  std::istringstream in(*text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    std::string lower = first;
    for (char& c : lower)
      if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    if (!first.empty() && lower == id) {
      ++result.removed;
      continue;
    }
    kept += line + "\n";
  }
  if (result.removed == 0) return result;
  if (const int error = util::replace_file(path, kept, util::Sync::kYes); error != 0)
    result.problem =
        CheckProblem{path, 0, std::string("cannot write the accept file: ") + std::strerror(error)};
  return result;
}

}  // namespace concord
