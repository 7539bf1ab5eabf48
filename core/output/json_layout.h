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

// The value of a key of the top-level object: `items` as a JSON array, element(item, &text)
// appending one element's text, laid out as dump(2) nests it four spaces deep.
template <typename Items, typename Element>
void write_json_elements(std::ostream& os, const Items& items, Element element) {
  std::string text;  // one element, its memory reused
  bool first = true;
  for (const auto& item : items) {
    text.clear();
    element(item, &text);
    os << (first ? "[\n    " : ",\n    ") << text;
    first = false;
  }
  os << (first ? "[]" : "\n  ]");
}

// The same with each element made as a JSON value by to_json(item).
template <typename Items, typename ToJson>
void write_json_array(std::ostream& os, const Items& items, ToJson to_json) {
  write_json_elements(os, items, [&](const auto& item, std::string* text) {
    *text = nested_json(to_json(item), "    ");
  });
}

}  // namespace concord::output
