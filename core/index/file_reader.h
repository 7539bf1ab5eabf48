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

}  // namespace concord
