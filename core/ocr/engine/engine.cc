// Tesseract and Leptonica behind the table of ocr/engine/engine.h (libconcord-ocr.so).
#include "ocr/engine/engine.h"

#include <leptonica/allheaders.h>
#include <omp.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <string>

namespace {

// Tesseract's Init and End touch process-wide parameters: one at a time.
std::mutex& tesseract_mutex() {
  static std::mutex m;
  return m;
}

// Quiet engines: no "Warning: Invalid resolution" or "Estimating resolution" on stderr.
void quiet(tesseract::TessBaseAPI* api) { api->SetVariable("debug_file", "/dev/null"); }

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
  // One OpenMP thread per worker thread: OMP_THREAD_LIMIT=1 is set before the module is
  // loaded (ocr/ocr.cc) unless the user set it; omp_set_num_threads() caps the rest.
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

// The grey image as a leptonica image, cleaned of specks when it has many.
PixPtr page_pix(const unsigned char* data, int w, int h, int stride) {
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

const char* version() { return tesseract::TessBaseAPI::Version(); }

const char* unavailable() {
  static const char* const answer = []() -> const char* {
    setMsgSeverity(L_SEVERITY_NONE);  // leptonica's "Error in boxClipToRectangle" on stderr
    tesseract::TessBaseAPI api;
    std::lock_guard lock(tesseract_mutex());
    quiet(&api);
    if (api.Init(nullptr, "eng+fra+spa", tesseract::OEM_LSTM_ONLY) != 0)
      return "Tesseract's English, French and Spanish data are not installed "
             "(Debian: apt install tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-spa)";
    api.End();
    return nullptr;
  }();
  return answer;
}

int recognize(const unsigned char* grey, int width, int height, int stride, int dpi,
              const char* languages, double seconds, const std::atomic<bool>* cancel,
              char** text) {
  *text = nullptr;
  try {
    tesseract::TessBaseAPI* api = engine_for(languages);
    if (api == nullptr) return kOcrEngineNoLanguage;
    PixPtr pix = page_pix(grey, width, height, stride);
    api->SetImage(pix.get());
    api->SetSourceResolution(dpi);
    tesseract::ETEXT_DESC monitor;
    CancelState state{cancel};
    monitor.cancel = cancel_requested;
    monitor.cancel_this = &state;
    monitor.set_deadline_msecs(static_cast<int32_t>(std::min(seconds * 1000, 2e9)));
    const int status = api->Recognize(&monitor);
    if (cancel != nullptr && cancel->load()) {
      api->Clear();
      return kOcrEngineCancelled;
    }
    if (monitor.deadline_exceeded()) {
      api->Clear();
      return kOcrEngineTimeout;
    }
    if (status != 0) {
      api->Clear();
      return kOcrEngineFailed;
    }
    *text = api->GetUTF8Text();  // new[]
    api->Clear();
    return kOcrEngineOk;
  } catch (const std::bad_alloc&) {
    return kOcrEngineNoMemory;
  } catch (...) {
    return kOcrEngineFailed;
  }
}

void free_text(char* text) { delete[] text; }

}  // namespace

extern "C" __attribute__((visibility("default"))) const ConcordOcrEngine* concord_ocr_engine() {
  static const ConcordOcrEngine table{kOcrEngineAbi, version, unavailable, recognize, free_text};
  return &table;
}
