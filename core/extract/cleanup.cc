// Text repair shared by the extractors: hyphenation, ligatures, invisible characters, line ends.
#include "extract/cleanup.h"

#include <optional>
#include <string_view>
#include <vector>

#include "util/unicode.h"

namespace concord {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

bool is_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }

bool is_letter(char32_t cp) { return util::is_word_char(cp) && !is_digit(cp); }

bool is_lower_letter(char32_t cp) { return is_letter(cp) && !util::is_upper(cp); }

// The code point that ends at byte `end` (exclusive), or 0 when there is none.
char32_t code_point_before(std::string_view text, size_t end, size_t* start) {
  if (end == 0) return 0;
  size_t i = end - 1;
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80 && end - i < 4) --i;
  size_t pos = i;
  const char32_t cp = util::next_code_point(text, &pos);
  if (start != nullptr) *start = i;
  return cp;
}

// Length in code points of the run of letters ending at `end` (stops counting at 2).
int letters_before(std::string_view text, size_t end) {
  int count = 0;
  while (end > 0 && count < 2) {
    size_t start = 0;
    if (!is_letter(code_point_before(text, end, &start))) break;
    ++count;
    end = start;
  }
  return count;
}

constexpr std::string_view kSoftHyphen = "\xC2\xAD";

// Appends `text` without soft hyphens.
void append_without_soft_hyphens(std::string_view text, std::string* out) {
  size_t from = 0;
  while (true) {
    const size_t at = text.find(kSoftHyphen, from);
    if (at == std::string_view::npos) break;
    out->append(text.substr(from, at - from));
    from = at + kSoftHyphen.size();
  }
  out->append(text.substr(from));
}

// Removes the blank that justified PDF lines put before a hyphen inside a word: "UN -Women",
// "Secretary -General", "capacity -building" -> "UN-Women", ... A blank goes when a letter or
// digit is right before it and a letter right after the hyphen; "X - Y" (a dash), "pre- and
// post-war" and "-item" at a line's start are left as they are.
std::string close_spaced_hyphens(std::string text) {
  size_t at = text.find(" -");
  if (at == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  size_t from = 0;
  for (; at != std::string::npos; at = text.find(" -", at + 1)) {
    if (at == 0 || at + 2 >= text.size()) continue;
    size_t probe = at + 2;
    const char32_t after = util::next_code_point(text, &probe);
    const char32_t before = code_point_before(text, at, nullptr);
    if (!is_letter(after) || !util::is_word_char(before)) continue;
    out.append(text, from, at - from);
    from = at + 1;
  }
  out.append(text, from, std::string::npos);
  return out;
}

// Expands ligatures and removes zero-width characters; soft hyphens are left for the join pass.
std::string expand_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t at = pos;
    if (!(static_cast<unsigned char>(text[pos]) & 0x80)) {
      // Copy the ASCII run in one go.
      while (pos < text.size() && !(static_cast<unsigned char>(text[pos]) & 0x80)) ++pos;
      out.append(text.substr(at, pos - at));
      continue;
    }
    const char32_t cp = util::next_code_point(text, &pos);
    switch (cp) {
      case 0xFB00:
        out.append("ff");
        break;
      case 0xFB01:
        out.append("fi");
        break;
      case 0xFB02:
        out.append("fl");
        break;
      case 0xFB03:
        out.append("ffi");
        break;
      case 0xFB04:
        out.append("ffl");
        break;
      case 0xFB05:
      case 0xFB06:
        out.append("st");
        break;
      case 0x200B:  // zero-width space
      case 0x200C:  // zero-width non-joiner
      case 0x200D:  // zero-width joiner
      case 0x2060:  // word joiner
      case 0xFEFF:  // zero-width no-break space (BOM)
        break;
      default:
        out.append(text.substr(at, pos - at));
    }
  }
  return out;
}

enum class Join { kNone, kDropHyphen, kKeepHyphen };

// Decides how a line that ends with a hyphen (or soft hyphen) joins the next line, given the
// word before the hyphen ending at `word_end` and the first character `next` of the next line.
Join decide_join(std::string_view text, size_t word_end, char32_t next, bool soft) {
  const char32_t before = code_point_before(text, word_end, nullptr);
  if (soft)
    return util::is_word_char(before) && util::is_word_char(next) ? Join::kDropHyphen : Join::kNone;
  if (is_lower_letter(before) && is_lower_letter(next)) {
    // Hyphenation never leaves a single letter before the break, so "e-\nmail" is a real hyphen.
    return letters_before(text, word_end) < 2 ? Join::kKeepHyphen : Join::kDropHyphen;
  }
  if (util::is_word_char(before) && (util::is_upper(next) || is_digit(next))) {
    return Join::kKeepHyphen;
  }
  return Join::kNone;
}

}  // namespace

std::string repair_pdf_text(std::string_view input) {
  const std::string text = expand_characters(input);
  const std::string_view view = text;
  const size_t n = view.size();
  std::string out;
  out.reserve(n);
  size_t i = 0;
  while (i < n) {
    size_t newline = view.find('\n', i);
    if (newline == std::string_view::npos) newline = n;
    // Find the end of the line without trailing blanks, then a final hyphen or soft hyphen.
    size_t content_end = newline;
    while (content_end > i && is_blank(view[content_end - 1])) --content_end;
    const std::string_view line = view.substr(i, content_end - i);
    bool soft = false;
    size_t word_end = std::string_view::npos;
    if (!line.empty() && line.back() == '-') {
      word_end = content_end - 1;
    } else if (line.size() >= 2 && line.substr(line.size() - 2) == kSoftHyphen) {
      word_end = content_end - 2;
      soft = true;
    }
    Join join = Join::kNone;
    size_t next_start = newline + 1;
    if (word_end != std::string_view::npos && newline < n) {
      while (next_start < n && is_blank(view[next_start])) ++next_start;
      size_t probe = next_start;
      const char32_t next = next_start < n ? util::next_code_point(view, &probe) : 0;
      join = decide_join(view, word_end, next, soft);
    }
    if (join == Join::kNone) {
      append_without_soft_hyphens(view.substr(i, newline - i), &out);
      if (newline < n) out.push_back('\n');
      i = newline + 1;
      continue;
    }
    // Move the continuation fragment (up to the next blank) to the end of this line.
    append_without_soft_hyphens(view.substr(i, word_end - i), &out);
    if (join == Join::kKeepHyphen) out.push_back('-');
    size_t fragment_end = next_start;
    while (fragment_end < n && !is_blank(view[fragment_end]) && view[fragment_end] != '\n') {
      ++fragment_end;
    }
    append_without_soft_hyphens(view.substr(next_start, fragment_end - next_start), &out);
    out.push_back('\n');
    i = fragment_end;
    while (i < n && is_blank(view[i])) ++i;
    // If the fragment was the whole next line, that line is now empty: keep it (line counts).
    if (i < n && view[i] == '\n') {
      out.push_back('\n');
      ++i;
    }
  }
  return close_spaced_hyphens(std::move(out));
}

std::string repair_ocr_hyphens(std::string_view text) {
  constexpr std::string_view kNot = "\xC2\xAC";  // U+00AC, OCR's line-end hyphen
  if (text.find(kNot) == std::string_view::npos && text.find(kSoftHyphen) == std::string_view::npos)
    return std::string(text);
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const bool is_not = text.substr(i, 2) == kNot;
    const bool is_soft = text.substr(i, 2) == kSoftHyphen;
    if (!is_not && !is_soft) {
      out.push_back(text[i++]);
      continue;
    }
    if (!is_letter(code_point_before(out, out.size(), nullptr))) {
      if (is_not) out.append(kNot);  // "¬p": not a hyphen
      i += 2;
      continue;
    }
    // Letters continue after spaces and at most one line break: join the word, and put the
    // line break after it so line numbers stay true.
    size_t j = i + 2;
    bool newline = false;
    while (j < n && (text[j] == ' ' || text[j] == '\t' || (text[j] == '\n' && !newline))) {
      if (text[j] == '\n') newline = true;
      ++j;
    }
    size_t k = j;
    const char32_t next = k < n ? util::next_code_point(text, &k) : 0;
    if (!is_lower_letter(next)) {
      if (is_not) out.append(kNot);
      i += 2;
      continue;
    }
    size_t word_end = j;
    while (word_end < n) {
      size_t q = word_end;
      if (!is_letter(util::next_code_point(text, &q))) break;
      word_end = q;
    }
    out.append(text.substr(j, word_end - j));
    if (newline) out.push_back('\n');
    i = word_end;
    if (newline && i < n && text[i] == ' ') ++i;  // the space after the fragment
  }
  return out;
}

std::string normalize_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto trim_trailing_blanks = [&out] {
    while (!out.empty() && is_blank(out.back())) out.pop_back();
  };
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7F) {
      if (c == '\xC2' && i + 1 < n && text[i + 1] == '\xA0') {  // no-break space
        out.push_back(' ');
        ++i;
      } else if (c == '\xEF' && i + 2 < n && text[i + 1] == '\xBB' && text[i + 2] == '\xBF') {
        i += 2;  // U+FEFF
      } else {
        out.push_back(c);
      }
      continue;
    }
    switch (c) {
      case '\t':
        out.push_back(c);
        break;
      case '\r':
        if (i + 1 < n && text[i + 1] == '\n') ++i;
        [[fallthrough]];
      case '\n':
      case '\f':
        trim_trailing_blanks();
        out.push_back(c == '\f' ? '\f' : '\n');
        break;
      default:
        break;  // NUL, DEL and other controls
    }
  }
  trim_trailing_blanks();
  return util::nfc(repair_ocr_hyphens(out));
}

namespace {

// [begin, end) of each line of `text`.
std::vector<std::pair<size_t, size_t>> line_spans(const std::string& text) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    out.emplace_back(start, nl);
    if (nl == text.size()) break;
    start = nl + 1;
  }
  return out;
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// A short line holding a page number: "Page 2 of 5", "- 3 -", "12", "Página 1 de 3".
bool footer_like(std::string_view line) {
  if (line.size() > 40) return false;
  for (char c : line)
    if (c >= '0' && c <= '9') return true;
  return false;
}

bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }

}  // namespace

void join_hyphens_across_pages(std::vector<std::string>* pages) {
  for (size_t p = 0; p + 1 < pages->size(); ++p) {
    std::string& page = (*pages)[p];
    std::string& next = (*pages)[p + 1];
    // The line that ends in a hyphen, looking past blank lines and up to two footer lines.
    const auto spans = line_spans(page);
    int footers = 0;
    size_t hyphen_line = spans.size();
    for (size_t i = spans.size(); i-- > 0;) {
      const std::string_view line(page.data() + spans[i].first, spans[i].second - spans[i].first);
      if (blank(line)) continue;
      if (line.size() >= 2 && line.back() == '-' && ascii_lower(line[line.size() - 2])) {
        hyphen_line = i;
        break;
      }
      if (!footer_like(line) || ++footers > 2) break;
    }
    if (hyphen_line == spans.size()) continue;
    // The fragment that starts the next page's first text line.
    size_t start = next.find_first_not_of(" \t\n");
    if (start == std::string::npos || !ascii_lower(next[start])) continue;
    size_t end = start;
    while (end < next.size() && next[end] != ' ' && next[end] != '\n' && next[end] != '\t') ++end;
    const std::string fragment = next.substr(start, end - start);
    size_t cut = end;
    while (cut < next.size() && next[cut] == ' ') ++cut;
    next.erase(start, cut - start);  // keep leading blank lines: line numbers stay true
    const size_t hyphen_at = spans[hyphen_line].second - 1;
    page.replace(hyphen_at, 1, fragment);
  }
}

}  // namespace concord

namespace concord {
namespace {

bool ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool looks_like_one(char c) { return c == 'l' || c == 'I' || c == '|'; }
bool looks_like_zero(char c) { return c == 'O' || c == 'o'; }

// The symbol-like token's parts after its first '/', repaired in place.
void repair_symbol_token(std::string* token) {
  // A series first: capitals, then capitals, digits and dots, then '/'.
  size_t slash = token->find('/');
  if (slash == std::string::npos || slash == 0 || slash > 12 || !ascii_upper((*token)[0])) return;
  for (size_t i = 0; i < slash; ++i) {
    const char c = (*token)[i];
    if (!ascii_upper(c) && !ascii_digit(c) && c != '.') return;
  }
  size_t start = slash + 1;
  while (start <= token->size()) {
    size_t end = token->find('/', start);
    if (end == std::string::npos) end = token->size();
    size_t stop = end;  // trailing punctuation is not part of the number
    while (stop > start && std::string_view(".,;:)]").find((*token)[stop - 1]) != std::string_view::npos) --stop;
    bool digit = false, confusable = false, other = false;
    for (size_t i = start; i < stop; ++i) {
      const char c = (*token)[i];
      if (ascii_digit(c)) digit = true;
      else if (looks_like_one(c) || looks_like_zero(c)) confusable = true;
      else other = true;
    }
    if (digit && confusable && !other) {
      for (size_t i = start; i < stop; ++i) {
        char& c = (*token)[i];
        if (looks_like_one(c)) c = '1';
        else if (looks_like_zero(c)) c = '0';
      }
    }
    start = end + 1;
  }
}

}  // namespace

std::string repair_ocr_symbols(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '(' || c == '[') {
      out.push_back(c);
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n' && text[end] != '\t') ++end;
    std::string token(text.substr(i, end - i));
    repair_symbol_token(&token);
    out += token;
    i = end;
  }
  return out;
}

}  // namespace concord

namespace concord {
namespace {

// One line of a physical-layout page, cut into parts where a run of kColumnGap or more
// blanks separates text: each part's first and one-past-last column (in code points, as the
// layout aligns them) and its bytes.
struct LayoutPart {
  size_t start_col = 0, end_col = 0;
  std::string_view text;
};
struct LayoutLine {
  std::string_view text;          // the whole line, without its '\n'
  std::vector<LayoutPart> parts;  // empty for a blank line
};

constexpr size_t kColumnGap = 8;
constexpr size_t kColumnSlack = 2;  // columns a part may start off its column's line
constexpr size_t kHeaderLines = 12;  // lines of text a cover page's header block starts within

bool utf8_lead(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

LayoutLine cut_layout_line(std::string_view line) {
  LayoutLine out{line, {}};
  size_t col = 0, blanks = 0;
  size_t part_start = std::string_view::npos, part_col = 0, last_end = 0, last_end_col = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ' ' || c == '\t' || c == '\r') {  // '\r': the end of a CRLF line
      ++blanks;
      ++col;
      continue;
    }
    if (part_start != std::string_view::npos && blanks >= kColumnGap) {
      out.parts.push_back({part_col, last_end_col, line.substr(part_start, last_end - part_start)});
      part_start = std::string_view::npos;
    }
    if (part_start == std::string_view::npos) {
      part_start = i;
      part_col = col;
    }
    blanks = 0;
    if (utf8_lead(c)) ++col;
    last_end = i + 1;
    last_end_col = col;
  }
  if (part_start != std::string_view::npos)
    out.parts.push_back({part_col, last_end_col, line.substr(part_start, last_end - part_start)});
  return out;
}

// A left part that can be a column of text: it holds an ASCII word of two letters or more
// that is not a roman numeral ("IV.", "(iii)"; a word of five letters or more is a word
// even when its letters could be one, "Civil"), so a paragraph or section number, a bullet
// or a "§" is not one.
bool has_word(std::string_view part) {
  size_t run = 0;
  bool roman = true;
  const auto is_word = [&] { return run >= 2 && (!roman || run >= 5); };
  for (const char c : part) {
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!letter) {
      if (is_word()) return true;
      run = 0;
      roman = true;
      continue;
    }
    ++run;
    roman = roman && std::string_view("ivxlcdmIVXLCDM").find(c) != std::string_view::npos;
  }
  return is_word();
}

bool near(size_t a, size_t b) { return (a > b ? a - b : b - a) <= kColumnSlack; }

}  // namespace

std::string separate_layout_columns(std::string_view text) {
  std::vector<LayoutLine> lines;
  for (size_t start = 0;;) {
    const size_t nl = text.find('\n', start);
    lines.push_back(cut_layout_line(
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start)));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  const auto two_columns = [](const LayoutLine& l) {
    return l.parts.size() == 2 && has_word(l.parts[0].text);
  };
  // The block starts among the page's first kHeaderLines lines of text (a cover page's
  // header, not a table or a list further down), at the first two-part line that makes one.
  struct Block {
    size_t begin = 0, end = 0;  // [begin, end), ending on a text line
    size_t right_col = 0;
  };
  const auto block_at = [&](size_t begin) -> std::optional<Block> {
    const size_t left_col = lines[begin].parts[0].start_col;
    const size_t right_col = lines[begin].parts[1].start_col;
    size_t end = begin + 1, right_lines = 1;
    size_t last_right = begin + 1;  // one past its last line with a right part
    for (size_t j = begin + 1, empty_run = 0; j < lines.size(); ++j) {
      const LayoutLine& l = lines[j];
      if (l.parts.empty()) {
        if (++empty_run >= 2) break;
        continue;
      }
      const bool after_text = empty_run == 0;
      empty_run = 0;
      if ((two_columns(l) && near(l.parts[1].start_col, right_col)) ||
          (l.parts.size() == 1 && near(l.parts[0].start_col, right_col))) {
        ++right_lines;
        last_right = j + 1;
      } else if (!(l.parts.size() == 1 && near(l.parts[0].start_col, left_col) &&
                   l.parts[0].end_col + kColumnSlack < right_col)) {
        // A left paragraph going on past the block (its next line right after it, indented
        // further: a hanging indent) stays whole: the block ends with its last right part.
        if (after_text && end > last_right && l.parts[0].start_col > left_col + kColumnSlack)
          end = last_right;
        break;
      }
      end = j + 1;
    }
    if (right_lines < 2) return std::nullopt;
    return Block{begin, end, right_col};
  };
  // Every block that starts within the header (a joint document's cover has a second one:
  // its two organs' sessions and agenda items side by side).
  std::vector<Block> blocks;
  for (size_t i = 0, text_lines = 0; i < lines.size() && text_lines < kHeaderLines;) {
    if (lines[i].parts.empty()) {
      ++i;
      continue;
    }
    if (two_columns(lines[i])) {
      if (const std::optional<Block> b = block_at(i)) {
        blocks.push_back(*b);
        for (size_t j = b->begin; j < b->end; ++j) text_lines += lines[j].parts.empty() ? 0 : 1;
        i = b->end;
        continue;
      }
    }
    ++text_lines;
    ++i;
  }
  if (blocks.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16 * blocks.size());
  const auto emit = [&out](std::string_view line) {
    out.append(line);
    out.push_back('\n');
  };
  size_t next = 0;  // the first line not yet written
  for (const Block& b : blocks) {
    for (; next < b.begin; ++next) emit(lines[next].text);
    // The left column's lines, an empty line, the right column's lines.
    std::vector<std::string_view> right;
    for (size_t j = b.begin; j < b.end; ++j) {
      const LayoutLine& l = lines[j];
      if (l.parts.empty()) continue;
      if (l.parts.size() == 2) {
        emit(l.parts[0].text);
        right.push_back(l.parts[1].text);
      } else if (near(l.parts[0].start_col, b.right_col)) {
        right.push_back(l.parts[0].text);
      } else {
        emit(l.parts[0].text);
      }
    }
    emit("");
    for (std::string_view r : right) emit(r);
    next = b.end;
  }
  for (; next < lines.size(); ++next) emit(lines[next].text);
  out.pop_back();  // the text's own last line had no '\n' after it
  return out;
}

}  // namespace concord
