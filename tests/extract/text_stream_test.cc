// TextPageStream: a huge text cut into pages a few at a time, as extract_text() cuts it whole,
// whatever the size of the pieces it is read in.
#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "support.h"

namespace {

// Runs both passes over `bytes` read in pieces of `piece` bytes, taking pages `part` bytes
// at a time; returns the pages, or the first problem's kind in *problem.
std::vector<std::string> stream_pages(const std::string& bytes, size_t piece, size_t part,
                                      std::string* problem, concord::ExtractedDoc* meta) {
  concord::TextPageStream stream;
  for (size_t at = 0; at < bytes.size(); at += piece) {
    if (auto p = stream.survey(std::string_view(bytes).substr(at, piece))) {
      *problem = p->kind;
      return {};
    }
  }
  if (auto p = stream.survey_end()) {
    *problem = p->kind;
    return {};
  }
  size_t at = 0;
  const concord::TextPageStream::Read read = [&](std::string* out) -> std::optional<concord::FileProblem> {
    *out = bytes.substr(std::min(at, bytes.size()), piece);
    at += piece;
    return std::nullopt;
  };
  std::vector<std::string> pages;
  while (!stream.done()) {
    if (auto p = stream.next_pages(read, part, &pages)) {
      *problem = p->kind;
      return pages;
    }
  }
  *meta = stream.metadata();
  return pages;
}

std::string prose_lines(size_t bytes, const std::string& line) {
  std::string out;
  for (unsigned i = 0; out.size() < bytes; ++i) out += line + " " + std::to_string(i) + "\n";
  return out;
}

std::string utf16(const std::string& ascii_or_utf8_units, bool little, bool bom) {
  // Encodes ASCII text, with "\xF0\x9F\x8C\x8D" (U+1F30D) written as a surrogate pair.
  std::string out;
  const auto unit = [&](unsigned u) {
    const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out += little ? std::string{lo, hi} : std::string{hi, lo};
  };
  if (bom) unit(0xFEFF);
  for (size_t i = 0; i < ascii_or_utf8_units.size(); ++i) {
    if (ascii_or_utf8_units.compare(i, 4, "\xF0\x9F\x8C\x8D") == 0) {
      unit(0xD83C);
      unit(0xDF0D);
      i += 3;
    } else {
      unit(static_cast<unsigned char>(ascii_or_utf8_units[i]));
    }
  }
  return out;
}

struct Case {
  const char* name;
  std::string bytes;
  const char* encoding;
};

std::vector<Case> cases() {
  const std::string header = "Title: Report on the SSE\nDate: 18 April 2023\n\n";
  std::string paged;
  for (int p = 0; p < 300; ++p)
    paged += (p % 37 == 5 ? std::string("  \n") : prose_lines(2500, "Page " + std::to_string(p) + " of the cooperatives")) + "\f";
  std::string hyphens = header;
  for (unsigned i = 0; hyphens.size() < (900u << 10); ++i)
    hyphens += (i % 3 ? "the solidarity econ\xC2\xAC\nomy and " : "mutual soci\xC2\xAD\neties ") + std::to_string(i) + "\n";
  std::string one_line;
  for (unsigned i = 0; one_line.size() < (700u << 10); ++i) one_line += "word" + std::to_string(i) + " ";
  std::string cp1252 = header + prose_lines(500u << 10, "Economie sociale et solidaire: d\xE9veloppement");
  std::string emoji = prose_lines(300u << 10, "the world \xF0\x9F\x8C\x8D of cooperatives") + "\f" +
                      prose_lines(200u << 10, "second page \xF0\x9F\x8C\x8D");
  std::string with_giant = prose_lines(5000, "a short first page") + "\f" +
                           prose_lines(200u << 10, "a second page just under the cut") + "\f";
  return {
      {"UTF-8, no form feeds, header lines", header + prose_lines(1u << 20, "The General Assembly recalls resolution 77/281"), "UTF-8"},
      {"UTF-8 with a byte-order mark", "\xEF\xBB\xBF" + prose_lines(400u << 10, "Recalling resolution 47/90 — and more"), "UTF-8"},
      {"form feeds, blank pages, a final form feed", paged, "UTF-8"},
      {"form feeds with a page near the 256 KiB cut", with_giant, "UTF-8"},
      {"OCR and soft hyphens at line ends", hyphens, "UTF-8"},
      {"one line of 700 KiB", one_line, "UTF-8"},
      {"Windows-1252", cp1252, "windows-1252"},
      {"UTF-16LE with a mark and surrogate pairs", utf16(emoji, true, true), "UTF-16LE"},
      {"UTF-16BE without a mark", utf16(prose_lines(300u << 10, "the big-endian \xF0\x9F\x8C\x8D text"), false, false), "UTF-16BE"},
  };
}

}  // namespace

TEST_CASE("a text read in pieces is cut into the pages extract_text() makes of it whole",
          "[extract][stream]") {
  for (const Case& c : cases()) {
    const concord::ExtractResult whole = concord::extract_text(c.bytes);
    REQUIRE_FALSE(whole.problem);
    for (const size_t piece : {size_t{1} << 20, size_t{4097}, size_t{65537}}) {
      for (const size_t part : {size_t{1} << 20, size_t{100} << 10}) {
        CAPTURE(c.name, piece, part);
        std::string problem;
        concord::ExtractedDoc meta;
        const std::vector<std::string> pages = stream_pages(c.bytes, piece, part, &problem, &meta);
        REQUIRE(problem.empty());
        CHECK(pages.size() == whole.doc.pages.size());
        size_t differ = 0;  // the first page that differs, 1-based; 0 when none
        for (size_t i = 0; i < std::max(pages.size(), whole.doc.pages.size()) && !differ; ++i)
          if (i >= pages.size() || i >= whole.doc.pages.size() || pages[i] != whole.doc.pages[i])
            differ = i + 1;
        CHECK(differ == 0);
        CHECK(meta.encoding == c.encoding);
        CHECK(meta.encoding == whole.doc.encoding);
        CHECK(meta.title == whole.doc.title);
        CHECK(meta.date == whole.doc.date);
        CHECK(meta.paged);
      }
    }
  }
}

TEST_CASE("a text read in pieces is refused as extract_text() refuses it", "[extract][stream]") {
  const struct {
    const char* name;
    std::string bytes;
    const char* kind;
  } rows[] = {
      {"ZIP", std::string("PK\x03\x04", 4) + std::string(200000, 'x'), "binary"},
      {"control bytes", std::string(200000, '\x01'), "binary"},
      {"blank", std::string(300000, ' ') + "\n\n", "empty"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    const concord::ExtractResult whole = concord::extract_text(row.bytes);
    REQUIRE(whole.problem);
    CHECK(whole.problem->kind == row.kind);
    std::string problem;
    concord::ExtractedDoc meta;
    stream_pages(row.bytes, 4096, 1 << 20, &problem, &meta);
    CHECK(problem == row.kind);
  }
}

TEST_CASE("the fuzzer's seed texts read a few bytes at a time give extract_text()'s pages",
          "[extract][stream]") {
  // Pieces smaller than a byte-order mark, a UTF-16 unit or a UTF-8 sequence.
  const std::string seeds = concord::test::source_path("fuzz/corpus/text");
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(seeds)) {
    const std::string bytes = concord::test::read_file(entry.path().string());
    const concord::ExtractResult whole = concord::extract_text(bytes);
    ++files;
    for (const size_t piece : {size_t{1}, size_t{2}, size_t{3}, size_t{5}}) {
      CAPTURE(entry.path().filename().string(), piece);
      std::string problem;
      concord::ExtractedDoc meta;
      const std::vector<std::string> pages = stream_pages(bytes, piece, 1 + piece * 7, &problem, &meta);
      CHECK(problem == (whole.problem ? whole.problem->kind : ""));
      if (whole.problem) continue;
      CHECK(pages == whole.doc.pages);
      CHECK(meta.title == whole.doc.title);
      CHECK(meta.date == whole.doc.date);
      CHECK(meta.encoding == whole.doc.encoding);
    }
  }
  CHECK(files >= 2);
}
