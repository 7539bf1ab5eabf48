// Reading the small files users name on the command line (--gazetteer, --authority, --accept,
// cases files), with a bounded cost whatever the path names; and replacing a small file whole
// (the review file, the run record beside a database, OCR cache entries).
//
// Contract: only a regular file is read (a device such as /dev/zero, a FIFO, a directory or a
// socket is refused without blocking), and only when it holds at most `max_bytes` (checked
// before reading and again while reading, in case the file grows). Memory stays below
// max_bytes + one read buffer. Errors are values: a one-line reason, without the path (the
// caller names the file). Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace concord::util {

// The cap the programs use for those files: far above any real list (the built-in
// gazetteer is under 100 KiB), far below what would strain memory.
inline constexpr uint64_t kMaxSmallFileBytes = uint64_t{64} << 20;  // 64 MiB

struct SmallFile {
  std::string bytes;  // the whole file when `error` is empty
  std::string error;  // "" on success, else why it was not read ("not a regular file"...)
};

SmallFile read_small_file(const std::string& path, uint64_t max_bytes = kMaxSmallFileBytes);

// Reads the open descriptor `fd` to its end into *out (replacing it), never more than
// `limit` + 1 bytes: returns 0, EFBIG when it holds more than `limit` bytes (a file that grew
// since it was checked), or the errno of a failed read; *out is cleared on failure. EINTR
// is retried. The one bounded read of read_small_file() and of the indexer's file reader.
int read_to_end(int fd, uint64_t limit, std::string* out);

// The reason read_small_file() would refuse `path` without reading its content (missing,
// unreadable, not a regular file, larger than max_bytes), or nullopt when it looks readable.
// For validating command-line arguments up front.
std::optional<std::string> small_file_problem(const std::string& path,
                                              uint64_t max_bytes = kMaxSmallFileBytes);

// Whether replace_file() waits for the bytes to reach the disk before and after the rename.
enum class Sync { kNo, kYes };

// Replaces the file at `path` with `text`, whole: the text goes to a new temporary file in the
// same folder (its name is path + ".tmp." + pid + "." + a per-process counter, created
// exclusively, so two threads or processes never share one; a name already taken, left by a
// killed process that had this pid, is passed over), which is then renamed over
// `path`. A reader sees the old file or the new one, never a mix. With Sync::kYes the
// temporary file is flushed to disk before the rename and the folder after it (as far as the
// file system allows), so the new file survives a power cut once this returns. Returns 0, or the errno of the step that
// failed; on failure `path` is untouched and the temporary file removed. A process killed
// between the write and the rename can leave its temporary file behind (never read).
// Thread-safe.
int replace_file(const std::string& path, std::string_view text, Sync sync);

}  // namespace concord::util
