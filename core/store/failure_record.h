// The failure record: what the index remembers about a file that could not be indexed, so an
// unchanged bad file is not retried and `concord-query failures` can list it.
//
// Layout: metadata key schema::kMetaFailurePrefix + absolute path; value a JSON object
// {"kind", "message", "mtime", "size"} (size in bytes, mtime in ns). The writer encodes with
// encode_failure(), every reader decodes with decode_failure(); nothing else knows the layout.
//
// Contract: pure functions, thread-safe. decode_failure() never throws: a value it cannot
// read gives nullopt (a damaged record only means the file is retried).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace concord {

struct FailureRecord {
  std::string kind;      // "corrupt", "binary", "empty-root"... (FileProblem::kind)
  std::string message;   // one line for people
  uint64_t size = 0;     // the file's size when it failed
  int64_t mtime_ns = 0;  // and its mtime: an unchanged file is not retried
};

// The metadata key of `absolute_path`'s record.
std::string failure_key(const std::string& absolute_path);
// The path a failure key names, or nullopt when `key` is not a failure key.
std::optional<std::string> failure_key_path(std::string_view key);

std::string encode_failure(const FailureRecord& record);
std::optional<FailureRecord> decode_failure(std::string_view value);

}  // namespace concord
