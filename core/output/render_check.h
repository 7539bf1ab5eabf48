// Printers for the check command (kept apart from render.h, which the other commands share;
// same contract).
//
// Contract: pure functions returning the whole output as a string ending in '\n'. JSON and
// CSV follow the schema documented in check/check.h. Paths are shown with display_path().
// `fail_on` is only reported (summary), never applied: the caller maps it to the exit code.
#pragma once

#include <string>

#include "check/check.h"

namespace concord {

// True when a finding has a severity at or above `fail_on`.
bool check_fails(const CheckReport& r, Severity fail_on);

std::string render_check_text(const CheckReport& r, Severity fail_on, bool color);
std::string render_check_json(const CheckReport& r, Severity fail_on);
std::string render_check_csv(const CheckReport& r);

}  // namespace concord
