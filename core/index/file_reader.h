// Reading one discovered file for extraction, without trusting that it is still what the
// walk found.
//
// Contract: read_found_file() opens with O_NONBLOCK (a FIFO or device put in the file's
// place never blocks the run), and with O_NOFOLLOW unless the walk found a link there; it
// fstat()s what it opened and refuses anything but a regular file ("not-a-file"), and a
// file whose device and inode differ from the walk's ("changed"; skipped when the walk
// recorded none). It reads at most `limit` bytes: a file that has grown past the limit
// since the walk fails as "too-large", so nothing past the limit is ever indexed. On
// success returns nullopt and leaves the bytes in *out; on failure returns the problem.
// Never throws for file problems. Thread-safe: no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "discover/discover.h"
#include "extract/extract.h"

namespace concord {

std::optional<FileProblem> read_found_file(const FoundFile& file, uint64_t limit, std::string* out);

// The same file, opened and checked the same way, read a piece at a time (a text too large to
// hold at once): at most `limit` bytes in all from each start, else "too-large".
class FoundFileStream {
 public:
  FoundFileStream() = default;
  ~FoundFileStream();
  FoundFileStream(const FoundFileStream&) = delete;
  FoundFileStream& operator=(const FoundFileStream&) = delete;

  // Opens `file` (closing what was open); nullopt on success, else the problem.
  std::optional<FileProblem> open(const FoundFile& file, uint64_t limit);
  // Reads up to `max` bytes into *out (replacing its content); *out is empty at the end.
  std::optional<FileProblem> read(size_t max, std::string* out);
  // Back to the first byte.
  std::optional<FileProblem> rewind();

 private:
  int fd_ = -1;
  uint64_t limit_ = 0;
  uint64_t read_ = 0;  // bytes read since the start
};

}  // namespace concord
