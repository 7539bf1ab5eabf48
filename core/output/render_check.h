// Printers for the check command (kept apart from render.h, which the other commands share;
// same contract).
//
// Contract: the write_ functions write the whole output to `out`, a finding at a time (the
// output of 50,000 findings is never held whole: a JSON tree of them took 500 MB); the
// render_ ones return it as a string. Output ends in '\n'. JSON and CSV follow the schema
// documented in check/check.h. Paths are shown with display_path().
// `fail_on` is only reported (summary), never applied: the caller maps it to the exit code.
#pragma once

#include <ostream>
#include <string>

#include "check/check.h"

namespace concord {

// True when a finding has a severity at or above `fail_on`.
bool check_fails(const CheckReport& r, Severity fail_on);

void write_check_text(std::ostream& out, const CheckReport& r, Severity fail_on, bool color);
void write_check_json(std::ostream& out, const CheckReport& r, Severity fail_on);
// One finding of write_check_json()'s "findings" array, as it writes it (four spaces deep),
// appended to `out`.
void append_finding_json(const Finding& f, std::string* out);
void write_check_csv(std::ostream& out, const CheckReport& r);

std::string render_check_text(const CheckReport& r, Severity fail_on, bool color);
std::string render_check_json(const CheckReport& r, Severity fail_on);
std::string render_check_csv(const CheckReport& r);

}  // namespace concord
