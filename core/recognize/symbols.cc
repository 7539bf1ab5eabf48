// UN document symbol and ILO instrument grammar: a hand-written scanner, no regex.
#include "recognize/symbols.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "recognize/dates.h"
#include "recognize/scan.h"

namespace concord {
namespace {

using scan::is_ascii_alnum;
using scan::is_ascii_digit;
using scan::is_ascii_upper;

// Series prefixes a written symbol may start with: the first element of the symbols of the
// UN's principal organs, subsidiary bodies, treaty bodies and conferences, and of the press
// releases (SC/, GA/, SG/SM/...).
constexpr std::string_view kSeries[] = {
    "A",     "S",      "E",     "T",    "ST",    "SG",    "SC",     "GA",    "ECOSOC", "DP",
    "TD",    "UNEP",   "UNW",   "ICCD", "CEDAW", "CRC",   "CCPR",   "CERD",  "CAT",    "CED",
    "CMW",   "CRPD",   "HRI",   "UNDP", "FCCC",  "CBD",   "CD",     "TPNW",  "NPT",    "JIU",
    "CEB",   "GEGN",   "ECE",   "HSP",  "IDB",   "PBC",   "ISBA",   "SPLOS", "APLC",   "CCW",
    "BWC",   "ICC",    "UNHCR", "WFP",  "ACC",   "DPI",   "OBV",    "HR",    "SGB",    "UNICEF",
    "UNIDO", "UNCTAD", "ITC",   "PBF",  "UNFPA", "UNOPS", "UNAIDS", "LC",    "ESCWA",  "ESCAP",
    "DP-FPA"};

bool is_series(std::string_view s) {
  for (std::string_view p : kSeries)
    if (p == s) return true;
  return false;
}

// Where a hyphenated series that starts at `i` and whose first part ends at `j` ends: "DP-FPA/"
// gives the position of its '/'; `j` when text[j] does not start a second part.
size_t hyphenated_series_end(std::string_view text, size_t i, size_t j) {
  const auto upper = [&](size_t k) {
    return k < text.size() && is_ascii_upper(static_cast<unsigned char>(text[k]));
  };
  if (j >= text.size() || text[j] != '-' || !upper(j + 1)) return j;
  size_t k = j + 1;
  while (upper(k) && k - i < 10) ++k;
  return k < text.size() && text[k] == '/' ? k : j;
}

bool is_ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Characters that, right before an upper-case letter, mean we are inside a URL, a path,
// an identifier or a bigger token rather than at the start of a symbol.
bool blocks_symbol_start(unsigned char c) {
  return is_ascii_alnum(c) || c == '/' || c == '.' || c == ':' || c == '-' || c == '_' ||
         c == '@' || c == '\\' || c == '=' || c == '?' || c == '&' || c == '#' || c == '~' ||
         c == '%' || c == '+';
}

// Skips spaces around a '/' in a written symbol: at most one line break, a few bytes.
size_t skip_symbol_space(std::string_view text, size_t pos) {
  size_t newlines = 0;
  size_t start = pos;
  while (pos < text.size() && pos - start < 8) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c == ' ' || c == '\t') {
      ++pos;
    } else if (c == '\n') {
      if (++newlines > 1) break;
      ++pos;
    } else if (c == 0xC2 && pos + 1 < text.size() &&
               static_cast<unsigned char>(text[pos + 1]) == 0xA0) {
      pos += 2;
    } else {
      break;
    }
  }
  return pos;
}

// A segment: alnum run, then ('.' alnum run)*. Returns its end (== pos when none).
size_t parse_segment(std::string_view text, size_t pos) {
  size_t i = pos;
  const size_t n = text.size();
  while (i < n && is_ascii_alnum(static_cast<unsigned char>(text[i]))) ++i;
  if (i == pos) return pos;
  // Special and emergency special sessions: "ES-10", "S-10".
  const std::string_view run = text.substr(pos, i - pos);
  if ((run == "ES" || run == "S") && i + 1 < n && text[i] == '-' &&
      is_ascii_digit(static_cast<unsigned char>(text[i + 1]))) {
    i += 2;
    while (i < n && is_ascii_digit(static_cast<unsigned char>(text[i]))) ++i;
    return i;
  }
  while (i + 1 < n && text[i] == '.' && is_ascii_alnum(static_cast<unsigned char>(text[i + 1]))) {
    ++i;
    while (i < n && is_ascii_alnum(static_cast<unsigned char>(text[i]))) ++i;
  }
  // A body's session inside a symbol: "ICCD/COP(8)/CST/INF.1", "ICCD/CRIC(5)/3" (capitals,
  // a number of one to three digits in brackets, and more of the symbol after it).
  if (i < n && text[i] == '(' && i - pos >= 2 && i - pos <= 6 &&
      std::all_of(run.begin(), run.end(), [](char c) { return is_ascii_upper(static_cast<unsigned char>(c)); })) {
    size_t k = i + 1;
    while (k < n && is_ascii_digit(static_cast<unsigned char>(text[k])) && k - i <= 3) ++k;
    if (k > i + 1 && k - i <= 4 && k + 1 < n && text[k] == ')' && text[k + 1] == '/') return k + 1;
  }
  return i;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_ascii_digit(static_cast<unsigned char>(c))) return false;
  return true;
}

bool is_roman(std::string_view s) {
  if (s.empty() || s.size() > 7) return false;
  for (char c : s)
    if (c != 'I' && c != 'V' && c != 'X' && c != 'L' && c != 'C') return false;
  return true;
}

int to_int(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (scan::ascii_lower(a[i]) != scan::ascii_lower(b[i])) return false;
  return true;
}

// "Rev.1" style suffix word for a segment, or empty.
std::string_view suffix_word(std::string_view seg) {
  size_t dot = seg.find('.');
  if (dot == std::string_view::npos || dot + 1 >= seg.size()) return {};
  std::string_view word = seg.substr(0, dot);
  if (!all_digits(seg.substr(dot + 1))) return {};
  if (iequals(word, "rev")) return "Rev";
  if (iequals(word, "corr")) return "Corr";
  if (iequals(word, "add")) return "Add";
  if (iequals(word, "amend")) return "Amend";
  return {};
}

// Appends the suffix segment `seg` ("rev.1", "Corr.2"), which suffix_word() accepts, to a
// symbol id in its canonical form: "/Rev.1", "/Corr.2".
void append_suffix(std::string_view seg, std::string* id) {
  id->push_back('/');
  id->append(suffix_word(seg));
  id->append(seg.substr(seg.find('.')));
}

void append_upper(std::string_view s, std::string* out) {
  for (char c : s) out->push_back(scan::is_ascii_lower(c) ? static_cast<char>(c - 32) : c);
}

// Bracketed year "(2016)" or Roman session "(XV)" at `pos` (after optional spaces): returns
// the end and sets `inside`, or returns npos.
size_t parse_bracket_tag(std::string_view text, size_t pos, std::string_view* inside) {
  size_t p = skip_symbol_space(text, pos);
  if (p >= text.size() || text[p] != '(') return std::string_view::npos;
  size_t q = p + 1;
  size_t e = q;
  // An emergency special session: "1237 (ES-III)".
  const bool emergency = text.substr(q, 3) == "ES-";
  if (emergency) e += 3;
  while (e < text.size() && is_ascii_alnum(static_cast<unsigned char>(text[e])) && e - q < 11) ++e;
  if (e >= text.size() || text[e] != ')') return std::string_view::npos;
  std::string_view in = text.substr(q, e - q);
  if (emergency) {
    if (!is_roman(in.substr(3))) return std::string_view::npos;
  } else if (all_digits(in) && in.size() == 4) {
    int y = to_int(in);
    if (y < 1945 || y > 2099) return std::string_view::npos;
  } else if (!is_roman(in)) {
    return std::string_view::npos;
  }
  *inside = in;
  return e + 1;
}

// A written symbol starting at `i` ("A/RES/77/281", "S/RES/2334 (2016)", "A/77/L.60").
bool try_written(std::string_view text, size_t i, SymbolMatch* m) {
  const size_t n = text.size();
  size_t j = i;
  while (j < n && is_ascii_upper(static_cast<unsigned char>(text[j])) && j - i < 6) ++j;
  if (j < n && is_ascii_alnum(static_cast<unsigned char>(text[j]))) return false;
  // A hyphenated series: "DP-FPA/2025/1" (the joint Executive Board of UNDP, UNFPA, UNOPS).
  if (const size_t k = hyphenated_series_end(text, i, j); is_series(text.substr(i, k - i))) j = k;
  if (!is_series(text.substr(i, j - i))) return false;
  // A numbered series: "GEGN.2/2025/35".
  if (j + 1 < n && text[j] == '.' && is_ascii_digit(static_cast<unsigned char>(text[j + 1]))) {
    size_t k = j + 1;
    while (k < n && is_ascii_digit(static_cast<unsigned char>(text[k])) && k - j <= 3) ++k;
    if (k < n && text[k] == '/') j = k;
  }
  std::string_view series = text.substr(i, j - i);
  std::array<std::string_view, 12> segs;
  size_t nseg = 0;
  size_t cur = j;
  while (nseg < segs.size()) {
    size_t q = skip_symbol_space(text, cur);
    if (q >= n || text[q] != '/') break;
    size_t r = skip_symbol_space(text, q + 1);
    size_t e = parse_segment(text, r);
    if (e == r) break;
    // An all-lower-case word ends the symbol ("S/PV.9000/x", "A/RES/77/281/and"), unless it
    // is a revision suffix ("rev.1") or "Res" in some casing.
    if (std::all_of(text.begin() + static_cast<long>(r), text.begin() + static_cast<long>(e),
                    [](char c) { return scan::is_ascii_lower(static_cast<unsigned char>(c)); }) &&
        suffix_word(text.substr(r, e - r)).empty())
      break;
    segs[nseg++] = text.substr(r, e - r);
    cur = e;
  }
  if (nseg == 0) return false;
  if (nseg == 1) {
    // One element after the series: a meeting record "S/PV.709", or an old-style document
    // or press release number "S/12828", "A/7922", "SC/12345" (three digits at least).
    const std::string_view only = segs[0];
    const size_t dot = only.find('.');
    const bool record =
        dot != std::string_view::npos && dot >= 1 && dot <= 4 && all_digits(only.substr(dot + 1)) &&
        std::all_of(only.begin(), only.begin() + static_cast<long>(dot),
                    [](char c) { return is_ascii_upper(static_cast<unsigned char>(c)); });
    const bool numbered = all_digits(only) && only.size() >= 3 && only[0] != '0';
    if (!record && !numbered) return false;
  }
  bool has_number = false;
  bool has_res = false;
  // OCR reads 1 as l or I and 0 as O or o inside numbers ("A/31 /l97"): a segment of digits
  // and such look-alikes, with at least one real digit, is read as the number.
  std::array<std::string, 12> repaired_segs;
  bool repaired = false;
  for (size_t k = 0; k < nseg; ++k) {
    const std::string_view sg = segs[k];
    bool digit = false, lookalike = false, other = false;
    for (char c : sg) {
      if (is_ascii_digit(static_cast<unsigned char>(c)))
        digit = true;
      else if (c == 'l' || c == 'I' || c == 'O' || c == 'o')
        lookalike = true;
      else
        other = true;
    }
    if (digit && lookalike && !other && k >= 1) {
      std::string fixed(sg);
      for (char& c : fixed) c = (c == 'l' || c == 'I') ? '1' : (c == 'O' || c == 'o') ? '0' : c;
      repaired_segs[k] = std::move(fixed);
      segs[k] = repaired_segs[k];
      repaired = true;
    }
    if (all_digits(segs[k]) || segs[k].starts_with("ES-") || segs[k].starts_with("S-"))
      has_number = true;
    // "S/PV.701", "UNEP/EA.5/Res.8": letters, a dot and a number.
    if (const size_t dot = segs[k].find('.'); dot != std::string_view::npos && dot >= 1 &&
                                              dot <= 6 && all_digits(segs[k].substr(dot + 1)))
      has_number = true;
    if (iequals(segs[k], "RES")) has_res = true;
  }
  if (!has_number) return false;
  m->start = i;
  m->repaired = repaired;
  m->id.assign(series);
  m->family.clear();
  bool in_suffix = false;
  for (size_t k = 0; k < nseg; ++k) {
    std::string_view suffix = suffix_word(segs[k]);
    if (!suffix.empty() && k >= 1) {
      if (!in_suffix) m->family = m->id;
      in_suffix = true;
      append_suffix(segs[k], &m->id);
    } else if (const size_t dot = segs[k].find('.');
               dot == 3 && iequals(segs[k].substr(0, 3), "res") && all_digits(segs[k].substr(4))) {
      m->id.append("/Res");  // "UNEP/EA.5/Res.8": the body's own casing
      m->id.append(segs[k].substr(3));
    } else {
      m->id.push_back('/');
      append_upper(segs[k], &m->id);
    }
  }
  if (has_res && !in_suffix && all_digits(segs[nseg - 1])) {
    std::string_view tag;
    size_t e = parse_bracket_tag(text, cur, &tag);
    if (e != std::string_view::npos) {
      m->family = m->id;
      m->id.push_back('(');
      m->id.append(tag);
      m->id.push_back(')');
      cur = e;
    }
  }
  // A part, volume or resumption of a document: "S/PV.4039 (Resumption 1)", "A/79/15 (Part
  // I)", "NPT/CONF.2000/28 (Parts I and II)", "NPT/CONF.2010/50 (Vol. I)".
  if (!has_res) {
    size_t p = skip_symbol_space(text, cur);
    if (p < n && text[p] == '(') {
      size_t close = text.find(')', p);
      if (close != std::string_view::npos && close - p <= 24) {
        std::string_view inside = text.substr(p + 1, close - p - 1);
        // The words, then a space, or (as the canonical id writes them) the part at once.
        for (std::string_view word : {"Resumption", "Parts", "Part", "Vol.", "Vol"}) {
          if (!inside.starts_with(word) || inside.size() == word.size()) continue;
          const unsigned char next = static_cast<unsigned char>(inside[word.size()]);
          if (next != ' ' && !is_ascii_upper(next) && !is_ascii_digit(next)) continue;
          std::string compact;
          for (char c : inside)
            if (c != ' ' && c != '\n') compact.push_back(c);
          if (m->family.empty()) m->family = m->id;
          m->id += "(" + compact + ")";
          cur = close + 1;
          // Its corrigenda and addenda: "NPT/CONF.1995/32 (Part I)/Corr.2".
          while (cur + 1 < n && text[cur] == '/') {
            const size_t e = parse_segment(text, cur + 1);
            const std::string_view seg = text.substr(cur + 1, e - cur - 1);
            if (suffix_word(seg).empty()) break;
            append_suffix(seg, &m->id);
            cur = e;
          }
          break;
        }
      }
    }
  }
  if (m->family.empty()) m->family = m->id;
  m->end = cur;
  m->kind = SymbolKind::kUnDocument;
  return true;
}

// A corrigendum, addendum or revision written after a symbol without its base: "S/PV.4085+
// Corr.1", "S/12828 and Corr.1", "S/12829/Rev.1 and Add.1". Appends it as a match of its own
// (the base symbol's id plus the suffix) and returns where scanning resumes, or `pos`.
size_t try_attached_suffix(std::string_view text, size_t pos, const SymbolMatch& base,
                           std::vector<SymbolMatch>* out) {
  // A run of them: "S/3879 & Add.1, Add.2, Add.3", "S/PV.4085+Corr.1".
  size_t end = pos;
  for (int k = 0; k < 32; ++k) {
    size_t p = scan::skip_spaces(text, end, 4);
    if (p < text.size() && (text[p] == '+' || text[p] == ',' || text[p] == '&')) {
      p = scan::skip_spaces(text, p + 1, 4);
    } else if (text.substr(p, 4) == "and ") {
      p = scan::skip_spaces(text, p + 4, 4);
    } else {
      break;
    }
    const size_t e = parse_segment(text, p);
    if (e == p || (e < text.size() && (text[e] == '/' || text[e] == '-'))) break;  // "Add.1-3"
    const std::string_view seg = text.substr(p, e - p);
    const std::string_view word = suffix_word(seg);
    if (word.empty()) break;
    SymbolMatch m;
    m.start = p;
    m.end = e;
    m.id = base.id;
    append_suffix(seg, &m.id);
    m.family = base.family;
    out->push_back(std::move(m));
    end = e;
  }
  return end;
}

// Folds the word [s, e) into `buf` (capacity `cap`); returns its length or 0 when too long.
size_t fold_word(std::string_view text, size_t s, size_t e, char* buf, size_t cap) {
  size_t k = 0;
  char tmp[4];
  for (size_t i = s; i < e;) {
    char32_t cp = scan::decode(text, &i);
    size_t m = scan::fold_cp(cp, tmp);
    if (k + m > cap) return 0;
    std::memcpy(buf + k, tmp, m);
    k += m;
  }
  return k;
}

size_t word_end(std::string_view text, size_t pos) {
  size_t i = pos;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (!is_ascii_alnum(c)) break;
      ++i;
      continue;
    }
    size_t j = i;
    if (!scan::is_word_cp(scan::decode(text, &j))) break;
    i = j;
  }
  return i;
}

// ---- Prose citations: "resolution(s) ..." / "decision(s) ..." -----------------------------

// Folded words of `text` separated by single spaces (every non-word run becomes ' ').
std::string context_words(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char tmp[4];
  bool space = false;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = scan::decode(text, &i);
    if (scan::is_word_cp(cp)) {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.append(tmp, scan::fold_cp(cp, tmp));
    } else {
      space = true;
    }
  }
  return out;
}

bool ends_with_words(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix &&
         (s.size() == suffix.size() || s[s.size() - suffix.size() - 1] == ' ');
}
bool starts_with_words(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix &&
         (s.size() == prefix.size() || s[prefix.size()] == ' ');
}

// Start of a window of at most `bytes` bytes ending at `pos`, on a UTF-8 boundary.
size_t window_start(std::string_view text, size_t pos, size_t bytes) {
  size_t from = pos > bytes ? pos - bytes : 0;
  while (from > 0 && from < pos && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
  return from;
}

// Organs written before a keyword, longest names first; `kCouncil`/`kCommission` are the
// generic words, resolved later. Folded words ("conseil economique et social").
enum class Named : uint8_t {
  kNone,
  kAssembly,
  kSecurityCouncil,
  kEcosoc,
  kHumanRights,
  kTrusteeship,
  kRightsCommission,
  kWomenCommission,
  kDrugsCommission,
  kCrimeCommission,
  kOther,
  kCouncil,
  kCommission,
  kIts
};

struct OrganName {
  std::string_view words;
  Named named;
};

// Names that may stand right before "resolution" ("Security Council resolution", "Council's
// resolution") or after "of the" ("resolution 2625 (XXV) of the General Assembly").
constexpr OrganName kOrganNames[] = {
    {"world health assembly", Named::kOther},
    {"environment assembly", Named::kOther},
    {"habitat assembly", Named::kOther},
    {"parliamentary assembly", Named::kOther},
    {"general assembly", Named::kAssembly},
    {"assembly", Named::kAssembly},
    {"assemblee generale", Named::kAssembly},
    {"asamblea general", Named::kAssembly},
    {"security council", Named::kSecurityCouncil},
    {"conseil de securite", Named::kSecurityCouncil},
    {"consejo de seguridad", Named::kSecurityCouncil},
    {"economic and social council", Named::kEcosoc},
    {"conseil economique et social", Named::kEcosoc},
    {"consejo economico y social", Named::kEcosoc},
    {"ecosoc", Named::kEcosoc},
    {"human rights council", Named::kHumanRights},
    {"conseil des droits de l homme", Named::kHumanRights},
    {"consejo de derechos humanos", Named::kHumanRights},
    {"trusteeship council", Named::kTrusteeship},
    {"governing council", Named::kOther},
    {"executive board", Named::kOther},
    {"general conference", Named::kOther},
    {"conference", Named::kOther},
    {"commission on human rights", Named::kRightsCommission},
    {"commission des droits de l homme", Named::kRightsCommission},
    {"comision de derechos humanos", Named::kRightsCommission},
    {"commission on the status of women", Named::kWomenCommission},
    {"commission de la condition de la femme", Named::kWomenCommission},
    {"comision de la condicion juridica y social de la mujer", Named::kWomenCommission},
    {"commission on narcotic drugs", Named::kDrugsCommission},
    {"commission des stupefiants", Named::kDrugsCommission},
    {"comision de estupefacientes", Named::kDrugsCommission},
    {"commission on crime prevention and criminal justice", Named::kCrimeCommission},
    {"commission pour la prevention du crime et la justice penale", Named::kCrimeCommission},
    {"comision de prevencion del delito y justicia penal", Named::kCrimeCommission},
    {"council", Named::kCouncil},
    {"council s", Named::kCouncil},
    {"conseil", Named::kCouncil},
    {"consejo", Named::kCouncil},
    {"commission", Named::kCommission},
    {"commission s", Named::kCommission},
    {"comision", Named::kCommission},
    {"assembly s", Named::kAssembly},
    {"its", Named::kIts},
    {"sa", Named::kIts},
    {"ses", Named::kIts},
    {"su", Named::kIts},
    {"sus", Named::kIts},
};

Organ organ_of(Named n) {
  switch (n) {
    case Named::kAssembly:
      return Organ::kAssembly;
    case Named::kSecurityCouncil:
      return Organ::kSecurityCouncil;
    case Named::kEcosoc:
      return Organ::kEcosoc;
    case Named::kHumanRights:
      return Organ::kHumanRights;
    case Named::kTrusteeship:
      return Organ::kTrusteeship;
    case Named::kRightsCommission:
      return Organ::kRightsCommission;
    case Named::kWomenCommission:
      return Organ::kWomenCommission;
    case Named::kDrugsCommission:
      return Organ::kDrugsCommission;
    case Named::kCrimeCommission:
      return Organ::kCrimeCommission;
    case Named::kOther:
      return Organ::kOther;
    default:
      return Organ::kNone;
  }
}

// The organ named right before the keyword at `pos` ("Security Council resolution",
// "Council's resolution", "its resolutions", "Assembly resolution").
Named named_at_end(std::string_view ctx) {
  for (const OrganName& o : kOrganNames)
    if (ends_with_words(ctx, o.words)) return o.named;
  return Named::kNone;
}

std::string_view drop_last_word(std::string_view ctx) {
  size_t sp = ctx.rfind(' ');
  return sp == std::string_view::npos ? std::string_view() : ctx.substr(0, sp);
}

Named named_before(std::string_view text, size_t pos) {
  const size_t from = window_start(text, pos, 220);
  const std::string all = context_words(text.substr(from, pos - from));
  std::string_view ctx = all;
  // "Security Council resolution", "the Council's resolution": the words just before.
  Named named = named_at_end(ctx);
  if (named == Named::kIts) {
    // "established by the United Nations Environment Assembly in its resolution 5/14": the
    // body just named owns "its".
    std::string_view before = drop_last_word(ctx);
    for (std::string_view w :
         {"in", "by", "through", "under", "with", "dans", "par", "en", "por", "mediante"})
      if (ends_with_words(before, w)) before = drop_last_word(before);
    Named owner = named_at_end(before);
    if (owner != Named::kNone && owner != Named::kIts && owner != Named::kCouncil &&
        owner != Named::kCommission)
      return owner;
    return Named::kIts;
  }
  if (named != Named::kNone) return named;
  // "Human Rights Council resolutions on the subject, including resolution 60/5": the organ of
  // the resolutions the list picks from.
  static constexpr std::string_view kPicks[] = {
      "including",      "inter alia", "in particular", "notably",  "especially", "most recently",
      "en particulier", "notamment",  "en particular", "incluida", "incluidas"};
  for (std::string_view pick : kPicks) {
    if (!ends_with_words(ctx, pick)) continue;
    size_t best_at = std::string_view::npos;
    Named best = Named::kNone;
    for (const OrganName& o : kOrganNames) {
      if (o.named == Named::kIts || o.named == Named::kCouncil || o.named == Named::kCommission)
        continue;
      for (std::string_view kw : {" resolutions", " resolution", " decisions", " resoluciones"}) {
        const std::string phrase = std::string(o.words) + std::string(kw);
        const size_t at = ctx.rfind(phrase);
        if (at != std::string_view::npos && (at == 0 || ctx[at - 1] == ' ') &&
            (best_at == std::string_view::npos || at > best_at)) {
          best_at = at;
          best = o.named;
        }
      }
    }
    return best;
  }
  return Named::kNone;
}

// The organ named just after a citation list ("of the Security Council", "de l'Assemblée
// générale", "adopted by the Council"); `kOther` for another named body ("of the Conference
// of the Parties").
Named named_after(std::string_view text, size_t pos) {
  size_t to = pos + 96 < text.size() ? pos + 96 : text.size();
  while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
  std::string ctx = context_words(text.substr(pos, to - pos));
  static constexpr std::string_view kLeads[] = {
      "of the",         "adopted by the", "du",
      "de l",           "de la",          "del",
      "adoptee par l",  "adoptee par le", "aprobada por la",
      "aprobada por el"};
  for (std::string_view lead : kLeads) {
    if (!starts_with_words(ctx, lead)) continue;
    std::string_view rest = std::string_view(ctx).substr(lead.size());
    if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
    for (const OrganName& o : kOrganNames) {
      if (o.named == Named::kIts || o.words.ends_with(" s")) continue;
      if (!starts_with_words(rest, o.words)) continue;
      // "of the General Assembly of the SSE Archive Network": another body's organ.
      std::string_view more = rest.substr(o.words.size());
      if (!more.empty()) more.remove_prefix(1);
      for (std::string_view of : {"of ", "de ", "del ", "du "}) {
        if (!more.starts_with(of)) continue;
        std::string_view whose = more.substr(of.size());
        for (std::string_view skip : {"the ", "l ", "la ", "las ", "los ", "les "})
          if (whose.starts_with(skip)) whose.remove_prefix(skip.size());
        if (!whose.starts_with("united nations") && !whose.starts_with("nations unies") &&
            !whose.starts_with("naciones unidas") && !whose.starts_with("onu") &&
            !whose.starts_with("un "))
          return Named::kOther;
      }
      return o.named;
    }
    // "of the Conference of the Parties", "of the Board": another body, written with a
    // capital. Dates ("of 16 December") never get here: they have no article.
    if (lead == "of the") {
      size_t at = pos;
      while (at < to && text[at] != 'f') ++at;  // past "of"
      size_t p = scan::skip_spaces(text, at + 1, 8);
      if (p + 3 < to && (text.substr(p, 3) == "the")) {
        p = scan::skip_spaces(text, p + 3, 8);
        if (p < to && is_ascii_upper(static_cast<unsigned char>(text[p])) &&
            !starts_with_words(rest, "charter") && !starts_with_words(rest, "secretary general"))
          return Named::kOther;
      }
    }
    return Named::kNone;
  }
  return Named::kNone;
}

// The last council (or commission) named on the page before `pos`, for "Council resolution".
Named last_named(std::string_view text, size_t pos, bool council) {
  const size_t from = window_start(text, pos, 4000);
  std::string ctx = context_words(text.substr(from, pos - from));
  Named best = Named::kNone;
  size_t best_at = 0;
  for (const OrganName& o : kOrganNames) {
    if (o.named == Named::kCouncil || o.named == Named::kCommission || o.named == Named::kIts ||
        o.named == Named::kAssembly || o.named == Named::kOther)
      continue;
    const bool is_council = o.named == Named::kSecurityCouncil || o.named == Named::kEcosoc ||
                            o.named == Named::kHumanRights || o.named == Named::kTrusteeship;
    if (is_council != council) continue;
    size_t at = ctx.rfind(o.words);
    if (at == std::string::npos) continue;
    if (best == Named::kNone || at + o.words.size() > best_at) {
      best = o.named;
      best_at = at + o.words.size();
    }
  }
  return best;
}

// True when the paragraph before `pos` (back to a blank line, at most 1500 bytes) names the
// Human Rights Council.
bool paragraph_names_rights_council(std::string_view text, size_t pos) {
  size_t from = window_start(text, pos, 1500);
  // Only the window is searched: a page without blank lines is not read back to its start
  // for every citation.
  const size_t blank = text.substr(from, pos - from).rfind("\n\n");
  if (blank != std::string_view::npos && blank > 0) from += blank;
  std::string ctx = context_words(text.substr(from, pos - from));
  return ctx.find("human rights council") != std::string::npos ||
         ctx.find("conseil des droits de l homme") != std::string::npos ||
         ctx.find("consejo de derechos humanos") != std::string::npos;
}

// The functional commissions' reports in the Council's series, by their number: E/YYYY/27 the
// Commission on the Status of Women's (Supplement No. 7 of the Official Records), /28 the
// Commission on Narcotic Drugs', /30 the Commission on Crime Prevention and Criminal Justice's.
struct CommissionReport {
  std::string_view number;
  Named named;
  Organ organ;
};
constexpr CommissionReport kCommissionReports[] = {
    {"27", Named::kWomenCommission, Organ::kWomenCommission},
    {"28", Named::kDrugsCommission, Organ::kDrugsCommission},
    {"30", Named::kCrimeCommission, Organ::kCrimeCommission},
};

// True when `words` (context_words()) are only a chapter/section/annex reference: "chap i
// sect c", "annex ii para 3".
bool only_chapter_reference(const std::string& words) {
  static constexpr std::string_view kAllowed[] = {"chap",  "sect", "part", "annex", "vol", "para",
                                                  "paras", "and",  "i",    "ii",    "iii", "iv",
                                                  "v",     "vi",   "vii",  "viii",  "ix",  "x"};
  size_t p = 0;
  while (p < words.size()) {
    size_t e = words.find(' ', p);
    if (e == std::string::npos) e = words.size();
    std::string_view w = std::string_view(words).substr(p, e - p);
    bool ok = w.size() <= 1 || all_digits(w);
    for (std::string_view a : kAllowed) ok = ok || w == a;
    if (!ok) return false;
    p = e + 1;
  }
  return true;
}

// A report's symbol as cited before its chapter: "E/2024/24", "A/78/53" (organ, session or
// year, number; nothing after).
bool report_symbol(std::string_view sym) {
  if (!(sym.starts_with("A/") || sym.starts_with("E/"))) return false;
  const size_t slash = sym.find('/', 2);
  if (slash == std::string_view::npos || slash == 2 || slash + 1 >= sym.size()) return false;
  return all_digits(sym.substr(2, slash - 2)) && all_digits(sym.substr(slash + 1));
}

// The report a citation comes from, just before the keyword: an Official Records footnote
// ("Supplement No. 53 (A/78/53), chap. II, sect. A,") or a report's symbol followed by its
// chapter ("(see E/2024/24, chap. I, sect. C, decision 55/112)") -> the body whose report that
// is (kOther when not one we know).
Named footnote_organ(std::string_view text, size_t pos) {
  const size_t from = window_start(text, pos, 120);
  std::string_view win = text.substr(from, pos - from);
  std::string_view sym;
  std::string rest;
  size_t sup = win.rfind("Supplement No");
  if (sup == std::string_view::npos) sup = win.rfind("Supplément n");
  if (sup == std::string_view::npos) sup = win.rfind("Suplemento n");
  if (sup != std::string_view::npos) {
    // Only a chapter/section/annex reference may stand between the report and the keyword.
    size_t open = win.find('(', sup);
    size_t close = open == std::string_view::npos ? open : win.find(')', open);
    if (close == std::string_view::npos) return Named::kNone;
    if (close + 1 < win.size() && win[close + 1] == '.') return Named::kNone;  // "(A/59/19)." ends it
    rest = context_words(win.substr(close + 1));
    sym = win.substr(open + 1, close - open - 1);
  } else {
    // The last report symbol in the window, then its chapter and section.
    size_t at = std::string_view::npos;
    for (std::string_view start : {"A/", "E/"}) {
      const size_t k = win.rfind(start);
      if (k != std::string_view::npos && (k == 0 || win[k - 1] == ' ' || win[k - 1] == '(') &&
          (at == std::string_view::npos || k > at))
        at = k;
    }
    if (at == std::string_view::npos) return Named::kNone;
    size_t e = at;
    while (e < win.size() && win[e] != ',' && win[e] != ')' && win[e] != ' ') ++e;
    sym = win.substr(at, e - at);
    if (!report_symbol(sym) || e >= win.size() || win[e] != ',') return Named::kNone;
    // The reference runs on to the citation: "sect. C, decision 55/112", not "annex.\n
    // Resolution 1514 (XV)" (two footnotes).
    size_t last = win.find_last_not_of(" \n");
    if (last == std::string_view::npos || win[last] != ',') return Named::kNone;
    rest = context_words(win.substr(e + 1));
    if (rest.find("chap") == std::string::npos && rest.find("annex") == std::string::npos)
      return Named::kNone;
  }
  if (!only_chapter_reference(rest)) return Named::kNone;
  size_t last = sym.rfind('/');
  if (last == std::string_view::npos) return Named::kOther;
  std::string_view num = sym.substr(last + 1);
  if (sym.starts_with("A/")) {
    if (num == "53") return Named::kHumanRights;  // report of the Human Rights Council
    if (num == "49") return Named::kAssembly;     // the Assembly's own resolutions
    return Named::kOther;
  }
  if (sym.starts_with("E/")) {
    for (const CommissionReport& r : kCommissionReports)
      if (num == r.number) return r.named;
    return Named::kOther;
  }
  return Named::kOther;
}

enum class RefKind { kSession, kSpecial, kConference, kYear, kRoman, kBare };

struct Ref {
  RefKind kind = RefKind::kBare;
  size_t start = 0;
  size_t end = 0;
  std::string_view special;  // "ES-10" / "S-10" for kSpecial
  std::string_view a;        // number (or session / year before the '/')
  std::string_view b;        // number after the '/'
  std::string_view tag;      // year or Roman session in brackets
  std::string_view part;     // "40/151 G", "53/77 AA"
  bool ocr_one = false;      // "43 I (1978)": a 1 read as I after the number
  size_t date_start = 0;
  size_t date_end = 0;
};

// A part letter after a number ("40/151 G", "31/6 A and B", "3367 A (XXX)"): one capital
// letter followed by punctuation or by a word that continues a citation, never by a word
// that starts a phrase ("77/281 A new ...").
size_t parse_part(std::string_view text, size_t pos, std::string_view* part) {
  const size_t n = text.size();
  if (pos >= n || text[pos] != ' ') return std::string_view::npos;
  size_t p = pos + 1;
  if (p >= n || !is_ascii_upper(static_cast<unsigned char>(text[p]))) return std::string_view::npos;
  size_t e = p + 1;
  if (e < n && text[e] == text[p]) ++e;  // after Z come AA, BB...
  if (e < n && (is_ascii_alnum(static_cast<unsigned char>(text[e])) || text[e] == '/' ||
                text[e] == '-' || text[e] == '\''))
    return std::string_view::npos;
  // "44/197 B." ends a sentence; "44/197 B.1" does not end a part.
  if (e < n && text[e] == '.' && e + 1 < n && text[e + 1] != ' ' && text[e + 1] != '\n')
    return std::string_view::npos;
  if (e < n && (text[e] == ' ' || text[e] == '\n')) {
    size_t w = scan::skip_spaces(text, e, 4);
    size_t we = w;
    while (we < n && scan::is_ascii_lower(static_cast<unsigned char>(text[we]))) ++we;
    std::string_view word = text.substr(w, we - w);
    static constexpr std::string_view kFollow[] = {
        "and",     "of",         "et",       "y",     "on", "de", "du",  "del",
        "adopted", "entitled",   "which",    "annex", "in", "to", "or",  "ou",
        "o",       "concerning", "relating", "as",    "by", "at", "sur", "para"};
    bool ok = w < n && !is_ascii_alnum(static_cast<unsigned char>(text[w]));
    if (w < n && text[w] == '(') ok = true;
    for (std::string_view f : kFollow)
      ok = ok || (word == f && (we >= n || !is_ascii_alnum(static_cast<unsigned char>(text[we]))));
    if (!ok) return std::string_view::npos;
  }
  *part = text.substr(p, e - p);
  return e;
}

// One prose citation at `pos`: "77/281", "ES-10/19", "242 (1967)", "1514 (XV)", "3367 A
// (XXX)", "40/151 G", "2334".
bool parse_ref(std::string_view text, size_t pos, Ref* ref) {
  const size_t n = text.size();
  *ref = Ref{};
  ref->start = pos;
  size_t i = pos;
  // Special and emergency special sessions: "S-10/2", "ES-10/19".
  if (i + 2 < n && (text.substr(i, 2) == "S-" || (i + 3 < n && text.substr(i, 3) == "ES-"))) {
    size_t d = text[i] == 'E' ? i + 3 : i + 2;
    size_t e = d;
    while (e < n && is_ascii_digit(static_cast<unsigned char>(text[e])) && e - d < 3) ++e;
    if (e == d || e >= n || text[e] != '/') return false;
    size_t j = e + 1;
    while (j < n && is_ascii_digit(static_cast<unsigned char>(text[j])) && j - e <= 4) ++j;
    if (j == e + 1 ||
        (j < n && (is_ascii_alnum(static_cast<unsigned char>(text[j])) || text[j] == '/')))
      return false;
    ref->kind = RefKind::kSpecial;
    ref->special = text.substr(i, e - i);
    ref->b = text.substr(e + 1, j - e - 1);
    ref->end = j;
    if (size_t pe = parse_part(text, j, &ref->part); pe != std::string_view::npos) ref->end = pe;
    return true;
  }
  while (i < n && is_ascii_digit(static_cast<unsigned char>(text[i])) && i - pos < 5) ++i;
  if (i == pos || i - pos > 4) return false;
  ref->a = text.substr(pos, i - pos);
  if (i + 1 < n && text[i] == '/' && is_ascii_upper(static_cast<unsigned char>(text[i + 1]))) {
    // Decisions of treaty conferences: "1/CP.21", "2/CMA.4", "1/CMP.16", "15/COP.2".
    size_t j = i + 1;
    while (j < n && is_ascii_upper(static_cast<unsigned char>(text[j])) && j - i <= 4) ++j;
    const std::string_view body = text.substr(i + 1, j - i - 1);
    if (body != "CP" && body != "CMA" && body != "CMP" && body != "COP" && body != "MOP")
      return false;
    if (j + 1 >= n || text[j] != '.' || !is_ascii_digit(static_cast<unsigned char>(text[j + 1])))
      return false;
    size_t e = j + 1;
    while (e < n && is_ascii_digit(static_cast<unsigned char>(text[e])) && e - j <= 3) ++e;
    ref->kind = RefKind::kConference;
    ref->b = text.substr(i + 1, e - i - 1);
    ref->end = e;
    return true;
  }
  if (i < n && text[i] == '/') {
    size_t j = i + 1;
    while (j < n && is_ascii_digit(static_cast<unsigned char>(text[j])) && j - i <= 5) ++j;
    if (j == i + 1 || j - i - 1 > 4) return false;
    // "11/8/2020" is a date; "77/281/Rev.1" is not a prose form we expand.
    if (j < n && (text[j] == '/' || is_ascii_alnum(static_cast<unsigned char>(text[j]))))
      return false;
    if (j + 1 < n && (text[j] == '.' || text[j] == ',') &&
        is_ascii_digit(static_cast<unsigned char>(text[j + 1])))
      return false;
    ref->kind = RefKind::kSession;
    ref->b = text.substr(i + 1, j - i - 1);
    ref->end = j;
    if (size_t pe = parse_part(text, j, &ref->part); pe != std::string_view::npos) ref->end = pe;
    return true;
  }
  if (i < n && (is_ascii_alnum(static_cast<unsigned char>(text[i])) || text[i] == '/'))
    return false;
  if (i + 1 < n && (text[i] == '.' || text[i] == ',') &&
      is_ascii_digit(static_cast<unsigned char>(text[i + 1])))
    return false;
  size_t after = i;
  if (size_t pe = parse_part(text, i, &ref->part); pe != std::string_view::npos) after = pe;
  std::string_view tag;
  size_t e = parse_bracket_tag(text, after, &tag);
  if (e != std::string_view::npos && all_digits(tag) && !ref->part.empty()) {
    // Security Council resolutions have no parts: "43 I (1978)" is OCR for "431 (1978)".
    if (ref->part != "I") return false;
    ref->kind = RefKind::kYear;
    ref->tag = tag;
    ref->end = e;
    ref->ocr_one = true;
    ref->part = {};
    return true;
  }
  if (e != std::string_view::npos) {
    ref->kind = all_digits(tag) ? RefKind::kYear : RefKind::kRoman;
    ref->tag = tag;
    ref->end = e;
    return true;
  }
  ref->part = {};
  ref->kind = RefKind::kBare;
  ref->end = i;
  return true;
}

std::string_view organ_prefix(Organ organ, bool decision) {
  switch (organ) {
    case Organ::kAssembly:
      return decision ? "A/DEC/" : "A/RES/";
    case Organ::kSecurityCouncil:
      return decision ? "" : "S/RES/";
    case Organ::kEcosoc:
      return decision ? "E/DEC/" : "E/RES/";
    case Organ::kHumanRights:
      return decision ? "A/HRC/DEC/" : "A/HRC/RES/";
    case Organ::kTrusteeship:
      return decision ? "" : "T/RES/";
    case Organ::kRightsCommission:
      return decision ? "E/CN.4/DEC/" : "E/CN.4/RES/";
    case Organ::kWomenCommission:
      return decision ? "E/CN.6/DEC/" : "E/CN.6/RES/";
    case Organ::kDrugsCommission:
      return decision ? "E/CN.7/DEC/" : "E/CN.7/RES/";
    case Organ::kCrimeCommission:
      return decision ? "E/CN.15/DEC/" : "E/CN.15/RES/";
    case Organ::kOther:
      return decision ? "?/DEC/" : "?/RES/";
    case Organ::kNone:
      return "";
  }
  return "";
}

// The organ a citation's own form implies when none is named (see symbols.h).
Organ organ_by_form(const Ref& ref, bool decision, const SymbolContext& ctx, std::string_view text,
                    size_t keyword) {
  switch (ref.kind) {
    case RefKind::kSession: {
      if (ref.a.size() == 4) return Organ::kEcosoc;  // "2023/5"
      const int a = to_int(ref.a);
      if (ctx.author == Organ::kHumanRights && a <= 70) return Organ::kHumanRights;
      if (ctx.author_session > 0 && a <= ctx.author_session) return ctx.author;
      if (a >= 31) return Organ::kAssembly;
      if (paragraph_names_rights_council(text, keyword)) return Organ::kHumanRights;
      return Organ::kOther;  // "resolution 20/8": not the Assembly's, organ unresolved
    }
    case RefKind::kConference:
      return Organ::kOther;
    case RefKind::kSpecial:
      return ctx.author == Organ::kHumanRights && ref.special.starts_with("S-")
                 ? Organ::kHumanRights
                 : Organ::kAssembly;
    case RefKind::kYear:
      return decision ? Organ::kNone : Organ::kSecurityCouncil;
    case RefKind::kRoman:
      if (decision) return Organ::kNone;
      // An emergency special session ("ES-III") counts as its number: the Assembly's.
      return roman_value(ref.tag) > 30 ? Organ::kEcosoc : Organ::kAssembly;
    case RefKind::kBare:
      // A Security Council resolution cites the Council's own by bare number ("paragraph 6
      // of resolution 2360"), and so do the reports and letters of its S/ series;
      // elsewhere a bare number names no organ.
      return !decision && (ctx.author == Organ::kSecurityCouncil || ctx.council_series)
                 ? Organ::kSecurityCouncil
                 : Organ::kNone;
  }
  return Organ::kNone;
}

// The organ of a citation from what the text names (`named`) and the citation's form.
Organ resolve_organ(Named named, const Ref& ref, bool decision, const SymbolContext& ctx,
                    std::string_view text, size_t keyword) {
  switch (named) {
    case Named::kNone:
      return organ_by_form(ref, decision, ctx, text, keyword);
    default:
      break;
  }
  if (ref.kind == RefKind::kConference) return Organ::kOther;
  switch (named) {
    case Named::kNone:
      return organ_by_form(ref, decision, ctx, text, keyword);
    case Named::kIts:
      if (ctx.author == Organ::kOther) return Organ::kOther;  // an executive board's "its"
      if (ctx.author != Organ::kNone) {
        // A Security Council document's "its resolution 2334 (2016)" and an Assembly's
        // "its resolution 77/281": the author, when the form fits it.
        if (ctx.author == Organ::kSecurityCouncil &&
            (ref.kind == RefKind::kYear || ref.kind == RefKind::kBare))
          return ctx.author;
        if (ctx.author == Organ::kAssembly &&
            (ref.kind == RefKind::kSpecial ||
             (ref.kind == RefKind::kRoman && roman_value(ref.tag) <= 30) ||
             (ref.kind == RefKind::kSession && ref.a.size() <= 2 && to_int(ref.a) >= 31)))
          return ctx.author;
        if (ctx.author == Organ::kEcosoc &&
            (ref.kind == RefKind::kRoman || (ref.kind == RefKind::kSession && ref.a.size() == 4)))
          return ctx.author;
        if (ctx.author == Organ::kHumanRights &&
            (ref.kind == RefKind::kSession || ref.kind == RefKind::kSpecial))
          return ctx.author;
      }
      return organ_by_form(ref, decision, ctx, text, keyword);
    case Named::kCouncil: {
      // The form tells which council: "2255 (2015)" Security, "2006/46" Economic and
      // Social, "52/28" and "S-17/1" Human Rights; otherwise the last council named.
      if (ref.kind == RefKind::kYear) return Organ::kSecurityCouncil;
      if (ref.kind == RefKind::kSession)
        return ref.a.size() == 4 ? Organ::kEcosoc : Organ::kHumanRights;
      if (ref.kind == RefKind::kSpecial) return Organ::kHumanRights;
      Named last = last_named(text, keyword, true);
      if (last == Named::kNone)
        return ref.kind == RefKind::kBare ? Organ::kSecurityCouncil : Organ::kEcosoc;
      return organ_of(last);
    }
    case Named::kCommission: {
      // "Commission resolution 69/2": the last commission named, or the one whose document
      // this is.
      Named last = last_named(text, keyword, false);
      if (last != Named::kNone) return organ_of(last);
      return ctx.author_session > 0 ? ctx.author : Organ::kOther;
    }
    default:
      return organ_of(named);
  }
}

// Canonical id of a prose citation, or "" when it is not enough to tell.
std::string ref_id(const Ref& ref, Organ organ, bool decision) {
  std::string_view prefix = organ_prefix(organ, decision);
  if (prefix.empty()) return {};
  std::string id(prefix);
  switch (ref.kind) {
    case RefKind::kSession:
    case RefKind::kConference:
      id.append(ref.a);
      id.push_back('/');
      id.append(ref.b);
      if (!ref.part.empty()) id.append(ref.part);
      return id;
    case RefKind::kSpecial:
      id.append(ref.special);
      id.push_back('/');
      id.append(ref.b);
      if (!ref.part.empty()) id.append(ref.part);
      return id;
    case RefKind::kYear:
    case RefKind::kRoman:
      if (decision) return {};
      id.append(ref.a);
      if (ref.ocr_one) id.push_back('1');
      if (!ref.part.empty()) id.append(ref.part);
      id.push_back('(');
      id.append(ref.tag);
      id.push_back(')');
      return id;
    case RefKind::kBare:
      // "Security Council resolution 2334"; other organs always write a session or year.
      if (decision || (organ != Organ::kSecurityCouncil && organ != Organ::kAssembly)) return {};
      id.append(ref.a);
      return id;
  }
  return id;
}

// A date written right after a citation: "of 16 December 1992", "du 18 avril 2023", ", de 18
// de abril de 2023", "adopted on 18 April 2023". Returns the end of the date (and its span in
// `ds`, `de`), or npos.
size_t parse_own_date(std::string_view text, size_t pos, size_t* ds, size_t* de) {
  const size_t n = text.size();
  size_t p = scan::skip_spaces(text, pos, 8);
  if (p < n && text[p] == ',') p = scan::skip_spaces(text, p + 1, 8);
  size_t we = word_end(text, p);
  std::string_view w = text.substr(p, we - p);
  if (w == "adopted" || w == "adoptée" || w == "adoptada" || w == "aprobada") {
    p = scan::skip_spaces(text, we, 8);
    we = word_end(text, p);
    w = text.substr(p, we - p);
    if (w != "on" && w != "le" && w != "el") return std::string_view::npos;
  } else if (w == "dated") {
    // "dated 18 April 2023"
  } else if (w != "of" && w != "du" && w != "de" && w != "del") {
    return std::string_view::npos;
  }
  p = scan::skip_spaces(text, we, 8);
  if (p < n && (text.substr(p, 3) == "le " || text.substr(p, 3) == "el ")) p += 3;
  size_t to = p + 40 < n ? p + 40 : n;
  while (to < n && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
  std::vector<DateMatch> dates;
  find_dates(text.substr(p, to - p), &dates);
  if (dates.empty() || dates[0].start != 0) return std::string_view::npos;
  *ds = p;
  *de = p + dates[0].end;
  return *de;
}

// What may follow a citation inside a list without ending it: ", annex", ", annexes I and
// II", ", para. 5", "and Corr.1" is not handled (it is a symbol of its own).
size_t skip_annex(std::string_view text, size_t pos) {
  size_t p = scan::skip_spaces(text, pos, 4);
  if (p >= text.size() || text[p] != ',') return std::string_view::npos;
  p = scan::skip_spaces(text, p + 1, 4);
  size_t we = word_end(text, p);
  std::string_view w = text.substr(p, we - p);
  if (w != "annex" && w != "annexes" && w != "annexe" && w != "anexo" && w != "anexos")
    return std::string_view::npos;
  size_t e = we;
  // An optional numeral or letter ("annex I", "annex II").
  size_t q = scan::skip_spaces(text, e, 2);
  size_t qe = word_end(text, q);
  if (qe > q && qe - q <= 4 && is_roman(text.substr(q, qe - q))) e = qe;
  return e;
}

// Skips a list separator (",", "and", "et", "y", "or", "as well as", "ainsi que", "así
// como"...) after a citation; returns the position of the next citation or npos.
size_t skip_list_separator(std::string_view text, size_t pos) {
  size_t p = scan::skip_spaces(text, pos, 8);
  bool comma = false;
  if (p < text.size() && (text[p] == ',' || text[p] == ';')) {
    comma = true;
    p = scan::skip_spaces(text, p + 1, 8);
  }
  if (p < text.size() && text[p] == '&') return scan::skip_spaces(text, p + 1, 8);
  size_t e = word_end(text, p);
  std::string_view w = text.substr(p, e - p);
  if (w == "and" || w == "et" || w == "y" || w == "e" || w == "or" || w == "ou" || w == "o")
    return scan::skip_spaces(text, e, 8);
  auto two = [&](std::string_view first, std::string_view second) -> size_t {
    if (w != first) return std::string_view::npos;
    size_t q = scan::skip_spaces(text, e, 4);
    size_t qe = word_end(text, q);
    if (text.substr(q, qe - q) != second) return std::string_view::npos;
    return qe;
  };
  if (size_t q = two("as", "well"); q != std::string_view::npos) {
    size_t r = scan::skip_spaces(text, q, 4);
    size_t re = word_end(text, r);
    if (text.substr(r, re - r) == "as") return scan::skip_spaces(text, re, 8);
  }
  if (size_t q = two("ainsi", "que"); q != std::string_view::npos)
    return scan::skip_spaces(text, q, 8);
  if (size_t q = two("así", "como"); q != std::string_view::npos)
    return scan::skip_spaces(text, q, 8);
  if (comma) return p;
  return std::string_view::npos;
}

// Resolution numbers of the old numbering, at known sessions (session, number): the General
// Assembly's I-XXX (1946-1975) and ECOSOC's I-LXIII (1946-1977). Numbers grow with sessions,
// so a number far from its session's range belongs to the other organ.
struct Anchor {
  int session;
  int number;
};
constexpr Anchor kAssemblyAnchors[] = {
    {1, 1},     {3, 217},   {4, 289},   {5, 377},   {6, 520},   {8, 724},   {9, 808},   {14, 1472},
    {15, 1514}, {18, 1991}, {20, 2106}, {21, 2200}, {24, 2574}, {25, 2625}, {29, 3314}, {30, 3379}};
constexpr Anchor kEcosocAnchors[] = {{1, 1},     {9, 222},   {20, 583}, {32, 837},
                                     {48, 1503}, {49, 1522}, {63, 2127}};

template <size_t N>
double expected_number(const Anchor (&anchors)[N], int session) {
  if (session <= anchors[0].session) return anchors[0].number;
  for (size_t i = 1; i < N; ++i) {
    if (session <= anchors[i].session) {
      const Anchor& a = anchors[i - 1];
      const Anchor& b = anchors[i];
      return a.number +
             double(b.number - a.number) * (session - a.session) / double(b.session - a.session);
    }
  }
  return anchors[N - 1].number;
}

// The organ whose old numbering fits "N (SESSION)", or `hint` when both or neither fit.
Organ plausible_old_organ(const Ref& ref, Organ hint) {
  const int session = roman_value(ref.tag);
  const double n = to_int(ref.a);
  auto fits = [&](double expected) { return n >= expected * 0.6 - 40 && n <= expected * 1.5 + 40; };
  const bool assembly = session <= 30 && fits(expected_number(kAssemblyAnchors, session));
  const bool ecosoc = session <= 63 && fits(expected_number(kEcosocAnchors, session));
  if (assembly && !ecosoc) return Organ::kAssembly;
  if (ecosoc && !assembly) return Organ::kEcosoc;
  return hint;
}

// "resolution(s) 77/281[, 78/1 and 79/213]" (or "decision(s)") at the keyword [k, ke);
// `keyword_organ`: the organ the keyword itself names ("UNSCR 1701"), else kNone.
bool try_citation(std::string_view text, size_t k, size_t ke, bool decision,
                  const SymbolContext& ctx, std::vector<SymbolMatch>* out, size_t* resume,
                  Named keyword_organ = Named::kNone) {
  const size_t n = text.size();
  size_t p = scan::skip_spaces(text, ke, 8);
  // "Security Council resolution of 22 November 1967 [242 (1967)]".
  char closing = 0;
  {
    size_t ds = 0, de = 0;
    size_t after = parse_own_date(text, ke, &ds, &de);
    if (after != std::string_view::npos) {
      size_t q = scan::skip_spaces(text, after, 4);
      if (q < n && (text[q] == '[' || text[q] == '(')) {
        closing = text[q] == '[' ? ']' : ')';
        p = scan::skip_spaces(text, q + 1, 4);
      }
    }
  }
  // "adopted a resolution [1598 (XV)]".
  if (closing == 0 && p < n && text[p] == '[') {
    closing = ']';
    p = scan::skip_spaces(text, p + 1, 4);
  }
  std::array<Ref, 32> refs;
  size_t nref = 0;
  if (!parse_ref(text, p, &refs[0])) return false;
  nref = 1;
  auto trailers = [&](Ref* r) {
    size_t at = r->end;
    for (int guard = 0; guard < 3; ++guard) {
      size_t ds = 0, de = 0;
      if (r->date_end == 0) {
        if (size_t e = parse_own_date(text, at, &ds, &de); e != std::string_view::npos) {
          r->date_start = ds;
          r->date_end = de;
          at = e;
          continue;
        }
      }
      if (size_t e = skip_annex(text, at); e != std::string_view::npos) {
        at = e;
        continue;
      }
      break;
    }
    return at;
  };
  size_t list_end = trailers(&refs[0]);
  Named after_named = Named::kNone;
  while (nref < refs.size()) {
    // "resolution 2625 (XXV) of the General Assembly and ...": an organ closes the list.
    after_named = named_after(text, list_end);
    if (after_named != Named::kNone) break;
    // "40/257 A to C" (French "A à C", Spanish "A a C"): every letter of the range is cited;
    // those between are written nowhere, so their span is the whole range.
    if (const Ref& last = refs[nref - 1]; last.part.size() == 1) {
      size_t q = list_end;
      for (std::string_view to : {" to ", " \xC3\xA0 ", " a "}) {
        if (text.substr(q).starts_with(to)) {
          q += to.size();
          break;
        }
      }
      std::string_view upto;
      if (q != list_end && parse_part(text, q - 1, &upto) != std::string_view::npos &&
          upto.size() == 1 && upto[0] > last.part[0] && upto[0] - last.part[0] <= 12) {
        static constexpr std::string_view kLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        const Ref first = last;
        for (char c = static_cast<char>(first.part[0] + 1); c <= upto[0] && nref < refs.size();
             ++c) {
          Ref next = first;
          next.part = kLetters.substr(static_cast<size_t>(c - 'A'), 1);
          next.start = c == upto[0] ? q : first.end - 1;
          next.end = q + 1;
          next.date_start = next.date_end = 0;
          refs[nref++] = next;
        }
        list_end = trailers(&refs[nref - 1]);
        continue;
      }
    }
    size_t q = skip_list_separator(text, list_end);
    if (q == std::string_view::npos) break;
    // "31/6 A and B": a lone part letter continues the previous number.
    const Ref& prev = refs[nref - 1];
    if (!prev.part.empty() && q < n && is_ascii_upper(static_cast<unsigned char>(text[q]))) {
      std::string_view part;
      auto later = [](std::string_view a, std::string_view b) {
        return a.size() != b.size() ? a.size() > b.size() : a > b;
      };
      if (parse_part(text, q - 1, &part) != std::string_view::npos && later(part, prev.part)) {
        Ref next = prev;
        next.start = q;
        next.end = q + part.size();
        next.part = part;
        next.date_start = next.date_end = 0;
        refs[nref++] = next;
        list_end = trailers(&refs[nref - 1]);
        continue;
      }
    }
    Ref next;
    if (!parse_ref(text, q, &next)) break;
    if ((next.kind == RefKind::kBare) != (refs[0].kind == RefKind::kBare)) break;
    refs[nref++] = next;
    list_end = trailers(&refs[nref - 1]);
  }
  if (closing != 0) {
    size_t q = scan::skip_spaces(text, list_end, 4);
    if (q < n && text[q] == closing) list_end = q + 1;
  }
  if (after_named == Named::kNone) after_named = named_after(text, list_end);
  Named named = keyword_organ != Named::kNone ? keyword_organ : named_before(text, k);
  // "... the Economic and Social Council [resolution 1991 (XVIII)]": an editor's reference
  // after a sentence that names organs; the organ named last is only a hint.
  size_t before_k = k;
  while (before_k > 0 && (text[before_k - 1] == ' ' || text[before_k - 1] == '\n')) --before_k;
  const bool bracketed = before_k > 0 && text[before_k - 1] == '[';
  if (named == Named::kNone || named == Named::kIts) {
    if (Named fn = footnote_organ(text, k); fn != Named::kNone) named = fn;
  }
  if (after_named != Named::kNone && (named == Named::kNone || named == Named::kIts))
    named = after_named;
  bool any = false;
  for (size_t r = 0; r < nref; ++r) {
    Organ organ = resolve_organ(named, refs[r], decision, ctx, text, k);
    // The Assembly's old numbering ended with its thirtieth session: "1533 (XLIX)" is ECOSOC's.
    if (organ == Organ::kAssembly && refs[r].kind == RefKind::kRoman &&
        roman_value(refs[r].tag) > 30)
      organ = Organ::kEcosoc;
    if (bracketed && refs[r].kind == RefKind::kRoman && !refs[r].tag.starts_with("ES-") &&
        (organ == Organ::kAssembly || organ == Organ::kEcosoc))
      organ = plausible_old_organ(refs[r], organ);
    std::string id = ref_id(refs[r], organ, decision);
    if (id.empty()) continue;
    SymbolMatch m;
    m.start = r == 0 ? k : refs[r].start;
    m.end = refs[r].end;
    if (r == 0 && closing != 0 && nref == 1) m.end = list_end;
    m.family = symbol_family(id);
    m.id = std::move(id);
    m.date_start = refs[r].date_start;
    m.date_end = refs[r].date_end;
    m.in_list = nref > 1;
    m.repaired = refs[r].ocr_one;
    out->push_back(std::move(m));
    any = true;
    *resume = m.end > refs[r].end ? m.end : refs[r].end;
  }
  return any;
}

// "Recommendation No. 193" / "Convention n° 189" at the keyword [k, ke).
bool try_ilo(std::string_view text, size_t k, size_t ke, char series,
             std::vector<SymbolMatch>* out) {
  const size_t n = text.size();
  size_t p = scan::skip_spaces(text, ke, 8);
  // The formal title: "Recommendation concerning the Promotion of Cooperatives, 2002 (No.
  // 193)", "Convention concernant ...", "Convenio sobre ...": the words up to ", YYYY (",
  // within one sentence, only when the year and the bracketed number follow.
  for (std::string_view lead : {"concerning ", "concernant ", "sobre ", "relativo "}) {
    if (text.substr(p, lead.size()) != lead) continue;
    const size_t limit = std::min(n, p + 240);
    for (size_t c = p + lead.size(); c < limit; ++c) {
      const char ch = text[c];
      if (ch == '.' || ch == ';' || ch == ':' || ch == '(' || ch == ')') break;
      if (ch != ',') continue;
      size_t y = scan::skip_spaces(text, c + 1, 4), e = y;
      while (e < n && is_ascii_digit(static_cast<unsigned char>(text[e]))) ++e;
      const size_t b = scan::skip_spaces(text, e, 4);
      if (e - y == 4 && b < n && text[b] == '(') {
        p = c;
        break;
      }
    }
    break;
  }
  // "Recommendation, 2002 (No. 193)": skip ", YYYY".
  if (p < n && text[p] == ',') {
    size_t q = scan::skip_spaces(text, p + 1, 4);
    size_t e = q;
    while (e < n && is_ascii_digit(static_cast<unsigned char>(text[e]))) ++e;
    if (e - q != 4) return false;
    p = scan::skip_spaces(text, e, 4);
  }
  bool bracket = false;
  if (p < n && text[p] == '(') {
    bracket = true;
    p = scan::skip_spaces(text, p + 1, 4);
  }
  // Number marker: No. / No / n° / nº / n.º / núm. / Nr.
  char letters[8];
  size_t nl = 0;
  bool degree = false;
  size_t q = p;
  while (q < n && q - p < 8) {
    size_t j = q;
    char32_t cp = scan::decode(text, &j);
    if (cp == '.') {
      q = j;
      continue;
    }
    if (cp == 0xB0 || cp == 0xBA) {
      degree = true;
      q = j;
      continue;
    }
    if (cp == 'n' || cp == 'N' || cp == 'o' || cp == 'O' || cp == 'u' || cp == 'U' || cp == 0xFA ||
        cp == 'm' || cp == 'r') {
      if (nl >= sizeof(letters)) return false;
      letters[nl++] = cp == 0xFA ? 'u' : scan::ascii_lower(static_cast<char>(cp));
      q = j;
      continue;
    }
    break;
  }
  std::string_view marker(letters, nl);
  bool ok_marker = marker == "no" || marker == "num" || marker == "nr" || marker == "nro" ||
                   (marker == "n" && degree);
  if (!ok_marker || q == p) return false;
  size_t d = scan::skip_spaces(text, q, 4);
  size_t e = d;
  while (e < n && is_ascii_digit(static_cast<unsigned char>(text[e])) && e - d < 4) ++e;
  if (e == d || e - d > 3 || (e < n && is_ascii_alnum(static_cast<unsigned char>(text[e]))))
    return false;
  const int number = to_int(text.substr(d, e - d));
  if (bracket) {  // "(No. 193)": the closing bracket belongs to the citation
    size_t c = scan::skip_spaces(text, e, 4);
    if (c < n && text[c] == ')') e = c + 1;
  }
  SymbolMatch m;
  m.start = k;
  m.end = e;
  m.id = "ILO-";
  m.id.push_back(series);
  m.id.append(std::to_string(number));
  m.family = m.id;
  m.kind = SymbolKind::kIloInstrument;
  out->push_back(std::move(m));
  return true;
}

// "R193" / "C189" as one word.
bool try_ilo_code(std::string_view text, size_t i, size_t we, std::vector<SymbolMatch>* out) {
  size_t len = we - i;
  if (len < 3 || len > 4) return false;
  for (size_t k = i + 1; k < we; ++k)
    if (!is_ascii_digit(static_cast<unsigned char>(text[k]))) return false;
  if (text[i + 1] == '0') return false;
  if (i > 0) {
    unsigned char prev = static_cast<unsigned char>(text[i - 1]);
    if (prev != '-' && blocks_symbol_start(prev)) return false;
    if (prev == '-' && !(i >= 4 && text.substr(i - 4, 3) == "ILO")) return false;
  }
  if (we < text.size() && (text[we] == '/' || text[we] == '-' || text[we] == '.') &&
      we + 1 < text.size() && is_ascii_alnum(static_cast<unsigned char>(text[we + 1])))
    return false;
  SymbolMatch m;
  m.start = i;
  m.end = we;
  m.id = "ILO-";
  m.id.push_back(text[i]);
  m.id.append(std::to_string(to_int(text.substr(i + 1, len - 1))));
  m.family = m.id;
  m.kind = SymbolKind::kIloInstrument;
  out->push_back(std::move(m));
  return true;
}

}  // namespace

namespace detail {

size_t symbols_at(std::string_view text, size_t i, size_t we, std::vector<SymbolMatch>* out,
                  const SymbolContext& context) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char c = s[i];
  // A joint symbol's second half: "A/79/989-S/2025/511" (the hyphen may be U+2011).
  const bool joint = i >= 2 && ((s[i - 1] == '-' && is_ascii_digit(s[i - 2])) ||
                                (i >= 4 && s[i - 3] == 0xE2 && s[i - 2] == 0x80 &&
                                 s[i - 1] == 0x91 && is_ascii_digit(s[i - 4])));
  if (is_ascii_upper(c) && (i == 0 || joint || !blocks_symbol_start(s[i - 1]))) {
    // Cheap test first: a series prefix is followed by '/' (maybe after spaces, or after a
    // series number: "GEGN.2/").
    size_t j = i;
    while (j < we && is_ascii_upper(s[j])) ++j;
    if (j == we && j - i <= 6) {
      size_t k = skip_symbol_space(text, j);
      if (k + 1 < text.size() && s[k] == '.' && is_ascii_digit(s[k + 1])) {
        k += 1;
        while (k < text.size() && is_ascii_digit(s[k])) ++k;
      }
      k = hyphenated_series_end(text, i, k);  // "DP-FPA/": try_written() decides
      if (k < text.size() && s[k] == '/') {
        SymbolMatch m;
        if (try_written(text, i, &m)) {
          size_t end = m.end;
          out->push_back(m);
          return try_attached_suffix(text, end, m, out);
        }
      }
    }
  }
  const size_t len = we - i;
  // "UNSCR 1701", "UNSCRs 1267 and 1989": United Nations Security Council resolution(s).
  if (c == 'U' && (len == 5 || (len == 6 && s[i + 5] == 's')) && text.substr(i, 5) == "UNSCR") {
    size_t resume = we;
    return try_citation(text, i, we, false, context, out, &resume, Named::kSecurityCouncil)
               ? resume
               : 0;
  }
  if (c != 'r' && c != 'R' && c != 'c' && c != 'C' && c != 'd' && c != 'D') return 0;
  if ((c == 'R' || c == 'C') && len <= 4) return try_ilo_code(text, i, we, out) ? we : 0;
  if (len < 8 || len > 16) return 0;
  char buf[24];
  size_t fl = fold_word(text, i, we, buf, sizeof(buf));
  std::string_view w(buf, fl);
  if (w == "resolution" || w == "resolutions" || w == "resolucion" || w == "resoluciones") {
    size_t resume = we;
    return try_citation(text, i, we, false, context, out, &resume) ? resume : 0;
  }
  if (w == "decision" || w == "decisions" || w == "decisiones") {
    size_t resume = we;
    return try_citation(text, i, we, true, context, out, &resume) ? resume : 0;
  }
  if (w == "recommendation" || w == "recommandation" || w == "recomendacion")
    return try_ilo(text, i, we, 'R', out) ? out->back().end : 0;
  if (w == "convention" || w == "convenio")
    return try_ilo(text, i, we, 'C', out) ? out->back().end : 0;
  return 0;
}

}  // namespace detail

void find_symbols(std::string_view text, std::vector<SymbolMatch>* out,
                  const SymbolContext& context) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (!is_ascii_alpha(c)) {
      ++i;
      continue;
    }
    if (i > 0 &&
        (is_ascii_alnum(s[i - 1]) || (s[i - 1] >= 0x80 && scan::word_char_before(text, i)))) {
      i = word_end(text, i);
      continue;
    }
    if (!is_ascii_upper(c) && c != 'r' && c != 'c' && c != 'd') {  // cannot start a symbol
      ++i;
      while (i < n && (is_ascii_alnum(s[i]) || s[i] >= 0x80)) ++i;
      continue;
    }
    size_t we = word_end(text, i);
    size_t resume = detail::symbols_at(text, i, we, out, context);
    i = resume != 0 ? resume : we;
  }
}

std::vector<SymbolMatch> find_symbols(std::string_view text, const SymbolContext& context) {
  std::vector<SymbolMatch> out;
  find_symbols(text, &out, context);
  return out;
}

namespace {

// The year of a Council document "E/YYYY/N[/...]" (2000 or later) whose number N is a
// functional commission's report, and that commission; nullopt otherwise.
std::optional<std::pair<int, Organ>> commission_report(std::string_view symbol) {
  if (!symbol.starts_with("E/") || symbol.size() < 9 || symbol[6] != '/') return std::nullopt;
  const std::string_view year = symbol.substr(2, 4);
  if (!all_digits(year)) return std::nullopt;
  std::string_view number = symbol.substr(7);
  number = number.substr(0, number.find('/'));
  const int y = to_int(year);
  if (y < 2000) return std::nullopt;
  for (const CommissionReport& r : kCommissionReports)
    if (number == r.number) return std::pair(y, r.organ);
  return std::nullopt;
}

}  // namespace

int author_session(std::string_view symbol) {
  // The year of the symbol: "E/2025/28", or "E/CN.7/2025/11" (a document for the session).
  int year = 0;
  Organ organ = Organ::kNone;
  if (const auto report = commission_report(symbol)) {
    year = report->first;
    organ = report->second;
  } else {
    organ = author_of(symbol);
    const size_t slash = symbol.find('/', 2);
    if (slash != std::string_view::npos && symbol.size() >= slash + 5) {
      const std::string_view y = symbol.substr(slash + 1, 4);
      if (all_digits(y) &&
          (symbol.size() == slash + 5 || symbol[slash + 5] == '/'))
        year = to_int(y);
    }
  }
  if (year < 1960) return 0;
  // First sessions: the status of women 1947, narcotic drugs 1946 (one a year, numbered
  // so that 2025's is the 69th and the 68th), crime prevention 1992 (2025: the 34th).
  switch (organ) {
    case Organ::kWomenCommission:
      return year - 1956;
    case Organ::kDrugsCommission:
      return year - 1957;
    case Organ::kCrimeCommission:
      return year >= 1992 ? year - 1991 : 0;
    default:
      return 0;
  }
}

Organ author_of(std::string_view symbol) {
  if (symbol.empty()) return Organ::kNone;
  if (const auto report = commission_report(symbol)) return report->second;
  if (symbol.starts_with("A/HRC/")) return Organ::kHumanRights;
  if (symbol.starts_with("A/")) return Organ::kAssembly;
  if (symbol.starts_with("S/RES/")) return Organ::kSecurityCouncil;
  if (symbol.starts_with("S/") || symbol.starts_with("ST/") || symbol.starts_with("SG/"))
    return Organ::kNone;  // letters, reports and circulars cite; they have no resolutions
  if (symbol.starts_with("E/CN.4/")) return Organ::kRightsCommission;
  if (symbol.starts_with("E/CN.6/")) return Organ::kWomenCommission;
  if (symbol.starts_with("E/CN.7/")) return Organ::kDrugsCommission;
  if (symbol.starts_with("E/CN.15/")) return Organ::kCrimeCommission;
  if (symbol.starts_with("E/CN.") || symbol.starts_with("E/ICEF/")) return Organ::kOther;
  if (symbol.starts_with("E/")) return Organ::kEcosoc;
  if (symbol.starts_with("T/")) return Organ::kTrusteeship;
  // Executive boards and governing bodies: their "its decision 2024/7" is their own.
  for (std::string_view board : {"UNW/", "DP/", "UNEP/", "WFP/", "HSP/", "TD/B/", "IDB."})
    if (symbol.starts_with(board)) return Organ::kOther;
  return Organ::kNone;
}

bool is_unresolved_organ(std::string_view id) { return id.starts_with("?/"); }

std::string unresolved_twin(std::string_view id) {
  if (id.starts_with("?/")) return {};
  for (std::string_view kind : {"/RES/", "/DEC/"}) {
    size_t at = id.find(kind);
    if (at != std::string_view::npos && at > 0)
      return "?" + std::string(kind) + std::string(id.substr(at + kind.size()));
  }
  return {};
}

namespace {

// The length of a resolution's part letters ending `base` ("G" of "A/RES/40/151G", "AA" of
// ".../53/77AA"), or 0.
size_t part_length(std::string_view base) {
  if (base.size() <= 3 || base.find("/RES/") == std::string_view::npos ||
      !is_ascii_upper(static_cast<unsigned char>(base.back())))
    return 0;
  const size_t letters = base[base.size() - 2] == base.back() ? 2 : 1;
  return is_ascii_digit(static_cast<unsigned char>(base[base.size() - 1 - letters])) ? letters : 0;
}

}  // namespace

int roman_value(std::string_view roman) {
  if (roman.starts_with("ES-")) roman.remove_prefix(3);  // emergency special session
  int total = 0, prev = 0;
  for (size_t k = roman.size(); k-- > 0;) {
    const char c = roman[k];
    const int v = c == 'I' ? 1 : c == 'V' ? 5 : c == 'X' ? 10 : c == 'L' ? 50 : c == 'C' ? 100 : 0;
    if (v == 0) return 0;
    total += v < prev ? -v : v;
    prev = std::max(prev, v);
  }
  return total;
}

std::string without_part(std::string_view id) {
  std::string_view base = id, bracket;
  if (!base.empty() && base.back() == ')') {
    const size_t open = base.rfind('(');
    if (open != std::string_view::npos && open > 0) {
      bracket = base.substr(open);
      base = base.substr(0, open);
    }
  }
  base.remove_suffix(part_length(base));
  return std::string(base) + std::string(bracket);
}

std::string symbol_family(std::string_view id) {
  std::string_view base = id;
  if (!base.empty() && base.back() == ')') {
    size_t open = base.rfind('(');
    if (open != std::string_view::npos && open > 0) base = base.substr(0, open);
  }
  base.remove_suffix(part_length(base));  // "A/RES/40/151G", "A/RES/3367A(XXX)"
  size_t from = 0;
  while (true) {
    size_t slash = base.find('/', from);
    if (slash == std::string_view::npos) break;
    std::string_view rest = base.substr(slash + 1);
    if (rest.starts_with("Rev.") || rest.starts_with("Corr.") || rest.starts_with("Add.") ||
        rest.starts_with("Amend.")) {
      base = base.substr(0, slash);
      break;
    }
    from = slash + 1;
  }
  return std::string(base);
}

std::optional<std::string> canonical_symbol(std::string_view written) {
  while (!written.empty() && (written.front() == ' ' || written.front() == '\t'))
    written.remove_prefix(1);
  while (!written.empty() && (written.back() == ' ' || written.back() == '\t' ||
                              written.back() == '.' || written.back() == '\n'))
    written.remove_suffix(1);
  if (written.empty()) return std::nullopt;
  if (written.size() > 6 && written[0] == '?' && written[1] == '/') {
    // An unresolved-organ id as printed ("?/RES/20/8"): check the rest with the Assembly's
    // grammar and give it back with its '?'.
    std::string as_assembly = "A" + std::string(written.substr(1));
    std::optional<std::string> c = canonical_symbol(as_assembly);
    if (c && (c->starts_with("A/RES/") || c->starts_with("A/DEC/"))) return "?" + c->substr(1);
    return std::nullopt;
  }
  if (written.size() > 4 && iequals(written.substr(0, 4), "ILO-")) written.remove_prefix(4);
  if (written.size() > 4 && iequals(written.substr(0, 4), "ILO ")) written.remove_prefix(4);
  std::string as_written(written);
  if (as_written.size() >= 3 && as_written.size() <= 4 &&
      (as_written[0] == 'r' || as_written[0] == 'c'))
    as_written[0] = static_cast<char>(as_written[0] - 32);
  std::string upper;
  append_upper(written, &upper);
  for (const std::string* candidate : {&as_written, &upper}) {
    std::vector<SymbolMatch> found = find_symbols(*candidate);
    if (found.size() == 1 && found[0].start == 0 && found[0].end == candidate->size())
      return found[0].id;
  }
  return std::nullopt;
}

bool is_symbol_id(std::string_view id) {
  if (id.size() > 5 && id.substr(0, 4) == "ILO-" && (id[4] == 'R' || id[4] == 'C') &&
      all_digits(id.substr(5)))
    return true;
  if (id.starts_with("?/RES/") || id.starts_with("?/DEC/")) return id.size() > 6;
  size_t slash = id.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view series = id.substr(0, slash);
  // A numbered series, as try_written() reads it: "GEGN.2/2025/35", "IDB.47/DEC.1".
  const size_t dot = series.find('.');
  if (dot != std::string_view::npos && dot + 1 < series.size() &&
      all_digits(series.substr(dot + 1)))
    series = series.substr(0, dot);
  return is_series(series);
}

}  // namespace concord
