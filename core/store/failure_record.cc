// The one encoder and decoder of failure records.
#include "store/failure_record.h"

#include <nlohmann/json.hpp>

#include "store/schema.h"

namespace concord {

std::string failure_key(const std::string& absolute_path) {
  return std::string(schema::kMetaFailurePrefix) + absolute_path;
}

std::optional<std::string> failure_key_path(std::string_view key) {
  const std::string_view prefix = schema::kMetaFailurePrefix;
  if (key.substr(0, prefix.size()) != prefix) return std::nullopt;
  return std::string(key.substr(prefix.size()));
}

std::string encode_failure(const FailureRecord& record) {
  const nlohmann::json j{{"kind", record.kind},
                         {"message", record.message},
                         {"size", record.size},
                         {"mtime", record.mtime_ns}};
  return j.dump();
}

std::optional<FailureRecord> decode_failure(std::string_view value) {
  try {
    const nlohmann::json j = nlohmann::json::parse(value);
    FailureRecord r;
    r.kind = j.at("kind").get<std::string>();
    r.message = j.at("message").get<std::string>();
    r.size = j.at("size").get<uint64_t>();
    r.mtime_ns = j.at("mtime").get<int64_t>();
    return r;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace concord
