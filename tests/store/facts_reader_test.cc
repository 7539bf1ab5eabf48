// The streaming facts reader agrees with decode_facts() on every record of the bundled corpus,
// keeps exactly what its filter asks for, and refuses damaged records.
#include "store/facts_reader.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "index/indexer.h"
#include "store/schema.h"
#include "store/stored_doc.h"
#include "support.h"
#include "util/compress.h"

using concord::Definition;
using concord::DocFacts;
using concord::FactsFilter;
using concord::Mention;
using concord::read_facts;

namespace {

// The facts values of the bundled corpus, indexed once per test run.
struct CorpusFacts {
  concord::test::TempDir dir;
  std::vector<std::string> values;
  CorpusFacts() {
    concord::test::copy_corpus(dir.str() + "/corpus");
    concord::IndexOptions o;
    o.db_path = dir.str() + "/db";
    o.roots = {dir.str() + "/corpus"};
    concord::run_index(o, nullptr);
    Xapian::Database db(o.db_path);
    for (auto v = db.valuestream_begin(concord::schema::kSlotFacts);
         v != db.valuestream_end(concord::schema::kSlotFacts); ++v)
      values.push_back(*v);
  }
};

const std::vector<std::string>& corpus_facts() {
  static CorpusFacts facts;
  return facts.values;
}

void check_metadata(const DocFacts& got, const DocFacts& want) {
  CHECK(got.path == want.path);
  CHECK(got.title == want.title);
  CHECK(got.format == want.format);
  CHECK(got.language == want.language);
  CHECK(got.date == want.date);
  CHECK(got.paged == want.paged);
  CHECK(got.pages == want.pages);
}

void check_mentions(const std::vector<Mention>& got, const std::vector<Mention>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i, want[i].entity_id);
    CHECK(got[i].entity_id == want[i].entity_id);
    CHECK(got[i].surface == want[i].surface);
    CHECK(got[i].variant == want[i].variant);
    CHECK(got[i].page == want[i].page);
    CHECK(got[i].line == want[i].line);
    CHECK(got[i].start == want[i].start);
    CHECK(got[i].end == want[i].end);
    CHECK(got[i].sentence == want[i].sentence);
    CHECK(got[i].dates == want[i].dates);
    CHECK(got[i].context_start == want[i].context_start);
    CHECK(got[i].context_end == want[i].context_end);
  }
}

void check_definitions(const std::vector<Definition>& got, const std::vector<Definition>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i, want[i].acronym);
    CHECK(got[i].acronym == want[i].acronym);
    CHECK(got[i].long_form == want[i].long_form);
    CHECK(got[i].entity_id == want[i].entity_id);
    CHECK(got[i].acronym_first == want[i].acronym_first);
    CHECK(got[i].page == want[i].page);
    CHECK(got[i].line == want[i].line);
    CHECK(got[i].start == want[i].start);
    CHECK(got[i].end == want[i].end);
    CHECK(got[i].acronym_start == want[i].acronym_start);
    CHECK(got[i].acronym_end == want[i].acronym_end);
  }
}

// What read_facts(value, filter) should return, computed from the full decode.
DocFacts expected(DocFacts full, const FactsFilter& filter) {
  std::vector<Mention> kept;
  for (Mention& m : full.mentions) {
    if (filter.keep_mention && !filter.keep_mention(m.entity_id, m.variant)) continue;
    if (!filter.surfaces) m.surface.clear();
    if (!filter.sentences) m.sentence.clear();
    kept.push_back(std::move(m));
  }
  full.mentions = std::move(kept);
  if (!filter.definitions) full.definitions.clear();
  return full;
}

// A facts value holding MessagePack `bytes`, and one holding `j` (records can be damaged on
// purpose).
std::string value_of_bytes(std::string_view bytes) {
  return std::string(1, concord::kStoredFormatVersion) + concord::util::compress(bytes);
}
std::string facts_value(const nlohmann::json& j) {
  const std::vector<uint8_t> packed = nlohmann::json::to_msgpack(j);
  return value_of_bytes(
      std::string_view(reinterpret_cast<const char*>(packed.data()), packed.size()));
}

// A well-formed record with one mention and one definition.
nlohmann::json sample_record() {
  return {
      {"path", "/a/b.txt"},
      {"title", "B"},
      {"format", "text"},
      {"lang", "en"},
      {"date", "2023-04"},
      {"paged", false},
      {"pages", 1},
      {"mentions",
       {{"UNTFSSE", "UN-TFSSE", true, 0, 3, 10, 18, "The UN-TFSSE met.", {"2023-04-18"}, 4, 12}}},
      {"definitions",
       {{"SSE", "social and solidarity economy", "SSE", false, 0, 4, 2, 40, 36, 39}}}};
}

}  // namespace

TEST_CASE("read_facts without a filter equals decode_facts", "[index]") {
  const auto& values = corpus_facts();
  REQUIRE(values.size() >= 30);
  size_t mentions = 0, variants = 0, definitions = 0;
  for (const std::string& value : values) {
    const DocFacts want = concord::decode_facts(value);
    CAPTURE(want.path);
    const DocFacts got = read_facts(value);
    check_metadata(got, want);
    check_mentions(got.mentions, want.mentions);
    check_definitions(got.definitions, want.definitions);
    mentions += want.mentions.size();
    definitions += want.definitions.size();
    for (const Mention& m : want.mentions) variants += m.variant;
  }
  // The corpus exercises every part of the record.
  CHECK(mentions > 100);
  CHECK(variants > 0);
  CHECK(definitions > 0);
}

TEST_CASE("read_facts keeps exactly what the filter asks for", "[index]") {
  struct Case {
    const char* name;
    FactsFilter filter;
  };
  auto only = [](std::function<bool(std::string_view, bool)> keep, bool text, bool definitions) {
    FactsFilter f;
    f.keep_mention = std::move(keep);
    f.surfaces = f.sentences = text;
    f.definitions = definitions;
    return f;
  };
  FactsFilter surfaces_only;
  surfaces_only.sentences = false;
  std::vector<Case> cases = {
      {"all, no text", only(nullptr, false, true)},
      {"all, surfaces without sentences", surfaces_only},
      {"none, no definitions", only([](std::string_view, bool) { return false; }, true, false)},
      {"variants", only([](std::string_view, bool variant) { return variant; }, true, true)},
      {"symbols",
       only([](std::string_view id, bool) { return id.find('/') != id.npos; }, true, false)},
      {"unknown entity",
       only([](std::string_view id, bool) { return id == "no-such"; }, false, false)},
  };
  // One case per entity of the corpus, as xref reads them.
  std::set<std::string> ids;
  for (const std::string& value : corpus_facts())
    for (const Mention& m : concord::decode_facts(value).mentions) ids.insert(m.entity_id);
  REQUIRE(ids.size() > 10);
  for (const std::string& id : ids)
    cases.push_back(
        {"one entity", only([id](std::string_view e, bool) { return e == id; }, false, false)});

  size_t kept = 0;
  for (const Case& c : cases) {
    for (const std::string& value : corpus_facts()) {
      const DocFacts want = expected(concord::decode_facts(value), c.filter);
      CAPTURE(c.name, want.path);
      const DocFacts got = read_facts(value, c.filter);
      check_metadata(got, want);
      check_mentions(got.mentions, want.mentions);
      check_definitions(got.definitions, want.definitions);
      kept += got.mentions.size();
    }
  }
  CHECK(kept > 0);
}

TEST_CASE("read_facts into a DocFacts that held other records reads what a fresh one reads",
          "[index]") {
  // The corpus's records one after another into one DocFacts, in both orders (more mentions
  // after fewer, and fewer after more), then into one moved from: each time what read_facts()
  // returns for the record alone.
  FactsFilter every;
  FactsFilter symbols_no_text;
  symbols_no_text.keep_mention = [](std::string_view id, bool) { return id.find('/') != id.npos; };
  symbols_no_text.surfaces = symbols_no_text.sentences = false;
  symbols_no_text.definitions = false;
  std::vector<std::string> values = corpus_facts();
  values.push_back(facts_value(sample_record()));  // no symbol, one mention with dates
  nlohmann::json with_symbol = sample_record();
  with_symbol["symbol"] = "A/RES/78/1";
  with_symbol["ocr"] = {1};
  values.push_back(facts_value(with_symbol));
  nlohmann::json before_offsets = sample_record();  // a mention without context offsets
  before_offsets["mentions"][0].erase(10);
  before_offsets["mentions"][0].erase(9);
  values.push_back(facts_value(before_offsets));
  size_t compared = 0;
  for (const FactsFilter* filter : {&every, &symbols_no_text}) {
    for (int pass = 0; pass < 2; ++pass) {
      DocFacts into;
      for (size_t k = 0; k < values.size(); ++k) {
        const std::string& value = values[pass == 0 ? k : values.size() - 1 - k];
        const DocFacts want = read_facts(value, *filter);
        CAPTURE(pass, want.path);
        read_facts(value, *filter, nullptr, &into);
        check_metadata(into, want);
        CHECK(into.symbol == want.symbol);
        CHECK(into.ocr_pages == want.ocr_pages);
        check_mentions(into.mentions, want.mentions);
        check_definitions(into.definitions, want.definitions);
        ++compared;
        if (k % 7 == 3) DocFacts taken = std::move(into);  // as a reader's caller may take it
      }
    }
  }
  CHECK(compared == 4 * values.size());
}

TEST_CASE("read_facts reads what decode_facts accepts beyond the known fields", "[index]") {
  nlohmann::json j = sample_record();
  j["later"] = {{"nested", {1, 2, {{"x", nullptr}}}}};  // a key added by a later version
  j["mentions"][0].push_back({"extra", 1.5});           // fields added to a mention
  j["definitions"][0].push_back(nullptr);               // and to a definition
  const std::string value = facts_value(j);
  const DocFacts want = concord::decode_facts(value);
  const DocFacts got = read_facts(value);
  check_metadata(got, want);
  check_mentions(got.mentions, want.mentions);
  check_definitions(got.definitions, want.definitions);
  CHECK(got.mentions.size() == 1);
  CHECK(got.definitions.size() == 1);
}

TEST_CASE("read_facts reads mentions stored before the context offsets", "[index]") {
  nlohmann::json j = sample_record();
  j["mentions"][0].erase(10);
  j["mentions"][0].erase(9);
  const std::string value = facts_value(j);
  const DocFacts want = concord::decode_facts(value);
  const DocFacts got = read_facts(value);
  check_mentions(got.mentions, want.mentions);
  REQUIRE(got.mentions.size() == 1);
  CHECK(got.mentions[0].sentence == "The UN-TFSSE met.");
  CHECK(got.mentions[0].context_start == 0);
  CHECK(got.mentions[0].context_end == 0);
}

TEST_CASE("read_facts throws on a damaged record", "[index]") {
  const std::string real = corpus_facts().front();
  auto with = [](auto change) {
    nlohmann::json j = sample_record();
    change(j);
    return facts_value(j);
  };
  const std::string value_ok = facts_value(sample_record());
  const std::string bytes_ok = concord::util::decompress(std::string_view(value_ok).substr(1));
  struct Case {
    const char* name;
    std::string value;
  };
  const std::vector<Case> cases = {
      {"empty", ""},
      {"unknown version", "\x02" + real.substr(1)},
      {"not zlib", std::string("\x01garbage", 8)},
      {"truncated zlib", real.substr(0, real.size() / 2)},
      {"not a map", facts_value(nlohmann::json::array({1, 2}))},
      {"a string", facts_value("facts")},
      {"missing definitions", with([](nlohmann::json& j) { j.erase("definitions"); })},
      {"missing path", with([](nlohmann::json& j) { j.erase("path"); })},
      {"path not a string", with([](nlohmann::json& j) { j["path"] = 7; })},
      {"pages not a number", with([](nlohmann::json& j) { j["pages"] = "1"; })},
      {"mentions not an array", with([](nlohmann::json& j) { j["mentions"] = "x"; })},
      {"mention not an array", with([](nlohmann::json& j) {
         j["mentions"][0] = {{"a", 1}};
       })},
      {"short mention", with([](nlohmann::json& j) { j["mentions"][0].erase(8); })},
      {"page not a number", with([](nlohmann::json& j) { j["mentions"][0][3] = "1"; })},
      {"variant not a boolean", with([](nlohmann::json& j) { j["mentions"][0][2] = 1; })},
      {"dates not an array", with([](nlohmann::json& j) { j["mentions"][0][8] = "2023"; })},
      {"date not a string", with([](nlohmann::json& j) { j["mentions"][0][8] = {2023}; })},
      {"context offset not a number", with([](nlohmann::json& j) { j["mentions"][0][9] = "4"; })},
      {"short definition", with([](nlohmann::json& j) { j["definitions"][0].erase(9); })},
      {"truncated MessagePack", value_of_bytes(std::string_view(bytes_ok).substr(0, 40))},
      {"trailing bytes", value_of_bytes(bytes_ok + '\xc0')},
  };
  REQUIRE_NOTHROW(read_facts(value_ok));
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK_THROWS_AS(read_facts(c.value), std::runtime_error);
    // Damage in mentions the filter drops is still damage.
    FactsFilter none;
    none.keep_mention = [](std::string_view, bool) { return false; };
    none.surfaces = none.sentences = false;
    CHECK_THROWS_AS(read_facts(c.value, none), std::runtime_error);
  }
}

TEST_CASE("facts records of every size are written one mention at a time and read back",
          "[index]") {
  // MessagePack array headers change at 16 and 65,536 elements; a page dense with mentions
  // goes well past both. Records up to 4 MiB are parsed whole (msgpack-c), larger ones from a
  // stream (nlohmann::json): 150,000 mentions make about 8 MiB.
  for (const size_t count :
       {size_t{0}, size_t{15}, size_t{16}, size_t{65535}, size_t{70001}, size_t{150000}}) {
    CAPTURE(count);
    concord::StoredDoc doc;
    doc.path = "/archive/dense.txt";
    doc.title = "Dense";
    doc.format = "text";
    doc.language = "en";
    doc.pages = {"p"};
    doc.symbol = count % 2 ? "A/RES/77/281" : "";
    for (size_t i = 0; i < count; ++i) {
      Mention m;
      m.entity_id = i % 3 ? "ILO" : "A/RES/77/281";
      m.surface = "ILO " + std::to_string(i);
      m.page = static_cast<int>(i / 1000) + 1;
      m.line = static_cast<int>(i % 1000);
      m.start = static_cast<uint32_t>(i);
      m.end = static_cast<uint32_t>(i + 3);
      m.sentence = "The ILO met " + std::to_string(i) + " times.";
      if (i % 7 == 0) m.dates = {"2023-04-18"};
      doc.mentions.push_back(m);
    }
    for (size_t i = 0; i < std::min<size_t>(count, 20); ++i)
      doc.definitions.push_back({"A" + std::to_string(i), "long " + std::to_string(i), "ILO",
                                 i % 2 == 1, 1, static_cast<int>(i), 0, 10, 0, 2});
    const std::string value = concord::encode_facts(doc);
    if (count == 150000)
      CHECK(concord::util::decompressed_length(std::string_view(value).substr(1)) > (4u << 20));
    const DocFacts decoded = concord::decode_facts(value);
    CHECK(decoded.path == doc.path);
    CHECK(decoded.symbol == doc.symbol);
    CHECK(decoded.pages == 1);
    check_mentions(decoded.mentions, doc.mentions);
    check_definitions(decoded.definitions, doc.definitions);
    const DocFacts streamed = read_facts(value);
    check_mentions(streamed.mentions, doc.mentions);
    check_definitions(streamed.definitions, doc.definitions);
  }
}

TEST_CASE("the piecewise compressor writes what compress() writes", "[index]") {
  for (const size_t size : {size_t{0}, size_t{1}, size_t{100000}, size_t{3000001}}) {
    CAPTURE(size);
    const std::string data = concord::test::noise(size, 7) + std::string(size / 2, 'a');
    concord::util::Compressor z;
    for (size_t at = 0; at < data.size(); at += 4093)
      z.append(std::string_view(data).substr(at, 4093));
    const std::string piecewise = z.finish();
    CHECK(concord::util::decompress(piecewise) == data);
    CHECK(piecewise.substr(0, 8) == concord::util::compress(data).substr(0, 8));  // the length
    // Read back as a stream, a buffer at a time.
    auto inflate_all = [](std::string_view record) {
      concord::util::InflateStreambuf buf(record);
      std::string out;
      for (auto c = buf.sbumpc(); c != std::char_traits<char>::eof(); c = buf.sbumpc())
        out.push_back(static_cast<char>(c));
      return out;
    };
    CHECK(inflate_all(piecewise) == data);
    // Damage: cut short, or a prefix announcing another length.
    if (size > 0) {
      CHECK_THROWS_AS(inflate_all(std::string_view(piecewise).substr(0, piecewise.size() - 5)),
                      std::runtime_error);
      std::string longer = piecewise;
      longer[0] = static_cast<char>(longer[0] + 1);
      CHECK_THROWS_AS(inflate_all(longer), std::runtime_error);
    }
  }
}

TEST_CASE("the document record, written a page at a time, reads back whole", "[index]") {
  // Page counts on each side of MessagePack's array size classes (fixarray, array16, array32).
  for (const size_t count : {size_t{0}, size_t{1}, size_t{15}, size_t{16}, size_t{65535},
                             size_t{65536}, size_t{70001}}) {
    CAPTURE(count);
    concord::StoredDoc doc;
    doc.path = "/archive/long.txt";
    doc.title = "Long";
    doc.format = "text";
    doc.language = "fr";
    doc.date = "2023-04-18";
    doc.author = "Secr\xC3\xA9tariat";
    doc.description = "d";
    doc.encoding = "windows-1252";
    doc.hash = "abc";
    doc.size = 5'000'000'000ull;
    doc.mtime_ns = -12;
    doc.paged = count % 2 == 0;
    if (count > 1) doc.ocr_pages = {1, static_cast<uint32_t>(count)};
    for (size_t i = 0; i < count; ++i) {
      doc.pages.push_back(i % 1000 == 0 ? concord::test::noise(70000, static_cast<unsigned>(i))
                                        : "page " + std::to_string(i));
      doc.page_starts.push_back(static_cast<uint32_t>(i * 4'000'000));
    }
    const concord::StoredDoc back = concord::decode_stored_doc(concord::encode_stored_doc(doc));
    CHECK(back.path == doc.path);
    CHECK(back.title == doc.title);
    CHECK(back.language == doc.language);
    CHECK(back.date == doc.date);
    CHECK(back.author == doc.author);
    CHECK(back.description == doc.description);
    CHECK(back.encoding == doc.encoding);
    CHECK(back.hash == doc.hash);
    CHECK(back.size == doc.size);
    CHECK(back.mtime_ns == doc.mtime_ns);
    CHECK(back.paged == doc.paged);
    CHECK(back.pages == doc.pages);
    CHECK(back.page_starts == doc.page_starts);
    CHECK(back.ocr_pages == doc.ocr_pages);
  }
}
