// Extraction entry points: format names, one-time library setup, dispatch to the extractors.
#include "extract/extract.h"

#include <exception>
#include <new>

namespace concord {

const char* format_name(Format format) {
  switch (format) {
    case Format::kText:
      return "text";
    case Format::kHtml:
      return "html";
    case Format::kPdf:
      return "pdf";
  }
  return "unknown";
}

ExtractResult extract(std::string_view bytes, Format format, const std::atomic<bool>* cancel) {
  try {
    switch (format) {
      case Format::kText:
        return extract_text(bytes, cancel);
      case Format::kHtml:
        return extract_html(bytes, cancel);
      case Format::kPdf:
        return extract_pdf(bytes, cancel);
    }
    ExtractResult result;
    result.problem = FileProblem{"unsupported", "unknown format"};
    return result;
  } catch (const std::bad_alloc&) {
    throw;  // out of memory is fatal for the run, not a problem with this file
  } catch (const std::exception& e) {
    ExtractResult result;
    result.problem = FileProblem{"corrupt", e.what()};
    return result;
  } catch (...) {
    ExtractResult result;
    result.problem = FileProblem{"corrupt", "unknown error while extracting"};
    return result;
  }
}

}  // namespace concord
