// PDF extractor: poppler-cpp text per page in reading order, repaired and normalized.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <cstdio>
#include <ctime>
#include <exception>
#include <iterator>
#include <memory>
#include <new>
#include <string>

#include "extract/cleanup.h"
#include "extract/extract.h"

namespace concord {
namespace {

ExtractResult problem(const char* kind, const char* message) {
  ExtractResult result;
  result.problem = FileProblem{kind, message};
  return result;
}

std::string to_utf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
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

void ignore_debug_message(const std::string&, void*) {}

// A one-page PDF with an empty content stream, cross-reference table computed here.
std::string minimal_pdf() {
  const std::string objects[] = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] /Contents 4 0 R >>",
      "<< /Length 6 >>\nstream\nBT ET\nendstream"};
  std::string pdf = "%PDF-1.4\n";
  std::string xref = "xref\n0 5\n0000000000 65535 f \n";
  for (size_t i = 0; i < std::size(objects); ++i) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", pdf.size());
    xref += entry;
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref_offset = pdf.size();
  return pdf + xref + "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref_offset) + "\n%%EOF\n";
}

// poppler builds process-wide colour-management state (GfxState's sRGB profile) lazily and
// without a lock the first time a page is displayed; do that once here, single-threaded.
void warm_up_poppler() {
  const std::string pdf = minimal_pdf();
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (document == nullptr) return;
  std::unique_ptr<poppler::page> page(document->create_page(0));
  if (page != nullptr) page->text(poppler::rectf(), poppler::page::physical_layout);
}

ExtractResult extract_pdf_unchecked(std::string_view bytes, const std::atomic<bool>* cancel) {
  if (bytes.empty()) return problem("empty", "file is empty");
  if (bytes.size() > static_cast<size_t>(INT_MAX)) return problem("too-large", "file too large");
  // poppler does not copy the data: `bytes` outlives `document`.
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (document == nullptr) return problem("corrupt", "not a readable PDF");
  if (document->is_locked()) return problem("encrypted", "PDF is encrypted (password required)");
  const int page_count = document->pages();
  if (page_count <= 0) return problem("empty", "PDF has no pages");

  ExtractResult result;
  ExtractedDoc& doc = result.doc;
  doc.paged = true;
  doc.pages.reserve(static_cast<size_t>(page_count));
  bool any_text = false;
  for (int i = 0; i < page_count; ++i) {
    if (cancelled(cancel)) return problem(kCancelled, "stopped between pages");
    std::unique_ptr<poppler::page> page(document->create_page(i));
    std::string text;
    if (page != nullptr) {
      std::string layout = to_utf8(page->text(poppler::rectf(), poppler::page::physical_layout));
      if (i == 0) layout = separate_layout_columns(layout);  // a cover page's header
      text = normalize_text(repair_pdf_text(tidy_layout(layout)));
    }
    if (text.find_first_not_of(" \t\n") != std::string::npos) any_text = true;
    doc.pages.push_back(std::move(text));
  }
  if (any_text) join_hyphens_across_pages(&doc.pages);

  doc.title = normalize_text(trimmed(to_utf8(document->info_key("Title"))));
  doc.author = normalize_text(trimmed(to_utf8(document->info_key("Author"))));
  doc.date = written_date(to_utf8(document->info_key("CreationDate")));
  if (doc.date.empty()) doc.date = iso_date(document->info_date_t("CreationDate"));
  // Image-only: the problem, with the pages (empty) and metadata kept for OCR.
  if (!any_text) result.problem = FileProblem{"no-text", "PDF has no extractable text (scanned image?)"};
  return result;
}

}  // namespace

void init_pdf_extractor() {
  poppler::set_debug_error_function(ignore_debug_message, nullptr);
  warm_up_poppler();
}

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
