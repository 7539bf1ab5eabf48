// Folders as wholes: what they hold on disk, and one put in place of another in one step
// (the database's compaction, store/writer.h).
//
// Contract: errors are values (a reason without the path, or 0 bytes); never throws.
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace concord::util {

// The bytes of the regular files under `dir`, recursively; 0 when it cannot be read.
uint64_t folder_bytes(const std::string& dir);

// Exchanges the folders `a` and `b` atomically (Linux's renameat2 with RENAME_EXCHANGE): a
// process that opens either path at any moment finds one of the two whole. Both must exist,
// on one file system that can exchange (ext4, XFS, Btrfs, tmpfs can; some network and
// overlay file systems cannot). Returns "" when done, else why not (nothing moved then).
std::string exchange_folders(const std::string& a, const std::string& b);

}  // namespace concord::util
