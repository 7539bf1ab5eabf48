// The one encoder and decoder of run records.
#include "store/run_record.h"

#include <time.h>

#include <nlohmann/json.hpp>

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

std::string utc_now() {
  const time_t now = time(nullptr);
  tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

}  // namespace concord
