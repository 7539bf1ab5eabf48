// JSON written piece by piece in the layout of nlohmann::json::dump(2), for outputs too large
// to hold as one tree (the findings of a whole archive, a graph of 100,000 documents).
//
// Contract: the bytes are those dump(2, ' ', false, replace) gives for the whole document.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

namespace concord::output {

// `j` as dump(2) writes it, `indent` added after each line break: the layout of a value
// nested that deep (dump() escapes line breaks inside strings, so each one is the layout's).
inline std::string nested_json(const nlohmann::json& j, const std::string& indent) {
  const std::string text = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

// The value of a key of the top-level object: `items` as a JSON array, to_json(item) called
// for one element at a time.
template <typename Items, typename ToJson>
void write_json_array(std::ostream& os, const Items& items, ToJson to_json) {
  bool first = true;
  for (const auto& item : items) {
    os << (first ? "[\n    " : ",\n    ") << nested_json(to_json(item), "    ");
    first = false;
  }
  os << (first ? "[]" : "\n  ]");
}

}  // namespace concord::output
