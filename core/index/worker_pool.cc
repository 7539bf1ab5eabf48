// The worker side of indexing: one file's work, and the loop of a worker thread.
#include "index/worker_pool.h"

#include <filesystem>
#include <new>

#include "extract/cleanup.h"
#include "index/file_reader.h"
#include "lang/language.h"
#include "recognize/recognize.h"
#include "util/hash.h"
#include "util/strings.h"

namespace concord {
namespace {

// Letters in a page's text: a page with fewer has no real text layer (a scan with a stamped
// page number, say).
constexpr size_t kTextLayerLetters = 16;

size_t letters(std::string_view text) {
  size_t n = 0;
  for (char c : text)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (static_cast<unsigned char>(c) >= 0xC0)) ++n;
  return n;
}

// OCR of the pages of a PDF that have no text layer (every page with OcrMode::kAlways), in
// the language of its other pages when they say. Pages read are repaired like extracted text
// and marked in doc->ocr_pages; a page that fails keeps its (empty) text and is a warning.
void read_pages_by_ocr(std::string_view pdf, const std::string& hash, const OcrOptions& options,
                       const std::atomic<bool>& stop, ExtractedDoc* doc,
                       std::vector<uint32_t>* ocr_pages, Outcome* out) {
  std::vector<int> wanted;
  std::string sample;
  for (size_t i = 0; i < doc->pages.size(); ++i) {
    if (options.mode == OcrMode::kAlways || letters(doc->pages[i]) < kTextLayerLetters)
      wanted.push_back(static_cast<int>(i) + 1);
    else if (sample.size() < 20000)
      sample += doc->pages[i] + "\n";
  }
  if (wanted.empty()) return;
  if (auto why = ocr_unavailable()) {
    out->ocr_skipped += static_cast<uint32_t>(wanted.size());
    out->ocr_skip_reason = *why;
    return;
  }
  // The document's language when its text layer or metadata say; else the three languages
  // until the pages read so far say which (one language reads about three times faster).
  std::string lang = doc->lang_hint;
  if (!is_supported_language(lang) && sample.size() >= 200) lang = detect_language(sample);
  std::string languages = tesseract_languages(lang);
  std::string read_sample;
  for (int page : wanted) {
    if (stop) return;
    OcrPage read = ocr_pdf_page(pdf, page, hash, languages, options, &stop);
    if (read.problem) {
      if (read.problem->kind != kCancelled)
        out->warnings.push_back("page " + std::to_string(page) + ": " + read.problem->kind + ": " +
                                read.problem->message);
      continue;
    }
    std::string text = repair_ocr_symbols(normalize_text(repair_pdf_text(read.text)));
    // With kAlways a page keeps its text layer when OCR finds less.
    if (letters(text) < std::max<size_t>(1, letters(doc->pages[page - 1]))) continue;
    if (!is_supported_language(lang) && read_sample.size() < 20000) {
      read_sample += text + "\n";
      if (read_sample.size() >= 400) {
        lang = detect_language(read_sample);
        languages = tesseract_languages(lang);
      }
    }
    doc->pages[page - 1] = std::move(text);
    ocr_pages->push_back(static_cast<uint32_t>(page));
    ++(read.cached ? out->ocr_cached : out->ocr_read);
  }
}

}  // namespace

Outcome process(const Job& job, uint64_t max_file_size, const Gazetteer& gazetteer,
                const OcrOptions& ocr, const std::atomic<bool>& stop, DocumentPreparer* preparer) {
  Outcome out;
  out.file = &job.file;
  out.was_indexed = job.known.indexed;
  out.had_failure = job.known.failure.has_value();
  const FoundFile& f = job.file;
  auto cancelled = [&] {
    out.kind = Outcome::Kind::kCancelled;
    return std::move(out);
  };
  auto fail = [&](std::string kind, std::string message) {
    out.kind = Outcome::Kind::kFailed;
    out.problem = FileProblem{std::move(kind), std::move(message)};
    return std::move(out);
  };
  if (f.size > max_file_size)
    return fail("too-large", "file is " + std::to_string(f.size >> 20) +
                                 " MiB, over the limit of " + std::to_string(max_file_size >> 20) +
                                 " MiB");
  std::string bytes;
  if (auto problem = read_found_file(f, max_file_size, &bytes))
    return fail(problem->kind, problem->message);
  const std::string hash = util::content_hash(bytes);
  if (job.known.indexed && job.known.size == bytes.size() && job.known.hash == hash) {
    out.kind = Outcome::Kind::kTouched;  // only the mtime moved
    return out;
  }
  // PDF magic wins over the extension; otherwise the extension, else HTML by sniffing.
  std::optional<Format> format = sniff_format(std::string_view(bytes).substr(0, 1024));
  if (format != Format::kPdf && f.format) format = f.format;
  if (!format) {
    out.kind = Outcome::Kind::kSkipped;
    return out;
  }
  if (bytes.empty()) return fail("empty", "file is empty");
  ExtractResult r;
  try {
    r = extract(bytes, *format, &stop);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return fail("corrupt", e.what());
  }
  if (stop) return cancelled();
  std::vector<uint32_t> ocr_pages;
  const bool image_only = r.problem && r.problem->kind == "no-text" && *format == Format::kPdf;
  if (*format == Format::kPdf && (!r.problem || image_only) && ocr.mode != OcrMode::kNever) {
    read_pages_by_ocr(bytes, hash, ocr, stop, &r.doc, &ocr_pages, &out);
    if (stop) return cancelled();
    if (image_only && !ocr_pages.empty()) r.problem.reset();
  }
  if (r.problem) {
    if (image_only) {
      const std::string why = ocr.mode == OcrMode::kNever ? "OCR is off (--ocr=never)"
                              : !out.ocr_skip_reason.empty() ? "not read by OCR: " + out.ocr_skip_reason
                                                             : "OCR found no text either";
      return fail(r.problem->kind, r.problem->message + "; " + why);
    }
    return fail(r.problem->kind, r.problem->message);
  }
  const uint64_t size = bytes.size();
  util::release(bytes);  // the pages hold the text now

  StoredDoc doc;
  doc.path = f.path;
  doc.format = format_name(*format);
  doc.title = r.doc.title;
  if (doc.title.empty()) doc.title = std::filesystem::path(f.path).filename().string();
  doc.date = r.doc.date;
  doc.author = r.doc.author;
  doc.description = r.doc.description;
  doc.encoding = r.doc.encoding;
  doc.hash = hash;
  doc.size = size;
  doc.mtime_ns = f.mtime_ns;
  doc.paged = r.doc.paged;
  doc.pages = std::move(r.doc.pages);
  doc.ocr_pages = std::move(ocr_pages);
  doc.language = r.doc.lang_hint;
  if (!is_supported_language(doc.language)) {
    std::string sample;
    for (const std::string& p : doc.pages) {
      sample += p;
      sample += '\n';
      if (sample.size() > 20000) break;
    }
    doc.language = detect_language(sample);
  }
  for (const std::string& p : doc.pages) out.text_bytes += p.size();
  if (stop) return cancelled();
  RecognizeResult recognized = recognize_document(doc.pages, doc.paged, gazetteer, &stop);
  doc.mentions = std::move(recognized.mentions);
  doc.definitions = std::move(recognized.definitions);
  doc.symbol = std::move(recognized.document_symbol);
  if (stop) return cancelled();
  std::string error;
  out.doc = preparer->prepare(&doc, &stop, &error);
  if (!out.doc && !error.empty()) return fail("index", error);
  if (stop || !out.doc) return cancelled();
  out.kind = Outcome::Kind::kIndexed;
  return out;
}

void work(std::shared_ptr<WorkerPool> pool) {
  DocumentPreparer preparer;
  try {
    for (size_t i; (i = pool->next.fetch_add(1)) < pool->jobs.size();) {
      if (pool->stop) break;
      Outcome o = process(pool->jobs[i], pool->max_file_size, pool->gazetteer, pool->ocr,
                          pool->stop, &preparer);
      if (o.kind == Outcome::Kind::kCancelled || !pool->queue.push(std::move(o))) break;
    }
  } catch (...) {
    std::lock_guard lock(pool->error_mu);
    if (!pool->error) pool->error = std::current_exception();
    pool->stop = true;
  }
  pool->queue.producer_done();
}

}  // namespace concord
