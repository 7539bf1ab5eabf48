// A purpose-made archive for the xref and graph tests, indexed once per test run.
//
// N = 8 documents. UNTFSSE is cited in a1..a4 (a = 4); UNRISD in exactly those four (cited
// with it every time); ILO in all eight (cited with it in four, as chance predicts); OECD in
// a1, a2, b1, b2 (two of four, as chance predicts). a3 cites A/RES/77/281 with its adoption
// date and A/RES/78/1; a4 cites A/RES/77/281 and its corrigendum; b2 a revision.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "index/indexer.h"
#include "support.h"

namespace concord::test {

struct XrefArchive {
  TempDir dir;
  std::string db;
  XrefArchive() {
    dir.write("un/a1.txt",
              "Title: Note one\nDate: 10 March 2021\n\n"
              "The UNTFSSE met researchers from UNRISD. The ILO attended. The OECD sent a note.\n"
              "Later the UNTFSSE published a summary.\n");
    dir.write("un/a2.txt",
              "Title: Note \"two\" with a back\\slash\nDate: 10 June 2022\n\n"
              "The UN-TFSSE and UNRISD discussed statistics. The ILO and the OECD were present.\n");
    dir.write("un/a3.txt",
              "Title: Note three\nDate: 18 April 2023\n\n"
              "The United Nations Inter-Agency Task Force on Social and Solidarity Economy and "
              "UNRISD welcomed A/RES/77/281, adopted on 18 April 2023. The ILO agreed.\n"
              "Delegates also recalled A/RES/78/1.\n");
    dir.write("un/a4.txt",
              "Title: Note four\nDate: 1 June 2024\n\n"
              "The UNTFSSE and UNRISD reviewed A/RES/77/281 and A/RES/77/281/Corr.1. "
              "The ILO took part.\n");
    dir.write("other/b1.txt",
              "Title: Note five\nDate: 15 January 2020\n\nThe ILO and the OECD met.\n");
    dir.write("other/b2.txt",
              "Title: Note six\nDate: 5 May 2020\n\n"
              "The ILO and the OECD discussed A/RES/77/281/Rev.1 in detail.\n");
    dir.write("other/b3.txt", "Title: Note seven\nDate: 11 November 2022\n\nThe ILO reported.\n");
    dir.write("other/b4.txt", "Title: Note eight\nDate: 9 September 2023\n\nThe ILO spoke.\n");
    db = dir.str() + "/db";
    IndexOptions o;
    o.db_path = db;
    o.roots = {dir.str() + "/un", dir.str() + "/other"};
    const IndexSummary s = run_index(o, nullptr);
    REQUIRE(s.added == 8);
    REQUIRE(s.failed == 0);
  }
};

inline XrefArchive& xref_archive() {
  static XrefArchive archive;
  return archive;
}

}  // namespace concord::test
