// UN document symbols and ILO instrument numbers: found in text, normalized to one id.
//
// Contract: find_symbols() is a pure function of its input (UTF-8 text, typically one page)
// returning matches in text order with byte offsets; it never allocates per scanned byte,
// only per match. Thread-safe. Malformed UTF-8 is tolerated (never part of a symbol).
//
// Canonical ids (what `SymbolMatch::id` holds and what the index stores):
//   * Written symbols keep their segments, upper-cased, '/'-joined, spaces removed:
//     "A / Res / 77 / 281" -> "A/RES/77/281"; "A/77/L.60"; "A/78/168"; "E/RES/2023/5";
//     "A/HRC/RES/37/7"; "E/CN.6/2023/L.3"; "S/PV.9000".
//   * Revision-type suffixes keep UN casing: "/Rev.1", "/Corr.1", "/Add.1", "/Amend.1"
//     ("A/RES/77/281/REV.1" -> "A/RES/77/281/Rev.1"); `family` is the symbol before the first
//     such suffix ("A/RES/77/281").
//   * A year or Roman session in brackets after a resolution number is appended without a
//     space: "S/RES/2334 (2016)" -> "S/RES/2334(2016)", "A/RES/1514 (XV)" -> "A/RES/1514(XV)".
//     The family drops it ("S/RES/2334"), so a bare "S/RES/2334" joins the same family.
//   * Prose citations after "resolution(s)" / "résolution(s)" / "resolución(es)":
//       "77/281" (session/number, session <= 99)       -> "A/RES/77/281" (General Assembly)
//       "2023/5" (year/number, year >= 1946)           -> "E/RES/2023/5" (ECOSOC)
//       with "Human Rights Council" (or FR/ES) nearby -> "A/HRC/RES/37/7"
//       "242 (1967)" or "242(1967)" (a year)           -> "S/RES/242(1967)" (Security Council)
//       "1514 (XV)" (a Roman session)                  -> "A/RES/1514(XV)"
//       "2334" bare, only after "Security Council"     -> "S/RES/2334"; after "General
//       Assembly" -> "A/RES/N"; otherwise a bare number is not a symbol.
//     Lists are split: "resolutions 77/281, 78/1 and 79/213" gives three matches; the first
//     spans the keyword and its number ("resolutions 77/281"), the others the number only.
//   * ILO instruments: "Recommendation No. 193", "Recommandation n° 193", "Recomendación núm.
//     193", "Recommendation, 2002 (No. 193)", "R193" -> "ILO-R193"; conventions ("Convention
//     No. 189", "Convenio núm. 189", "C189") -> "ILO-C189". The span ends after the number.
// What is not a symbol: a symbol never starts right after a letter, digit, '/', '.', ':',
// '-', '_', '@' or '\' (so URLs and paths are skipped), must have at least two segments after
// its series letter(s) and one all-digit segment; a full stop or bracket after it is left out;
// dates ("11/8/2020"), fractions ("3/4"), "24/7" and page ranges have no series prefix and no
// keyword, so they never match.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concord {

enum class SymbolKind { kUnDocument, kIloInstrument };

struct SymbolMatch {
  size_t start = 0;    // byte offset of the first byte (keyword included for prose forms)
  size_t end = 0;      // one past the last byte
  std::string id;      // canonical id, see above
  std::string family;  // base symbol ("A/RES/77/281" for ".../Rev.1"); equals id otherwise
  SymbolKind kind = SymbolKind::kUnDocument;
};

// Appends every symbol of `text` to `out`, in text order, non-overlapping.
void find_symbols(std::string_view text, std::vector<SymbolMatch>* out);
std::vector<SymbolMatch> find_symbols(std::string_view text);

// The family (base symbol) of a canonical id: strips /Rev.N, /Corr.N, /Add.N, /Amend.N and a
// bracketed year or session. Ids that are not symbols come back unchanged.
std::string symbol_family(std::string_view canonical_id);

// Canonical id when the whole of `written` (trimmed) is one symbol in any accepted form, in
// any case ("a/res/77/281", "resolution 77/281", "ILO-R193", "r193", "S/RES/2334(2016)").
std::optional<std::string> canonical_symbol(std::string_view written);

// True when `id` looks like a canonical symbol id (UN document or ILO instrument).
bool is_symbol_id(std::string_view id);

}  // namespace concord
