// Page images with poppler's renderer; the words to highlight come from poppler's text boxes.
#include "extract/pdf_render.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>

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
void highlight(poppler::image* image, double x0, double y0, double x1, double y1) {
  const int w = image->width(), h = image->height();
  const int left = std::max(0, static_cast<int>(x0) - 1),
            right = std::min(w, static_cast<int>(x1) + 2);
  const int top = std::max(0, static_cast<int>(y0) - 1),
            bottom = std::min(h, static_cast<int>(y1) + 2);
  char* data = image->data();
  const int stride = image->bytes_per_row();
  for (int y = top; y < bottom; ++y) {
    auto* row = reinterpret_cast<unsigned char*>(data + static_cast<long>(y) * stride);
    for (int x = left; x < right; ++x) {
      unsigned char* px = row + x * 4;  // B, G, R, A in memory (little-endian ARGB32)
      px[0] = static_cast<unsigned char>(px[0] * 0.45);  // less blue: yellow
      px[1] = static_cast<unsigned char>(px[1] * 0.85 + 255 * 0.15);
      px[2] = static_cast<unsigned char>(px[2] * 0.85 + 255 * 0.15);
    }
  }
}

}  // namespace

RenderedPage render_pdf_page(std::string_view pdf, int page, int width,
                             const std::unordered_set<std::string>& folded_words) {
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc) return problem("corrupt", "not a readable PDF");
  if (doc->is_locked()) return problem("encrypted", "the PDF is encrypted");
  if (page < 1 || page > doc->pages()) return problem("no-page", "the PDF has no such page");
  std::unique_ptr<poppler::page> p(doc->create_page(page - 1));
  if (!p) return problem("corrupt", "the page cannot be read");
  const poppler::rectf size = p->page_rect(poppler::media_box);
  if (size.width() <= 0 || size.height() <= 0) return problem("corrupt", "the page has no size");
  width = std::clamp(width, 200, 2000);
  double dpi = 72.0 * width / size.width();
  // Bounded whatever the page's shape: at most kMaxRenderPixels.
  const double pixels = (size.width() * dpi / 72.0) * (size.height() * dpi / 72.0);
  if (pixels > static_cast<double>(kMaxRenderPixels))
    dpi *= std::sqrt(static_cast<double>(kMaxRenderPixels) / pixels);
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_argb32);
  poppler::image image = renderer.render_page(p.get(), dpi, dpi);
  if (!image.is_valid()) return problem("corrupt", "the page cannot be rendered");
  RenderedPage out;
  if (!folded_words.empty()) {
    const double scale = dpi / 72.0;
    for (const poppler::text_box& box : p->text_list()) {
      const poppler::byte_array utf8 = box.text().to_utf8();
      std::string word = util::fold(std::string_view(utf8.data(), utf8.size()));
      // A box holds the punctuation around its word ("Force,", "(ILO)").
      auto punct = [](char c) {
        return c > 0 && c < 0x7F && !std::isalnum(static_cast<unsigned char>(c));
      };
      while (!word.empty() && punct(word.back())) word.pop_back();
      while (!word.empty() && punct(word.front())) word.erase(0, 1);
      if (!folded_words.count(word)) continue;
      const poppler::rectf r = box.bbox();
      highlight(&image, r.left() * scale, r.top() * scale, r.right() * scale, r.bottom() * scale);
      ++out.boxed;
    }
  }
  // poppler writes images to files only: a private temporary file, read back and removed.
  char name[] = "/tmp/concord-page-XXXXXX";
  const int fd = mkstemp(name);
  if (fd < 0) return problem("render", "no temporary file for the image");
  close(fd);
  const bool saved = image.save(name, "png");
  std::ifstream in(name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  unlink(name);
  if (!saved || bytes.str().empty()) return problem("render", "the image cannot be written");
  out.png = bytes.str();
  out.width = image.width();
  out.height = image.height();
  return out;
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
