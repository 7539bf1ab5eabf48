// Date expressions in English, French and Spanish, normalized to ISO 8601 strings.
//
// Contract: pure functions, thread-safe, no regex. Recognized forms and what they give:
//   "18 April 2023", "le 18 avril 2023", "1er mars 2024", "el 18 de abril de 2023",
//   "April 18, 2023", "April 18th 2023", "Sept. 18, 2023", "2023-04-18"  -> "2023-04-18"
//   "April 18th", "18 April", "18 avril", "18 de abril"                 -> "--04-18"
//   "April 2023", "avril 2023", "abril de 2023"                          -> "2023-04"
// English month names must be capitalized ("may" and "march" are words); French and Spanish
// names may be in any case. Years are 1900-2099; days are checked against the month (29
// February is accepted in any year). Spans cover the date words only (not "le" / "el").
// Numeric forms other than ISO ("11/8/2020") are ambiguous and not recognized.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concord {

struct DateMatch {
  size_t start = 0;  // byte offsets in the text
  size_t end = 0;
  std::string iso;  // "YYYY-MM-DD", "YYYY-MM" or "--MM-DD"
};

// Appends the dates of `text` to `out`, in text order.
void find_dates(std::string_view text, std::vector<DateMatch>* out);
std::vector<DateMatch> find_dates(std::string_view text);

// The date when the whole of `text` (trimmed, a trailing '.' allowed) is one date.
std::optional<std::string> parse_date(std::string_view text);

}  // namespace concord
