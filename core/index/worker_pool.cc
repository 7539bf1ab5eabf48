// The worker side of indexing: one file's work, and the loop of a worker thread.
#include "index/worker_pool.h"

#include <filesystem>
#include <new>

#include "index/file_reader.h"
#include "lang/language.h"
#include "recognize/recognize.h"
#include "util/hash.h"
#include "util/strings.h"

namespace concord {

Outcome process(const Job& job, uint64_t max_file_size, const Gazetteer& gazetteer,
                const std::atomic<bool>& stop, DocumentPreparer* preparer) {
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
  if (r.problem) return fail(r.problem->kind, r.problem->message);
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
      Outcome o =
          process(pool->jobs[i], pool->max_file_size, pool->gazetteer, pool->stop, &preparer);
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
