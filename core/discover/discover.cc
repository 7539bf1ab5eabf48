// Discovery: recursive walk of the indexed roots with stat data and format-by-extension.
#include "discover/discover.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>

#include "util/small_file.h"

namespace fs = std::filesystem;

namespace concord {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool hidden(const fs::path& p) {
  const std::string& path = p.native();
  const size_t slash = path.rfind('/');
  return slash + 1 < path.size() && path[slash + 1] == '.';
}

// The rules of one .concordignore, relative to its folder.
struct IgnoreFrame {
  std::string base;
  std::vector<IgnoreRule> rules;
};

// `path` relative to `base` (path lies under base).
std::string_view relative_to(const std::string& path, const std::string& base) {
  std::string_view rel(path);
  rel.remove_prefix(std::min(rel.size(), base == "/" ? size_t{1} : base.size() + 1));
  return rel;
}

struct Walker {
  const WalkOptions& options;
  std::vector<std::string> resolved_roots;  // canonical forms, for "is this link inside?"
  WalkResult* out;
  std::string root;                         // the root being walked (--exclude's base)
  std::vector<IgnoreFrame> frames;          // ignore files from the root down to here

  // The rule that excludes `path`, or nullptr when it is to be walked or listed.
  const IgnoreRule* excluded_by(const std::string& path, bool folder) const {
    const std::string_view from_root = relative_to(path, root);
    for (const IgnoreRule& r : options.exclude)
      if (ignore_rule_matches(r, from_root, folder)) return &r;
    for (size_t i = frames.size(); i-- > 0;) {
      const IgnoreRule* r = match_ignore(frames[i].rules, relative_to(path, frames[i].base), folder);
      if (r) return r->negate ? nullptr : r;
    }
    return nullptr;
  }

  // Reads `folder`/.concordignore when there is one. Returns an error when it exists but
  // cannot be read; pushes a frame (possibly empty) otherwise.
  std::optional<std::string> push_ignore_file(const fs::path& folder) {
    const fs::path file = folder / kIgnoreFileName;
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(file, ec);
    IgnoreFrame frame{folder.string(), {}};
    if (!ec && fs::exists(st)) {
      util::SmallFile read = util::read_small_file(file.string(), kMaxIgnoreFileBytes);
      if (!read.error.empty()) return "cannot read " + file.string() + ": " + read.error;
      IgnoreParse parsed = parse_ignore_file(read.bytes, file.string());
      for (std::string& e : parsed.errors)
        out->warnings.push_back({file.string(), e + " (line ignored)"});
      frame.rules = std::move(parsed.rules);
    }
    frames.push_back(std::move(frame));
    return std::nullopt;
  }

  // True when `p` is excluded (and records it).
  bool exclude(const fs::path& p, bool folder) {
    const IgnoreRule* rule = excluded_by(p.string(), folder);
    if (!rule) return false;
    out->excluded.push_back({p.string(), folder, rule->source});
    return true;
  }

  // stat() follows symlinks: the size, time and identity are the target's.
  // `at`, when given, is an open descriptor of the file's folder: the file is looked up by
  // its name there (fstatat), which spares the kernel a walk of the whole path per file.
  void add_file(const std::string& path, bool link, int at = -1) {
    struct stat st {};
    const int rc = at >= 0 ? ::fstatat(at, path.c_str() + path.rfind('/') + 1, &st, 0)
                           : ::stat(path.c_str(), &st);
    if (rc != 0) {
      out->problems.push_back({path, "unreadable", std::string("cannot stat: ") + std::strerror(errno), true});
      return;
    }
    if (!S_ISREG(st.st_mode)) return;  // devices, sockets, fifos are never indexed
    FoundFile f;
    f.path = path;
    f.size = static_cast<uint64_t>(st.st_size);
    f.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    f.device = static_cast<uint64_t>(st.st_dev);
    f.inode = static_cast<uint64_t>(st.st_ino);
    f.link = link;
    f.format = format_from_extension(path);
    out->files.push_back(std::move(f));
  }

  // A symlinked file is listed when its target is inside a root (or links are followed);
  // symlinked folders are never followed (no loops).
  void add_link(const fs::path& p) {
    std::error_code ec;
    const fs::path target = fs::canonical(p, ec);
    if (ec) {
      if (ec == std::errc::too_many_symbolic_link_levels)
        out->problems.push_back({p.string(), "link-loop", "symbolic link loop: " + ec.message(), false});
      else
        out->problems.push_back({p.string(), "broken-link", "broken symbolic link: " + ec.message(), false});
      return;
    }
    if (!fs::is_regular_file(fs::status(target, ec)) || ec) return;
    const std::string t = target.string();
    const bool inside = std::any_of(resolved_roots.begin(), resolved_roots.end(),
                                    [&](const std::string& r) { return path_within(t, r); });
    if (!inside && !options.follow_links) {
      out->skipped.push_back({p.string(), "symbolic link to " + t +
                                              ", outside the indexed folders (not followed)"});
      return;
    }
    add_file(p.string(), true);
  }

  // Lists `folder` recursively. Returns the error when the folder itself cannot be listed
  // (the caller decides how to report it); later listing errors are recorded as problems.
  std::optional<std::string> walk_folder(const fs::path& folder) {
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec) return "cannot list folder: " + ec.message();
    if (auto problem = push_ignore_file(folder)) return problem;
    struct Pop {
      std::vector<IgnoreFrame>& frames;
      ~Pop() { frames.pop_back(); }
    } pop{frames};
    struct Folder {  // the folder's descriptor for add_file(), when it opens (else paths)
      int fd;
      ~Folder() {
        if (fd >= 0) ::close(fd);
      }
    } dir{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      if (hidden(p)) continue;
      // The entry's type as the listing gave it (d_type): no lstat() per file, except on file
      // systems that do not report types, where the library asks for it.
      std::error_code sec;
      const bool link = it->is_symlink(sec);
      const bool folder = !sec && !link && it->is_directory(sec);
      const bool regular = !sec && !link && !folder && it->is_regular_file(sec);
      if (sec) {
        out->problems.push_back({p.string(), "unreadable", "cannot stat: " + sec.message(), true});
        continue;
      }
      if (exclude(p, folder)) continue;
      if (link) {
        add_link(p);
      } else if (folder) {
        if (auto problem = walk_folder(p)) out->problems.push_back({p.string(), "unreadable", *problem, true});
      } else if (regular) {
        add_file(p.string(), false, dir.fd);
      }
    }
    if (ec) out->problems.push_back({folder.string(), "unreadable", "cannot list folder: " + ec.message(), true});
    return std::nullopt;
  }
};

}  // namespace

std::string absolute_path(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  if (ec) abs = fs::path(path);
  std::string s = abs.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

std::optional<Format> format_from_extension(const std::string& path) {
  // The extension as std::filesystem sees it (".txt" of "a.txt"; none of ".txt", a hidden
  // file), without building a path: this runs once per file of every walk.
  const std::string_view name = std::string_view(path).substr(path.rfind('/') + 1);
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || name.size() - dot > 6) return std::nullopt;
  const std::string ext = lower(std::string(name.substr(dot)));
  if (ext == ".txt" || ext == ".text" || ext == ".md") return Format::kText;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return Format::kHtml;
  if (ext == ".pdf") return Format::kPdf;
  return std::nullopt;
}

std::optional<Format> sniff_format(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  if (head.substr(0, 5) == "%PDF-") return Format::kPdf;
  size_t i = 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  std::string start = lower(std::string(head.substr(i, 64)));
  if (start.rfind("<html", 0) == 0 || start.rfind("<!doctype html", 0) == 0) return Format::kHtml;
  // "<?xml ...?>" followed by an XHTML root, or a comment before <html>.
  if (start.rfind("<?xml", 0) == 0 || start.rfind("<!--", 0) == 0) {
    std::string more = lower(std::string(head.substr(i, 1024)));
    if (more.find("<html") != std::string::npos) return Format::kHtml;
  }
  return std::nullopt;
}

bool path_within(const std::string& path, const std::string& folder) {
  if (path.rfind(folder, 0) != 0) return false;
  return path.size() == folder.size() || folder == "/" || path[folder.size()] == '/';
}

WalkResult walk(const std::vector<std::string>& roots, const WalkOptions& options) {
  WalkResult out;
  Walker walker{options, {}, &out, {}, {}};
  for (const std::string& root : roots) {
    std::error_code ec;
    const fs::path resolved = fs::canonical(absolute_path(root), ec);
    if (!ec) walker.resolved_roots.push_back(resolved.string());
  }
  for (const std::string& root : roots) {
    RootState state;
    state.path = absolute_path(root);
    walker.root = state.path;
    const size_t files_before = out.files.size();
    const size_t excluded_before = out.excluded.size();
    std::error_code ec;
    const fs::file_status st = fs::status(state.path, ec);
    if (ec || !fs::exists(st)) {
      const bool missing = !ec || ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory;
      state.state = missing ? RootState::State::kMissing : RootState::State::kUnreadable;
      state.message = missing ? "no such file or folder"
                      : ec == std::errc::too_many_symbolic_link_levels ? "symbolic link loop"
                                                                        : "cannot stat: " + ec.message();
    } else if (fs::is_directory(st)) {
      if (auto problem = walker.walk_folder(state.path)) {
        state.state = RootState::State::kUnreadable;
        state.message = *problem;
      }
    } else if (fs::is_regular_file(st)) {
      std::error_code lec;
      walker.add_file(state.path, fs::is_symlink(fs::symlink_status(state.path, lec)));
    } else {
      state.state = RootState::State::kUnreadable;
      state.message = "not a regular file or a folder";
    }
    state.files = out.files.size() - files_before;
    state.excluded = out.excluded.size() - excluded_before;
    out.roots.push_back(std::move(state));
  }
  std::sort(out.files.begin(), out.files.end(),
            [](const FoundFile& a, const FoundFile& b) { return a.path < b.path; });
  out.files.erase(std::unique(out.files.begin(), out.files.end(),
                              [](const FoundFile& a, const FoundFile& b) { return a.path == b.path; }),
                  out.files.end());
  std::sort(out.skipped.begin(), out.skipped.end(),
            [](const WalkSkip& a, const WalkSkip& b) { return a.path < b.path; });
  out.skipped.erase(std::unique(out.skipped.begin(), out.skipped.end(),
                                [](const WalkSkip& a, const WalkSkip& b) { return a.path == b.path; }),
                    out.skipped.end());
  std::sort(out.excluded.begin(), out.excluded.end(),
            [](const WalkExclusion& a, const WalkExclusion& b) { return a.path < b.path; });
  out.excluded.erase(std::unique(out.excluded.begin(), out.excluded.end(),
                                 [](const WalkExclusion& a, const WalkExclusion& b) { return a.path == b.path; }),
                     out.excluded.end());
  return out;
}

}  // namespace concord
