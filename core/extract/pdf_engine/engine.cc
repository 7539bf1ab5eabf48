// Poppler behind the table of extract/pdf_engine/engine.h (libconcord-pdf.so).
#include "extract/pdf_engine/engine.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <cstdio>
#include <exception>
#include <iterator>
#include <memory>
#include <new>
#include <string>

struct PdfEngineDocument {
  std::unique_ptr<poppler::document> document;
};

namespace {

thread_local std::string last_error_text;

// Runs `body`, turning what it throws into a status.
template <typename Body>
int guarded(Body&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return kPdfEngineNoMemory;
  } catch (const std::exception& e) {
    last_error_text = e.what();
    return kPdfEngineFailed;
  } catch (...) {
    last_error_text = "unknown error";
    return kPdfEngineFailed;
  }
}

void to_sink(const poppler::ustring& text, PdfEngineSink sink, void* context) {
  const poppler::byte_array bytes = text.to_utf8();
  sink(context, bytes.data(), bytes.size());
}

std::unique_ptr<poppler::page> page_of(PdfEngineDocument* d, int index) {
  if (index < 0 || index >= d->document->pages()) return nullptr;
  return std::unique_ptr<poppler::page>(d->document->create_page(index));
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

void init() {
  poppler::set_debug_error_function(ignore_debug_message, nullptr);
  // poppler builds process-wide colour-management state (GfxState's sRGB profile) lazily and
  // without a lock the first time a page is displayed: display one here.
  try {
    const std::string pdf = minimal_pdf();
    std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
    if (document == nullptr) return;
    std::unique_ptr<poppler::page> page(document->create_page(0));
    if (page != nullptr) page->text(poppler::rectf(), poppler::page::physical_layout);
  } catch (...) {
  }
}

int open(const char* data, size_t size, PdfEngineDocument** out) {
  *out = nullptr;
  if (size > static_cast<size_t>(INT_MAX)) return kPdfEngineCorrupt;
  return guarded([&] {
    auto d = std::make_unique<PdfEngineDocument>();
    d->document.reset(poppler::document::load_from_raw_data(data, static_cast<int>(size)));
    if (d->document == nullptr) return static_cast<int>(kPdfEngineCorrupt);
    if (d->document->is_locked()) return static_cast<int>(kPdfEngineEncrypted);
    *out = d.release();
    return static_cast<int>(kPdfEngineOk);
  });
}

void close(PdfEngineDocument* document) { delete document; }

int page_count(PdfEngineDocument* d, int* pages) {
  *pages = 0;
  return guarded([&] {
    *pages = d->document->pages();
    return static_cast<int>(kPdfEngineOk);
  });
}

int info(PdfEngineDocument* d, const char* key, PdfEngineSink sink, void* context) {
  return guarded([&] {
    to_sink(d->document->info_key(key), sink, context);
    return static_cast<int>(kPdfEngineOk);
  });
}

int info_date(PdfEngineDocument* d, const char* key, long long* when) {
  *when = -1;
  return guarded([&] {
    *when = static_cast<long long>(d->document->info_date_t(key));
    return static_cast<int>(kPdfEngineOk);
  });
}

int page_text(PdfEngineDocument* d, int index, PdfEngineSink sink, void* context) {
  return guarded([&] {
    std::unique_ptr<poppler::page> page = page_of(d, index);
    if (page == nullptr) return static_cast<int>(kPdfEngineNoPage);
    to_sink(page->text(poppler::rectf(), poppler::page::physical_layout), sink, context);
    return static_cast<int>(kPdfEngineOk);
  });
}

int page_size(PdfEngineDocument* d, int index, double* width, double* height) {
  return guarded([&] {
    std::unique_ptr<poppler::page> page = page_of(d, index);
    if (page == nullptr) return static_cast<int>(kPdfEngineNoPage);
    const poppler::rectf box = page->page_rect(poppler::media_box);
    *width = box.width();
    *height = box.height();
    return static_cast<int>(kPdfEngineOk);
  });
}

int render(PdfEngineDocument* d, int index, double dpi, int gray, PdfEngineImage* out) {
  *out = PdfEngineImage{};
  return guarded([&] {
    std::unique_ptr<poppler::page> page = page_of(d, index);
    if (page == nullptr) return static_cast<int>(kPdfEngineNoPage);
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(gray != 0 ? poppler::image::format_gray8
                                        : poppler::image::format_argb32);
    auto image = std::make_unique<poppler::image>(renderer.render_page(page.get(), dpi, dpi));
    if (!image->is_valid() || image->width() <= 0 || image->height() <= 0)
      return static_cast<int>(kPdfEngineCorrupt);
    out->width = image->width();
    out->height = image->height();
    out->stride = image->bytes_per_row();
    out->data = reinterpret_cast<unsigned char*>(image->data());  // detaches: owned by `image`
    out->owner = image.release();
    return static_cast<int>(kPdfEngineOk);
  });
}

void free_image(PdfEngineImage* image) {
  delete static_cast<poppler::image*>(image->owner);
  *image = PdfEngineImage{};
}

int text_boxes(PdfEngineDocument* d, int index, PdfEngineBoxSink sink, void* context) {
  return guarded([&] {
    std::unique_ptr<poppler::page> page = page_of(d, index);
    if (page == nullptr) return static_cast<int>(kPdfEngineNoPage);
    for (const poppler::text_box& box : page->text_list()) {
      const poppler::byte_array utf8 = box.text().to_utf8();
      const poppler::rectf r = box.bbox();
      sink(context, utf8.data(), utf8.size(), r.left(), r.top(), r.right(), r.bottom());
    }
    return static_cast<int>(kPdfEngineOk);
  });
}

int save_png(const PdfEngineImage* image, const char* path) {
  return guarded([&] {
    const auto* owner = static_cast<const poppler::image*>(image->owner);
    return static_cast<int>(owner != nullptr && owner->save(path, "png") ? kPdfEngineOk
                                                                         : kPdfEngineFailed);
  });
}

const char* last_error() { return last_error_text.c_str(); }

constexpr ConcordPdfEngine kEngine = {kPdfEngineAbi, init,       open,      close,     page_count,
                                      info,          info_date,  page_text, page_size, render,
                                      free_image,    text_boxes, save_png,  last_error};

}  // namespace

extern "C" __attribute__((visibility("default"))) const ConcordPdfEngine* concord_pdf_engine() {
  return &kEngine;
}
