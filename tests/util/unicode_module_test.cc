// The Unicode module (util/unicode_engine/engine.h): the programs link no ICU, a run over
// ASCII text never loads it, the first character outside ASCII does, and a missing module is
// a clear, fatal error for the text that needs it only.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support.h"
#include "util/module.h"
#include "util/unicode_engine/engine.h"

namespace {

// The objects the dynamic loader opened for `argv`, dlopen's included (LD_DEBUG=files).
std::string loaded_by(const std::vector<std::string>& argv, int expected_exit = 0) {
  std::vector<std::string> full = {"/usr/bin/env", "LD_DEBUG=files"};
  full.insert(full.end(), argv.begin(), argv.end());
  const concord::test::RunResult r = concord::test::run(full);
  CHECK(r.exit_code == expected_exit);
  CHECK(r.err.find("libxapian") != std::string::npos);  // the loader's listing is there
  return r.err;
}

// Whether the Unicode module was loaded (it brings ICU; the sanitizer build loads ICU at start,
// see core/CMakeLists.txt, and the module only when needed, as any build).
bool loads_icu(const std::string& listing) {
  return listing.find("libconcord-unicode") != std::string::npos;
}

}  // namespace

TEST_CASE("the programs start without ICU", "[util][unicode]") {
#ifndef __SANITIZE_ADDRESS__  // the sanitizer build links ICU (core/CMakeLists.txt)
  for (const char* program : {CONCORD_INDEX_BIN, CONCORD_QUERY_BIN}) {
    CAPTURE(program);
    CHECK(concord::test::needed_objects(program).find("libicu") == std::string::npos);
  }
#endif
  const concord::util::LoadedModule m = concord::util::load_module<ConcordUnicodeEngine>(
      "libconcord-unicode.so", "concord_unicode_engine", "Unicode module", "libicu72",
      kUnicodeEngineAbi);
  REQUIRE(m.table != nullptr);
  const auto* icu = static_cast<const ConcordUnicodeEngine*>(m.table);
  uint32_t parts[18];
  REQUIRE(icu->decomposition(0xE9, parts, 18) == 2);  // é = e + combining acute
  CHECK(parts[0] == 'e');
  CHECK(parts[1] == 0x301);
  CHECK(icu->decomposition('e', parts, 18) == -1);
  CHECK(icu->char_type(0x301) == kCategoryNonSpacingMark);
  CHECK(icu->is_upper(0xC9) == 1);
  size_t size = 0;
  CHECK(icu->nfc("caf\xC3\xA9", 5, &size) == nullptr);  // already NFC: null
  char* composed = icu->nfc("cafe\xCC\x81", 6, &size);
  REQUIRE(composed != nullptr);
  CHECK(std::string(composed, size) == "caf\xC3\xA9");
  icu->free_buffer(composed);
  CHECK(icu->convert("x", 1, "no-such-charset", &size) == nullptr);
}

TEST_CASE("a run over ASCII text never loads ICU, and the first accent does",
          "[util][unicode][index]") {
  const concord::test::TempDir docs;
  docs.write("ascii/note.txt", "The cooperative sector met on 3 May 2023.\n");
  docs.write("accents/note.txt", "Le secteur de l'\xC3\xA9" "conomie sociale s'est r\xC3\xA9uni.\n");
  struct Row {
    std::string folder, query;
    bool icu;
  };
  const std::vector<Row> rows = {
      {"ascii", "cooperative", false},
      {"accents", "economie", true},
  };
  for (const Row& row : rows) {
    CAPTURE(row.folder);
    const std::string db = (docs.path() / ("db-" + row.folder)).string();
    // The first run builds the gazetteer, whose names have accents: it loads ICU. A re-run
    // with nothing changed, over ASCII paths, does not.
    const std::vector<std::string> index = {CONCORD_INDEX_BIN, "-q", "--db", db,
                                            (docs.path() / row.folder).string()};
    CHECK(loads_icu(loaded_by(index)));
    CHECK_FALSE(loads_icu(loaded_by(index)));
    const std::string search = loaded_by({CONCORD_QUERY_BIN, "--db", db, "search", row.query});
    CHECK(loads_icu(search) == row.icu);
    CHECK_FALSE(loads_icu(loaded_by({CONCORD_QUERY_BIN, "--db", db, "stats"})));
    CHECK(concord::test::hit_names(db, row.query) == std::vector<std::string>{"note.txt"});
  }
  // A query outside ASCII loads it to fold the query, and finds the folded word.
  const std::string db = (docs.path() / "db-accents").string();
  CHECK(loads_icu(loaded_by({CONCORD_QUERY_BIN, "--db", db, "search", "\xC3\xA9" "conomie"})));
  CHECK(concord::test::hit_names(db, "\xC3\x89" "CONOMIE") == std::vector<std::string>{"note.txt"});
}

TEST_CASE("without its Unicode module concord-query answers over ASCII and names the module "
          "when text needs it",
          "[util][unicode]") {
  // concord-query installed under a prefix of its own, its modules beside it but this one.
  const concord::test::TempDir prefix;
  const std::string program =
      concord::test::install_program(prefix.str(), CONCORD_QUERY_BIN, "libconcord-unicode.so");

  const concord::test::TempDir docs;
  docs.write("notes/a.txt", "The cooperative sector met in Geneva.\n");
  docs.write("notes/b.txt", "The cooperative of C\xC3\xB4te d'Ivoire met in Abidjan.\n");
  const std::string db = (docs.path() / "db").string();
  REQUIRE(concord::test::run({CONCORD_INDEX_BIN, "-q", "--db", db,
                              (docs.path() / "notes").string()})
              .exit_code == 0);
  struct Row {
    std::vector<std::string> args;
    int exit_code;
    std::string out;  // in the output (exit 0) or the message (exit 1)
  };
  const std::vector<Row> rows = {
      {{"search", "sector"}, 0, "a.txt"},
      {{"stats"}, 0, "2"},
      // b.txt's snippet has an accent: the search stops, naming the module and the package.
      {{"search", "Abidjan"}, 1, "Unicode module"},
      {{"search", "Abidjan"}, 1, "libicu72"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.args, row.out);
    std::vector<std::string> argv = {program, "--db", db};
    argv.insert(argv.end(), row.args.begin(), row.args.end());
    const concord::test::RunResult r = concord::test::run(argv);
    CHECK(r.exit_code == row.exit_code);
    CHECK((row.exit_code == 0 ? r.out : r.err).find(row.out) != std::string::npos);
  }
}
