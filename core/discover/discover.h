// Discovery stage: walks the roots given on the command line and lists candidate files.
//
// Contract: does not follow symlinked folders (so no loops); skips hidden files and folders
// (name starting with '.'). A symlinked file is listed when its target lies inside one of
// the roots (the link's own path is listed); a target outside every root is listed in
// WalkResult::skipped unless WalkOptions::follow_links. Roots themselves are followed even
// when they are links: the user named them. A file that cannot be stat'ed, a folder that
// cannot be listed, a dangling link or a link loop is returned as a problem, never thrown;
// each root's state says whether it could be walked. Output is sorted by path. Not
// thread-safe per call, but calls are independent.
// Exclusions (discover/ignore.h): a file or folder matched by WalkOptions::exclude or by a
// `.concordignore` in a folder being walked is not listed (a folder is not entered) and is
// named in WalkResult::excluded instead. A root named on the command line is never excluded
// (the user named it). A .concordignore that cannot be read makes its folder unreadable (a
// problem that keeps its documents, since its rules are unknown); a line that is not a
// pattern is a warning and is ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "discover/ignore.h"
#include "extract/extract.h"

namespace concord {

struct WalkOptions {
  // Follow symlinked files whose target lies outside every root (default: skip them, so a
  // link such as `notes.txt -> /etc/passwd` cannot pull outside text into the index).
  bool follow_links = false;
  // --exclude patterns, relative to each root; they decide before any .concordignore.
  std::vector<IgnoreRule> exclude;
};

struct FoundFile {
  std::string path;                // absolute, lexically normal (a link's own path)
  uint64_t size = 0;
  int64_t mtime_ns = 0;            // modification time, nanoseconds since the epoch
  uint64_t device = 0;             // identity of the file found (a link's target), so the
  uint64_t inode = 0;              // reader can refuse a file swapped after the walk
  bool link = false;               // `path` is a symbolic link
  std::optional<Format> format;    // from the extension; nullopt = decide by sniffing
};

struct WalkProblem {
  std::string path;
  std::string kind;                // "unreadable", "broken-link", "link-loop", "not-a-file"
  std::string message;
  // True when files may still exist under `path` but could not be reached (a folder that
  // cannot be listed, an entry that cannot be stat'ed): documents under it must be kept.
  bool keeps_documents = false;
};

// A path found and deliberately not listed (today: a link to outside the roots).
struct WalkSkip {
  std::string path;
  std::string reason;
};

// A file or folder a rule excluded (a folder is not entered: one entry for all inside it).
struct WalkExclusion {
  std::string path;
  bool folder = false;
  std::string rule;                // IgnoreRule::source of the deciding rule
};

// A line of a .concordignore that is not a pattern (ignored).
struct WalkWarning {
  std::string path;                // the .concordignore
  std::string message;             // "FILE:LINE: why"
};

struct RootState {
  enum class State {
    kWalked,       // exists and was walked (a folder listed, or a file)
    kMissing,      // does not exist
    kUnreadable,   // exists but cannot be listed or stat'ed
  };
  std::string path;                // absolute, lexically normal
  State state = State::kWalked;
  std::string message;             // why, when not kWalked
  size_t files = 0;                // files listed under it
  size_t excluded = 0;             // files and folders excluded under it
};

struct WalkResult {
  std::vector<RootState> roots;     // one per root given, in order
  std::vector<FoundFile> files;     // sorted by path, without repeats
  std::vector<WalkProblem> problems;
  std::vector<WalkSkip> skipped;    // sorted by path
  std::vector<WalkExclusion> excluded;  // sorted by path
  std::vector<WalkWarning> warnings;
};

// Walks each root (a file or a folder).
WalkResult walk(const std::vector<std::string>& roots, const WalkOptions& options = {});

// Format from a file name's extension, or nullopt when the extension is not one we know.
std::optional<Format> format_from_extension(const std::string& path);

// Format from the first bytes of a file: "%PDF-" -> pdf, "<html"/"<!doctype html" -> html.
std::optional<Format> sniff_format(std::string_view head);

// Absolute, lexically normalized form of `path` (relative to the current directory).
std::string absolute_path(const std::string& path);

// True when `path` is `folder` or lies under it (plain string prefix on '/' boundaries).
bool path_within(const std::string& path, const std::string& folder);

}  // namespace concord
