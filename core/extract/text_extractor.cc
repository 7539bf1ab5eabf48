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

// Where an incomplete UTF-8 sequence starts at the end of `bytes` (bytes.size() when none).
size_t utf8_tail(std::string_view bytes) {
  for (size_t back = 1; back <= 3 && back <= bytes.size(); ++back) {
    const auto b = static_cast<unsigned char>(bytes[bytes.size() - back]);
    if ((b & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    const size_t length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return length > back ? bytes.size() - back : bytes.size();
  }
  return bytes.size();
}

}  // namespace

struct TextPageStream::Impl {
  enum class Encoding { kUtf8, kCp1252, kUtf16Le, kUtf16Be };
  const std::atomic<bool>* cancel = nullptr;
  ExtractedDoc meta;
  // Pass 1.
  std::string head;           // the first bytes, until the encoding is decided
  bool decided = false;
  Encoding encoding = Encoding::kUtf8;
  size_t bom = 0;             // bytes of byte-order mark to skip
  bool utf8_valid = true;
  std::string carry;          // an incomplete sequence between pieces (both passes)
  bool form_feeds = false;
  // Pass 2.
  bool started = false, eof = false, done = false, any_text = false, have_meta = false;
  size_t emitted = 0;         // pages handed out
  size_t mark_left = 0;       // bytes of the byte-order mark still to skip
  bool in_run = false;        // inside a run of more than kMaxPageBytes without a form feed
  std::string text;           // decoded, from `pos` on not yet cut into pages
  size_t pos = 0;
  std::string header;         // the first pages, for the header lines

  bool utf16() const { return encoding == Encoding::kUtf16Le || encoding == Encoding::kUtf16Be; }

  std::optional<FileProblem> decide(bool at_end) {
    std::string_view bytes = head;
    std::optional<bool> little;
    if (starts_with(bytes, "\xEF\xBB\xBF")) {
      bom = 3;
    } else if (starts_with(bytes, "\xFF\xFE")) {
      little = true;
      bom = 2;
    } else if (starts_with(bytes, "\xFE\xFF")) {
      little = false;
      bom = 2;
    } else if (!has_binary_signature(bytes)) {
      little = sniff_utf16(bytes);
    }
    bytes.remove_prefix(bom);
    if (little) {
      encoding = *little ? Encoding::kUtf16Le : Encoding::kUtf16Be;
      meta.encoding = *little ? "UTF-16LE" : "UTF-16BE";
      // As extract_text() decodes the whole text and looks at its first kSniffBytes: the head
      // holds twice as many bytes, so that is what they decode to (a unit is 1 to 3 bytes
      // of UTF-8); an odd last byte counts only at the end of the text.
      const std::string decoded =
          util::utf16_to_utf8(at_end ? bytes : bytes.substr(0, bytes.size() & ~size_t{1}), *little);
      if (mostly_control(std::string_view(decoded).substr(0, kSniffBytes), false))
        return FileProblem{"binary", "binary data, not text"};
    } else if (has_binary_signature(bytes) || mostly_control(bytes.substr(0, kSniffBytes), true)) {
      return FileProblem{"binary", "binary data, not text"};
    }
    decided = true;
    const std::string rest(bytes);
    util::release(head);
    scan(rest, at_end);
    return std::nullopt;
  }

  // Pass 1 past the mark: UTF-8 validity and form feeds.
  void scan(std::string_view piece, bool at_end) {
    if (utf16()) {
      if (form_feeds) return;
      const std::string joined = carry + std::string(piece);
      const size_t even = joined.size() & ~size_t{1};
      const char* unit = encoding == Encoding::kUtf16Le ? "\x0C\x00" : "\x00\x0C";
      for (size_t i = 0; i < even && !form_feeds; i += 2)
        form_feeds = joined.compare(i, 2, unit, 2) == 0;
      carry = joined.substr(even);
      return;
    }
    form_feeds = form_feeds || piece.find('\f') != std::string_view::npos;
    if (!utf8_valid) return;
    std::string joined = carry + std::string(piece);
    const size_t cut = at_end ? joined.size() : utf8_tail(joined);
    utf8_valid = util::is_valid_utf8(std::string_view(joined).substr(0, cut));
    carry = joined.substr(cut);
  }

  void decode(std::string_view piece, bool at_end) {
    if (encoding == Encoding::kCp1252) {
      text += util::cp1252_to_utf8(piece);
      return;
    }
    std::string joined = carry + std::string(piece);
    size_t cut = joined.size();
    if (!at_end) {
      if (utf16()) {
        cut &= ~size_t{1};
        if (cut >= 2) {
          const auto* b = reinterpret_cast<const unsigned char*>(joined.data() + cut - 2);
          const unsigned unit = encoding == Encoding::kUtf16Le ? (b[0] | (b[1] << 8)) : ((b[0] << 8) | b[1]);
          if (unit >= 0xD800 && unit <= 0xDBFF) cut -= 2;  // its low surrogate comes next
        }
      } else {
        cut = utf8_tail(joined);
      }
    }
    const std::string_view whole = std::string_view(joined).substr(0, cut);
    if (utf16())
      text += util::utf16_to_utf8(whole, encoding == Encoding::kUtf16Le);
    else
      text.append(whole);
    carry = joined.substr(cut);
  }

  std::optional<FileProblem> fill(const Read& read, size_t wanted) {
    std::string piece;
    while (!eof && text.size() - pos < wanted) {
      if (auto problem = read(&piece)) return problem;
      if (!started) {
        started = true;
        carry.clear();
        mark_left = bom;
      }
      const size_t mark = std::min(mark_left, piece.size());  // the mark may span pieces
      piece.erase(0, mark);
      mark_left -= mark;
      if (piece.empty() && mark > 0) continue;
      eof = piece.empty();
      decode(piece, eof);
    }
    return std::nullopt;
  }

  void emit(std::string page, bool always, std::vector<std::string>* pages, size_t* bytes) {
    const bool blank = trim(page).empty();
    if (blank && !always) return;
    any_text |= !blank;
    // The header lines: from the first page, or with form feeds the first 64 KiB of pages.
    if (header.size() < kSniffBytes && (form_feeds || emitted == 0)) {
      header.append(page, 0, kSniffBytes - header.size());
      if (form_feeds) header.push_back('\f');
    }
    ++emitted;
    *bytes += page.size();
    pages->push_back(std::move(page));
  }

  // Cuts the next page (or pages) from the text; false at the end of the text.
  bool cut_next(std::vector<std::string>* pages, size_t* bytes) {
    if (pos >= text.size() && eof) return false;
    const std::string_view rest = std::string_view(text).substr(pos);
    if (form_feeds) {
      const size_t ff = rest.substr(0, kMaxPageBytes + 2).find('\f');
      if (!in_run && ff != std::string_view::npos && ff <= kMaxPageBytes) {
        emit(normalize_text(rest.substr(0, ff)), true, pages, bytes);
        pos += ff + 1;
        return true;
      }
      if (!in_run && ff == std::string_view::npos && eof && rest.size() <= kMaxPageBytes) {
        emit(normalize_text(rest), emitted == 0, pages, bytes);
        pos = text.size();
        return true;
      }
      // A run longer than a page: cut one piece of it (the run ends at `ff` when seen), and
      // so on to its end.
      in_run = true;
      const std::string_view run = ff == std::string_view::npos ? rest : rest.substr(0, ff);
      const size_t end = page_end(run, 0);
      emit(normalize_text(run.substr(0, end)), false, pages, bytes);
      pos += end;
      if (end == ff) {
        ++pos;
        in_run = false;
      }
      return true;
    }
    const size_t end = page_end(rest, 0);
    emit(normalize_text(rest.substr(0, end)), false, pages, bytes);
    pos += end;
    return true;
  }
};

TextPageStream::TextPageStream(const std::atomic<bool>* cancel) : impl_(std::make_unique<Impl>()) {
  impl_->cancel = cancel;
  impl_->meta.paged = true;
  impl_->meta.encoding = "UTF-8";
}

TextPageStream::~TextPageStream() = default;

std::optional<FileProblem> TextPageStream::survey(std::string_view piece) {
  Impl& d = *impl_;
  if (d.decided) {
    d.scan(piece, false);
    return std::nullopt;
  }
  d.head.append(piece);
  if (d.head.size() < 2 * kSniffBytes + 4) return std::nullopt;
  return d.decide(false);
}

std::optional<FileProblem> TextPageStream::survey_end() {
  Impl& d = *impl_;
  if (!d.decided) {
    if (d.head.empty()) return FileProblem{"empty", "file is empty"};
    if (auto problem = d.decide(true)) return problem;
  } else {
    d.scan("", true);
  }
  if (!d.utf16()) {
    d.encoding = d.utf8_valid ? Impl::Encoding::kUtf8 : Impl::Encoding::kCp1252;
    d.meta.encoding = d.utf8_valid ? "UTF-8" : "windows-1252";
  }
  d.carry.clear();
  return std::nullopt;
}

std::optional<FileProblem> TextPageStream::next_pages(const Read& read, size_t max_bytes,
                                                      std::vector<std::string>* pages) {
  Impl& d = *impl_;
  size_t bytes = 0;
  while (!d.done && bytes < max_bytes) {
    if (cancelled(d.cancel)) return FileProblem{kCancelled, "stopped between pages"};
    if (auto problem = d.fill(read, kMaxPageBytes + 2)) return problem;
    if (!d.cut_next(pages, &bytes)) d.done = true;
    if (d.pos > (size_t{1} << 20) && d.pos * 2 > d.text.size()) {
      d.text.erase(0, d.pos);
      d.pos = 0;
    }
  }
  // The header lines are known once the first page is out (with form feeds, the first 64 KiB
  // of pages) or the text ended.
  if (!d.have_meta &&
      (d.done || (d.form_feeds ? d.header.size() >= kSniffBytes : d.emitted > 0))) {
    d.have_meta = true;
    read_header_lines(d.header, &d.meta);
    util::release(d.header);
  }
  if (d.done && !d.any_text) return FileProblem{"empty", "no text"};
  return std::nullopt;
}

bool TextPageStream::done() const { return impl_->done; }

const ExtractedDoc& TextPageStream::metadata() const { return impl_->meta; }

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
