// The one encoder and decoder of run records.
#include "store/run_record.h"

#include <time.h>
#include <unistd.h>


#include <nlohmann/json.hpp>

#include "util/small_file.h"

namespace concord {

std::string encode_run(const RunRecord& r) {
  const nlohmann::json j{{"finished", r.finished}, {"seconds", r.seconds},
                         {"added", r.added},       {"updated", r.updated},
                         {"unchanged", r.unchanged}, {"removed", r.removed},
                         {"failed", r.failed},     {"skipped", r.skipped},
                         {"files", r.files},       {"interrupted", r.interrupted}};
  return j.dump();
}

std::optional<RunRecord> decode_run(std::string_view value) {
  if (value.empty()) return std::nullopt;
  try {
    const nlohmann::json j = nlohmann::json::parse(value);
    RunRecord r;
    r.finished = j.at("finished").get<std::string>();
    r.seconds = j.at("seconds").get<double>();
    r.added = j.at("added").get<uint64_t>();
    r.updated = j.at("updated").get<uint64_t>();
    r.unchanged = j.at("unchanged").get<uint64_t>();
    r.removed = j.at("removed").get<uint64_t>();
    r.failed = j.at("failed").get<uint64_t>();
    r.skipped = j.at("skipped").get<uint64_t>();
    r.files = j.at("files").get<uint64_t>();
    r.interrupted = j.at("interrupted").get<bool>();
    return r;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

bool write_run_beside(const std::string& folder, const RunRecord& record) {
  return util::replace_file(folder + "/" + kRunBesideFile, encode_run(record) + '\n',
                            util::Sync::kNo) == 0;
}

void remove_run_beside(const std::string& folder) {
  ::unlink((folder + "/" + kRunBesideFile).c_str());
}

std::optional<RunRecord> read_run_beside(const std::string& folder) {
  const util::SmallFile file = util::read_small_file(folder + "/" + kRunBesideFile, 64 * 1024);
  if (!file.error.empty()) return std::nullopt;
  return decode_run(file.bytes);
}

std::optional<RunRecord> newer_run(std::optional<RunRecord> a, std::optional<RunRecord> b) {
  if (!a) return b;
  if (!b) return a;
  return a->finished > b->finished ? a : b;
}

std::string utc_now() {
  const time_t now = time(nullptr);
  tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

}  // namespace concord
