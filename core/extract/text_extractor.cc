// Plain-text extractor: encoding detection, binary rejection, form-feed pages, header lines.
#include <algorithm>
#include <array>
#include <cstdio>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "extract/cleanup.h"
#include "extract/extract.h"
#include "recognize/dates.h"
#include "util/strings.h"
#include "util/unicode.h"

namespace concord {
namespace {

using util::trim;

constexpr size_t kSniffBytes = 64 * 1024;
constexpr size_t kMaxHeaderLines = 10;
constexpr size_t kMaxTitleBytes = 120;
// A text without form feeds longer than this is cut into pages of about this size.
constexpr size_t kPageBytes = 64 * 1024;
// ...and no page is longer than this, even inside a very long line.
constexpr size_t kMaxPageBytes = 256 * 1024;

ExtractResult problem(const char* kind, const char* message) {
  ExtractResult result;
  result.problem = FileProblem{kind, message};
  return result;
}

bool starts_with(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// Magic numbers of common binary formats that may be misnamed as text.
bool has_binary_signature(std::string_view bytes) {
  static constexpr std::array<std::string_view, 12> kSignatures = {
      std::string_view("\x89PNG\r\n\x1a\n", 8),
      std::string_view("PK\x03\x04", 4),
      std::string_view("\x7f"
                       "ELF",
                       4),
      std::string_view("%PDF-", 5),
      std::string_view("GIF87a", 6),
      std::string_view("GIF89a", 6),
      std::string_view("\xFF\xD8\xFF", 3),
      std::string_view("\x1F\x8B", 2),
      std::string_view("7z\xBC\xAF\x27\x1C", 6),
      std::string_view("Rar!\x1A\x07", 6),
      std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8),
      std::string_view("BZh", 3)};
  for (const std::string_view signature : kSignatures) {
    if (starts_with(bytes, signature)) {
      // "BZh" is also the start of ordinary words; require the bzip2 block-size digit.
      if (signature == "BZh" && (bytes.size() < 4 || bytes[3] < '1' || bytes[3] > '9')) continue;
      return true;
    }
  }
  return false;
}

// True when more than 10% of the sample are control characters other than \t \n \r \f.
// `sample` is UTF-8 or single-byte text; bytes >= 0x80 count as text.
bool mostly_control(std::string_view sample, bool nul_is_binary) {
  size_t controls = 0;
  for (const char c : sample) {
    const auto u = static_cast<unsigned char>(c);
    if (u == 0 && nul_is_binary) return true;
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || u == 0x7F) ++controls;
  }
  return controls * 10 > sample.size();
}

// Guesses BOM-less UTF-16 from NUL bytes in alternating positions. Returns nullopt when the
// bytes do not look like UTF-16, else whether they are little-endian.
std::optional<bool> sniff_utf16(std::string_view bytes) {
  const size_t n = std::min(bytes.size(), size_t{4096}) & ~size_t{1};
  if (n < 4) return std::nullopt;
  size_t even_nuls = 0, odd_nuls = 0;
  for (size_t i = 0; i < n; i += 2) {
    even_nuls += bytes[i] == '\0';
    odd_nuls += bytes[i + 1] == '\0';
  }
  const size_t pairs = n / 2;
  if (odd_nuls * 10 >= pairs * 4 && even_nuls * 20 < pairs) return true;
  if (even_nuls * 10 >= pairs * 4 && odd_nuls * 20 < pairs) return false;
  return std::nullopt;
}

// The date of a "Date:" header value: the first full date written in it (the same date
// grammar recognition uses: "18 April 2023", "le 18 avril 2023", "2023-04-18T10:00"...).
std::optional<std::string> header_date(std::string_view value) {
  for (const DateMatch& d : find_dates(value))
    if (d.iso.size() == 10 && d.iso[0] != '-') return d.iso;
  return std::nullopt;
}

enum class HeaderKey { kNone, kTitle, kDate };

// Recognizes "Title: X", "Titre : X", "Título: X", "Date: X", "Date : X", "Fecha: X".
HeaderKey header_key(std::string_view line, std::string_view* value) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 16) return HeaderKey::kNone;
  const std::string key = util::fold(trim(line.substr(0, colon)));
  *value = trim(line.substr(colon + 1));
  if (value->empty()) return HeaderKey::kNone;
  if (key == "title" || key == "titre" || key == "titulo") return HeaderKey::kTitle;
  if (key == "date" || key == "fecha") return HeaderKey::kDate;
  return HeaderKey::kNone;
}

void read_header_lines(std::string_view text, ExtractedDoc* doc) {
  bool have_title = false, have_date = false;
  std::string_view first_line;
  size_t pos = 0;
  for (size_t line_number = 0; pos < text.size(); ++line_number) {
    size_t end = text.find_first_of("\n\f", pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (first_line.empty() && !line.empty()) first_line = line;
    if (line_number >= kMaxHeaderLines) {
      if (!first_line.empty()) break;
      continue;
    }
    std::string_view value;
    switch (header_key(line, &value)) {
      case HeaderKey::kTitle:
        if (!have_title) doc->title = std::string(util::truncate_utf8(value, kMaxTitleBytes));
        have_title = true;
        break;
      case HeaderKey::kDate:
        if (!have_date) {
          if (std::optional<std::string> date = header_date(value)) {
            doc->date = *date;
            have_date = true;
          }
        }
        break;
      case HeaderKey::kNone:
        break;
    }
  }
  if (!have_title) doc->title = std::string(util::truncate_utf8(first_line, kMaxTitleBytes));
}

// Whether the line `line` (without its '\n') ends with an OCR or soft hyphen that
// normalize_text() joins to the next line: no page may end there.
bool ends_in_line_hyphen(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.remove_suffix(1);
  return line.ends_with("\xC2\xAC") || line.ends_with("\xC2\xAD");
}

// Where the page that starts at `pos` of a long text without form feeds ends: after the
// first line end past kPageBytes that no hyphen joins to the next line; failing that within
// kMaxPageBytes (one very long line), at a space, else at a character boundary.
size_t page_end(std::string_view text, size_t pos) {
  if (text.size() - pos <= kPageBytes) return text.size();
  const size_t limit = std::min(text.size(), pos + kMaxPageBytes);
  for (size_t nl = text.find('\n', pos + kPageBytes); nl < limit; nl = text.find('\n', nl + 1)) {
    if (!ends_in_line_hyphen(text.substr(pos, nl - pos))) return nl + 1;
  }
  if (limit == text.size()) return limit;
  // Before the space: a page's trailing blanks would be trimmed.
  const size_t space = text.rfind(' ', limit - 1);
  if (space != std::string_view::npos && space >= pos + kPageBytes) return space;
  size_t cut = limit;
  while (cut > pos + 1 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

// Cuts `text` into pages of about kPageBytes (page_end()) and adds the ones not blank,
// normalizing each on its own when `normalize` (the same text as the whole normalized: no cut
// falls where a hyphen joins two lines). Returns false when *cancel became true.
bool add_cut_pages(std::string_view text, bool normalize, const std::atomic<bool>* cancel,
                   std::vector<std::string>* pages) {
  for (size_t pos = 0; pos < text.size();) {
    if (cancelled(cancel)) return false;
    const size_t end = page_end(text, pos);
    std::string page = normalize ? normalize_text(text.substr(pos, end - pos))
                                 : std::string(text.substr(pos, end - pos));
    if (!trim(page).empty()) pages->push_back(std::move(page));
    pos = end;
  }
  return true;
}

ExtractResult extract_text_unchecked(std::string_view bytes, const std::atomic<bool>* cancel) {
  if (bytes.empty()) return problem("empty", "file is empty");
  std::string decoded;
  std::string_view source;  // the text as UTF-8: `bytes` itself, or `decoded`
  std::string encoding;
  std::optional<bool> utf16_little_endian;
  if (starts_with(bytes, "\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
  } else if (starts_with(bytes, "\xFF\xFE")) {
    utf16_little_endian = true;
    bytes.remove_prefix(2);
  } else if (starts_with(bytes, "\xFE\xFF")) {
    utf16_little_endian = false;
    bytes.remove_prefix(2);
  } else if (!has_binary_signature(bytes)) {
    utf16_little_endian = sniff_utf16(bytes);
  }
  if (utf16_little_endian) {
    decoded = util::utf16_to_utf8(bytes, *utf16_little_endian);
    encoding = *utf16_little_endian ? "UTF-16LE" : "UTF-16BE";
    if (mostly_control(std::string_view(decoded).substr(0, kSniffBytes), false)) {
      return problem("binary", "binary data, not text");
    }
    source = decoded;
  } else {
    if (has_binary_signature(bytes) || mostly_control(bytes.substr(0, kSniffBytes), true)) {
      return problem("binary", "binary data, not text");
    }
    if (util::is_valid_utf8(bytes)) {
      source = bytes;
      encoding = "UTF-8";
    } else {
      decoded = util::cp1252_to_utf8(bytes);
      source = decoded;
      encoding = "windows-1252";
    }
  }

  ExtractResult result;
  ExtractedDoc& doc = result.doc;
  doc.encoding = std::move(encoding);
  const bool form_feeds = source.find('\f') != std::string_view::npos;
  if (form_feeds) {
    // Pages as the form feeds make them, each normalized on its own (the same text as a
    // whole: normalization and OCR hyphens stop at a form feed), so that a huge text is not
    // held several times over; the header lines are read from the text's first 64 KiB.
    doc.paged = true;
    std::string head;
    size_t pos = 0;
    while (true) {
      if (cancelled(cancel)) return problem(kCancelled, "stopped between pages");
      const size_t end = source.find('\f', pos);
      std::string page =
          normalize_text(source.substr(pos, end == std::string_view::npos ? end : end - pos));
      if (head.size() < kSniffBytes) {
        head.append(page, 0, kSniffBytes - head.size());
        if (end != std::string_view::npos) head.push_back('\f');
      }
      const bool last = end == std::string_view::npos;
      // A final form feed ends the last page rather than starting an empty one. A page
      // longer than kMaxPageBytes (files joined, form feeds few and far between) is cut as
      // a text without form feeds is, so that no page is unbounded: the pages after it
      // count its pieces.
      if (!last || !trim(page).empty() || doc.pages.empty()) {
        if (page.size() <= kMaxPageBytes) {
          doc.pages.push_back(std::move(page));
        } else if (!add_cut_pages(page, false, cancel, &doc.pages)) {
          return problem(kCancelled, "stopped between pages");
        }
      }
      if (last) break;
      pos = end + 1;
    }
    read_header_lines(head, &doc);
  } else if (source.size() <= kPageBytes) {
    doc.pages.push_back(normalize_text(source));
  } else {
    // A long text without form feeds: pages of about kPageBytes cut at line ends, each
    // normalized on its own (the same text as a whole: no cut where a hyphen joins two
    // lines), so that later stages hold and cite one page at a time.
    doc.paged = true;
    if (!add_cut_pages(source, true, cancel, &doc.pages))
      return problem(kCancelled, "stopped between pages");
    if (doc.pages.empty()) doc.pages.emplace_back();
  }
  util::release(decoded);
  if (std::all_of(doc.pages.begin(), doc.pages.end(),
                  [](const std::string& page) { return trim(page).empty(); })) {
    return problem("empty", bytes.empty() ? "file is empty" : "no text");
  }
  if (!form_feeds) read_header_lines(doc.pages.front(), &doc);
  return result;
}

}  // namespace

ExtractResult extract_text(std::string_view bytes, const std::atomic<bool>* cancel) {
  try {
    return extract_text_unchecked(bytes, cancel);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return problem("corrupt", e.what());
  }
}

}  // namespace concord
