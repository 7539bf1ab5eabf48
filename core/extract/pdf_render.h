// Rendering one page of a PDF as a PNG image (the web page's "page as printed"), with chosen
// words boxed in yellow.
//
// Contract: a pure function of the PDF's bytes; never throws for a bad, encrypted or
// truncated PDF (the result's problem says why); bounded: the image is `width` pixels wide
// (clamped to 200..2000) and at most kMaxRenderPixels in all, so no page size can make it
// allocate without bound. Thread-safe (a Poppler document per call, through the PDF module:
// extract/pdf_document.h).
#pragma once

#include <optional>
#include <ostream>
#include <vector>
#include <string>
#include <string_view>
#include <unordered_set>

#include "extract/extract.h"

namespace concord {

inline constexpr long kMaxRenderPixels = 2000L * 4000L;

struct RenderedPage {
  std::optional<FileProblem> problem;
  std::string png;  // the image, when !problem
  int width = 0, height = 0;
  int boxed = 0;  // words boxed
};

// Renders page `page` (1-based) of `pdf`; words whose folded text (util::fold()) is in
// `folded_words` are boxed.
RenderedPage render_pdf_page(std::string_view pdf, int page, int width,
                             const std::unordered_set<std::string>& folded_words);

// The renderer as a helper process, so a page that takes too long or too much memory to
// render costs only the helper (concord-web --render-page; util/child.h runs it).
// args: PDF_PATH SIZE PAGE WIDTH SECONDS [FOLDED_WORD...]: reads the file (a regular file of
// exactly SIZE bytes, as indexed), limits its own CPU time to SECONDS (rounded up) and its
// address space to kRenderAddressSpace, renders, and writes the PNG to `out`: returns 0.
// A problem is one line on `err` ("KIND: message") and exit status 3; bad arguments, 2.
inline constexpr long kRenderAddressSpace = 2L << 30;  // 2 GiB
int render_page_process(const std::vector<std::string>& args, std::ostream& out,
                        std::ostream& err);

}  // namespace concord
