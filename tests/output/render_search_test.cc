// The search header states the total: exact when it was counted, else the bounds Xapian
// gives with its estimate; --json carries the same three numbers.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "output/render.h"
#include "search/search.h"

namespace {

concord::SearchResults results(uint64_t total, uint64_t lower, uint64_t upper, size_t shown) {
  concord::SearchResults r;
  r.query = "\"solidarity economy\"";
  r.total = total;
  r.total_lower = lower;
  r.total_upper = upper;
  for (size_t i = 0; i < shown; ++i) {
    concord::SearchHit h;
    h.rank = static_cast<int>(i + 1);
    h.path = "/archive/doc-" + std::to_string(i) + ".txt";
    h.title = "Doc " + std::to_string(i);
    h.format = "text";
    h.language = "en";
    r.results.push_back(h);
  }
  return r;
}

}  // namespace

TEST_CASE("search header: exact totals, or bounds with the estimate") {
  struct Case {
    uint64_t total, lower, upper;
    size_t shown;
    const char* header;
  } cases[] = {
      {1, 1, 1, 1, "1 document matches; showing 1-1."},
      {19514, 19514, 19514, 10, "19514 documents match; showing 1-10."},
      {30000, 10000, 100000, 10,
       "Between 10000 and 100000 documents match (about 30000); showing 1-10."},
      {30000, 10000, 100000, 0,
       "Between 10000 and 100000 documents match (about 30000); none shown"},
      {7, 7, 7, 0, "7 documents match; none shown"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.header);
    const concord::SearchResults r = results(c.total, c.lower, c.upper, c.shown);
    const std::string text = concord::render_search_text(r, false);
    CHECK(text.rfind(c.header, 0) == 0);
    const auto j = nlohmann::json::parse(concord::render_search_json(r));
    CHECK(j.at("total").get<uint64_t>() == c.total);
    CHECK(j.at("total_lower").get<uint64_t>() == c.lower);
    CHECK(j.at("total_upper").get<uint64_t>() == c.upper);
  }
}
