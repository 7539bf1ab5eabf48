// Echoing what a user typed (a query, an entity name, a path) inside an error message.
//
// Contract: echo_input() returns `text` safe to print on one terminal line: what
// escape_controls() (util/escape.h) escapes, written as visible upper-case "\xHH" escapes, so
// a typed ESC or newline cannot move the cursor or split the message; at most `max_bytes` of
// the input are kept (whole UTF-8 sequences), then "…". Pure, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace concord::util {

std::string echo_input(std::string_view text, size_t max_bytes = 200);  // util/escape.cc

}  // namespace concord::util
