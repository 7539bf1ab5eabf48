// Printers for the cases command (same contract as render.h).
//
// Contract: pure functions returning the whole output as a string ending in '\n'. Text: one
// line per failing case saying what differs (every case, with all it found, when `all`), then
// the summary "N cases, K passed, F failed."; problems are rendered apart, for stderr. JSON:
// one document, schema in the README ("JSON schemas", cases). Mentions are written as cases
// files write items, "~ID=surface", so a line can be pasted into the file.
#pragma once

#include <string>

#include "cases/cases.h"

namespace concord {

std::string render_cases_text(const CasesReport& r, bool all, bool color);
// "source:line: message" per problem (no line number when 0); "" when there are none.
std::string render_cases_problems_text(const CasesReport& r);
std::string render_cases_json(const CasesReport& r);

}  // namespace concord
