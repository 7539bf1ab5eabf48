// libFuzzer harness: the query parser (search/query_parse.h) and the storage layer's run of
// its result (store/query.h, Xapian's QueryParser) on any text, against a one-document index
// made once in a temporary folder. Only QueryError and UnknownEntityError may escape
// parse_query(); run_query() reports a bad query as a value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "recognize/recognize.h"
#include "search/query_parse.h"
#include "search/search.h"
#include "store/query.h"
#include "store/reader.h"
#include "store/writer.h"

namespace {

std::string g_dir;
std::unique_ptr<concord::IndexReader> g_reader;

void remove_index() {
  g_reader.reset();
  if (!g_dir.empty()) std::filesystem::remove_all(g_dir);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char pattern[] = "/tmp/concord-query-fuzz-XXXXXX";
  if (!mkdtemp(pattern)) std::abort();
  g_dir = pattern;
  std::atexit(remove_index);
  const std::string db = g_dir + "/db";
  {
    concord::StoredDoc doc;
    doc.path = "/fuzz/a/coops.txt";
    doc.title = "Cooperatives";
    doc.format = "text";
    doc.language = "en";
    doc.date = "2023-04-18";
    doc.pages = {
        "The ILO said cooperatives create decent work under resolution 77/281 of 18 "
        "April 2023. The social and solidarity economy (SSE) supports local "
        "development; see A/RES/77/281 and Recommendation No. 193."};
    const concord::RecognizeResult r =
        concord::recognize_document(doc.pages, false, concord::Gazetteer::built_in());
    doc.mentions = r.mentions;
    doc.definitions = r.definitions;
    concord::DocumentPreparer preparer;
    std::string error;
    auto prepared = preparer.prepare(&doc, nullptr, &error);
    if (!prepared) std::abort();
    concord::IndexWriter writer(db);
    writer.add(std::move(*prepared));
    writer.commit();
  }
  g_reader = std::make_unique<concord::IndexReader>(db);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  concord::ParsedQuery parsed;
  try {
    parsed = concord::parse_query(*g_reader, text);
  } catch (const concord::QueryError&) {
    return 0;
  } catch (const concord::UnknownEntityError&) {
    return 0;
  }
  concord::run_query(*g_reader, parsed.spec, concord::QueryOptions{});
  return 0;
}
