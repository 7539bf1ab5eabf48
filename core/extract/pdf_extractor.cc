// PDF extractor: Poppler's text per page in reading order (through the PDF module,
// extract/pdf_document.h), repaired and normalized.
#include <climits>
#include <ctime>
#include <exception>
#include <new>
#include <string>

#include "extract/cleanup.h"
#include "extract/extract.h"
#include "extract/pdf_document.h"

namespace concord {
namespace {

ExtractResult problem(const char* kind, const char* message) {
  ExtractResult result;
  result.problem = FileProblem{kind, message};
  return result;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// physical_layout aligns columns with runs of spaces and separates paragraphs with (several)
// empty lines: collapse blanks to one space, drop indentation, keep at most one empty line.
std::string tidy_layout(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool at_line_start = true;
  bool pending_blank = false;
  int pending_newlines = 0;
  for (const char c : text) {
    if (is_blank(c)) {
      pending_blank = !at_line_start;
      continue;
    }
    if (c == '\r') continue;
    if (c == '\n' || c == '\f') {
      ++pending_newlines;
      at_line_start = true;
      pending_blank = false;
      continue;
    }
    if (!out.empty() && pending_newlines > 0) out.append(pending_newlines > 1 ? 2 : 1, '\n');
    if (pending_blank) out.push_back(' ');
    pending_newlines = 0;
    pending_blank = false;
    at_line_start = false;
    out.push_back(c);
  }
  return out;
}

std::string trimmed(std::string text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string iso_date(time_t when) {
  if (when == static_cast<time_t>(-1) || when == 0) return "";
  std::tm utc{};
  if (gmtime_r(&when, &utc) == nullptr) return "";
  char buffer[16];
  if (std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &utc) == 0) return "";
  return buffer;
}

// The calendar date as written in a PDF date string "D:YYYYMMDDHHmmSS+hh'mm'": the
// document's own local date, not shifted to UTC. Returns "" when it is not such a string.
std::string written_date(const std::string& raw) {
  std::string_view v(raw);
  if (v.substr(0, 2) == "D:") v.remove_prefix(2);
  size_t digits = 0;
  while (digits < v.size() && digits < 8 && v[digits] >= '0' && v[digits] <= '9') ++digits;
  if (digits < 4) return "";
  std::string out(v.substr(0, 4));
  if (digits >= 6) out += "-" + std::string(v.substr(4, 2));
  if (digits >= 8) out += "-" + std::string(v.substr(6, 2));
  const int month = digits >= 6 ? std::stoi(std::string(v.substr(4, 2))) : 1;
  const int day = digits >= 8 ? std::stoi(std::string(v.substr(6, 2))) : 1;
  if (month < 1 || month > 12 || day < 1 || day > 31) return "";
  return out;
}

ExtractResult extract_pdf_unchecked(std::string_view bytes, const std::atomic<bool>* cancel) {
  if (bytes.empty()) return problem("empty", "file is empty");
  if (bytes.size() > static_cast<size_t>(INT_MAX)) return problem("too-large", "file too large");
  // Poppler does not copy the data: `bytes` outlives `document`.
  const PdfDocument document(bytes);
  if (document.problem()) {
    ExtractResult result;
    result.problem = document.problem();
    return result;
  }
  const int page_count = document.pages();
  if (page_count <= 0) return problem("empty", "PDF has no pages");

  ExtractResult result;
  ExtractedDoc& doc = result.doc;
  doc.paged = true;
  doc.pages.reserve(static_cast<size_t>(page_count));
  bool any_text = false;
  for (int i = 0; i < page_count; ++i) {
    if (cancelled(cancel)) return problem(kCancelled, "stopped between pages");
    std::string text;
    if (std::optional<std::string> layout = document.page_text(i)) {
      if (i == 0) *layout = separate_layout_columns(*layout);  // a cover page's header
      text = normalize_text(repair_pdf_text(tidy_layout(*layout)));
    }
    if (text.find_first_not_of(" \t\n") != std::string::npos) any_text = true;
    doc.pages.push_back(std::move(text));
  }
  if (any_text) join_hyphens_across_pages(&doc.pages);

  doc.title = normalize_text(trimmed(document.info("Title")));
  doc.author = normalize_text(trimmed(document.info("Author")));
  doc.date = written_date(document.info("CreationDate"));
  if (doc.date.empty()) doc.date = iso_date(document.info_date("CreationDate"));
  // Image-only: the problem, with the pages (empty) and metadata kept for OCR.
  if (!any_text) result.problem = FileProblem{"no-text", "PDF has no extractable text (scanned image?)"};
  return result;
}

}  // namespace

ExtractResult extract_pdf(std::string_view bytes, const std::atomic<bool>* cancel) {
  try {
    return extract_pdf_unchecked(bytes, cancel);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return problem("corrupt", e.what());
  }
}

}  // namespace concord
