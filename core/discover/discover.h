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
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "extract/extract.h"

namespace concord {

struct WalkOptions {
  // Follow symlinked files whose target lies outside every root (default: skip them, so a
  // link such as `notes.txt -> /etc/passwd` cannot pull outside text into the index).
  bool follow_links = false;
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
};

struct WalkResult {
  std::vector<RootState> roots;     // one per root given, in order
  std::vector<FoundFile> files;
  std::vector<WalkProblem> problems;
  std::vector<WalkSkip> skipped;    // sorted by path
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
