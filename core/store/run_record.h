// The run record: what the index remembers of the last indexing run, for `stats` and the web
// page's archive view (when, how long, what it did).
//
// Layout: metadata key schema::kMetaLastRun; value a JSON object {"finished" (UTC,
// "YYYY-MM-DDTHH:MM:SSZ"), "seconds", "added", "updated", "unchanged", "removed", "failed",
// "skipped", "files", "interrupted"}. Written by the indexer at its last commit with
// encode_run(), read with decode_run(); nothing else knows the layout.
//
// A run that changed nothing in the database (a re-run over unchanged files) commits
// nothing: its record goes beside the database instead, in the file kRunBesideFile of the
// database's folder (the same JSON), written to a temporary file and renamed, not synced: a
// crash can lose that record, never the database's consistency. Readers take the newer of
// the two (IndexReader::metadata(schema::kMetaLastRun)).
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

inline constexpr const char* kRunBesideFile = "concord-last-run.json";

// Writes `record` as FOLDER/kRunBesideFile; false when it cannot (the caller then records the
// run in the database). Never throws.
bool write_run_beside(const std::string& folder, const RunRecord& record);
// Removes it, if any (never throws).
void remove_run_beside(const std::string& folder);
// The record beside the database in `folder`, or nullopt (none, unreadable, not a record).
std::optional<RunRecord> read_run_beside(const std::string& folder);
// The newer of two records by `finished` (either may be absent); `b` on a tie (`finished`
// counts seconds): readers pass the record beside a database second, since a run that
// records itself inside removes the one beside.
std::optional<RunRecord> newer_run(std::optional<RunRecord> a, std::optional<RunRecord> b);

// The current time as RunRecord::finished writes it (also the review dates of the web page).
std::string utc_now();

}  // namespace concord
