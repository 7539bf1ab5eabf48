// The checker: per-mention rules while documents stream in, archive-wide rules (majorities,
// counts) in finish().
#include "check/check.h"

#include <algorithm>
#include <iterator>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>

#include "recognize/dates.h"
#include "recognize/symbols.h"
#include "store/path_scope.h"
#include "util/hash.h"
#include "util/small_file.h"
#include "util/strings.h"

namespace concord {
namespace {

using util::split;

// A date counts for a citation when written this close to it (bytes between them).
constexpr size_t kDateDistance = 100;
// Archive majority for a date: at least this many documents cite the other symbol with it...
constexpr size_t kMajorityMinDocs = 3;
// ...and at least this share of the documents citing a resolution with that date.
constexpr double kMajorityShare = 0.75;
// Highest plausible resolution number in one General Assembly session (numbers reach ~340).
constexpr long kMaxGaNumber = 400;
// The pre-1976 numbering ("1514 (XV)") ended below this.
constexpr long kMaxOldGaNumber = 3600;
constexpr int kLastOldGaSession = 30;  // from the 31st session (1976): "31/1"
constexpr long kMaxEcosocNumber = 300;
constexpr long kMaxHrcNumber = 150;

// Security Council resolutions are numbered in one sequence since 1946, so a resolution
// number lies between the years of the anchors around it. Anchors are (number, year of
// adoption) of well-known resolutions; checked with one year of tolerance.
struct ScAnchor {
  long number;
  int year;
};
constexpr ScAnchor kScAnchors[] = {
    {1, 1946},    {82, 1950},   {143, 1960},  {186, 1964},  {217, 1965},  {232, 1966},
    {242, 1967},  {338, 1973},  {353, 1974},  {418, 1977},  {425, 1978},  {435, 1978},
    {446, 1979},  {478, 1980},  {487, 1981},  {502, 1982},  {521, 1982},  {569, 1985},
    {598, 1987},  {612, 1988},  {660, 1990},  {678, 1990},  {687, 1991},  {748, 1992},
    {827, 1993},  {955, 1994},  {1244, 1999}, {1267, 1999}, {1325, 2000}, {1373, 2001},
    {1441, 2002}, {1540, 2004}, {1701, 2006}, {1973, 2011}, {2118, 2013}, {2231, 2015},
    {2334, 2016}, {2532, 2020}, {2720, 2023}, {2728, 2024}};
constexpr int kScYearTolerance = 1;
// A document's date may be the date of the event it reports rather than of its writing (an
// archive summary filed under the meeting's date), so "cannot exist yet" allows a year (or a
// session) of slack, and never applies to symbols the authority file knows.
constexpr int kDateSlack = 1;

// Phrases (normalize_words form) that move a partial date to the year before / same year.
constexpr std::string_view kLastYear[] = {"last year",        "l an dernier",   "l an passe",
                                          "l annee derniere", "l annee passee", "ano pasado",
                                          "pasado ano"};
constexpr std::string_view kThisYear[] = {"this year", "cette annee", "este ano"};

enum class SymKind { kResolution, kDraft, kDocument, kIlo, kOther };

SymKind sym_kind(std::string_view id) {
  if (id.rfind("ILO-", 0) == 0) return SymKind::kIlo;
  if (!is_symbol_id(id)) return SymKind::kOther;
  if (id.find("/RES/") != std::string_view::npos) return SymKind::kResolution;
  if (id.find("/L.") != std::string_view::npos) return SymKind::kDraft;
  return SymKind::kDocument;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}
long to_long(std::string_view s) {
  long v = 0;
  for (char c : s) {
    if (v > 100000000) return v;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool contains_words(const std::string& padded_words, std::string_view phrase) {
  std::string p;
  p.reserve(phrase.size() + 2);
  p += ' ';
  p += phrase;
  p += ' ';
  return padded_words.find(p) != std::string::npos;
}

struct DocDate {
  int year = 0;   // 0: unknown
  int month = 0;  // 0: unknown
  int day = 0;
};

DocDate parse_doc_date(std::string_view iso) {
  DocDate d;
  if (iso.size() >= 4 && all_digits(iso.substr(0, 4)))
    d.year = static_cast<int>(to_long(iso.substr(0, 4)));
  if (d.year && iso.size() >= 7 && iso[4] == '-' && all_digits(iso.substr(5, 2)))
    d.month = static_cast<int>(to_long(iso.substr(5, 2)));
  if (d.month && iso.size() >= 10 && iso[7] == '-' && all_digits(iso.substr(8, 2)))
    d.day = static_cast<int>(to_long(iso.substr(8, 2)));
  return d;
}

std::string pad2(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// The General Assembly session open at a date: the Nth session opens in September 1945 + N.
int latest_ga_session(const DocDate& d) {
  const int month = d.month ? d.month : 12;
  return d.year - 1946 + (month >= 9 ? 1 : 0);
}

// Human Rights Council: three regular sessions a year since 2006.
int latest_hrc_session(const DocDate& d) { return 3 * (d.year - 2006) + 3; }

// The years a Security Council resolution number can belong to, from the anchors.
std::pair<int, int> sc_year_range(long number) {
  int lo = 1946, hi = 9999;
  for (const ScAnchor& a : kScAnchors) {
    if (a.number <= number) lo = a.year;
    if (a.number >= number) {
      hi = a.year;
      break;
    }
  }
  return {lo, hi};
}

// Full dates a written date stands for in a document: itself when full; a partial --MM-DD
// resolved against the document's date (see check.h); nothing otherwise.
std::vector<std::string> resolve_date(const std::string& iso, const DocDate& doc, bool last_year,
                                      bool this_year) {
  if (iso.size() == 10 && iso[0] != '-') return {iso};
  if (iso.size() != 7 || iso.rfind("--", 0) != 0 || !doc.year) return {};
  const int month = static_cast<int>(to_long(iso.substr(2, 2)));
  const int day = static_cast<int>(to_long(iso.substr(5, 2)));
  auto make = [&](int year) { return std::to_string(year) + "-" + pad2(month) + "-" + pad2(day); };
  if (last_year) return {make(doc.year - 1)};
  if (this_year) return {make(doc.year)};
  std::vector<std::string> out;
  const bool not_after =
      !doc.month || month < doc.month || (month == doc.month && (!doc.day || day <= doc.day));
  if (not_after) out.push_back(make(doc.year));
  out.push_back(make(doc.year - 1));
  return out;
}

// Where `surface` sits in `sentence` (npos when it does not).
size_t locate(const std::string& sentence, const std::string& surface) {
  return surface.empty() ? std::string::npos : sentence.find(surface);
}

// True when a date written as `iso` appears within kDateDistance bytes of the mention.
bool date_near(const std::string& sentence, const std::string& surface, const std::string& iso) {
  const size_t at = locate(sentence, surface);
  if (at == std::string::npos) return true;  // cannot tell: the sentence is short anyway
  const size_t end = at + surface.size();
  for (const DateMatch& d : find_dates(sentence)) {
    if (d.iso != iso) continue;
    const size_t gap = d.start >= end ? d.start - end : d.end <= at ? at - d.end : 0;
    if (gap <= kDateDistance) return true;
  }
  return false;
}

// Known symbols one typing slip away from `id`: two neighbouring digits swapped, one digit
// replaced, one digit dropped. Returns the first one `known` accepts.
template <typename Known>
std::string near_miss(const std::string& id, const Known& known) {
  std::string s = id;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (!is_digit(s[i]) || !is_digit(s[i + 1]) || s[i] == s[i + 1]) continue;
    std::swap(s[i], s[i + 1]);
    if (known(s)) return s;
    std::swap(s[i], s[i + 1]);
  }
  for (size_t i = 0; i < s.size(); ++i) {
    if (!is_digit(s[i])) continue;
    const char keep = s[i];
    for (char c = '0'; c <= '9'; ++c) {
      if (c == keep) continue;
      s[i] = c;
      if (known(s)) return s;
    }
    s[i] = keep;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    if (!is_digit(s[i])) continue;
    std::string shorter = s.substr(0, i) + s.substr(i + 1);
    if (known(shorter)) return shorter;
  }
  return "";
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string quote(const std::string& s) { return "\"" + s + "\""; }

std::string entry_title(const AuthorityEntry& e) {
  if (!e.title_en.empty()) return e.title_en;
  if (!e.title_fr.empty()) return e.title_fr;
  return e.title_es;
}

std::string describe_entry(const AuthorityEntry& e) {
  std::string s = e.symbol;
  const std::string title = entry_title(e);
  if (!title.empty()) s += " " + quote(title);
  if (!e.adopted.empty()) s += ", adopted " + e.adopted;
  s += " (" + e.organ + ")";
  return s;
}

struct Malformed {
  std::string message;
  std::string suggestion;
};

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string_view kind_name(FindingKind kind) {
  switch (kind) {
    case FindingKind::kConflictingCitation:
      return "conflicting-citation";
    case FindingKind::kVariantSpelling:
      return "variant-spelling";
    case FindingKind::kMalformedSymbol:
      return "malformed-symbol";
    case FindingKind::kSupersededDraft:
      return "superseded-draft";
    case FindingKind::kInconsistentDefinition:
      return "inconsistent-definition";
    case FindingKind::kUnknownSymbol:
      return "unknown-symbol";
  }
  return "";
}

std::optional<FindingKind> parse_kind(std::string_view name) {
  for (FindingKind k : kAllFindingKinds)
    if (kind_name(k) == name) return k;
  return std::nullopt;
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "";
}

std::optional<Severity> parse_severity(std::string_view name) {
  for (Severity s : {Severity::kInfo, Severity::kWarning, Severity::kError})
    if (severity_name(s) == name) return s;
  return std::nullopt;
}

bool enabled_by_default(FindingKind kind) { return kind != FindingKind::kUnknownSymbol; }

// ---------------------------------------------------------------------------------------------
// Long-form keys: spelling differences that do not make a definition name something else.

namespace {

// Articles and linking words (English, French, Spanish), after folding, and the "s" of a
// possessive ("People's"). Not "un"/"una": in a long form "UN" is the United Nations.
constexpr std::string_view kLinkingWords[] = {
    "the", "a",   "an",  "of",  "for", "on",  "in", "to", "at", "by",   "and",   "with", "le",
    "la",  "les", "l",   "une", "de",  "des", "du", "d",  "et", "pour", "sur",   "en",   "au",
    "aux", "el",  "los", "las", "lo",  "del", "al", "y",  "e",  "para", "sobre", "por",  "s"};

// Whole words written in another form: British (and French) spellings, the UN.
constexpr std::pair<std::string_view, std::string_view> kSpellings[] = {
    {"programme", "program"}, {"defence", "defense"},   {"offence", "offense"},
    {"licence", "license"},   {"catalogue", "catalog"}, {"un", "united nation"}};

// Word endings mapped to their American form (British first), when at least two letters
// stay before them.
constexpr std::pair<std::string_view, std::string_view> kEndings[] = {
    {"ourable", "orable"}, {"ourer", "orer"},   {"oured", "ored"},
    {"ouring", "oring"},   {"ourite", "orite"}, {"our", "or"},
    {"tre", "ter"},        {"lling", "ling"},   {"lled", "led"}};

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

std::string spelling_key(std::string word) {
  // Plurals: "activities" -> "activity", "Nations" -> "nation"; not "-ss", "-us", "-is".
  if (word.size() >= 5 && ends_with(word, "ies")) {
    word.replace(word.size() - 3, 3, "y");
  } else if (word.size() >= 4 && word.back() == 's' && !ends_with(word, "ss") &&
             !ends_with(word, "us") && !ends_with(word, "is")) {
    word.pop_back();
  }
  for (const auto& [british, american] : kSpellings)
    if (word == british) return std::string(american);
  for (const auto& [british, american] : kEndings) {
    if (word.size() >= british.size() + 2 && ends_with(word, british)) {
      word.replace(word.size() - british.size(), british.size(), american);
      break;
    }
  }
  // -ization / -isation, -ize / -ise, -yze / -yse: one spelling ("s").
  for (size_t i = 1; i + 1 < word.size(); ++i)
    if (word[i] == 'z' && (word[i - 1] == 'i' || word[i - 1] == 'y') &&
        (word[i + 1] == 'a' || word[i + 1] == 'e' || word[i + 1] == 'i'))
      word[i] = 's';
  return word;
}

// The words long_form_key() keeps, joined by spaces (for matching known forms word by word).
std::string long_form_words(std::string_view long_form) {
  const std::string words = normalize_words(long_form);
  std::string out;
  for (std::string_view w : split(words, ' ')) {
    if (w.empty() || all_digits(w)) continue;  // footnote and page numbers caught in the text
    if (std::find(std::begin(kLinkingWords), std::end(kLinkingWords), w) != std::end(kLinkingWords))
      continue;
    if (!out.empty()) out += ' ';
    out += spelling_key(std::string(w));
  }
  return out;
}

// Two words of long forms that are one word written two ways: equal, or sharing all their
// letters but an ending of at most three ("Environment"/"Environmental", "economic"/
// "economy", "East"/"Eastern"; not "international"/"internal").
bool same_word(std::string_view a, std::string_view b) {
  if (a == b) return true;
  const size_t shorter = std::min(a.size(), b.size()), longer = std::max(a.size(), b.size());
  size_t common = 0;
  while (common < shorter && a[common] == b[common]) ++common;
  return (common >= 5 || (common == shorter && shorter >= 4)) && common + 3 >= longer;
}

// True when two long forms (long_form_words()) name one body. They share two words or more
// (in any of their spellings) or one word of ten letters or more, and no word of the one is replaced in the other by a word with
// the same initial, standing for the same letter of the acronym ("Global Solidarity Economy
// Forum" for "Global Social Economy Forum" names something else). Forms cut differently by
// the definition finder ("Non-Proliferation Treaty", "Non-Proliferation of Nuclear Weapons"),
// truncated, with words added or spelled otherwise are one body.
bool same_body(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  auto in = [](std::string_view w, const std::vector<std::string_view>& words) {
    return std::any_of(words.begin(), words.end(), [&](std::string_view x) { return same_word(w, x); });
  };
  size_t shared = 0, longest = 0;
  for (std::string_view w : a)
    if (!w.empty() && in(w, b)) ++shared, longest = std::max(longest, w.size());
  // Two words, or one long distinctive word ("nonproliferation": hyphens join words).
  if (shared < 2 && longest < 10) return false;
  for (std::string_view x : a) {
    if (x.empty() || in(x, b)) continue;
    for (std::string_view y : b)
      if (!y.empty() && !in(y, a) && x[0] == y[0]) return false;
  }
  return true;
}

std::string without_spaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

}  // namespace

std::string long_form_key(std::string_view long_form) {
  // Without the spaces: "South West", "South-West", "South- West" and "Southwest" are one.
  return without_spaces(long_form_words(long_form));
}

std::string finding_id(FindingKind kind, const std::string& id_path, const std::string& written,
                       const std::string& suggestion, size_t occurrence) {
  std::string key = "id2\n";  // never equal to a line_finding_id() key
  key += kind_name(kind);
  key += '\n' + id_path + '\n' + written + '\n' + suggestion + '\n' + std::to_string(occurrence);
  return util::content_hash(key);
}

std::string line_finding_id(FindingKind kind, const std::string& path, int page, int line,
                            const std::string& written, const std::string& suggestion) {
  std::string key;
  key += kind_name(kind);
  key += '\n' + path + '\n' + std::to_string(page) + '\n' + std::to_string(line) + '\n' + written +
         '\n' + suggestion;
  return util::content_hash(key);
}

// ---------------------------------------------------------------------------------------------

struct Checker::State {
  const Authority& authority;
  const Gazetteer& gazetteer;
  CheckOptions options;

  // `path` relative to `root` when under it, else "".
  static std::string relative_to(const std::string& path, const std::string& root) {
    if (root.empty()) return "";
    const std::string folder = root.back() == '/' ? root : root + "/";
    return path.rfind(folder, 0) == 0 ? path.substr(folder.size()) : "";
  }
  // The path line_finding_id() hashes: relative to options.legacy_root when under it.
  std::string legacy_path(const std::string& path) const {
    const std::string rel = relative_to(path, options.legacy_root);
    return rel.empty() ? path : rel;
  }
  // The path finding_id() hashes: relative to the outermost of options.id_roots holding it.
  std::string id_path(const std::string& path) const {
    std::string best;
    for (const std::string& root : options.id_roots) {
      const std::string rel = relative_to(path, root);
      if (rel.size() > best.size()) best = rel;
    }
    return best.empty() ? legacy_path(path) : best;
  }
  // Each finding on its own (tens of thousands of a few hundred bytes over a large archive):
  // the lists grow, merge and sort by moving pointers, and the report takes each once.
  using FindingPtr = std::unique_ptr<Finding>;
  std::vector<FindingPtr> findings;
  void emit(Finding&& f) { findings.push_back(std::make_unique<Finding>(std::move(f))); }
  size_t documents_checked = 0;

  // Documents cited with a full date: date -> symbol family -> documents.
  // Documents citing something, and the first kMaxEvidenceDocs of them by path (whatever
  // order the documents come in: shards interleave them), each with its first citation.
  struct DatedCitations {
    size_t documents = 0;
    std::vector<EvidenceDoc> examples;
    uint64_t last_doc = 0;  // the document counted last (State::doc_serial; a document's
                            // mentions come together)

    void add(uint64_t doc, const std::string& path, const std::string& date, int page, int line,
             const std::string& written) {
      if (doc == last_doc) return;
      last_doc = doc;
      ++documents;
      // Kept: the first kMaxEvidenceDocs paths in path order.
      if (examples.size() >= kMaxEvidenceDocs && !(path < examples.back().path)) return;
      auto at = std::upper_bound(
          examples.begin(), examples.end(), path,
          [](const std::string& p, const EvidenceDoc& e) { return p < e.path; });
      if (examples.size() >= kMaxEvidenceDocs && at == examples.end()) return;
      examples.insert(at, EvidenceDoc{path, date, page, line, written});
      if (examples.size() > kMaxEvidenceDocs) examples.pop_back();
    }
    // Adds the documents counted by another checker (never the same documents).
    void merge(DatedCitations&& other) {
      documents += other.documents;
      std::vector<EvidenceDoc> both;
      both.reserve(examples.size() + other.examples.size());
      std::merge(std::make_move_iterator(examples.begin()), std::make_move_iterator(examples.end()),
                 std::make_move_iterator(other.examples.begin()),
                 std::make_move_iterator(other.examples.end()), std::back_inserter(both),
                 [](const EvidenceDoc& a, const EvidenceDoc& b) { return a.path < b.path; });
      if (both.size() > kMaxEvidenceDocs) both.resize(kMaxEvidenceDocs);
      examples = std::move(both);
    }
    // The examples as the findings of finish() share them (once every document is in).
    const EvidenceDocs& shared_examples() {
      if (frozen.empty() && !examples.empty()) frozen = EvidenceDocs(examples);
      return frozen;
    }

   private:
    EvidenceDocs frozen;
  };
  uint64_t doc_serial = 0;  // counts the documents add() has been given (1 = the first)
  std::unordered_map<std::string, std::unordered_map<std::string, DatedCitations>> by_date;
  // Citations to judge against the archive majority once every document is in.
  // Tens of thousands wait for finish() in a large archive and few become findings: the
  // document's fields are shared by its candidates (and its acronym definitions), the finding
  // is made in finish().
  struct DocHeader {
    std::string path, title, date, language;
    bool paged = false;
  };
  std::shared_ptr<const DocHeader> header;  // of the document being added, made on demand
  const std::shared_ptr<const DocHeader>& header_of(const DocFacts& doc) {
    if (!header || header->path != doc.path)
      header = std::make_shared<const DocHeader>(
          DocHeader{doc.path, doc.title, doc.date, doc.language, doc.paged});
    return header;
  }
  struct DateCandidate {
    std::shared_ptr<const DocHeader> doc;
    int page = 0, line = 0;
    std::string written, entity_id, sentence;  // the mention's
    std::string family;  // of the cited symbol
    std::string organ;
    std::vector<std::string> dates;              // full dates the citation was written with
    std::vector<std::string> sentence_families;  // symbols named in the same sentence
  };
  std::vector<DateCandidate> date_candidates;

  // Acronym definitions: acronym -> key -> definitions (key: "=ENTITY" when the long form is
  // a known form of the entity, else its long_form_key()); each shares its document's header.
  struct DefinitionRef {
    std::shared_ptr<const DocHeader> doc;
    bool report = false;  // under the path prefix
    int page = 0, line = 0;
    std::string long_form, entity_id;
  };
  static bool path_order(const DefinitionRef& a, const DefinitionRef& b) {
    return std::tie(a.doc->path, a.page, a.line) < std::tie(b.doc->path, b.page, b.line);
  }
  std::unordered_map<std::string, std::map<std::string, std::vector<DefinitionRef>>> definitions;

  // Written forms of entities outside variant mentions: entity -> surface -> documents.
  std::unordered_map<std::string, std::unordered_map<std::string, DatedCitations>> forms;
  std::vector<FindingPtr> variant_findings;  // evidence completed in finish()

  // unknown-symbol findings, evidence (documents citing the same family) completed in finish().
  std::unordered_map<std::string, DatedCitations> family_docs;
  std::vector<std::pair<FindingPtr, std::string>> unknown_findings;  // finding, family
  std::unordered_set<std::string> unknown_in_document;  // families reported in the one added

  // Known forms of each gazetteer entity (for definitions): long_form_key() and the words
  // it is made of.
  struct KnownForm {
    std::string key;
    std::string words;
  };
  std::unordered_map<std::string, std::vector<KnownForm>> entity_forms;

  // What the checker needs about one entity id, computed once per archive.
  struct SymbolFacts {
    bool symbol = false;
    std::string family;
    std::string organ;
    SymKind kind = SymKind::kOther;
    AuthorityMatch match;
  };
  std::unordered_map<std::string, SymbolFacts> symbol_cache;
  std::unordered_map<std::string, std::string> near_cache;  // family -> near miss ("" none)
  std::unordered_map<std::string, bool> run_cache;          // near-symbol run -> read fine
  std::unordered_map<const AuthorityEntry*, std::shared_ptr<const AuthorityEntry>> shared_entries;
  // Per document: title matches of each distinct sentence.
  std::unordered_map<std::string_view, std::vector<const AuthorityEntry*>> title_cache;

  // `entry` (of `authority`) as findings' evidence holds it: one copy for all of this
  // checker's findings.
  const std::shared_ptr<const AuthorityEntry>& shared(const AuthorityEntry& entry) {
    std::shared_ptr<const AuthorityEntry>& s = shared_entries[&entry];
    if (!s) s = std::make_shared<const AuthorityEntry>(entry);
    return s;
  }

  const SymbolFacts& facts_of(const std::string& id) {
    auto it = symbol_cache.find(id);
    if (it != symbol_cache.end()) return it->second;
    SymbolFacts f;
    f.symbol = is_symbol_id(id);
    if (f.symbol) {
      f.family = symbol_family(id);
      f.organ = organ_of_symbol(id);
      f.kind = sym_kind(id);
      f.match = authority.family(id);
    }
    return symbol_cache.emplace(id, std::move(f)).first->second;
  }
  bool known(const std::string& symbol) const { return authority.family(symbol).entry != nullptr; }
  const std::string& nearest(const std::string& family) {
    auto it = near_cache.find(family);
    if (it != near_cache.end()) return it->second;
    std::string near = near_miss(family, [&](const std::string& s) { return known(s); });
    return near_cache.emplace(family, std::move(near)).first->second;
  }
  const std::vector<const AuthorityEntry*>& titles_in(const std::string& sentence) {
    auto it = title_cache.find(sentence);
    if (it != title_cache.end()) return it->second;
    return title_cache.emplace(sentence, authority.by_title_words(sentence)).first->second;
  }
  std::vector<std::string> sentence_families(const DocFacts& doc, const Mention& m);
  // The symbol mentions of the document being checked (add() clears it), grouped by page and
  // then by surface and by sentence, with how many mentions of each family each group holds:
  // sentence_families() looks at a page's few distinct surfaces, not at all its mentions (a
  // page of thousands of mentions made it quadratic).
  struct SymbolGroups {
    std::vector<std::pair<std::string, int>> families;  // family -> mentions in the group
  };
  struct PageSymbols {
    std::unordered_map<std::string_view, SymbolGroups> by_surface, by_sentence;
  };
  std::unordered_map<int, PageSymbols> page_symbols;
  bool page_symbols_built = false;

  State(const Authority& a, const Gazetteer& g, CheckOptions o)
      : authority(a), gazetteer(g), options(std::move(o)) {
    for (FindingKind k : kAllFindingKinds)
      if (options.all_kinds || enabled_by_default(k)) wanted.insert(k);
    wanted.insert(options.include.begin(), options.include.end());
  }
  std::set<FindingKind> wanted;  // kinds reported
  bool wants(FindingKind k) const { return wanted.count(k) != 0; }

  const std::vector<KnownForm>& known_forms(const std::string& entity_id) {
    auto it = entity_forms.find(entity_id);
    if (it != entity_forms.end()) return it->second;
    std::vector<KnownForm> forms;
    auto add = [&](const std::string& form) {
      std::string words = long_form_words(form);
      forms.push_back({without_spaces(words), std::move(words)});
    };
    if (const Entity* e = gazetteer.find(entity_id)) {
      add(e->name);
      for (const std::string& f : e->long_forms) add(f);
      for (const std::string& f : e->variants) add(f);
    }
    return entity_forms.emplace(entity_id, std::move(forms)).first->second;
  }

  Finding base_finding(FindingKind kind, Severity severity, const DocFacts& doc,
                       const Mention& m) const {
    Finding f;
    f.kind = kind;
    f.severity = severity;
    f.path = doc.path;
    f.title = doc.title;
    f.date = doc.date;
    f.paged = doc.paged;
    f.page = m.page;
    f.line = m.line;
    f.written = m.surface;
    f.entity_id = m.entity_id;
    f.sentence = m.sentence;
    return f;
  }

  void add(const DocFacts& doc);
  void check_mention(const DocFacts& doc, const DocDate& date, const Mention& m, size_t index,
                     bool report);
  void merge(State&& other);
  std::optional<Malformed> malformed(const DocFacts& doc, const DocDate& date, const Mention& m);
  bool conflicting(const DocFacts& doc, const DocDate& date, const Mention& m, bool report);
  void scan_near_symbols(const DocFacts& doc);
  void finish_dates();
  void finish_definitions();
  void finish_variants();
  void finish_unknown();
};

// Symbols named in the same sentence as mention `m` (their surfaces appear in it), each
// family once: the families of the page's other symbol mentions written in the same sentence
// or whose surface appears in it.
std::vector<std::string> Checker::State::sentence_families(const DocFacts& doc, const Mention& m) {
  if (!page_symbols_built) {
    page_symbols_built = true;
    for (const Mention& o : doc.mentions) {
      const SymbolFacts& f = facts_of(o.entity_id);
      if (!f.symbol) continue;
      PageSymbols& page = page_symbols[o.page];
      std::vector<SymbolGroups*> groups{&page.by_sentence[o.sentence]};
      if (!o.surface.empty()) groups.push_back(&page.by_surface[o.surface]);
      for (SymbolGroups* g : groups) {
        auto it = std::find_if(g->families.begin(), g->families.end(),
                               [&](const auto& e) { return e.first == f.family; });
        if (it == g->families.end())
          g->families.emplace_back(f.family, 1);
        else
          ++it->second;
      }
    }
  }
  std::vector<std::string> out;
  const auto page = page_symbols.find(m.page);
  if (page == page_symbols.end()) return out;
  const SymbolFacts& own = facts_of(m.entity_id);
  // A group's families, less `m` itself when it is the group's one mention of its family.
  const auto take = [&](const SymbolGroups& g, bool holds_m) {
    for (const auto& [family, count] : g.families) {
      if (holds_m && family == own.family && count == 1) continue;
      if (std::find(out.begin(), out.end(), family) == out.end()) out.push_back(family);
    }
  };
  if (const auto same = page->second.by_sentence.find(m.sentence);
      same != page->second.by_sentence.end())
    take(same->second, own.symbol);
  for (const auto& [surface, groups] : page->second.by_surface)
    if (m.sentence.find(surface) != std::string::npos)
      take(groups, own.symbol && surface == m.surface);
  return out;
}

std::optional<Malformed> Checker::State::malformed(const DocFacts& doc, const DocDate& date,
                                                   const Mention& m) {
  // A resolution's part letter ("A/RES/40/151G", "A/RES/260A(III)") is checked as the
  // resolution it is part of.
  const std::string id = without_part(m.entity_id);
  if (id.rfind("ILO-", 0) == 0) return std::nullopt;
  auto known = [&](const std::string& s) { return this->known(s); };

  // The recognizer stopped before the end of what was written: "A/RES/77-281" -> "A/RES/77".
  if (const size_t at = locate(m.sentence, m.surface); at != std::string::npos) {
    const size_t end = at + m.surface.size();
    if (end + 1 < m.sentence.size() && (m.sentence[end] == '-' || m.sentence[end] == '.') &&
        is_digit(m.sentence[end + 1])) {
      size_t stop = end + 1;
      while (stop < m.sentence.size() && is_digit(m.sentence[stop])) ++stop;
      const std::string fixed = id + "/" + m.sentence.substr(end + 1, stop - end - 1);
      return Malformed{"\"" + m.sentence.substr(at, stop - at) + "\" is not a document symbol (" +
                           std::string(1, m.sentence[end]) + " where a / belongs)",
                       canonical_symbol(fixed).value_or("")};
    }
  }

  // Split off the bracketed year or session: "S/RES/2334(2016)".
  std::string body = id, bracket;
  if (const size_t open = id.find('('); open != std::string::npos && id.back() == ')') {
    body = id.substr(0, open);
    bracket = id.substr(open + 1, id.size() - open - 2);
  }
  std::vector<std::string_view> segs = split(body, '/');
  // Revision suffixes are checked for a number only.
  while (segs.size() > 2) {
    std::string_view last = segs.back();
    const size_t dot = last.find('.');
    if (dot == std::string_view::npos || all_digits(last.substr(0, dot))) break;
    const std::string_view what = last.substr(0, dot);
    if (what != "Rev" && what != "Corr" && what != "Add" && what != "Amend") break;
    segs.pop_back();
  }
  const std::string& family = facts_of(id).family;
  std::string joined;
  for (size_t j = 0; j < segs.size(); ++j) joined += (j ? "/" : "") + std::string(segs[j]);
  const std::string suffix =
      body.substr(joined.size()) + (bracket.empty() ? "" : "(" + bracket + ")");
  auto rebuild = [&](size_t i, const std::string& value) {
    std::string out;
    for (size_t j = 0; j < segs.size(); ++j)
      out += (j ? "/" : "") + (j == i ? value : std::string(segs[j]));
    return out + suffix;
  };

  // Numeric segments: leading zeros, letters typed for digits.
  for (size_t i = 1; i < segs.size(); ++i) {
    const std::string_view s = segs[i];
    if (all_digits(s) && s.size() > 1 && s[0] == '0') {
      const size_t first = s.find_first_not_of('0');
      const std::string stripped(first == std::string_view::npos ? "0" : s.substr(first));
      return Malformed{"leading zero in \"" + std::string(s) + "\"",
                       stripped == "0" ? "" : rebuild(i, stripped)};
    }
    // "28L", "2O23": a letter among digits where a digit belongs.
    if (s.size() >= 2 && is_digit(s[0]) && id.find("/RES/") != std::string::npos) {
      std::string fixed(s);
      bool changed = false;
      for (size_t k = 1; k < fixed.size(); ++k) {
        const char c = fixed[k];
        if (c == 'L' || c == 'I') fixed[k] = '1', changed = true;
        if (c == 'O') fixed[k] = '0', changed = true;
      }
      if (changed && all_digits(fixed))
        return Malformed{"letter typed for a digit in \"" + std::string(s) + "\"",
                         rebuild(i, fixed)};
    }
  }

  const bool written_symbol = m.surface.size() >= 2 && m.surface[1] == '/';
  const std::string series = segs.empty() ? "" : std::string(segs[0]);

  // A misspelled "RES": "A/RE/77/281".
  if (segs.size() >= 3 && (series == "A" || series == "S" || series == "E") && segs[1] != "RES" &&
      segs[1].size() <= 4 &&
      std::all_of(segs[1].begin(), segs[1].end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
      util::edit_distance(segs[1], "RES") == 1 && all_digits(segs[2])) {
    return Malformed{"\"" + std::string(segs[1]) + "\" where \"RES\" belongs", rebuild(1, "RES")};
  }

  // General Assembly resolutions.
  if (segs.size() == 3 && series == "A" && segs[1] == "RES" && all_digits(segs[2])) {
    const long n = to_long(segs[2]);
    if (!bracket.empty()) {  // "1514 (XV)": numbering before the 31st session
      const int session = roman_value(bracket);
      if (session < 1 || session > kLastOldGaSession)
        return Malformed{
            "session (" + bracket + ") is not a session of the old numbering (I to XXX)",
            authority.find(family) ? authority.find(family)->symbol : ""};
    }
    if (n == 0) return Malformed{"resolution number 0 does not exist", ""};
    if (n > kMaxOldGaNumber) {
      // "A/RES/77281": the slash between session and number was lost.
      std::string suggestion;
      const std::string digits(segs[2]);
      for (size_t cut : {size_t{2}, size_t{3}}) {
        if (digits.size() <= cut || digits[cut] == '0') continue;
        const int session = static_cast<int>(to_long(digits.substr(0, cut)));
        if (session <= kLastOldGaSession || (date.year && session > latest_ga_session(date)))
          continue;
        const std::string candidate = "A/RES/" + digits.substr(0, cut) + "/" + digits.substr(cut);
        if (known(candidate) || suggestion.empty()) suggestion = candidate;
        if (known(candidate)) break;
      }
      return Malformed{"resolution number " + digits + " is out of range (no session/number)",
                       suggestion};
    }
    return std::nullopt;
  }
  if (segs.size() == 4 && series == "A" && segs[1] == "RES" && all_digits(segs[2]) &&
      all_digits(segs[3])) {
    const long session = to_long(segs[2]), n = to_long(segs[3]);
    if (session <= kLastOldGaSession && written_symbol)
      return Malformed{"session " + std::to_string(session) +
                           " predates session/number symbols (used from the 31st session, 1976)",
                       nearest(family)};
    if (date.year && session > latest_ga_session(date) + kDateSlack && !known(family))
      return Malformed{"session " + std::to_string(session) + " opened in September " +
                           std::to_string(1945 + session) + ", after this document's date",
                       nearest(family)};
    if (n == 0 || n > kMaxGaNumber)
      return Malformed{"resolution number " + std::to_string(n) + " is out of range for a session",
                       nearest(family)};
    return std::nullopt;
  }
  // General Assembly documents and drafts: A/77/L.60, A/78/168.
  if (segs.size() >= 3 && series == "A" && all_digits(segs[1])) {
    const long session = to_long(segs[1]);
    const std::string_view third = segs[2];
    if (third.size() >= 2 && third[0] == 'L' && all_digits(third.substr(1)))
      return Malformed{"\"" + std::string(third) + "\" lacks the full stop of a draft (L.N)",
                       "A/" + std::string(segs[1]) + "/L." + std::string(third.substr(1))};
    const bool draft = third.rfind("L.", 0) == 0;
    if (date.year && session > latest_ga_session(date) + (draft ? 0 : 1) + kDateSlack &&
        !known(family))
      return Malformed{"session " + std::to_string(session) + " opened in September " +
                           std::to_string(1945 + session) + ", after this document's date",
                       nearest(family)};
    return std::nullopt;
  }
  // Security Council resolutions.
  if (segs.size() == 3 && series == "S" && segs[1] == "RES" && all_digits(segs[2])) {
    const long n = to_long(segs[2]);
    if (n == 0) return Malformed{"resolution number 0 does not exist", ""};
    const auto [lo, hi] = sc_year_range(n);
    const AuthorityEntry* known_entry = authority.find(family);
    auto suggest = [&]() -> std::string {
      if (known_entry) return known_entry->symbol;
      if (lo == hi) return family + "(" + std::to_string(lo) + ")";
      // A one-character slip in the number (OCR or typing: "322 (1982)" for 522 (1982)):
      // the only number one digit away that the Security Council adopted in the year cited.
      if (bracket.empty() || !all_digits(bracket)) return "";
      if (hi - lo <= 1) return "";  // the number is well dated: the year is what slipped
      const int year = static_cast<int>(to_long(bracket));
      const std::string digits(segs[2]);
      std::string found;
      for (size_t i = 0; i < digits.size(); ++i) {
        for (char d = '0'; d <= '9'; ++d) {
          if (d == digits[i] || (i == 0 && d == '0')) continue;
          std::string candidate = digits;
          candidate[i] = d;
          const auto [clo, chi] = sc_year_range(to_long(candidate));
          // Only a number the table dates closely (within three years) is evidence.
          if (year < clo || year > chi || chi - clo > 3) continue;
          if (!found.empty()) return "";  // two candidates: no suggestion
          found = "S/RES/" + candidate + "(" + bracket + ")";
        }
      }
      return found;
    };
    if (!bracket.empty()) {
      if (!all_digits(bracket)) return Malformed{"\"" + bracket + "\" is not a year", suggest()};
      const int year = static_cast<int>(to_long(bracket));
      if (date.year && year > date.year + kDateSlack && !known_entry)
        return Malformed{"year " + bracket + " is after this document's date", suggest()};
      if (year < 1946 || year < lo - kScYearTolerance || year > hi + kScYearTolerance) {
        const std::string range =
            lo == hi ? std::to_string(lo)
                     : std::to_string(lo) + "-" + (hi == 9999 ? "" : std::to_string(hi));
        return Malformed{"Security Council resolution " + std::to_string(n) + " dates from " +
                             range + ", not " + bracket,
                         suggest()};
      }
    } else if (date.year && lo > date.year + kScYearTolerance + kDateSlack && !known_entry) {
      return Malformed{"Security Council resolution " + std::to_string(n) + " was adopted in " +
                           std::to_string(lo) + " or later, after this document's date",
                       ""};
    }
    return std::nullopt;
  }
  // ECOSOC resolutions E/RES/YYYY/N.
  if (segs.size() == 4 && series == "E" && segs[1] == "RES" && all_digits(segs[2]) &&
      all_digits(segs[3])) {
    const long year = to_long(segs[2]), n = to_long(segs[3]);
    if (year < 1946 || (date.year && year > date.year + kDateSlack && !known(family)))
      return Malformed{"year " + std::string(segs[2]) + " is out of range", nearest(family)};
    if (n == 0 || n > kMaxEcosocNumber)
      return Malformed{"resolution number " + std::to_string(n) + " is out of range for a year",
                       nearest(family)};
    return std::nullopt;
  }
  // Human Rights Council resolutions A/HRC/RES/S/N.
  if (segs.size() == 5 && series == "A" && segs[1] == "HRC" && segs[2] == "RES" &&
      all_digits(segs[3]) && all_digits(segs[4])) {
    const long session = to_long(segs[3]), n = to_long(segs[4]);
    if (session == 0 ||
        (date.year && session > latest_hrc_session(date) + 3 * kDateSlack && !known(family)))
      return Malformed{"Human Rights Council session " + std::to_string(session) +
                           " had not been held at this document's date",
                       nearest(family)};
    if (n == 0 || n > kMaxHrcNumber)
      return Malformed{"resolution number " + std::to_string(n) + " is out of range for a session",
                       nearest(family)};
    return std::nullopt;
  }
  // Special and emergency special sessions: "A/RES/ES-10/19", "A/RES/S-10/2",
  // "A/HRC/RES/S-17/1".
  {
    size_t at = segs.size() >= 4 && segs[segs.size() - 3] == "RES" ? segs.size() - 2 : 0;
    if (at && (segs[at].starts_with("ES-") || segs[at].starts_with("S-")) &&
        all_digits(segs[at].substr(segs[at].find('-') + 1)) && all_digits(segs.back()))
      return std::nullopt;
  }
  // ECOSOC's old numbering, sessions I to LXIII (1946-1977): "E/RES/837(XXXII)".
  if (segs.size() == 3 && series == "E" && segs[1] == "RES" && all_digits(segs[2]) &&
      !bracket.empty()) {
    const int session = roman_value(bracket);
    if (session >= 1 && session <= 63) return std::nullopt;
    return Malformed{"session (" + bracket +
                         ") is not a session of ECOSOC's old numbering (I to "
                         "LXIII)",
                     ""};
  }
  // "A/RES/77281", "A/RES/" + anything that is not a number.
  if (segs.size() >= 2 && segs[1] == "RES" && (series == "A" || series == "S" || series == "E")) {
    return Malformed{"not a valid resolution symbol", ""};
  }
  (void)doc;
  return std::nullopt;
}

bool Checker::State::conflicting(const DocFacts& doc, const DocDate& date, const Mention& m,
                                 bool report) {
  const std::string& id = m.entity_id;
  const SymbolFacts& facts = facts_of(id);
  const SymKind kind = facts.kind;
  if (kind != SymKind::kResolution && kind != SymKind::kIlo) return false;
  const AuthorityMatch match = facts.match;
  if (match.entry && (match.relation == AuthorityRelation::kDraft ||
                      match.relation == AuthorityRelation::kRelated))
    return false;
  const AuthorityEntry* own = match.entry;
  const std::string& family = facts.family;
  const std::string& organ = facts.organ;

  // Claims: the dates written with the citation (partial ones resolved), its title words.
  std::string words;
  bool last_year = false, this_year = false;
  const bool partial = std::any_of(m.dates.begin(), m.dates.end(),
                                   [](const std::string& d) { return d.rfind("--", 0) == 0; });
  if (partial) {
    words = " " + normalize_words(m.sentence) + " ";
    for (std::string_view p : kLastYear) last_year = last_year || contains_words(words, p);
    for (std::string_view p : kThisYear) this_year = this_year || contains_words(words, p);
  }
  struct DateClaim {
    std::string written;  // as in m.dates
    std::string full;
  };
  std::vector<DateClaim> claims;
  for (const std::string& written : m.dates)
    for (std::string& full : resolve_date(written, date, last_year, this_year))
      claims.push_back({written, std::move(full)});
  auto matches_own = [&](const std::string& d) {
    return own && !own->adopted.empty() && own->adopted == d;
  };
  auto month_matches_own = [&](const std::string& d) {
    return own && own->adopted.size() >= 7 && d.size() == 7 && d[0] != '-' &&
           own->adopted.rfind(d, 0) == 0;
  };
  for (const DateClaim& c : claims)
    if (matches_own(c.full)) return false;
  for (const std::string& d : m.dates)
    if (month_matches_own(d)) return false;

  std::optional<std::vector<std::string>> named_cache;
  auto named = [&]() -> const std::vector<std::string>& {
    if (!named_cache) named_cache = sentence_families(doc, m);
    return *named_cache;
  };
  auto other = [&](const AuthorityEntry* e) {
    if (!e || e == own || symbol_family(e->symbol) == family) return false;
    if (e->organ != organ || sym_kind(e->symbol) != kind) return false;
    const std::string fam = symbol_family(e->symbol);
    return std::find(named().begin(), named().end(), fam) == named().end();
  };

  // Authority: dates.
  const AuthorityEntry* by_date = nullptr;
  std::string date_written;
  bool ambiguous = false;
  for (const DateClaim& c : claims) {
    for (const AuthorityEntry* e : authority.adopted_on(c.full)) {
      if (!other(e) || !date_near(m.sentence, m.surface, c.written)) continue;
      if (by_date && by_date != e) ambiguous = true;
      by_date = e;
      date_written = c.written;
    }
  }
  // Authority: titles and descriptions.
  const AuthorityEntry* by_title = nullptr;
  bool own_title = false;
  for (const AuthorityEntry* e : titles_in(m.sentence)) {
    if (e == own) own_title = true;
    // A Security Council resolution's title is its agenda item ("The situation in the Middle
    // East"), shared by every resolution adopted under it: never evidence for one of them.
    if (e->symbol.rfind("S/RES/", 0) == 0) continue;
    if (!other(e)) continue;
    if (by_title && by_title != e) ambiguous = true;
    by_title = e;
  }
  if (own_title) return false;
  if (by_date && by_title && by_date != by_title) ambiguous = true;
  const AuthorityEntry* target = by_date ? by_date : by_title;
  if (target && !ambiguous) {
    if (!report) return true;
    Finding f = base_finding(FindingKind::kConflictingCitation, Severity::kError, doc, m);
    f.suggestion = target->symbol;
    std::vector<std::string> what;
    if (by_date) {
      std::string d = "the adoption date " + target->adopted;
      if (date_written != target->adopted)
        d += " (written " + date_written + ", read against the document's date " + doc.date + ")";
      what.push_back(d);
    }
    if (by_title) what.push_back("the title or description");
    f.message = id + " is cited with " + join(what, " and ") + " of " + target->symbol;
    f.evidence.note = "authority file: " + describe_entry(*target);
    if (own)
      f.evidence.note += "; " + own->symbol + " was adopted " +
                         (own->adopted.empty() ? "on another date" : own->adopted);
    f.evidence.authority = shared(*target);
    emit(std::move(f));
    return true;
  }
  // Archive majority, decided in finish(), only for symbols the authority file does not know
  // (a known symbol cited with another date is citing some other event): full dates other
  // than the document's own.
  if (ambiguous || kind != SymKind::kResolution || own) return false;
  DateCandidate c;
  for (const DateClaim& claim : claims)
    if (claim.full != doc.date && claim.written.rfind("--", 0) != 0 &&
        date_near(m.sentence, m.surface, claim.written))
      c.dates.push_back(claim.full);
  if (c.dates.empty() || !report) return false;
  // finish_dates() judges a date only while at most one document cites the family with it
  // (more make it the family's own date), and counts only grow (here and in merge()): a
  // candidate whose every date is already past that can never become a finding. Most are,
  // and each would hold its sentence to the end.
  const auto cited_twice = [&](const std::string& d) {
    const auto at = this->by_date.find(d);
    if (at == this->by_date.end()) return false;
    const auto cites = at->second.find(family);
    return cites != at->second.end() && cites->second.documents > 1;
  };
  if (std::all_of(c.dates.begin(), c.dates.end(), cited_twice)) return false;
  c.doc = header_of(doc);
  c.page = m.page;
  c.line = m.line;
  c.written = m.surface;
  c.entity_id = m.entity_id;
  c.sentence = m.sentence;
  c.family = family;
  c.organ = organ;
  c.sentence_families = named();
  date_candidates.push_back(std::move(c));
  return false;
}

void Checker::State::check_mention(const DocFacts& doc, const DocDate& date, const Mention& m,
                                   size_t index, bool report) {
  (void)index;
  const std::string& id = m.entity_id;
  const SymbolFacts& facts = facts_of(id);
  if (!facts.symbol) {
    // Written forms of entities, and misspellings.
    if (m.variant && report) {
      Finding f = base_finding(FindingKind::kVariantSpelling, Severity::kWarning, doc, m);
      const Entity* e = gazetteer.find(id);
      bool listed = false;
      if (e)
        listed = std::find(e->variants.begin(), e->variants.end(), m.surface) != e->variants.end();
      std::string best;
      // A misspelling is one edit from one of the entity's acronyms (the recognizer's typo
      // rule); an acronym further from all of them, or for an entity that has none, was
      // defined by the document itself ("Programme Coordinating Board (PCB)", "(COP21)").
      bool defined = false;
      const bool acronym_like =
          std::none_of(m.surface.begin(), m.surface.end(), [](char c) { return c == ' '; });
      if (e) {
        if (acronym_like && !e->acronyms.empty()) {
          size_t best_d = SIZE_MAX;
          for (const std::string& a : e->acronyms) {
            const size_t d = static_cast<size_t>(util::edit_distance(a, m.surface));
            if (d < best_d) best_d = d, best = a;
          }
          defined = !listed && best_d > 1;
          if (defined) best = e->name;
        } else {
          best = e->name;
          defined = acronym_like && !listed;
        }
      }
      if (best.empty() || best == m.surface) return;
      // A name written inexactly (reordered, a word left out or abbreviated) or an acronym the
      // document defines: information, not an error; a misspelled acronym: a warning.
      const bool inexact = !listed && m.surface.find(' ') != std::string::npos;
      f.severity = listed || inexact || defined ? Severity::kInfo : Severity::kWarning;
      f.suggestion = best;
      f.message = listed    ? quote(m.surface) + " is a known variant of " + quote(best)
                  : inexact ? quote(m.surface) + " is an inexact form of " + quote(best)
                  : defined ? quote(m.surface) + " is an acronym the document defines for " +
                                  quote(best)
                            : quote(m.surface) + " is a misspelling of " + quote(best);
      f.evidence.note = "gazetteer: " + (e ? e->id + " = " + e->name : id);
      variant_findings.push_back(std::make_unique<Finding>(std::move(f)));
    } else if (!m.variant) {
      forms[id][m.surface].add(doc_serial, doc.path, doc.date, m.page, m.line, m.surface);
    }
    return;
  }

  // A citation whose organ the text does not tell ("resolution 59/1" of a commission): no
  // grammar or authority to hold it to.
  if (is_unresolved_organ(id)) return;
  // A written symbol read through OCR damage ("A/31 /l97" as A/31/197).
  if (m.variant && report) {
    Finding f = base_finding(FindingKind::kMalformedSymbol, Severity::kError, doc, m);
    f.suggestion = id;
    f.message = quote(m.surface) + " is damaged (letters where digits belong); read as " + id;
    f.evidence.note = "the symbol grammar";
    emit(std::move(f));
    return;
  }

  const std::string& family = facts.family;
  {
    family_docs[family].add(doc_serial, doc.path, doc.date, m.page, m.line, m.surface);
  }
  // Citations with full dates, for the archive majority.
  if (facts.kind == SymKind::kResolution) {
    std::set<std::string> seen;
    for (const std::string& d : m.dates) {
      if (d.size() != 10 || d[0] == '-' || d == doc.date || !seen.insert(d).second) continue;
      by_date[d][family].add(doc_serial, doc.path, doc.date, m.page, m.line, m.surface);
    }
  }

  if (auto bad = malformed(doc, date, m)) {
    if (report) {
      Finding f = base_finding(FindingKind::kMalformedSymbol, Severity::kError, doc, m);
      f.suggestion = bad->suggestion == id ? "" : bad->suggestion;
      f.message = quote(m.surface) + " (" + id + "): " + bad->message;
      if (!f.suggestion.empty()) {
        if (const AuthorityEntry* e = authority.find(f.suggestion)) {
          f.evidence.authority = shared(*e);
          f.evidence.note = "authority file: " + describe_entry(*e);
        } else {
          f.evidence.note = "the symbol grammar";
        }
      } else {
        f.evidence.note = "the symbol grammar";
      }
      emit(std::move(f));
    }
    return;
  }
  if (conflicting(doc, date, m, report)) return;

  const AuthorityMatch match = facts.match;
  if (match.entry && match.relation == AuthorityRelation::kDraft) {
    const AuthorityEntry& adopted = *match.entry;
    if (!report) return;
    // The draft itself (its symbol in its own page headers) does not cite a superseded draft.
    if (!doc.symbol.empty() && symbol_family(doc.symbol) == symbol_family(id)) return;
    // Not superseded yet when the document predates the adoption.
    if (!adopted.adopted.empty() && !doc.date.empty()) {
      const size_t n = std::min(adopted.adopted.size(), doc.date.size());
      if (doc.date.substr(0, n) < adopted.adopted.substr(0, n)) return;
    }
    const std::string adopted_family = symbol_family(adopted.symbol);
    const std::vector<std::string> named = sentence_families(doc, m);
    if (std::find(named.begin(), named.end(), adopted_family) != named.end()) return;
    const bool cited_elsewhere =
        std::any_of(doc.mentions.begin(), doc.mentions.end(), [&](const Mention& o) {
          const SymbolFacts& of = facts_of(o.entity_id);
          return of.symbol && of.family == adopted_family;
        });
    Finding f = base_finding(FindingKind::kSupersededDraft,
                             cited_elsewhere ? Severity::kInfo : Severity::kWarning, doc, m);
    f.suggestion = adopted.symbol;
    f.message = id + " is the draft of " + adopted.symbol +
                (adopted.adopted.empty() ? "" : ", adopted " + adopted.adopted) +
                (cited_elsewhere ? " (the document also cites " + adopted.symbol + ")" : "");
    f.evidence.note =
        "authority file: " + describe_entry(adopted) + ", draft " + join(adopted.drafts, ", ");
    f.evidence.authority = shared(adopted);
    emit(std::move(f));
    return;
  }
  // One per family and document (finish_unknown()), the first: the others are never made.
  if (!match.entry && report && wants(FindingKind::kUnknownSymbol) &&
      unknown_in_document.insert(family).second) {
    Finding f = base_finding(FindingKind::kUnknownSymbol, Severity::kInfo, doc, m);
    f.suggestion = nearest(family);
    f.message = id + " is not in the authority file";
    if (!f.suggestion.empty()) {
      if (const AuthorityMatch near = authority.family(f.suggestion); near.entry) {
        f.evidence.authority = shared(*near.entry);
        f.message += "; " + f.suggestion + " is one typing slip away";
        if (near.relation == AuthorityRelation::kDraft)
          f.message += " (the draft of " + near.entry->symbol + ")";
        if (near.relation == AuthorityRelation::kRelated)
          f.message += " (related to " + near.entry->symbol + ")";
      }
    }
    unknown_findings.emplace_back(std::make_unique<Finding>(std::move(f)), family);
  }
}

// Strings that look like symbols in the stored sentences but are not read as one:
// "A/RES//77/281", "A/RES/77.281".
void Checker::State::scan_near_symbols(const DocFacts& doc) {
  std::set<std::string> seen;
  std::unordered_set<std::string_view> sentences;
  for (const Mention& m : doc.mentions) {
    const std::string& s = m.sentence;
    size_t slash = s.find('/');
    if (slash == std::string::npos || !sentences.insert(s).second) continue;
    while (slash != std::string::npos) {
      const size_t start = slash - (slash > 0 ? 1 : 0);
      const char series = slash > 0 ? s[slash - 1] : 0;
      const bool boundary = start == 0 || !(is_alnum(s[start - 1]) || s[start - 1] == '/' ||
                                            s[start - 1] == '.' || s[start - 1] == '-');
      if (!(series == 'A' || series == 'S' || series == 'E') || !boundary) {
        slash = s.find('/', slash + 1);
        continue;
      }
      size_t end = start;
      while (end < s.size() && (is_alnum(s[end]) || s[end] == '/' || s[end] == '.' ||
                                s[end] == '-' || s[end] == '(' || s[end] == ')'))
        ++end;
      std::string run = s.substr(start, end - start);
      while (!run.empty() && (run.back() == '.' || run.back() == ',' || run.back() == '-' ||
                              (run.back() == ')' && run.find('(') == std::string::npos)))
        run.pop_back();
      slash = s.find('/', end);
      const bool digits = std::any_of(run.begin(), run.end(), is_digit);
      if (!digits || std::count(run.begin(), run.end(), '/') < 2) continue;
      auto cached = run_cache.find(run);
      if (cached == run_cache.end()) {
        const std::vector<SymbolMatch> found = find_symbols(run);
        // Read (maybe partly, see malformed()) by the recognizer: not a near-symbol.
        cached = run_cache.emplace(run, !found.empty() && found.front().start == 0).first;
      }
      if (cached->second) continue;
      // Repairs: doubled slashes, '.' or '-' between digits.
      std::string fixed;
      for (size_t i = 0; i < run.size(); ++i) {
        const char c = run[i];
        if (c == '/' && !fixed.empty() && fixed.back() == '/') continue;
        if ((c == '.' || c == '-') && i > 0 && i + 1 < run.size() && is_digit(run[i - 1]) &&
            is_digit(run[i + 1])) {
          fixed += '/';
          continue;
        }
        fixed += c;
      }
      const std::optional<std::string> repaired = canonical_symbol(fixed);
      const bool resolution_like =
          run.size() > 5 && (run.substr(1, 5) == "/RES/" || run.substr(1, 4) == "/RES");
      if (!repaired && !resolution_like) continue;
      if (!seen.insert(run).second) continue;
      Mention near = m;
      near.surface = run;
      near.entity_id = "";
      Finding f = base_finding(FindingKind::kMalformedSymbol, Severity::kError, doc, near);
      f.suggestion = repaired.value_or("");
      f.message = quote(run) + " is not a valid document symbol";
      f.evidence.note = "the symbol grammar";
      if (repaired) {
        if (const AuthorityMatch a = authority.family(*repaired); a.entry) {
          f.evidence.authority = shared(*a.entry);
          f.evidence.note = "authority file: " + describe_entry(*a.entry);
        }
      }
      emit(std::move(f));
    }
  }
}

void Checker::State::add(const DocFacts& doc) {
  ++doc_serial;
  const bool report = options.path_prefix.empty() || path_under(doc.path, options.path_prefix);
  if (report) ++documents_checked;
  const DocDate date = parse_doc_date(doc.date);
  title_cache.clear();
  page_symbols.clear();
  page_symbols_built = false;
  unknown_in_document.clear();
  for (size_t i = 0; i < doc.mentions.size(); ++i)
    check_mention(doc, date, doc.mentions[i], i, report);
  title_cache.clear();
  page_symbols.clear();
  page_symbols_built = false;
  if (report) scan_near_symbols(doc);

  // Definitions, grouped by acronym; one per (document, key).
  std::set<std::pair<std::string, std::string>> seen;
  for (const Definition& d : doc.definitions) {
    const std::string words = long_form_words(d.long_form);
    const std::string norm = without_spaces(words);
    std::string key;
    if (d.entity_id.rfind("discovered:", 0) != 0) {
      const std::string padded = " " + words + " ";
      for (const KnownForm& k : known_forms(d.entity_id))
        if (!k.key.empty() && (k.key == norm || contains_words(padded, k.words)))
          key = "=" + d.entity_id;
    }
    if (key.empty()) key = norm;
    if (!seen.emplace(d.acronym, key).second) continue;
    definitions[d.acronym][key].push_back(
        DefinitionRef{header_of(doc), report, d.page, d.line, d.long_form, d.entity_id});
  }
}

void Checker::State::merge(State&& other) {
  using Citations = std::unordered_map<std::string, std::unordered_map<std::string, DatedCitations>>;
  const auto merge_nested = [](Citations& into, Citations& from) {
    for (auto& [outer, inner] : from)
      for (auto& [key, cites] : inner) into[outer][key].merge(std::move(cites));
  };
  const auto append = [](auto& into, auto& from) {
    into.insert(into.end(), std::make_move_iterator(from.begin()),
                std::make_move_iterator(from.end()));
  };
  append(findings, other.findings);
  documents_checked += other.documents_checked;
  merge_nested(by_date, other.by_date);
  append(date_candidates, other.date_candidates);
  for (auto& [acronym, by_key] : other.definitions)
    for (auto& [key, refs] : by_key) append(definitions[acronym][key], refs);
  merge_nested(forms, other.forms);
  append(variant_findings, other.variant_findings);
  for (auto& [family, cites] : other.family_docs) family_docs[family].merge(std::move(cites));
  append(unknown_findings, other.unknown_findings);
}

void Checker::State::finish_dates() {
  // The dates each family is cited with elsewhere: resolutions adopted on the same day share
  // a date, so a date alone never tells which one was meant; the cited resolution must also be
  // cited with another date of its own.
  std::map<std::string, std::map<std::string, size_t>> family_dates;
  if (!date_candidates.empty())
    for (const auto& [d, families] : by_date)
      for (const auto& [family, cites] : families) family_dates[family][d] = cites.documents;
  for (DateCandidate& c : date_candidates) {
    const auto own_dates = family_dates.find(c.family);
    for (const std::string& d : c.dates) {
      const bool dated_otherwise =
          own_dates != family_dates.end() &&
          std::any_of(own_dates->second.begin(), own_dates->second.end(), [&](const auto& kv) {
            return kv.first != d && kv.second >= kMajorityMinDocs;
          });
      if (!dated_otherwise) continue;
      auto it = by_date.find(d);
      if (it == by_date.end()) continue;
      size_t total = 0, own = 0;
      const std::string* best = nullptr;
      DatedCitations* best_c = nullptr;
      for (auto& [family, cites] : it->second) {
        total += cites.documents;
        if (family == c.family) own = cites.documents;
        if (organ_of_symbol(family) != c.organ) continue;
        // Ties go to the first family by name: the answer does not depend on the order the
        // documents came in.
        if (!best_c || cites.documents > best_c->documents ||
            (cites.documents == best_c->documents && family < *best))
          best = &family, best_c = &cites;
      }
      if (!best || *best == c.family || own > 1 || best_c->documents < kMajorityMinDocs ||
          static_cast<double>(best_c->documents) < kMajorityShare * static_cast<double>(total))
        continue;
      if (std::find(c.sentence_families.begin(), c.sentence_families.end(), *best) !=
          c.sentence_families.end())
        continue;
      Finding f;
      f.kind = FindingKind::kConflictingCitation;
      f.severity = Severity::kError;
      f.path = c.doc->path;
      f.title = c.doc->title;
      f.date = c.doc->date;
      f.paged = c.doc->paged;
      f.page = c.page;
      f.line = c.line;
      f.written = std::move(c.written);
      f.entity_id = std::move(c.entity_id);
      f.sentence = std::move(c.sentence);
      f.suggestion = *best;
      f.message = f.entity_id + " is cited with the date " + d + ", which " +
                  std::to_string(best_c->documents) + " of " + std::to_string(total) +
                  " documents citing a resolution with that date attach to " + *best;
      f.evidence.note = "archive: " + *best + " cited with " + d + " in " +
                        std::to_string(best_c->documents) + " documents";
      f.evidence.documents = best_c->shared_examples();
      f.evidence.documents_total = best_c->documents;
      emit(std::move(f));
      break;
    }
  }
}

void Checker::State::finish_definitions() {
  for (auto& [acronym, by_key] : definitions) {
    if (by_key.size() < 2) continue;
    // Keys whose long forms name one body (same_body(): a truncated form, words added, other
    // spellings) form one group; only a definition outside the majority's group is reported.
    std::vector<const std::string*> keys;
    std::vector<std::string> words_text;
    for (const auto& [key, refs] : by_key) {
      keys.push_back(&key);
      // The key's first definition in path order (documents come in any order).
      const DefinitionRef& first = *std::min_element(refs.begin(), refs.end(), path_order);
      words_text.push_back(long_form_words(first.long_form));
    }
    std::vector<std::vector<std::string_view>> words;
    for (const std::string& text : words_text) words.push_back(split(text, ' '));
    std::vector<size_t> group(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) group[i] = i;
    auto root = [&](size_t i) {
      while (group[i] != i) i = group[i] = group[group[i]];
      return i;
    };
    for (size_t i = 0; i < keys.size(); ++i)
      for (size_t j = i + 1; j < keys.size(); ++j)
        if (root(i) != root(j) && same_body(words[i], words[j]))
          group[root(j)] = root(i);
    // The majority group: most documents; a tie goes to the group holding the gazetteer's
    // form, then to the first. Its own majority key gives the suggestion.
    std::map<size_t, size_t> group_docs;
    std::map<size_t, bool> group_known;
    for (size_t i = 0; i < keys.size(); ++i) {
      group_docs[root(i)] += by_key.at(*keys[i]).size();
      if ((*keys[i])[0] == '=') group_known[root(i)] = true;
    }
    size_t major_group = root(0);
    for (const auto& [g, docs] : group_docs) {
      const size_t best = group_docs[major_group];
      if (docs > best || (docs == best && group_known[g] && !group_known[major_group]))
        major_group = g;
    }
    if (group_docs.size() < 2) continue;
    const std::string* major = nullptr;
    size_t major_docs = 0;
    std::vector<const DefinitionRef*> majority;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (root(i) != major_group) continue;
      const auto& refs = by_key.at(*keys[i]);
      for (const DefinitionRef& r : refs) majority.push_back(&r);
      const bool better = !major || refs.size() > major_docs ||
                          (refs.size() == major_docs && (*keys[i])[0] == '=' && (*major)[0] != '=');
      if (better) major = keys[i], major_docs = refs.size();
    }
    // Evidence in path order, whatever order the documents came in.
    std::stable_sort(
        majority.begin(), majority.end(),
        [](const DefinitionRef* a, const DefinitionRef* b) { return path_order(*a, *b); });
    const Entity* entity = (*major)[0] == '=' ? gazetteer.find(major->substr(1)) : nullptr;
    size_t all_definitions = 0;
    for (const auto& kv : by_key) all_definitions += kv.second.size();
    // The majority's most frequent written form, in a language (when it has definitions in
    // it) or in all: each language's answer worked out once.
    std::map<std::string, std::string> suggestion_in;
    const auto suggestion_for = [&](const std::string& language) -> const std::string& {
      const auto known = suggestion_in.find(language);
      if (known != suggestion_in.end()) return known->second;
      std::map<std::string, size_t> counts_lang, counts_all;
      for (const DefinitionRef* o : majority) {
        ++counts_all[o->long_form];
        if (o->doc->language == language) ++counts_lang[o->long_form];
      }
      const auto& counts = counts_lang.empty() ? counts_all : counts_lang;
      std::string suggestion;
      size_t best = 0;
      for (const auto& [form, n] : counts)
        if (n > best) best = n, suggestion = form;
      return suggestion_in.emplace(language, std::move(suggestion)).first->second;
    };
    // The evidence: the majority's first definitions in path order.
    std::vector<EvidenceDoc> first;
    for (const DefinitionRef* o : majority) {
      if (first.size() >= kMaxEvidenceDocs) break;
      first.push_back({o->doc->path, o->doc->date, o->page, o->line,
                       acronym + " (" + o->long_form + ")"});
    }
    const EvidenceDocs evidence(std::move(first));
    for (size_t i = 0; i < keys.size(); ++i) {
      if (root(i) == major_group) continue;
      const std::vector<DefinitionRef>& refs = by_key.at(*keys[i]);
      for (const DefinitionRef& r : refs) {
        if (!r.report) continue;
        // Suggest the majority's most frequent written form, in the document's language if any.
        const std::string& suggestion = suggestion_for(r.doc->language);
        Finding f;
        f.kind = FindingKind::kInconsistentDefinition;
        f.severity = Severity::kWarning;
        f.path = r.doc->path;
        f.title = r.doc->title;
        f.date = r.doc->date;
        f.paged = r.doc->paged;
        f.page = r.page;
        f.line = r.line;
        f.written = acronym + " (" + r.long_form + ")";
        f.entity_id = r.entity_id;
        f.sentence = r.long_form;
        f.suggestion = suggestion;
        f.message = acronym + " is defined here as " + quote(r.long_form) + ", elsewhere as " +
                    quote(suggestion) + " (" + std::to_string(majority.size()) + " of " +
                    std::to_string(all_definitions) + " documents)";
        f.evidence.note = std::to_string(majority.size()) + " documents define " + acronym +
                          " as " + quote(suggestion);
        if (entity) f.evidence.note += "; gazetteer: " + entity->name;
        f.evidence.documents = evidence;
        f.evidence.documents_total = majority.size();
        emit(std::move(f));
      }
    }
  }
}

void Checker::State::finish_variants() {
  findings.reserve(findings.size() + variant_findings.size() + unknown_findings.size());
  for (FindingPtr& p : variant_findings) {
    Finding& f = *p;
    auto it = forms.find(f.entity_id);
    if (it != forms.end()) {
      auto form = it->second.find(f.suggestion);
      if (form != it->second.end()) {
        f.evidence.note += "; written " + quote(f.suggestion) + " in " +
                           std::to_string(form->second.documents) + " documents";
        f.evidence.documents = form->second.shared_examples();
        f.evidence.documents_total = form->second.documents;
      }
    }
    findings.push_back(std::move(p));
  }
}

void Checker::State::finish_unknown() {
  // check_mention() made one per family and document; a path indexed in two shards comes as
  // two documents, and is still reported once.
  std::set<std::pair<std::string, std::string>> seen;  // (path, family)
  for (auto& [p, family] : unknown_findings) {
    Finding& f = *p;
    if (!seen.emplace(f.path, family).second) continue;
    DatedCitations& d = family_docs[family];
    f.evidence.note = "not in the authority file; cited in " + std::to_string(d.documents) +
                      " document" + (d.documents == 1 ? "" : "s");
    if (f.evidence.authority)
      f.evidence.note += "; authority file: " + describe_entry(*f.evidence.authority);
    f.evidence.documents = d.shared_examples();
    f.evidence.documents_total = d.documents;
    findings.push_back(std::move(p));
  }
}

// ---------------------------------------------------------------------------------------------

Checker::Checker(const Authority& authority, const Gazetteer& gazetteer, CheckOptions options)
    : state_(std::make_unique<State>(authority, gazetteer, std::move(options))) {}

Checker::~Checker() = default;

void Checker::add(const DocFacts& doc) { state_->add(doc); }

void Checker::merge(Checker&& other) { state_->merge(std::move(*other.state_)); }

CheckReport Checker::finish() {
  State& s = *state_;
  s.finish_dates();
  s.finish_definitions();
  s.finish_variants();
  s.finish_unknown();
  CheckReport report;
  report.documents_checked = s.documents_checked;
  std::vector<State::FindingPtr>& found = s.findings;
  found.erase(std::remove_if(found.begin(), found.end(),
                             [&](const State::FindingPtr& f) { return !s.wants(f->kind); }),
              found.end());
  // Document order, so that occurrences of one finding are counted from the top; the
  // sentence and message last, so that the order (and which of two findings on one line is
  // kept) never depends on the order the documents were read in.
  auto place = [](const Finding& f) {
    return std::make_tuple(std::cref(f.path), f.page, f.line, f.kind, std::cref(f.written),
                           std::cref(f.suggestion), -static_cast<int>(f.severity),
                           std::cref(f.sentence), std::cref(f.message));
  };
  std::sort(found.begin(), found.end(),
            [&](const State::FindingPtr& a, const State::FindingPtr& b) {
              return place(*a) < place(*b);
            });
  // The same finding twice on one line (one text cited twice in one sentence): keep one.
  found.erase(std::unique(found.begin(), found.end(),
                          [](const State::FindingPtr& a, const State::FindingPtr& b) {
                            return a->path == b->path && a->page == b->page &&
                                   a->line == b->line && a->kind == b->kind &&
                                   a->written == b->written && a->suggestion == b->suggestion;
                          }),
              found.end());
  // Occurrences of kind, written and suggestion in the document (findings come by path), and
  // the document's paths as ids hash them.
  std::unordered_map<std::string, size_t> occurrences;
  std::optional<std::string> path;
  std::string id_path, legacy_path;
  const bool accepting = !s.options.accepted.empty();
  for (State::FindingPtr& p : found) {
    Finding& f = *p;
    if (!path || f.path != *path) {
      path = f.path;
      occurrences.clear();
      id_path = s.id_path(f.path);
      legacy_path = s.legacy_path(f.path);
    }
    const std::string same =
        std::string(kind_name(f.kind)) + '\n' + f.written + '\n' + f.suggestion;
    f.id_path = id_path;
    f.id = finding_id(f.kind, f.id_path, f.written, f.suggestion, occurrences[same]++);
    if (!accepting) continue;
    const std::string old =
        line_finding_id(f.kind, legacy_path, f.page, f.line, f.written, f.suggestion);
    const bool by_id = s.options.accepted.count(f.id) != 0;
    const bool by_old = s.options.accepted.count(old) != 0;
    if (by_id || by_old) {
      ++report.accepted;
      if (by_id) report.accepted_ids.insert(f.id);
      if (by_old) report.accepted_ids.insert(old);
      p.reset();
    }
  }
  found.erase(std::remove(found.begin(), found.end(), nullptr), found.end());
  auto order = [](const Finding& f) {
    return std::make_tuple(std::cref(f.path), -static_cast<int>(f.severity), f.page, f.line,
                           f.kind, std::cref(f.written), std::cref(f.suggestion),
                           std::cref(f.sentence), std::cref(f.message));
  };
  std::sort(found.begin(), found.end(),
            [&](const State::FindingPtr& a, const State::FindingPtr& b) {
              return order(*a) < order(*b);
            });
  report.findings.reserve(found.size());
  for (State::FindingPtr& p : found) {
    report.findings.push_back(std::move(*p));
    p.reset();
  }
  found.clear();
  return report;
}

CheckReport check_facts(const std::vector<DocFacts>& docs, const Authority& authority,
                        const Gazetteer& gazetteer, const CheckOptions& options) {
  Checker checker(authority, gazetteer, options);
  for (const DocFacts& d : docs) checker.add(d);
  return checker.finish();
}

namespace {

// The whole file, or nullopt when it cannot be read (a regular file of bounded size only:
// util::read_small_file).
std::optional<std::string> slurp(const std::string& path) {
  util::SmallFile file = util::read_small_file(path);
  if (!file.error.empty()) return std::nullopt;
  return std::move(file.bytes);
}

AcceptFile parse_accept_file(const std::string& text, const std::string& path) {
  AcceptFile out;
  const bool bom = text.rfind("\xEF\xBB\xBF", 0) == 0;  // saved by an editor as "UTF-8 BOM"
  std::istringstream in(bom ? text.substr(3) : text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::istringstream words(line);
    std::string first;
    if (!(words >> first) || first[0] == '#') continue;
    const bool id = first.size() == 16 && std::all_of(first.begin(), first.end(), [](char c) {
                      return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                    });
    if (!id) {
      out.problems.push_back(
          {path, number, "not a finding id (16 hex digits): " + quote(first) + "; line ignored"});
      continue;
    }
    std::transform(first.begin(), first.end(), first.begin(), [](char c) {
      return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    std::string rest;
    std::getline(words, rest);
    const size_t hash = rest.find('#');
    std::string note = hash == std::string::npos ? "" : rest.substr(hash + 1);
    while (!note.empty() && (note.front() == ' ' || note.front() == '\t')) note.erase(0, 1);
    while (!note.empty() && (note.back() == ' ' || note.back() == '\r')) note.pop_back();
    out.notes.emplace(first, std::move(note));
    out.ids.push_back(std::move(first));
  }
  return out;
}

}  // namespace

AcceptFile read_accept_file(const std::string& path) {
  const std::optional<std::string> text = slurp(path);
  if (!text) {
    AcceptFile out;
    out.problems.push_back({path, 0, "cannot read the accept file"});
    return out;
  }
  return parse_accept_file(*text, path);
}

std::string accept_lines(const std::vector<Finding>& findings, const std::string& relative_to) {
  std::string out;
  for (const Finding& f : findings) {
    std::string path = std::filesystem::path(f.path).lexically_relative(relative_to).string();
    if (path.empty() || relative_to.empty()) path = f.path;
    out += f.id + "  # " + std::string(kind_name(f.kind)) + " " + path + ":" +
           (f.paged ? std::to_string(f.page) + ":" : "") + std::to_string(f.line) + " " + f.written;
    if (!f.suggestion.empty()) out += " -> " + f.suggestion;
    out += "\n";
  }
  return out;
}

AcceptWrite write_accept_file(const std::string& path, const std::vector<Finding>& findings) {
  AcceptWrite result;
  std::error_code ec;
  std::string existing;
  if (std::filesystem::exists(path, ec)) {
    std::optional<std::string> text = slurp(path);
    if (!text) {
      result.problem = CheckProblem{path, 0, "cannot read the accept file"};
      return result;
    }
    existing = std::move(*text);
  }
  const AcceptFile listed = parse_accept_file(existing, path);
  std::unordered_set<std::string> ids(listed.ids.begin(), listed.ids.end());
  std::vector<Finding> fresh;
  for (const Finding& f : findings) {
    if (ids.count(f.id)) {
      ++result.listed;
    } else {
      ids.insert(f.id);
      fresh.push_back(f);
    }
  }
  result.added = fresh.size();
  if (fresh.empty()) return result;
  std::string text;
  if (existing.empty())
    text += "# Reviewed findings of concord-query check, one id per line; '#' starts a comment.\n";
  else if (existing.back() != '\n')
    text += "\n";
  const std::filesystem::path folder = std::filesystem::absolute(path, ec).parent_path();
  text += accept_lines(fresh, folder.string());
  std::ofstream out(path, std::ios::binary | std::ios::app);
  out << text;
  out.flush();
  if (!out) {
    result.added = 0;
    result.problem = CheckProblem{path, 0, "cannot write the accept file"};
  }
  return result;
}

}  // namespace concord
