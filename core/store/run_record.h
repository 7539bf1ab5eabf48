// The run record: what the index remembers of the last indexing run, for `stats` and the web
// page's archive view (when, how long, what it did).
//
// Layout: metadata key schema::kMetaLastRun; value a JSON object {"finished" (UTC,
// "YYYY-MM-DDTHH:MM:SSZ"), "seconds", "added", "updated", "unchanged", "removed", "failed",
// "skipped", "files", "interrupted"}. Written by the indexer at its last commit with
// encode_run(), read with decode_run(); nothing else knows the layout.
//
// Contract: pure functions, thread-safe. decode_run() never throws: a value it cannot read
// (or none: a database indexed before runs were recorded) gives nullopt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace concord {

struct RunRecord {
  std::string finished;  // UTC, ISO 8601
  double seconds = 0;
  uint64_t added = 0, updated = 0, unchanged = 0, removed = 0, failed = 0, skipped = 0;
  uint64_t files = 0;  // files seen by the walk
  bool interrupted = false;
};

std::string encode_run(const RunRecord& record);
std::optional<RunRecord> decode_run(std::string_view value);

// The current time as RunRecord::finished writes it (also the review dates of the web page).
std::string utc_now();

}  // namespace concord
