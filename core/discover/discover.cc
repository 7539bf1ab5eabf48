// Discovery: recursive walk of the indexed roots with stat data and format-by-extension.
#include "discover/discover.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace concord {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// stat() follows symlinks for files; `lstat` tells whether the entry itself is a link.
void add_file(const std::string& path, WalkResult* out) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    out->problems.push_back({path, std::string("cannot stat: ") + std::strerror(errno)});
    return;
  }
  if (!S_ISREG(st.st_mode)) return;  // devices, sockets, fifos are never indexed
  FoundFile f;
  f.path = path;
  f.size = static_cast<uint64_t>(st.st_size);
  f.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  f.format = format_from_extension(path);
  out->files.push_back(std::move(f));
}

void walk_folder(const fs::path& folder, WalkResult* out) {
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  if (ec) {
    out->problems.push_back({folder.string(), "cannot list folder: " + ec.message()});
    return;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) {
      out->problems.push_back({folder.string(), "cannot list folder: " + ec.message()});
      return;
    }
    const fs::path& p = it->path();
    if (hidden(p)) continue;
    std::error_code sec;
    const fs::file_status link_status = it->symlink_status(sec);
    if (sec) {
      out->problems.push_back({p.string(), "cannot stat: " + sec.message()});
      continue;
    }
    if (fs::is_symlink(link_status)) {
      // Symlinked files are indexed; symlinked folders are not followed (no loops).
      const fs::file_status target = fs::status(p, sec);
      if (sec) out->problems.push_back({p.string(), "broken symbolic link: " + sec.message()});
      else if (fs::is_regular_file(target)) add_file(p.string(), out);
      continue;
    }
    if (fs::is_directory(link_status)) {
      walk_folder(p, out);
    } else if (fs::is_regular_file(link_status)) {
      add_file(p.string(), out);
    }
  }
}

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
  const std::string ext = lower(fs::path(path).extension().string());
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

WalkResult walk(const std::vector<std::string>& roots) {
  WalkResult out;
  for (const std::string& root : roots) {
    const std::string abs = absolute_path(root);
    out.roots.push_back(abs);
    std::error_code ec;
    const fs::file_status st = fs::status(abs, ec);
    if (ec || !fs::exists(st)) {
      out.problems.push_back({abs, "no such file or folder"});
      continue;
    }
    if (fs::is_directory(st)) {
      walk_folder(abs, &out);
    } else {
      add_file(abs, &out);
    }
  }
  std::sort(out.files.begin(), out.files.end(),
            [](const FoundFile& a, const FoundFile& b) { return a.path < b.path; });
  out.files.erase(std::unique(out.files.begin(), out.files.end(),
                              [](const FoundFile& a, const FoundFile& b) { return a.path == b.path; }),
                  out.files.end());
  return out;
}

}  // namespace concord
