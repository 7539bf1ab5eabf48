// libFuzzer harness: the date recognizer (dates.h) on any text; checks spans lie inside the
// text in order and each ISO string has one of the promised shapes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "recognize/dates.h"

namespace {

bool iso_shape(const std::string& s) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  if (s.size() == 10)
    return digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2);
  if (s.size() == 7)
    return (digits(0, 4) && s[4] == '-' && digits(5, 2)) ||
           (s[0] == '-' && s[1] == '-' && digits(2, 2) && s[4] == '-' && digits(5, 2));
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t previous_end = 0;
  for (const concord::DateMatch& m : concord::find_dates(text)) {
    if (m.start > m.end || m.end > text.size() || m.start < previous_end) __builtin_trap();
    if (!iso_shape(m.iso)) __builtin_trap();
    previous_end = m.end;
  }
  if (auto iso = concord::parse_date(text))
    if (!iso_shape(*iso)) __builtin_trap();
  return 0;
}
