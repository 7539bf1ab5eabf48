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
//   * Prose citations after "resolution(s)" / "résolution(s)" / "resolución(es)" (and
//     "decision(s)" / "décision(s)" / "decisión(es)", which give /DEC/ instead of /RES/):
//       "77/281" (session/number)          -> "A/RES/77/281" (General Assembly, sessions 31-99)
//       "2023/5" (year/number)             -> "E/RES/2023/5" (ECOSOC)
//       "242 (1967)" (number and year)     -> "S/RES/242(1967)" (Security Council)
//       "1514 (XV)" (Roman session <= XXX) -> "A/RES/1514(XV)"; "837 (XXXII)" (> XXX) and
//                                             with ECOSOC named -> "E/RES/837(XXXII)"
//       "ES-10/19", "S-10/2"               -> "A/RES/ES-10/19", "A/RES/S-10/2"
//       "40/151 G", "3367 A (XXX)"         -> "A/RES/40/151G", "A/RES/3367A(XXX)" (parts)
//       "2334" bare                        -> only with its organ named ("Security Council
//                                             resolution 2334" -> "S/RES/2334")
//     The organ comes from the words before the keyword ("Security Council", "Assembly",
//     "Human Rights Council", "Commission on the Status of Women", a generic "Council" told by
//     the number's form or the last council named on the page, "its" = SymbolContext::author),
//     from the words after the list ("of the Economic and Social Council", "de l'Assemblée
//     générale", "of the Council"), or from an Official Records footnote before it
//     ("Supplement No. 53 (A/78/53), chap. II, resolution 52/3" is the Human Rights Council's).
//     Ids of other organs: "A/HRC/RES/20/8", "E/CN.4/RES/2005/69" (Commission on Human
//     Rights), "E/CN.6/RES/59/1" (CSW), "E/CN.7/RES/..." (CND), "E/CN.15/RES/..." (CCPCJ),
//     "T/RES/..." (Trusteeship Council). When the organ is another body, or cannot be told
//     (a session number below 31 with no Human Rights Council in the paragraph), the id is
//     "?/RES/20/8": a citation whose organ is unresolved, never a guessed A/RES.
//     Lists are split: "resolutions 47/90 of 16 December 1992, 49/155 of 23 December 1994
//     and 51/58", "resolutions 31/6 A and B", "resolutions 2625 (XXV), annex, and 3314
//     (XXIX)" give one match per number; the first spans the keyword and its number, the
//     others the number only; each carries the span of its own date ("of 16 December 1992").
//     "Security Council resolution of 22 November 1967 [242 (1967)]" is one match.
//   * OCR damage in written symbols: l, I, O or o among the digits of a segment ("A/31 /l97")
//     are read as 1 and 0; the match is flagged `repaired` (the written form is malformed).
//   * ILO instruments: "Recommendation No. 193", "Recommandation n° 193", "Recomendación núm.
//     193", "Recommendation, 2002 (No. 193)", "R193" -> "ILO-R193"; conventions ("Convention
//     No. 189", "Convenio núm. 189", "C189") -> "ILO-C189". The span ends after the number.
// What is not a symbol: a symbol never starts right after a letter, digit, '/', '.', ':',
// '-', '_', '@' or '\' (so URLs and paths are skipped), must have at least two segments after
// its series letter(s) and one all-digit segment; a full stop or bracket after it is left out;
// dates ("11/8/2020"), fractions ("3/4"), "24/7" and page ranges have no series prefix and no
// keyword, so they never match.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concord {

enum class SymbolKind { kUnDocument, kIloInstrument };

// The bodies whose resolutions have their own id prefix (see above).
enum class Organ : uint8_t {
  kNone,              // not said
  kAssembly,          // A/RES/
  kSecurityCouncil,   // S/RES/
  kEcosoc,            // E/RES/
  kHumanRights,       // A/HRC/RES/
  kTrusteeship,       // T/RES/
  kRightsCommission,  // E/CN.4/RES/ (Commission on Human Rights, until 2006)
  kWomenCommission,   // E/CN.6/RES/ (Commission on the Status of Women)
  kDrugsCommission,   // E/CN.7/RES/ (Commission on Narcotic Drugs)
  kCrimeCommission,   // E/CN.15/RES/ (Commission on Crime Prevention and Criminal Justice)
  kOther,             // another body: the citation's organ is unresolved ("?/RES/...")
};

// What the text around a page tells about its citations.
struct SymbolContext {
  // The organ whose document this is, from its own symbol (A/RES/..., A/C.3/80/L.12 -> the
  // Assembly; S/RES/... -> the Security Council; A/HRC/... -> the Human Rights Council):
  // "its resolution 20/8" in such a document is that organ's.
  Organ author = Organ::kNone;
  // The document's own symbol is in the Security Council's series (S/2025/254, a report or
  // letter to the Council): a bare "resolution 1701" in it is the Council's.
  bool council_series = false;
  // Of a functional commission's document (author kWomenCommission, kDrugsCommission or
  // kCrimeCommission): the commission's session in the year of its symbol (E/2025/28, the
  // narcotic drugs commission's report: its 68th). A bare "resolution 68/1" or "decision
  // 68/4" no later than that session is the commission's own. 0 when not known.
  int author_session = 0;
};

struct SymbolMatch {
  size_t start = 0;    // byte offset of the first byte (keyword included for prose forms)
  size_t end = 0;      // one past the last byte
  std::string id;      // canonical id, see above
  std::string family;  // base symbol ("A/RES/77/281" for ".../Rev.1"); equals id otherwise
  SymbolKind kind = SymbolKind::kUnDocument;
  size_t date_start = 0;  // the citation's own date ("of 16 December 1992"), when written
  size_t date_end = 0;    // (date_end == 0: none)
  bool in_list = false;   // one of several citations after one keyword
  bool repaired = false;  // read through OCR damage ("A/31 /l97" as A/31/197)
};

// Appends every symbol of `text` to `out`, in text order, non-overlapping.
void find_symbols(std::string_view text, std::vector<SymbolMatch>* out,
                  const SymbolContext& context = {});
std::vector<SymbolMatch> find_symbols(std::string_view text, const SymbolContext& context = {});

// The organ that writes documents under `symbol` (its own symbol): see SymbolContext.
// The functional commissions' reports, issued in the Council's series as supplements to its
// Official Records, are theirs: E/YYYY/27 the Commission on the Status of Women's, E/YYYY/28
// the Commission on Narcotic Drugs', E/YYYY/30 the crime commission's (from 2000 on).
Organ author_of(std::string_view symbol);
// SymbolContext::author_session of a document whose own symbol is `symbol`.
int author_session(std::string_view symbol);

// True for an id whose organ is unresolved ("?/RES/20/8").
bool is_unresolved_organ(std::string_view id);

// The unresolved-organ id a citation of `id` would have when its organ is not said:
// "A/RES/77/281" -> "?/RES/77/281", "A/HRC/DEC/5/1" -> "?/DEC/5/1"; "" for other ids.
std::string unresolved_twin(std::string_view id);

// The family (base symbol) of a canonical id: strips /Rev.N, /Corr.N, /Add.N, /Amend.N, a
// bracketed year or session and a part letter ("A/RES/40/151G" -> "A/RES/40/151"). Ids that
// are not symbols come back unchanged.
std::string symbol_family(std::string_view canonical_id);

// Canonical id when the whole of `written` (trimmed) is one symbol in any accepted form, in
// any case ("a/res/77/281", "resolution 77/281", "ILO-R193", "r193", "S/RES/2334(2016)").
std::optional<std::string> canonical_symbol(std::string_view written);

// The resolution a part belongs to: "A/RES/40/151G" -> "A/RES/40/151", "A/RES/260A(III)" ->
// "A/RES/260(III)"; other ids come back unchanged.
std::string without_part(std::string_view id);

// The value of a Roman session number ("XXXII" -> 32); 0 when `roman` is not one.
int roman_value(std::string_view roman);

// True when `id` looks like a canonical symbol id (UN document or ILO instrument).
bool is_symbol_id(std::string_view id);

}  // namespace concord
