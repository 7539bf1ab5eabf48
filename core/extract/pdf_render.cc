// Page images with poppler's renderer; the words to highlight come from poppler's text boxes.
#include "extract/pdf_render.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "extract/pdf_document.h"
#include "util/small_file.h"
#include "util/unicode.h"

namespace concord {
namespace {

RenderedPage problem(const char* kind, const std::string& message) {
  RenderedPage r;
  r.problem = FileProblem{kind, message};
  return r;
}

// Blends yellow over the pixels of `box` (image coordinates) in an ARGB32 image.
void highlight(PdfImage* image, double x0, double y0, double x1, double y1) {
  const int w = image->width(), h = image->height();
  const int left = std::max(0, static_cast<int>(x0) - 1),
            right = std::min(w, static_cast<int>(x1) + 2);
  const int top = std::max(0, static_cast<int>(y0) - 1),
            bottom = std::min(h, static_cast<int>(y1) + 2);
  unsigned char* data = image->data();
  const int stride = image->stride();
  for (int y = top; y < bottom; ++y) {
    unsigned char* row = data + static_cast<long>(y) * stride;
    for (int x = left; x < right; ++x) {
      unsigned char* px = row + x * 4;  // B, G, R, A in memory (little-endian ARGB32)
      px[0] = static_cast<unsigned char>(px[0] * 0.45);  // less blue: yellow
      px[1] = static_cast<unsigned char>(px[1] * 0.85 + 255 * 0.15);
      px[2] = static_cast<unsigned char>(px[2] * 0.85 + 255 * 0.15);
    }
  }
}

}  // namespace

namespace {

RenderedPage render_unchecked(std::string_view pdf, int page, int width,
                              const std::unordered_set<std::string>& folded_words) {
  const PdfDocument doc(pdf);
  if (doc.problem()) {
    if (doc.problem()->kind == "encrypted") return problem("encrypted", "the PDF is encrypted");
    return problem(doc.problem()->kind.c_str(), doc.problem()->message);
  }
  if (page < 1 || page > doc.pages()) return problem("no-page", "the PDF has no such page");
  double page_width = 0, page_height = 0;
  if (!doc.page_size(page - 1, &page_width, &page_height))
    return problem("corrupt", "the page cannot be read");
  if (page_width <= 0 || page_height <= 0) return problem("corrupt", "the page has no size");
  width = std::clamp(width, 200, 2000);
  double dpi = 72.0 * width / page_width;
  // Bounded whatever the page's shape: at most kMaxRenderPixels.
  const double pixels = (page_width * dpi / 72.0) * (page_height * dpi / 72.0);
  if (pixels > static_cast<double>(kMaxRenderPixels))
    dpi *= std::sqrt(static_cast<double>(kMaxRenderPixels) / pixels);
  std::optional<PdfImage> image = doc.render(page - 1, dpi, /*gray=*/false);
  if (!image) return problem("corrupt", "the page cannot be rendered");
  RenderedPage out;
  if (!folded_words.empty()) {
    const double scale = dpi / 72.0;
    doc.text_boxes(page - 1, [&](std::string_view text, double left, double top, double right,
                                 double bottom) {
      std::string word = util::fold(text);
      // A box holds the punctuation around its word ("Force,", "(ILO)").
      auto punct = [](char c) {
        return c > 0 && c < 0x7F && !std::isalnum(static_cast<unsigned char>(c));
      };
      while (!word.empty() && punct(word.back())) word.pop_back();
      while (!word.empty() && punct(word.front())) word.erase(0, 1);
      if (!folded_words.count(word)) return;
      highlight(&*image, left * scale, top * scale, right * scale, bottom * scale);
      ++out.boxed;
    });
  }
  // Poppler writes images to files only: a private temporary file, read back and removed.
  char name[] = "/tmp/concord-page-XXXXXX";
  const int fd = mkstemp(name);
  if (fd < 0) return problem("render", "no temporary file for the image");
  close(fd);
  const bool saved = image->save_png(name);
  std::ifstream in(name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  unlink(name);
  if (!saved || bytes.str().empty()) return problem("render", "the image cannot be written");
  out.png = bytes.str();
  out.width = image->width();
  out.height = image->height();
  return out;
}

}  // namespace

RenderedPage render_pdf_page(std::string_view pdf, int page, int width,
                             const std::unordered_set<std::string>& folded_words) {
  try {
    return render_unchecked(pdf, page, width, folded_words);
  } catch (const std::runtime_error& e) {  // Poppler's own errors; out of memory escapes
    return problem("corrupt", e.what());
  }
}

namespace {

// Whether this build runs under AddressSanitizer, which reserves terabytes of address space
// for its shadow memory (an address-space limit would stop it from starting).
constexpr bool kAddressSanitizer =
#if defined(__SANITIZE_ADDRESS__)
    true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    true;
#else
    false;
#endif
#else
    false;
#endif

}  // namespace

int render_page_process(const std::vector<std::string>& args, std::ostream& out,
                        std::ostream& err) {
  if (args.size() < 5) {
    err << "usage: --render-page PDF SIZE PAGE WIDTH SECONDS [WORD...]\n";
    return 2;
  }
  uint64_t size = 0;
  int page = 0, width = 0;
  double seconds = 0;
  try {
    size = std::stoull(args[1]);
    page = std::stoi(args[2]);
    width = std::stoi(args[3]);
    seconds = std::stod(args[4]);
  } catch (const std::exception&) {
    err << "usage: --render-page PDF SIZE PAGE WIDTH SECONDS [WORD...]\n";
    return 2;
  }
  if (seconds > 0) {
    const rlim_t cpu = static_cast<rlim_t>(std::ceil(seconds));
    const rlimit limit{cpu, cpu + 1};
    setrlimit(RLIMIT_CPU, &limit);
  }
  if (!kAddressSanitizer) {
    const rlimit limit{static_cast<rlim_t>(kRenderAddressSpace),
                       static_cast<rlim_t>(kRenderAddressSpace)};
    setrlimit(RLIMIT_AS, &limit);
  }
  const util::SmallFile file = util::read_small_file(args[0], size);
  if (!file.error.empty() || file.bytes.size() != size) {
    err << "unreadable: " << (file.error.empty() ? "the file changed" : file.error) << "\n";
    return 3;
  }
  const std::unordered_set<std::string> words(args.begin() + 5, args.end());
  const RenderedPage r = render_pdf_page(file.bytes, page, width, words);
  if (r.problem) {
    err << r.problem->kind << ": " << r.problem->message << "\n";
    return 3;
  }
  out.write(r.png.data(), static_cast<std::streamsize>(r.png.size()));
  out.flush();
  return out ? 0 : 3;
}

}  // namespace concord
