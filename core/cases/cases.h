// Cases stage: staff-written proof for the gazetteer and the grammar. A cases file says "this
// text -> these entities and symbols (and not these)"; this stage parses such files and runs
// every case through recognition, as concord-index would.
//
// Contract:
//   * parse_cases() never throws; a bad line is skipped and reported as a CaseProblem
//     (source, 1-based line, message): wrong column count, bad name, duplicate name, unknown
//     escape, empty or malformed item, a case with nothing expected or forbidden. The format
//     is documented at the top of data/cases.tsv (built in, like data/gazetteer.tsv).
//   * run_case() is a pure function of (case, gazetteer): the case's text goes through what
//     concord-index does to a UTF-8 .txt file holding exactly that text (extract_text(),
//     then recognize_document(); a form feed "\f" makes a paged document). "Found" means a
//     mention in that result. The case passes when every expected item is matched by a
//     mention of its own (an item written twice needs two mentions), no mention matches a
//     forbidden item, and, with '*' in the forbidden column, no mention has an id that is
//     not expected. Items name ids the gazetteer or the symbol grammar can give (see
//     check_item_ids()); an unknown id is a problem of its line, not a failure.
//   * run_cases() reads files (cases and --gazetteer files) and never throws on a bad or
//     unreadable file: each is a problem in the report, and the good cases still run.
//   * Nothing here prints. Thread-safe on a const Gazetteer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recognize/gazetteer.h"

namespace concord {

// The source name of the built-in cases file (its path in the source tree).
inline constexpr const char* kBuiltInCasesSource = "data/cases.tsv";

// One item of the expected or forbidden column: "ID", "ID=surface", "~ID" or "~ID=surface".
struct CaseItem {
  std::string id;                      // entity or symbol id, as recognition gives it
  std::optional<std::string> surface;  // "=surface": the written form required (whitespace
                                       // collapsed, compared exactly)
  bool variant = false;                // "~": the mention must be flagged variant
  std::string written;                 // the item as written (trimmed), for messages
};

struct Case {
  std::string name;                 // unique within its file
  std::string text;                 // escapes resolved: "\n", "\t", "\f", "\\"
  std::vector<CaseItem> expected;   // each needs a mention of its own
  std::vector<CaseItem> forbidden;  // no mention may match any
  bool only_expected = false;       // '*' in the forbidden column: ids not expected are
                                    // forbidden too
  std::string note;
  std::string source;  // file path, or kBuiltInCasesSource
  int line = 0;        // 1-based line in `source`
};

struct CaseProblem {
  std::string source;  // cases or gazetteer file path, or kBuiltInCasesSource
  int line = 0;        // 1-based; 0 when the file itself could not be read
  std::string message;
  bool skipped = true;  // the line (or file) was ignored; false: a warning, the line was kept
};

struct CaseFile {
  std::vector<Case> cases;  // in file order
  std::vector<CaseProblem> problems;
};

// Parses a cases file's text. `source` names it in cases and problems.
CaseFile parse_cases(std::string_view tsv, const std::string& source);
// Reads and parses a file; an unreadable file (also: not a regular file, or over
// util::kMaxSmallFileBytes) is one problem with line 0.
CaseFile read_cases_file(const std::string& path);
// The shipped cases (data/cases.tsv), source kBuiltInCasesSource.
CaseFile built_in_cases();

// The items of `c` whose id recognition cannot give with `gazetteer`: not an entity id, not
// "discovered:ACR", not a canonical symbol ("?/RES/..." included). One problem per id, at the
// case's line, with the likely id when there is one ("S/RES/242 (1967)" -> "S/RES/242(1967)").
std::vector<CaseProblem> check_item_ids(const Case& c, const Gazetteer& gazetteer);

// A mention found in a case's text.
struct FoundMention {
  std::string id;
  std::string surface;  // as written, whitespace collapsed
  bool variant = false;
  int page = 0;  // 1-based; 0 for an unpaged text (no "\f")
  int line = 0;  // 1-based within the page
};

struct ForbiddenHit {
  std::string item;  // the forbidden item as written, or "*"
  FoundMention mention;
};

struct CaseResult {
  Case spec;  // the case as parsed (name, text, items, note, source, line)
  bool passed = false;
  std::vector<std::string> missing;           // expected items no mention matched, as written
  std::vector<ForbiddenHit> forbidden_found;  // in text order
  std::vector<FoundMention> unexpected;       // mentions neither matched to an expected item
                                              // nor forbidden, in text order
  std::vector<FoundMention> found;            // every mention, in text order
  std::string error;  // the text could not be read as a .txt file ("" = none); fails the case
};

// Runs one case (see the contract above).
CaseResult run_case(const Case& c, const Gazetteer& gazetteer);

struct RunCasesOptions {
  std::vector<std::string> files;            // cases files; empty = the built-in cases
  std::vector<std::string> gazetteer_files;  // added to the built-in gazetteer, in order,
                                             // as `concord-index --gazetteer` does
  std::vector<std::string> names;            // run only these cases (empty = all); a name
                                             // that matches no case is a problem
};

struct CasesReport {
  std::vector<std::string> sources;          // cases files read, in order
  std::string gazetteer_fingerprint;         // Gazetteer::fingerprint() of what was used
  std::vector<std::string> gazetteer_files;  // the extra gazetteer files, in order
  std::vector<CaseResult> results;           // in file order
  std::vector<CaseProblem> problems;         // cases files, gazetteer files, unknown ids, names

  size_t passed() const;
  size_t failed() const;
  bool has_errors() const;  // a problem that made something be skipped (skipped == true)
};

CasesReport run_cases(const RunCasesOptions& options);

}  // namespace concord
