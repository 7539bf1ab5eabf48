// Date recognizer: a small word-level state machine over month names and numbers.
#include "recognize/dates.h"

#include <cstdio>
#include <cstring>

#include "recognize/scan.h"

namespace concord {
namespace {

struct Month {
  std::string_view folded;
  int number;
  bool english;  // must be capitalized
};

constexpr Month kMonths[] = {
    {"january", 1, true},     {"february", 2, true},   {"march", 3, true},
    {"april", 4, true},       {"may", 5, true},        {"june", 6, true},
    {"july", 7, true},        {"august", 8, true},     {"september", 9, true},
    {"october", 10, true},    {"november", 11, true},  {"december", 12, true},
    {"jan", 1, true},         {"feb", 2, true},        {"mar", 3, true},
    {"apr", 4, true},         {"jun", 6, true},        {"jul", 7, true},
    {"aug", 8, true},         {"sep", 9, true},        {"sept", 9, true},
    {"oct", 10, true},        {"nov", 11, true},       {"dec", 12, true},
    {"janvier", 1, false},    {"fevrier", 2, false},   {"mars", 3, false},
    {"avril", 4, false},      {"mai", 5, false},       {"juin", 6, false},
    {"juillet", 7, false},    {"aout", 8, false},      {"septembre", 9, false},
    {"octobre", 10, false},   {"novembre", 11, false}, {"decembre", 12, false},
    {"enero", 1, false},      {"febrero", 2, false},   {"marzo", 3, false},
    {"abril", 4, false},      {"mayo", 5, false},      {"junio", 6, false},
    {"julio", 7, false},      {"agosto", 8, false},    {"septiembre", 9, false},
    {"setiembre", 9, false},  {"octubre", 10, false},  {"noviembre", 11, false},
    {"diciembre", 12, false},
};

struct Word {
  size_t start = 0;
  size_t end = 0;
};

bool next(std::string_view text, size_t pos, Word* w) {
  size_t p = pos, s = 0, e = 0;
  uint64_t h = 0;
  if (!scan::next_word(text, &p, &s, &e, &h)) return false;
  w->start = s;
  w->end = e;
  return true;
}

// Only spaces (and at most one comma, or a '.' after an abbreviation) between two words.
bool gap_ok(std::string_view text, size_t from, size_t to, bool allow_comma) {
  if (to - from > 6) return false;
  bool comma = false;
  for (size_t i = from; i < to;) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ',' && allow_comma && !comma) {
      comma = true;
      ++i;
      continue;
    }
    if (c == '.' && i == from) {
      ++i;
      continue;
    }
    size_t j = i;
    if (!scan::is_space_cp(scan::decode(text, &j))) return false;
    i = j;
  }
  return to > from;
}

int month_of(std::string_view text, const Word& w) {
  if (w.end - w.start < 3 || w.end - w.start > 12) return 0;
  switch (scan::ascii_lower(text[w.start])) {  // initials of month names
    case 'j':
    case 'f':
    case 'm':
    case 'a':
    case 's':
    case 'o':
    case 'n':
    case 'd':
    case 'e':
    case 'h':
    case 'l':
    case 'g':
    case 'i':
      break;
    default:
      return 0;
  }
  char buf[16];
  size_t k = 0;
  char tmp[4];
  for (size_t i = w.start; i < w.end;) {
    char32_t cp = scan::decode(text, &i);
    size_t m = scan::fold_cp(cp, tmp);
    if (k + m > sizeof(buf)) return 0;
    std::memcpy(buf + k, tmp, m);
    k += m;
  }
  std::string_view f(buf, k);
  if (k < 3 || k > 10) return 0;
  bool capital = scan::is_ascii_upper(static_cast<unsigned char>(text[w.start]));
  for (const Month& m : kMonths)
    if (f == m.folded) return (m.english && !capital) ? 0 : m.number;
  return 0;
}

// Day number of "18", "18th", "1st", "1er", "1º"; 0 when not a day.
int day_of(std::string_view text, const Word& w) {
  size_t i = w.start;
  int v = 0;
  while (i < w.end && scan::is_ascii_digit(static_cast<unsigned char>(text[i])) && i - w.start < 3)
    v = v * 10 + (text[i++] - '0');
  if (i == w.start || i - w.start > 2) return 0;
  std::string_view suffix = text.substr(i, w.end - i);
  if (!(suffix.empty() || suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" ||
        suffix == "er" || suffix == "o" || suffix == "\xC2\xBA"))
    return 0;
  return v >= 1 && v <= 31 ? v : 0;
}

int year_of(std::string_view text, const Word& w) {
  if (w.end - w.start != 4) return 0;
  int v = 0;
  for (size_t i = w.start; i < w.end; ++i) {
    if (!scan::is_ascii_digit(static_cast<unsigned char>(text[i]))) return 0;
    v = v * 10 + (text[i] - '0');
  }
  return v >= 1900 && v <= 2099 ? v : 0;
}

bool is_word(std::string_view text, const Word& w, std::string_view s) {
  return text.substr(w.start, w.end - w.start) == s;
}

bool valid_day(int month, int day) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month >= 1 && month <= 12 && day >= 1 && day <= kDays[month - 1];
}

std::string iso(int year, int month, int day) {
  char buf[16];
  if (year != 0 && day != 0)
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  else if (year != 0)
    std::snprintf(buf, sizeof(buf), "%04d-%02d", year, month);
  else
    std::snprintf(buf, sizeof(buf), "--%02d-%02d", month, day);
  return buf;
}

// Optional "[,] [de] YYYY" after `w`; returns the year (0 if none) and its word.
int trailing_year(std::string_view text, const Word& w, bool allow_comma, Word* year_word) {
  Word n;
  if (!next(text, w.end, &n) || !gap_ok(text, w.end, n.start, allow_comma)) return 0;
  if (is_word(text, n, "de") || is_word(text, n, "del")) {
    Word y;
    if (!next(text, n.end, &y) || !gap_ok(text, n.end, y.start, false)) return 0;
    n = y;
  }
  int year = year_of(text, n);
  if (year != 0) *year_word = n;
  return year;
}

// Tries every form at word `w`; returns true and fills `m`.
bool date_at(std::string_view text, const Word& w, DateMatch* m) {
  const size_t n = text.size();
  // ISO 2023-04-18.
  if (year_of(text, w) != 0 && w.end + 6 <= n && text[w.end] == '-' &&
      scan::is_ascii_digit(static_cast<unsigned char>(text[w.end + 1])) &&
      scan::is_ascii_digit(static_cast<unsigned char>(text[w.end + 2])) && text[w.end + 3] == '-' &&
      scan::is_ascii_digit(static_cast<unsigned char>(text[w.end + 4])) &&
      scan::is_ascii_digit(static_cast<unsigned char>(text[w.end + 5])) &&
      !scan::word_char_at(text, w.end + 6)) {
    int month = (text[w.end + 1] - '0') * 10 + (text[w.end + 2] - '0');
    int day = (text[w.end + 4] - '0') * 10 + (text[w.end + 5] - '0');
    if (!valid_day(month, day)) return false;
    m->start = w.start;
    m->end = w.end + 6;
    m->iso = iso(year_of(text, w), month, day);
    return true;
  }
  // Day first: 18 April 2023, 1er mars 2024, 18 de abril de 2023.
  if (int day = day_of(text, w); day != 0) {
    Word mw;
    if (!next(text, w.end, &mw) || !gap_ok(text, w.end, mw.start, false)) return false;
    if (is_word(text, mw, "de")) {
      Word after;
      if (!next(text, mw.end, &after) || !gap_ok(text, mw.end, after.start, false)) return false;
      mw = after;
    }
    int month = month_of(text, mw);
    if (month == 0 || !valid_day(month, day)) return false;
    Word yw;
    int year = trailing_year(text, mw, true, &yw);
    m->start = w.start;
    m->end = year != 0 ? yw.end : mw.end;
    m->iso = iso(year, month, day);
    return true;
  }
  // Month first: April 18, 2023; April 18th; April 2023; abril de 2023.
  if (int month = month_of(text, w); month != 0) {
    Word dw;  // gap_ok() accepts the '.' of "Sept. 18"
    if (!next(text, w.end, &dw) || !gap_ok(text, w.end, dw.start, false)) return false;
    if (int day = day_of(text, dw); day != 0 && year_of(text, dw) == 0) {
      if (!valid_day(month, day)) return false;
      Word yw;
      int year = trailing_year(text, dw, true, &yw);
      m->start = w.start;
      m->end = year != 0 ? yw.end : dw.end;
      m->iso = iso(year, month, day);
      return true;
    }
    Word yw;
    int year = trailing_year(text, w, false, &yw);
    if (year == 0) return false;
    m->start = w.start;
    m->end = yw.end;
    m->iso = iso(year, month, 0);
    return true;
  }
  return false;
}

}  // namespace

void find_dates(std::string_view text, std::vector<DateMatch>* out) {
  bool digits = false;
  for (char c : text)
    if (scan::is_ascii_digit(static_cast<unsigned char>(c))) {
      digits = true;
      break;
    }
  if (!digits) return;
  size_t pos = 0;
  Word w;
  while (next(text, pos, &w)) {
    DateMatch m;
    unsigned char c = static_cast<unsigned char>(text[w.start]);
    // Every form has digits: a month name needs one within a few bytes after it.
    bool candidate = scan::is_ascii_digit(c);
    if (!candidate && w.end - w.start >= 3) {
      for (size_t k = w.end; k < text.size() && k < w.end + 6; ++k)
        if (scan::is_ascii_digit(static_cast<unsigned char>(text[k]))) {
          candidate = true;
          break;
        }
    }
    if (candidate && date_at(text, w, &m)) {
      pos = m.end;
      out->push_back(std::move(m));
    } else {
      pos = w.end;
    }
  }
}

std::vector<DateMatch> find_dates(std::string_view text) {
  std::vector<DateMatch> out;
  find_dates(text, &out);
  return out;
}

std::optional<std::string> parse_date(std::string_view text) {
  std::string t = scan::collapsed(text);
  while (!t.empty() && t.back() == '.') t.pop_back();
  for (std::string_view article : {"le ", "Le ", "el ", "El ", "the ", "The "})
    if (t.starts_with(article)) {
      t.erase(0, article.size());
      break;
    }
  std::vector<DateMatch> found = find_dates(t);
  if (found.size() == 1 && found[0].start == 0 && found[0].end == t.size()) return found[0].iso;
  return std::nullopt;
}

}  // namespace concord
