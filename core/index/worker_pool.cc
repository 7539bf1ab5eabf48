// The worker side of indexing: one file's work, and the loop of a worker thread.
#include "index/worker_pool.h"

#include <filesystem>
#include <chrono>
#include <new>
#include <random>

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

// The language of `pages` (their first 20,000 bytes) when `hint` names none.
std::string language_of(const std::vector<std::string>& pages, const std::string& hint) {
  if (is_supported_language(hint)) return hint;
  std::string sample;
  for (const std::string& p : pages) {
    sample += p;
    sample += '\n';
    if (sample.size() > 20000) break;
  }
  return detect_language(sample);
}

// A token naming one storing of a file in parts (16 hex digits, new each time).
std::string new_part_token(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  std::random_device random;
  const uint64_t seed = (uint64_t{random()} << 32) ^ random() ^ counter.fetch_add(1);
  return util::content_hash(path + "\n" + std::to_string(seed) + "\n" +
                            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
}

// Recognizes `doc`'s pages (the file's pages from doc->part.first_page on) and prepares its
// document into *prepared; returns the problem instead: kCancelled when `stop` was set, or
// "index" when the document cannot be built.
std::optional<FileProblem> recognize_and_prepare(StoredDoc* doc, const Gazetteer& gazetteer,
                                                 const std::atomic<bool>& stop,
                                                 DocumentPreparer* preparer,
                                                 std::optional<PreparedDocument>* prepared) {
  RecognizeResult recognized = recognize_document(doc->pages, doc->paged, gazetteer, &stop);
  const int shift = static_cast<int>(doc->part.first_page) - 1;
  if (doc->paged && shift > 0) {
    for (Mention& m : recognized.mentions) m.page += shift;
    for (Definition& d : recognized.definitions) d.page += shift;
  }
  doc->mentions = std::move(recognized.mentions);
  doc->definitions = std::move(recognized.definitions);
  if (doc->part.number == 0) doc->symbol = std::move(recognized.document_symbol);
  if (stop) return FileProblem{kCancelled, "stopped"};
  std::string error;
  *prepared = preparer->prepare(doc, &stop, &error);
  if (!*prepared && !error.empty()) return FileProblem{"index", error};
  if (stop || !*prepared) return FileProblem{kCancelled, "stopped"};
  return std::nullopt;
}

// A text file too large to hold at once: read twice a piece at a time (the first pass hashes
// it and decides its encoding), its first pages kept for the head, each further part
// recognized, prepared and handed to `emit` as it is made. The head comes back last.
Outcome process_in_parts(const Job& job, uint64_t max_file_size, const Gazetteer& gazetteer,
                         const std::atomic<bool>& stop, DocumentPreparer* preparer,
                         const PartLimits& limits, const EmitPart& emit, Outcome out) {
  constexpr size_t kPiece = 1 << 20;
  const FoundFile& f = job.file;
  auto fail = [&](const FileProblem& problem) {
    out.kind = problem.kind == kCancelled ? Outcome::Kind::kCancelled : Outcome::Kind::kFailed;
    out.problem = problem;
    return std::move(out);
  };
  FoundFileStream in;
  if (auto problem = in.open(f, max_file_size)) return fail(*problem);
  TextPageStream text(&stop);
  util::ContentHasher first_pass;
  uint64_t size = 0;
  std::string piece;
  for (;;) {
    if (stop) return fail({kCancelled, "stopped"});
    if (auto problem = in.read(kPiece, &piece)) return fail(*problem);
    if (piece.empty()) break;
    size += piece.size();
    first_pass.update(piece);
    if (auto problem = text.survey(piece)) return fail(*problem);
  }
  if (auto problem = text.survey_end()) return fail(*problem);
  const std::string hash = first_pass.hex();
  if (job.known.indexed && job.known.size == size && job.known.hash == hash) {
    out.kind = Outcome::Kind::kTouched;
    return out;
  }
  if (auto problem = in.rewind()) return fail(*problem);
  util::ContentHasher second_pass;
  const TextPageStream::Read read = [&](std::string* next) -> std::optional<FileProblem> {
    if (auto problem = in.read(kPiece, next)) return problem;
    second_pass.update(*next);
    return std::nullopt;
  };

  StoredDoc head;
  head.path = f.path;
  head.format = format_name(Format::kText);
  head.hash = hash;
  head.size = size;
  head.mtime_ns = f.mtime_ns;
  head.paged = true;
  if (auto problem = text.next_pages(read, std::max(limits.part_bytes, size_t{64} << 10), &head.pages))
    return fail(*problem);
  const ExtractedDoc& meta = text.metadata();
  head.title = meta.title.empty() ? std::filesystem::path(f.path).filename().string() : meta.title;
  head.date = meta.date;
  head.encoding = meta.encoding;
  head.language = language_of(head.pages, "");
  head.part.token = new_part_token(f.path);
  uint32_t pages = static_cast<uint32_t>(head.pages.size());
  for (const std::string& p : head.pages) out.text_bytes += p.size();
  while (!text.done()) {
    StoredDoc part;
    part.path = head.path;
    part.format = head.format;
    part.title = head.title;
    part.date = head.date;
    part.language = head.language;
    part.encoding = head.encoding;
    part.paged = true;
    part.part.token = head.part.token;
    part.part.number = out.parts + 1;
    part.part.first_page = pages + 1;
    if (auto problem = text.next_pages(read, limits.part_bytes, &part.pages)) return fail(*problem);
    if (part.pages.empty()) break;
    pages += static_cast<uint32_t>(part.pages.size());
    Outcome continuation;
    continuation.kind = Outcome::Kind::kPart;
    continuation.file = &f;
    for (const std::string& p : part.pages) continuation.text_bytes += p.size();
    if (auto problem = recognize_and_prepare(&part, gazetteer, stop, preparer, &continuation.doc))
      return fail(*problem);
    if (!emit(std::move(continuation))) return fail({kCancelled, "stopped"});
    ++out.parts;
  }
  if (second_pass.hex() != hash)
    return fail({"changed", "the file changed while it was being read; it is read again next run"});
  if (out.parts == 0) {
    head.part = DocPart();  // it all fitted in one document
  } else {
    head.part.parts = out.parts;
    head.part.total_pages = pages;
  }
  if (auto problem = recognize_and_prepare(&head, gazetteer, stop, preparer, &out.doc))
    return fail(*problem);
  out.kind = Outcome::Kind::kIndexed;
  return out;
}

}  // namespace

Outcome process(const Job& job, uint64_t max_file_size, const Gazetteer& gazetteer,
                const OcrOptions& ocr, const std::atomic<bool>& stop, DocumentPreparer* preparer,
                const PartLimits& limits, const EmitPart& emit) {
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
  if (emit && f.size > limits.split_bytes && f.format == Format::kText) {
    // A huge text, unless its first bytes say PDF.
    FoundFileStream peek;
    if (auto problem = peek.open(f, max_file_size)) return fail(problem->kind, problem->message);
    if (auto problem = peek.read(1024, &bytes)) return fail(problem->kind, problem->message);
    if (sniff_format(bytes) != Format::kPdf)
      return process_in_parts(job, max_file_size, gazetteer, stop, preparer, limits, emit,
                              std::move(out));
  }
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
  doc.language = language_of(doc.pages, r.doc.lang_hint);
  for (const std::string& p : doc.pages) out.text_bytes += p.size();
  if (stop) return cancelled();
  if (auto problem = recognize_and_prepare(&doc, gazetteer, stop, preparer, &out.doc)) {
    if (problem->kind == kCancelled) return cancelled();
    return fail(problem->kind, problem->message);
  }
  out.kind = Outcome::Kind::kIndexed;
  return out;
}

std::vector<AcronymWord> acronym_words_of(const Gazetteer& gazetteer) {
  std::vector<std::pair<std::string, std::vector<std::string>>> id_acronyms;
  for (const Entity& e : gazetteer.entities()) id_acronyms.emplace_back(e.id, e.acronyms);
  return acronym_words(id_acronyms);
}

void work(std::shared_ptr<WorkerPool> pool) {
  DocumentPreparer preparer(pool->compression, pool->acronyms);
  try {
    for (size_t i; (i = pool->next.fetch_add(1)) < pool->jobs.size();) {
      if (pool->stop) break;
      const EmitPart emit = [&](Outcome&& part) { return pool->queue.push(std::move(part)); };
      Outcome o = process(pool->jobs[i], pool->max_file_size, pool->gazetteer, pool->ocr,
                          pool->stop, &preparer, pool->limits, emit);
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
