// OCR with Tesseract on pages rendered by poppler; results cached in files by content hash.
#include "ocr/ocr.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <leptonica/allheaders.h>
#include <omp.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <random>
#include <sstream>
#include <vector>

#include "util/small_file.h"

namespace fs = std::filesystem;

namespace concord {
namespace {

using Clock = std::chrono::steady_clock;

// Tesseract's Init and End touch process-wide parameters: one at a time.
std::mutex& tesseract_mutex() {
  static std::mutex m;
  return m;
}

// Quiet engines: no "Warning: Invalid resolution" or "Estimating resolution" on stderr.
void quiet(tesseract::TessBaseAPI* api) {
  api->SetVariable("debug_file", "/dev/null");
}

// A thread's engines; ended under the lock when the thread ends.
struct Engines {
  std::map<std::string, std::unique_ptr<tesseract::TessBaseAPI>> by_languages;
  ~Engines() {
    std::lock_guard lock(tesseract_mutex());
    by_languages.clear();
  }
};

// One engine per thread and language set, made on first use.
tesseract::TessBaseAPI* engine_for(const std::string& languages) {
  // One OpenMP thread per worker thread where the program did not cap them before libgomp
  // was loaded (ocr/openmp.h; omp_set_num_threads() does not reach Tesseract's num_threads
  // clauses, but caps the rest).
  thread_local const bool single = (omp_set_num_threads(1), omp_set_dynamic(0), true);
  (void)single;
  thread_local Engines engines_of_thread;
  auto& engines = engines_of_thread.by_languages;
  auto it = engines.find(languages);
  if (it != engines.end()) return it->second.get();
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  {
    std::lock_guard lock(tesseract_mutex());
    quiet(api.get());
    if (api->Init(nullptr, languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) return nullptr;
    quiet(api.get());
  }
  api->SetPageSegMode(tesseract::PSM_AUTO);
  return engines.emplace(languages, std::move(api)).first->second.get();
}

OcrPage page_problem(const char* kind, std::string message) {
  OcrPage p;
  p.problem = FileProblem{kind, std::move(message)};
  return p;
}

std::string cache_path(const std::string& dir, const std::string& hash, int page,
                       const std::string& languages, int dpi) {
  const std::string name = hash + "-p" + std::to_string(page) + "-" + languages + "-" +
                           std::to_string(dpi) + "dpi-t" + tesseract::TessBaseAPI::Version() + ".txt";
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
  if (ec) return;
  thread_local std::mt19937_64 rng(std::random_device{}());
  const std::string tmp = path + ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(rng());
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out) {
      fs::remove(tmp, ec);
      return;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) fs::remove(tmp, ec);
}

// Fraction of the page's pixels that are dark specks: a dark pixel with no dark pixel on the
// square ring two pixels around it (so specks of up to 3x3 pixels: a scan's one-pixel noise
// rendered at twice its resolution is 2x2). Type has few (full stops and the dots of i at
// small sizes); a dirty photocopy or fax has many.
double speck_fraction(const unsigned char* data, int w, int h, int stride) {
  if (w < 5 || h < 5) return 0;
  auto dark = [&](int x, int y) { return data[static_cast<size_t>(y) * stride + x] < 128; };
  size_t specks = 0;
  for (int y = 2; y + 2 < h; ++y) {
    for (int x = 2; x + 2 < w; ++x) {
      if (!dark(x, y)) continue;
      bool alone = true;
      for (int d = -2; d <= 2 && alone; ++d)
        alone = !dark(x + d, y - 2) && !dark(x + d, y + 2) && !dark(x - 2, y + d) && !dark(x + 2, y + d);
      if (alone) ++specks;
    }
  }
  return static_cast<double>(specks) / (static_cast<double>(w) * h);
}

// Above this speck fraction a page is cleaned with a 3x3 median filter before OCR: at 150 dpi
// with 0.5% of its pixels flipped, the character error rate drops from 8.6% (see
// tests/ocr/ocr_test.cc); on clean type the filter is never applied.
constexpr double kSpeckyPage = 0.0005;

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// The rendered page as a leptonica image, cleaned of specks when it has many.
PixPtr page_pix(const poppler::image& image) {
  const int w = image.width(), h = image.height(), stride = image.bytes_per_row();
  const auto* data = reinterpret_cast<const unsigned char*>(image.const_data());
  PixPtr pix(pixCreate(w, h, 8));
  if (!pix) throw std::bad_alloc();
  l_uint32* out = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < h; ++y) {
    l_uint32* line = out + static_cast<size_t>(y) * wpl;
    const unsigned char* row = data + static_cast<size_t>(y) * stride;
    for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  if (speck_fraction(data, w, h, stride) > kSpeckyPage) {
    PixPtr cleaned(pixMedianFilter(pix.get(), 3, 3));  // a 3x3 window
    if (cleaned) return cleaned;
  }
  return pix;
}

struct CancelState {
  const std::atomic<bool>* cancel;
};

bool cancel_requested(void* data, int) {
  const auto* s = static_cast<CancelState*>(data);
  return s->cancel != nullptr && s->cancel->load();
}

}  // namespace

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
  static const std::optional<std::string> answer = []() -> std::optional<std::string> {
    // Tesseract may use OpenMP threads of its own; Concord runs one page per worker thread.
    ::setenv("OMP_THREAD_LIMIT", "1", 0);
    setMsgSeverity(L_SEVERITY_NONE);  // leptonica's "Error in boxClipToRectangle" on stderr
    tesseract::TessBaseAPI api;
    std::lock_guard lock(tesseract_mutex());
    quiet(&api);
    if (api.Init(nullptr, "eng+fra+spa", tesseract::OEM_LSTM_ONLY) != 0)
      return std::string("Tesseract's English, French and Spanish data are not installed "
                         "(Debian: apt install tesseract-ocr-eng tesseract-ocr-fra "
                         "tesseract-ocr-spa)");
    api.End();
    return std::nullopt;
  }();
  return answer;
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
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc) return page_problem("corrupt", "not a readable PDF");
  if (doc->is_locked()) return page_problem("encrypted", "PDF is encrypted (password required)");
  if (page < 1 || page > doc->pages()) return page_problem("corrupt", "no such page");
  std::unique_ptr<poppler::page> p(doc->create_page(page - 1));
  if (!p) return page_problem("corrupt", "page cannot be read");
  // The resolution: options.dpi, lowered so the image stays within kMaxOcrPixels.
  const poppler::rectf box = p->page_rect(poppler::media_box);
  const double points = std::max(1.0, box.width()) * std::max(1.0, box.height());
  double dpi = options.dpi;
  const double pixels = points * (dpi / 72.0) * (dpi / 72.0);
  if (pixels > kMaxOcrPixels) dpi = 72.0 * std::sqrt(kMaxOcrPixels / points);
  if (dpi < 30) return page_problem("ocr-failed", "page too large to read");
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  poppler::image image = renderer.render_page(p.get(), dpi, dpi);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0)
    return page_problem("ocr-failed", "page cannot be rendered");
  if (cancel != nullptr && cancel->load()) return page_problem(kCancelled, "stopped");

  tesseract::TessBaseAPI* api = engine_for(languages);
  if (api == nullptr) return page_problem("ocr-unavailable", "Tesseract cannot load " + languages);
  PixPtr pix = page_pix(image);
  api->SetImage(pix.get());
  api->SetSourceResolution(static_cast<int>(std::lround(dpi)));
  tesseract::ETEXT_DESC monitor;
  CancelState state{cancel};
  monitor.cancel = cancel_requested;
  monitor.cancel_this = &state;
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  const double left = std::max(0.1, options.page_seconds - elapsed);
  monitor.set_deadline_msecs(static_cast<int32_t>(std::min(left * 1000, 2e9)));
  const int status = api->Recognize(&monitor);
  OcrPage out;
  out.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (cancel != nullptr && cancel->load()) {
    api->Clear();
    return page_problem(kCancelled, "stopped");
  }
  if (monitor.deadline_exceeded()) {
    api->Clear();
    return page_problem("ocr-timeout", "OCR of the page took longer than " +
                                           std::to_string(static_cast<int>(options.page_seconds)) +
                                           " s");
  }
  if (status != 0) {
    api->Clear();
    return page_problem("ocr-failed", "Tesseract could not read the page");
  }
  std::unique_ptr<char[]> text(api->GetUTF8Text());
  api->Clear();
  out.text = text ? std::string(text.get()) : std::string();
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

namespace concord {

void limit_openmp_threads(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  ::execv("/proc/self/exe", argv);
}

}  // namespace concord
