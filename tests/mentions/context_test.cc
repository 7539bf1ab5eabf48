// concord-query mentions end to end: the text printer marks the occurrence recognized (not
// the first with the same text), and JSON, JSONL and CSV give its offsets in the context,
// with the document's title, date and language.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support.h"

using concord::test::run;
using concord::test::TempDir;
using nlohmann::json;

namespace {

const std::string kQuery = CONCORD_QUERY_BIN;

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

struct Indexed {
  TempDir dir;
  std::string db;
  Indexed() {
    dir.write("docs/turin.txt",
              "Title: Turin course\nDate: 2 June 2023\n\n"
              "The ITC-ILO and the ILO will hold a course in Turin.\n"
              "The ILO welcomed the ILO report.\n\n" +
                  repeat("The long sentence goes on ", 8) + "with the ILO report and " +
                  repeat("more words ", 4) + "the ILO survey " + repeat("and so on ", 12) +
                  "end.\n");
    db = dir.str() + "/db";
    const auto r = run({CONCORD_INDEX_BIN, "--db", db, dir.str() + "/docs"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  concord::test::RunResult mentions(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {kQuery, "--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
  }
};

const Indexed& indexed() {
  static const Indexed i;
  return i;
}

// What each mention of ILO should show, in order: the context with the mention marked.
const std::vector<std::string> kMarked = {
    "The ITC-ILO and the [ILO] will hold a course in Turin.",
    "The [ILO] welcomed the ILO report.",
    "The ILO welcomed the [ILO] report.",
    "with the [ILO] report and more words",
    "the [ILO] survey and so on",
};

}  // namespace

TEST_CASE("mentions marks the occurrence that was recognized", "[mentions][cli]") {
  const auto r = indexed().mentions({"mentions", "ILO"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> lines;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);)
    if (line.find('[') != std::string::npos) lines.push_back(line);
  REQUIRE(lines.size() == kMarked.size());
  for (size_t i = 0; i < kMarked.size(); ++i) {
    CAPTURE(i);
    CHECK_THAT(lines[i], Catch::Matchers::Contains(kMarked[i]));
    CHECK(std::count(lines[i].begin(), lines[i].end(), '[') == 1);
  }
}

TEST_CASE("mentions exports carry the offsets within the context", "[mentions][cli]") {
  const auto j = indexed().mentions({"--json", "mentions", "ILO"});
  REQUIRE(j.exit_code == 0);
  const json report = json::parse(j.out);
  const json& mentions = report.at("mentions");
  REQUIRE(mentions.size() == kMarked.size());
  for (size_t i = 0; i < mentions.size(); ++i) {
    CAPTURE(i);
    const json& m = mentions[i];
    const std::string context = m.at("context");
    const size_t start = m.at("context_start"), end = m.at("context_end");
    REQUIRE(start < end);
    REQUIRE(end <= context.size());
    CHECK(context.substr(start, end - start) == "ILO");
    const std::string marked =
        context.substr(0, start) + "[ILO]" + context.substr(end);  // as the text printer does
    CHECK_THAT(marked, Catch::Matchers::Contains(kMarked[i]));
    CHECK(m.at("title") == "Turin course");
    CHECK(m.at("date") == "2023-06-02");
    CHECK(m.at("language") == "en");
  }
  CHECK(mentions[0].at("context_start") == 20);  // not 8, inside "ITC-ILO"
  CHECK(mentions[2].at("context_start") == 21);  // the second ILO of its sentence
  // The sentence of the last two is cut to a window; the offsets are the window's.
  CHECK(mentions[4].at("context").get<std::string>().size() <= 200);

  const auto jsonl = indexed().mentions({"mentions", "ILO", "--jsonl"});
  REQUIRE(jsonl.exit_code == 0);
  std::istringstream lines(jsonl.out);
  size_t i = 0;
  for (std::string line; std::getline(lines, line); ++i) {
    REQUIRE(i < mentions.size());
    const json m = json::parse(line);
    CHECK(m.at("context_start") == mentions[i].at("context_start"));
    CHECK(m.at("context_end") == mentions[i].at("context_end"));
  }
  CHECK(i == mentions.size());

  const auto csv = indexed().mentions({"mentions", "ILO", "--csv"});
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.rfind("entity,path,title,date,language,page,line,start,end,surface,variant,"
                      "context,context_start,context_end,dates,ocr\n",
                      0) == 0);
  CHECK_THAT(csv.out,
             Catch::Matchers::Contains(",Turin course,2023-06-02,en,,4,") &&
                 Catch::Matchers::Contains(
                     ",ILO,false,The ITC-ILO and the ILO will hold a course in Turin.,20,23,,false\n") &&
                 Catch::Matchers::Contains(",ILO,false,The ILO welcomed the ILO report.,4,7,,false\n") &&
                 Catch::Matchers::Contains(",ILO,false,The ILO welcomed the ILO report.,21,24,,false\n"));
}
