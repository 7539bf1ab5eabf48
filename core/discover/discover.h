// Discovery stage: walks the roots given on the command line and lists candidate files.
//
// Contract: does not follow symlinked folders (so no loops); skips hidden files and folders
// (name starting with '.'); a file that cannot be stat'ed or a folder that cannot be listed
// is returned as a problem, never thrown. Output is sorted by path. Not thread-safe per
// call, but calls are independent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "extract/extract.h"

namespace concord {

struct FoundFile {
  std::string path;                // absolute, lexically normal
  uint64_t size = 0;
  int64_t mtime_ns = 0;            // modification time, nanoseconds since the epoch
  std::optional<Format> format;    // from the extension; nullopt = decide by sniffing
};

struct WalkProblem {
  std::string path;
  std::string message;
};

struct WalkResult {
  std::vector<std::string> roots;   // absolute roots, as walked
  std::vector<FoundFile> files;
  std::vector<WalkProblem> problems;
};

// Walks each root (a file or a folder). A root that does not exist is a problem.
WalkResult walk(const std::vector<std::string>& roots);

// Format from a file name's extension, or nullopt when the extension is not one we know.
std::optional<Format> format_from_extension(const std::string& path);

// Format from the first bytes of a file: "%PDF-" -> pdf, "<html"/"<!doctype html" -> html.
std::optional<Format> sniff_format(std::string_view head);

// Absolute, lexically normalized form of `path` (relative to the current directory).
std::string absolute_path(const std::string& path);

}  // namespace concord
