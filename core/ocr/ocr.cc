// OCR of pages rendered by poppler, read by Tesseract through the module of
// ocr/engine/engine.h (loaded on first use); results cached in files by content hash.
#include "ocr/ocr.h"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "extract/pdf_document.h"
#include "ocr/engine/engine.h"
#include "util/data_files.h"
#include "util/module.h"
#include "util/small_file.h"

namespace fs = std::filesystem;

namespace concord {
namespace {

using Clock = std::chrono::steady_clock;

// The module of ocr/engine/engine.h, loaded once, on first use, from BIN/../LIBDIR/concord
// beside the running program (the build tree has the same layout). OMP_THREAD_LIMIT is set
// first, unless the user set it: Tesseract parallelizes inside a page with OpenMP, asking for
// its own thread counts (num_threads clauses that omp_set_num_threads() cannot lower), and
// Concord already reads one page per worker thread; libgomp, loaded with the module, reads
// the variable once. Two scanned pages took 12.4 s (11.6 s in the kernel) without it, 2.7 s
// with it.
struct Module {
  const ConcordOcrEngine* engine = nullptr;
  std::string why;  // when engine is null
};

const Module& module() {
  static const Module loaded = [] {
    set_ocr_environment();  // a no-op when main() did it, before any thread
    util::LoadedModule m =
        util::load_module<ConcordOcrEngine>("libconcord-ocr.so", "concord_ocr_engine", "OCR module",
                                            "libtesseract5 and liblept5", kOcrEngineAbi);
    return Module{static_cast<const ConcordOcrEngine*>(m.table), std::move(m.why)};
  }();
  return loaded;
}

// True when at most one pixel in 10,000 of a grey image is darker than light grey: an empty
// page, or one holding a page number of a digit or two at most (a 12-point digit at 300 dpi
// is about 500 pixels of the 8.7 million of an A4 page). Tesseract takes about half a second
// to find nothing there; blank pages are common in scanned and printed archives (the backs
// of sheets, separators). Faint text (pencil, a faded copy) is darker than the threshold;
// a scan of grey paper is not blank by this test, and goes to Tesseract.
bool blank_image(const PdfImage& image) {
  constexpr unsigned char kDark = 200;
  const int width = image.width(), height = image.height();
  const uint64_t allowed = static_cast<uint64_t>(width) * static_cast<uint64_t>(height) / 10000;
  uint64_t dark = 0;
  const unsigned char* data = image.data();
  for (int y = 0; y < height; ++y) {
    const unsigned char* row = data + static_cast<size_t>(y) * image.stride();
    for (int x = 0; x < width; ++x) dark += row[x] < kDark;
    if (dark > allowed) return false;
  }
  return true;
}

OcrPage page_problem(const char* kind, std::string message) {
  OcrPage p;
  p.problem = FileProblem{kind, std::move(message)};
  return p;
}

std::string cache_path(const std::string& dir, const std::string& hash, int page,
                       const std::string& languages, int dpi) {
  const std::string name = hash + "-p" + std::to_string(page) + "-" + languages + "-" +
                           std::to_string(dpi) + "dpi-t" + module().engine->version() + ".txt";
  return (fs::path(dir) / hash.substr(0, std::min<size_t>(2, hash.size())) / name).string();
}

std::optional<std::string> read_cache(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  util::SmallFile f = util::read_small_file(path, uint64_t{16} << 20);
  if (!f.error.empty()) return std::nullopt;
  // Used now: the trim removes the least recently used entries first.
  fs::last_write_time(path, fs::file_time_type::clock::now(), ec);
  return std::move(f.bytes);
}

void write_cache(const std::string& path, const std::string& text) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (!ec) util::replace_file(path, text, util::Sync::kNo);  // a cache: losing it costs a render
}

}  // namespace

void set_ocr_environment() { ::setenv("OMP_THREAD_LIMIT", "1", 0); }

std::optional<OcrMode> parse_ocr_mode(std::string_view text) {
  if (text == "auto") return OcrMode::kAuto;
  if (text == "always") return OcrMode::kAlways;
  if (text == "never") return OcrMode::kNever;
  return std::nullopt;
}

std::string default_ocr_cache() {
  if (const char* v = std::getenv("CONCORD_OCR_CACHE"); v != nullptr && *v != '\0') return v;
  if (const char* v = std::getenv("XDG_CACHE_HOME"); v != nullptr && *v == '/')
    return (fs::path(v) / "concord" / "ocr").string();
  if (const char* v = std::getenv("HOME"); v != nullptr && *v == '/')
    return (fs::path(v) / ".cache" / "concord" / "ocr").string();
  return "";
}

std::optional<std::string> ocr_unavailable() {
  const Module& m = module();
  if (m.engine == nullptr) return m.why;
  if (const char* why = m.engine->unavailable()) return std::string(why);
  return std::nullopt;
}

std::string tesseract_languages(std::string_view lang) {
  if (lang == "en") return "eng";
  if (lang == "fr") return "fra";
  if (lang == "es") return "spa";
  return "eng+fra+spa";
}

OcrPage ocr_pdf_page(std::string_view pdf, int page, const std::string& hash,
                     const std::string& languages, const OcrOptions& options,
                     const std::atomic<bool>* cancel) {
  const auto started = Clock::now();
  if (module().engine == nullptr) return page_problem("ocr-unavailable", module().why);
  const std::string cached_at =
      options.cache_dir.empty() || hash.empty()
          ? ""
          : cache_path(options.cache_dir, hash, page, languages, options.dpi);
  if (!cached_at.empty()) {
    if (auto text = read_cache(cached_at)) {
      OcrPage p;
      p.text = std::move(*text);
      p.cached = true;
      return p;
    }
  }
  if (auto why = ocr_unavailable()) return page_problem("ocr-unavailable", *why);
  const PdfDocument doc(pdf);
  if (doc.problem()) return page_problem(doc.problem()->kind.c_str(), doc.problem()->message);
  double dpi = options.dpi;
  std::optional<PdfImage> rendered;
  try {  // Poppler's own errors: the page is corrupt (out of memory escapes)
    if (page < 1 || page > doc.pages()) return page_problem("corrupt", "no such page");
    // The resolution: options.dpi, lowered so the image stays within kMaxOcrPixels.
    double page_width = 0, page_height = 0;
    if (!doc.page_size(page - 1, &page_width, &page_height))
      return page_problem("corrupt", "page cannot be read");
    const double points = std::max(1.0, page_width) * std::max(1.0, page_height);
    const double pixels = points * (dpi / 72.0) * (dpi / 72.0);
    if (pixels > kMaxOcrPixels) dpi = 72.0 * std::sqrt(kMaxOcrPixels / points);
    if (dpi < 30) return page_problem("ocr-failed", "page too large to read");
    rendered = doc.render(page - 1, dpi, /*gray=*/true);
  } catch (const std::runtime_error& e) {
    return page_problem("corrupt", e.what());
  }
  if (!rendered || rendered->width() <= 0 || rendered->height() <= 0)
    return page_problem("ocr-failed", "page cannot be rendered");
  const PdfImage& image = *rendered;
  if (cancel != nullptr && cancel->load()) return page_problem(kCancelled, "stopped");
  if (blank_image(image)) {
    OcrPage out;
    out.blank = true;
    out.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (!cached_at.empty()) write_cache(cached_at, "");  // not rendered again next time
    return out;
  }

  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  const double left = std::max(0.1, options.page_seconds - elapsed);
  char* text = nullptr;
  const int status = module().engine->recognize(image.data(), image.width(), image.height(),
                                                image.stride(), static_cast<int>(std::lround(dpi)),
                                                languages.c_str(), left, cancel, &text);
  OcrPage out;
  out.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  switch (status) {
    case kOcrEngineOk:
      break;
    case kOcrEngineCancelled:
      return page_problem(kCancelled, "stopped");
    case kOcrEngineTimeout:
      return page_problem("ocr-timeout",
                          "OCR of the page took longer than " +
                              std::to_string(static_cast<int>(options.page_seconds)) + " s");
    case kOcrEngineNoLanguage:
      return page_problem("ocr-unavailable", "Tesseract cannot load " + languages);
    case kOcrEngineNoMemory:
      throw std::bad_alloc();
    default:
      return page_problem("ocr-failed", "Tesseract could not read the page");
  }
  out.text = text != nullptr ? std::string(text) : std::string();
  module().engine->free_text(text);
  if (!cached_at.empty()) write_cache(cached_at, out.text);
  return out;
}

uint64_t trim_ocr_cache(const std::string& dir, uint64_t limit) {
  if (dir.empty()) return 0;
  struct Entry {
    fs::file_time_type used;
    uint64_t size;
    fs::path path;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code fec;
    if (!it->is_regular_file(fec) || fec) continue;
    const uint64_t size = it->file_size(fec);
    if (fec) continue;
    const auto used = it->last_write_time(fec);
    if (fec) continue;
    entries.push_back({used, size, it->path()});
    total += size;
  }
  if (total <= limit) return 0;
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.used < b.used; });
  uint64_t removed = 0;
  for (const Entry& e : entries) {
    if (total - removed <= limit) break;
    if (fs::remove(e.path, ec)) removed += e.size;
  }
  return removed;
}

}  // namespace concord
