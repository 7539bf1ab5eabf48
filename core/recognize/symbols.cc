// UN document symbol and ILO instrument grammar: a hand-written scanner, no regex.
#include "recognize/symbols.h"

#include <array>
#include <cstring>

#include "recognize/scan.h"

namespace concord {
namespace {

using scan::is_ascii_alnum;
using scan::is_ascii_digit;
using scan::is_ascii_upper;

// Series prefixes a written symbol may start with.
constexpr std::array<std::string_view, 16> kSeries = {"A",    "S",    "E",   "T",    "ST",    "DP",
                                                      "TD",   "UNEP", "UNW", "ICCD", "CEDAW", "CRC",
                                                      "CCPR", "CERD", "CAT", "UNDP"};

bool is_series(std::string_view s) {
  for (std::string_view p : kSeries)
    if (p == s) return true;
  return false;
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
  while (i + 1 < n && text[i] == '.' && is_ascii_alnum(static_cast<unsigned char>(text[i + 1]))) {
    ++i;
    while (i < n && is_ascii_alnum(static_cast<unsigned char>(text[i]))) ++i;
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
  while (e < text.size() && is_ascii_alnum(static_cast<unsigned char>(text[e])) && e - q < 8) ++e;
  if (e >= text.size() || text[e] != ')') return std::string_view::npos;
  std::string_view in = text.substr(q, e - q);
  if (all_digits(in) && in.size() == 4) {
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
  std::string_view series = text.substr(i, j - i);
  if (!is_series(series)) return false;
  std::array<std::string_view, 12> segs;
  size_t nseg = 0;
  size_t cur = j;
  while (nseg < segs.size()) {
    size_t q = skip_symbol_space(text, cur);
    if (q >= n || text[q] != '/') break;
    size_t r = skip_symbol_space(text, q + 1);
    size_t e = parse_segment(text, r);
    if (e == r) break;
    segs[nseg++] = text.substr(r, e - r);
    cur = e;
  }
  if (nseg < 2) return false;
  bool has_number = false;
  bool has_res = false;
  for (size_t k = 0; k < nseg; ++k) {
    if (all_digits(segs[k])) has_number = true;
    if (iequals(segs[k], "RES")) has_res = true;
  }
  if (!has_number) return false;
  m->start = i;
  m->id.assign(series);
  m->family.clear();
  bool in_suffix = false;
  for (size_t k = 0; k < nseg; ++k) {
    std::string_view suffix = suffix_word(segs[k]);
    if (!suffix.empty() && k >= 2) {
      if (!in_suffix) m->family = m->id;
      in_suffix = true;
      m->id.push_back('/');
      m->id.append(suffix);
      m->id.append(segs[k].substr(segs[k].find('.')));
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
  if (m->family.empty()) m->family = m->id;
  m->end = cur;
  m->kind = SymbolKind::kUnDocument;
  return true;
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

enum class Organ { kNone, kAssembly, kSecurityCouncil, kEcosoc, kHumanRights };

// Folds `text` into words separated by single spaces (every non-word run becomes ' ').
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

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix &&
         (s.size() == suffix.size() || s[s.size() - suffix.size() - 1] == ' ');
}
bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix &&
         (s.size() == prefix.size() || s[prefix.size()] == ' ');
}

// The organ named just before the keyword at `pos` ("Security Council resolution").
Organ organ_before(std::string_view text, size_t pos) {
  size_t from = pos > 48 ? pos - 48 : 0;
  while (from > 0 && from < pos && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
  std::string ctx = context_words(text.substr(from, pos - from));
  if (ends_with(ctx, "security council")) return Organ::kSecurityCouncil;
  if (ends_with(ctx, "general assembly")) return Organ::kAssembly;
  if (ends_with(ctx, "human rights council")) return Organ::kHumanRights;
  if (ends_with(ctx, "economic and social council") || ends_with(ctx, "ecosoc"))
    return Organ::kEcosoc;
  return Organ::kNone;
}

// The organ named just after a citation ("résolution 2334 du Conseil de sécurité").
Organ organ_after(std::string_view text, size_t pos) {
  size_t to = pos + 64 < text.size() ? pos + 64 : text.size();
  std::string ctx = context_words(text.substr(pos, to - pos));
  static const std::array<std::pair<std::string_view, Organ>, 15> kAfter = {{
      {"of the security council", Organ::kSecurityCouncil},
      {"du conseil de securite", Organ::kSecurityCouncil},
      {"del consejo de seguridad", Organ::kSecurityCouncil},
      {"of the general assembly", Organ::kAssembly},
      {"de l assemblee generale", Organ::kAssembly},
      {"de la asamblea general", Organ::kAssembly},
      {"of the human rights council", Organ::kHumanRights},
      {"du conseil des droits de l homme", Organ::kHumanRights},
      {"del consejo de derechos humanos", Organ::kHumanRights},
      {"of the economic and social council", Organ::kEcosoc},
      {"du conseil economique et social", Organ::kEcosoc},
      {"del consejo economico y social", Organ::kEcosoc},
      {"of ecosoc", Organ::kEcosoc},
      {"de l ecosoc", Organ::kEcosoc},
      {"del ecosoc", Organ::kEcosoc},
  }};
  for (const auto& [words, organ] : kAfter)
    if (starts_with(ctx, words)) return organ;
  return Organ::kNone;
}

enum class RefKind { kSession, kYear, kRoman, kBare };

struct Ref {
  RefKind kind = RefKind::kBare;
  size_t start = 0;
  size_t end = 0;
  std::string_view a;    // number (or session / year before the '/')
  std::string_view b;    // number after the '/'
  std::string_view tag;  // year or Roman session in brackets
};

// One prose citation at `pos`: "77/281", "242 (1967)", "1514 (XV)", "2334".
bool parse_ref(std::string_view text, size_t pos, Ref* ref) {
  const size_t n = text.size();
  size_t i = pos;
  while (i < n && is_ascii_digit(static_cast<unsigned char>(text[i])) && i - pos < 5) ++i;
  if (i == pos || i - pos > 4) return false;
  ref->start = pos;
  ref->a = text.substr(pos, i - pos);
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
    return true;
  }
  if (i < n && (is_ascii_alnum(static_cast<unsigned char>(text[i])) || text[i] == '/'))
    return false;
  if (i + 1 < n && (text[i] == '.' || text[i] == ',') &&
      is_ascii_digit(static_cast<unsigned char>(text[i + 1])))
    return false;
  std::string_view tag;
  size_t e = parse_bracket_tag(text, i, &tag);
  if (e != std::string_view::npos) {
    ref->kind = all_digits(tag) ? RefKind::kYear : RefKind::kRoman;
    ref->tag = tag;
    ref->end = e;
    return true;
  }
  ref->kind = RefKind::kBare;
  ref->end = i;
  return true;
}

// Canonical id of a prose citation, or "" when it is not enough to tell.
std::string ref_id(const Ref& ref, Organ organ) {
  std::string id;
  switch (ref.kind) {
    case RefKind::kSession: {
      int a = to_int(ref.a);
      if (organ == Organ::kHumanRights) {
        id = "A/HRC/RES/";
      } else if (ref.a.size() == 4 && a >= 1946 && a <= 2099) {
        id = organ == Organ::kAssembly ? "" : "E/RES/";
      } else if (a >= 1 && a <= 99 && ref.a.size() <= 2) {
        id = organ == Organ::kEcosoc ? "" : "A/RES/";
      }
      if (id.empty()) return id;
      id.append(ref.a);
      id.push_back('/');
      id.append(ref.b);
      return id;
    }
    case RefKind::kYear:
      id = "S/RES/";
      id.append(ref.a);
      id.push_back('(');
      id.append(ref.tag);
      id.push_back(')');
      return id;
    case RefKind::kRoman:
      id = "A/RES/";
      id.append(ref.a);
      id.push_back('(');
      id.append(ref.tag);
      id.push_back(')');
      return id;
    case RefKind::kBare:
      if (organ == Organ::kSecurityCouncil) id = "S/RES/";
      if (organ == Organ::kAssembly) id = "A/RES/";
      if (id.empty()) return id;
      id.append(ref.a);
      return id;
  }
  return id;
}

// Skips a list separator (",", "and", "et", "y", "or"...) after a citation; returns the
// position of the next citation or npos.
size_t skip_list_separator(std::string_view text, size_t pos) {
  size_t p = scan::skip_spaces(text, pos, 8);
  bool comma = false;
  if (p < text.size() && text[p] == ',') {
    comma = true;
    p = scan::skip_spaces(text, p + 1, 8);
  }
  if (p < text.size() && text[p] == '&') {
    return scan::skip_spaces(text, p + 1, 8);
  }
  size_t e = word_end(text, p);
  std::string_view w = text.substr(p, e - p);
  if (w == "and" || w == "et" || w == "y" || w == "e" || w == "or" || w == "ou" || w == "o")
    return scan::skip_spaces(text, e, 8);
  if (comma) return p;
  return std::string_view::npos;
}

// "resolution(s) 77/281[, 78/1 and 79/213]" at the keyword [k, ke).
bool try_resolution(std::string_view text, size_t k, size_t ke, std::vector<SymbolMatch>* out,
                    size_t* resume) {
  size_t p = scan::skip_spaces(text, ke, 8);
  std::array<Ref, 16> refs;
  size_t nref = 0;
  Ref ref;
  if (!parse_ref(text, p, &ref)) return false;
  refs[nref++] = ref;
  size_t list_end = ref.end;
  while (nref < refs.size()) {
    size_t q = skip_list_separator(text, list_end);
    if (q == std::string_view::npos) break;
    Ref next;
    if (!parse_ref(text, q, &next)) break;
    if ((next.kind == RefKind::kBare) != (refs[0].kind == RefKind::kBare)) break;
    refs[nref++] = next;
    list_end = next.end;
  }
  Organ organ = organ_before(text, k);
  if (organ == Organ::kNone) organ = organ_after(text, list_end);
  bool any = false;
  for (size_t r = 0; r < nref; ++r) {
    std::string id = ref_id(refs[r], organ);
    if (id.empty()) continue;
    SymbolMatch m;
    m.start = r == 0 ? k : refs[r].start;
    m.end = refs[r].end;
    m.family = symbol_family(id);
    m.id = std::move(id);
    out->push_back(std::move(m));
    any = true;
    *resume = refs[r].end;
  }
  return any;
}

// "Recommendation No. 193" / "Convention n° 189" at the keyword [k, ke).
bool try_ilo(std::string_view text, size_t k, size_t ke, char series,
             std::vector<SymbolMatch>* out) {
  const size_t n = text.size();
  size_t p = scan::skip_spaces(text, ke, 8);
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

size_t symbols_at(std::string_view text, size_t i, size_t we, std::vector<SymbolMatch>* out) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char c = s[i];
  if (is_ascii_upper(c) && (i == 0 || !blocks_symbol_start(s[i - 1]))) {
    // Cheap test first: a series prefix is followed by '/' (maybe after spaces).
    size_t j = i;
    while (j < we && is_ascii_upper(s[j])) ++j;
    if (j == we && j - i <= 5) {
      size_t k = skip_symbol_space(text, j);
      if (k < text.size() && s[k] == '/') {
        SymbolMatch m;
        if (try_written(text, i, &m)) {
          size_t end = m.end;
          out->push_back(std::move(m));
          return end;
        }
      }
    }
  }
  if (c != 'r' && c != 'R' && c != 'c' && c != 'C') return 0;
  const size_t len = we - i;
  if ((c == 'R' || c == 'C') && len <= 4) return try_ilo_code(text, i, we, out) ? we : 0;
  if (len < 8 || len > 16) return 0;
  char buf[24];
  size_t fl = fold_word(text, i, we, buf, sizeof(buf));
  std::string_view w(buf, fl);
  if (w == "resolution" || w == "resolutions" || w == "resolucion" || w == "resoluciones") {
    size_t resume = we;
    return try_resolution(text, i, we, out, &resume) ? resume : 0;
  }
  if (w == "recommendation" || w == "recommandation" || w == "recomendacion")
    return try_ilo(text, i, we, 'R', out) ? out->back().end : 0;
  if (w == "convention" || w == "convenio")
    return try_ilo(text, i, we, 'C', out) ? out->back().end : 0;
  return 0;
}

}  // namespace detail

void find_symbols(std::string_view text, std::vector<SymbolMatch>* out) {
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
    if (!is_ascii_upper(c) && c != 'r' && c != 'c') {  // cannot start a symbol: skip the word
      ++i;
      while (i < n && (is_ascii_alnum(s[i]) || s[i] >= 0x80)) ++i;
      continue;
    }
    size_t we = word_end(text, i);
    size_t resume = detail::symbols_at(text, i, we, out);
    i = resume != 0 ? resume : we;
  }
}

std::vector<SymbolMatch> find_symbols(std::string_view text) {
  std::vector<SymbolMatch> out;
  find_symbols(text, &out);
  return out;
}

std::string symbol_family(std::string_view id) {
  std::string_view base = id;
  if (!base.empty() && base.back() == ')') {
    size_t open = base.rfind('(');
    if (open != std::string_view::npos && open > 0) base = base.substr(0, open);
  }
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
  size_t slash = id.find('/');
  return slash != std::string_view::npos && is_series(id.substr(0, slash));
}

}  // namespace concord
