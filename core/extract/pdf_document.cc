// PDF documents through the PDF module, loaded and set up once, on first use.
#include "extract/pdf_document.h"

#include <new>
#include <stdexcept>
#include <utility>

#include "extract/pdf_engine/engine.h"
#include "util/module.h"

namespace concord {
namespace {

// Loaded, and Poppler set up (single-threaded), by the first caller; the others wait.
const util::ModuleTable<ConcordPdfEngine>& engine() {
  return util::load_module_once<ConcordPdfEngine>(
      "libconcord-pdf.so", "concord_pdf_engine", "PDF module", "libpoppler-cpp0v5", kPdfEngineAbi,
      [](const ConcordPdfEngine& table) { table.init(); });
}

// Status -> true (ok) or false (no such page, or a page that cannot be read or drawn); out of
// memory and Poppler's own errors are thrown.
bool ok(const ConcordPdfEngine* engine, int status) {
  if (status == kPdfEngineNoMemory) throw std::bad_alloc();
  if (status == kPdfEngineFailed) throw std::runtime_error(engine->last_error());
  return status == kPdfEngineOk;
}

void append(void* context, const char* utf8, size_t size) {
  static_cast<std::string*>(context)->append(utf8, size);
}

}  // namespace

PdfImage::~PdfImage() {
  if (image_.owner != nullptr) engine_->free_image(&image_);
}
PdfImage::PdfImage(PdfImage&& other) noexcept
    : image_(std::exchange(other.image_, PdfEngineImage{})),
      engine_(std::exchange(other.engine_, nullptr)) {}
PdfImage& PdfImage::operator=(PdfImage&& other) noexcept {
  if (this != &other) {
    PdfImage gone(std::move(*this));
    image_ = std::exchange(other.image_, PdfEngineImage{});
    engine_ = std::exchange(other.engine_, nullptr);
  }
  return *this;
}
int PdfImage::width() const { return image_.width; }
int PdfImage::height() const { return image_.height; }
int PdfImage::stride() const { return image_.stride; }
unsigned char* PdfImage::data() { return image_.data; }
const unsigned char* PdfImage::data() const { return image_.data; }
bool PdfImage::save_png(const std::string& path) const {
  if (image_.owner == nullptr) return false;
  return ok(engine_, engine_->save_png(&image_, path.c_str()));
}

PdfDocument::PdfDocument(std::string_view bytes) {
  engine_ = engine().table;
  if (engine_ == nullptr) {
    problem_ = FileProblem{kPdfUnavailable, engine().why};
    return;
  }
  const int status = engine_->open(bytes.data(), bytes.size(), &document_);
  if (status == kPdfEngineNoMemory) throw std::bad_alloc();
  if (status == kPdfEngineEncrypted)
    problem_ = FileProblem{"encrypted", "PDF is encrypted (password required)"};
  else if (status == kPdfEngineFailed)
    problem_ = FileProblem{"corrupt", engine_->last_error()};
  else if (status != kPdfEngineOk || document_ == nullptr)
    problem_ = FileProblem{"corrupt", "not a readable PDF"};
}

PdfDocument::~PdfDocument() {
  if (document_ != nullptr) engine_->close(document_);
}

int PdfDocument::pages() const {
  int pages = 0;
  if (document_ != nullptr) ok(engine_, engine_->page_count(document_, &pages));
  return pages;
}

std::optional<std::string> PdfDocument::page_text(int index) const {
  if (document_ == nullptr) return std::nullopt;
  std::string text;
  if (!ok(engine_, engine_->page_text(document_, index, append, &text))) return std::nullopt;
  return text;
}

std::string PdfDocument::info(const char* key) const {
  std::string text;
  if (document_ == nullptr || !ok(engine_, engine_->info(document_, key, append, &text))) return "";
  return text;
}

std::time_t PdfDocument::info_date(const char* key) const {
  long long when = -1;
  if (document_ != nullptr) ok(engine_, engine_->info_date(document_, key, &when));
  return static_cast<std::time_t>(when);
}

bool PdfDocument::page_size(int index, double* width, double* height) const {
  return document_ != nullptr && ok(engine_, engine_->page_size(document_, index, width, height));
}

std::optional<PdfImage> PdfDocument::render(int index, double dpi, bool gray) const {
  if (document_ == nullptr) return std::nullopt;
  PdfImage image;
  image.engine_ = engine_;
  if (!ok(engine_, engine_->render(document_, index, dpi, gray ? 1 : 0, &image.image_)))
    return std::nullopt;
  return image;
}

bool PdfDocument::text_boxes(int index, const BoxFunction& box) const {
  if (document_ == nullptr) return false;
  auto call = [](void* context, const char* utf8, size_t size, double left, double top,
                 double right, double bottom) {
    (*static_cast<const BoxFunction*>(context))(std::string_view(utf8, size), left, top, right,
                                                bottom);
  };
  return ok(engine_, engine_->text_boxes(document_, index, call, const_cast<BoxFunction*>(&box)));
}

}  // namespace concord
