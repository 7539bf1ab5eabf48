// The recognition stage: one pass over the words of a page, plus definitions and context.
#include "recognize/recognize.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <optional>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "recognize/dates.h"
#include "recognize/scan.h"
#include "recognize/symbols.h"
#include "recognize/tables.h"

namespace concord {
namespace {

using detail::MatchTables;
using detail::Pattern;
using detail::UnitName;

constexpr uint32_t kNoEntity = 0xFFFFFFFF;

// A match before it becomes a Mention: cheap to create, strings built at the end.
struct Hit {
  size_t start = 0;
  size_t end = 0;
  uint32_t entity = kNoEntity;  // gazetteer entity, or kNoEntity with `id` set
  bool variant = false;
  bool long_form = false;  // matched a folded (long) form
  int32_t symbol = -1;     // index into the page's SymbolMatch list, for symbols
  bool typo = false;       // an all-caps word one edit from a known acronym
  size_t name_end = 0;     // a unit named with its parent: where the whole name ends (the
                           // short names are learned from it)
  std::string id;          // symbols and discovered entities
};

bool is_all_caps_word(std::string_view w) {
  if (w.size() < 2) return false;
  for (char c : w)
    if (!scan::is_ascii_upper(static_cast<unsigned char>(c))) return false;
  return true;
}

// The next word after `pos` on the same line, if any.
std::string_view peek_word(std::string_view text, size_t pos) {
  size_t p = pos, s = 0, e = 0;
  uint64_t h = 0;
  if (!scan::next_word(text, &p, &s, &e, &h)) return {};
  if (std::memchr(text.data() + pos, '\n', s - pos) != nullptr) return {};
  return text.substr(s, e - s);
}

// An acronym learned from a definition; carried from page to page within one document.
struct Learned {
  std::string acronym;          // or a short name (words separated by one space)
  uint32_t entity = kNoEntity;  // kNoEntity: discovered
  bool name = false;            // a short name of a long form (see learn_short_names())
};

class PageRecognizer {
 public:
  // `learned` holds the acronyms defined on earlier pages of the document; the page adds its
  // own definitions to it.
  PageRecognizer(std::string_view text, int page, const Gazetteer& gazetteer,
                 std::vector<Learned>* learned, const SymbolContext& context)
      : text_(text),
        page_(page),
        gazetteer_(gazetteer),
        tables_(gazetteer.tables()),
        learned_(*learned),
        context_(context) {}

  // The document's own resolution number, written bare before its title ("78/24."), is a
  // mention of the document's symbol `id` ("A/RES/78/24").
  void set_own_number(std::string number, std::string id) {
    own_number_ = std::move(number);
    own_id_ = std::move(id);
  }

  RecognizeResult run() {
    scan_words();
    name_committees();
    learn_short_names();
    index_symbols();
    if (!own_number_.empty()) scan_own_number();
    auto by_start = [](const Hit& a, const Hit& b) { return a.start < b.start; };
    if (!std::is_sorted(hits_.begin(), hits_.end(), by_start))
      std::stable_sort(hits_.begin(), hits_.end(), by_start);
    // Short names before definitions, so that "Programme Coordinating Board (PCB)" defines
    // PCB as the body's acronym.
    if (!learned_.empty()) {
      const size_t before = hits_.size();
      scan_learned(true);
      if (hits_.size() != before) std::stable_sort(hits_.begin(), hits_.end(), by_start);
    }
    find_definitions();
    merge_learned_hits();
    if (!learned_.empty()) scan_learned(false);
    std::stable_sort(hits_.begin(), hits_.end(),
                     [](const Hit& a, const Hit& b) { return a.start < b.start; });
    RecognizeResult result;
    build_mentions(&result.mentions);
    fill_definition_lines();
    result.definitions = std::move(definitions_);
    return result;
  }

 private:
  bool known_token(std::string_view w) const {
    return tables_.known_tokens.count(std::string(w)) != 0;
  }

  // An all-caps word that is not a known form: a sign of headings or shouting.
  bool unknown_caps(std::string_view w) const { return is_all_caps_word(w) && !known_token(w); }

  // Whether one of the two words before `at` is an indefinite article ("an international
  // criminal court", "a world conference on disarmament"), the other (if any) in lower case.
  bool indefinite_before(size_t at) const {
    size_t end = at;
    for (int word = 0; word < 2; ++word) {
      while (end > 0 && ascii_space(text_[end - 1])) --end;
      size_t start = end;
      while (start > 0 && (scan::is_ascii_lower(static_cast<unsigned char>(text_[start - 1])) ||
                           scan::is_ascii_upper(static_cast<unsigned char>(text_[start - 1]))))
        --start;
      const std::string_view w = text_.substr(start, end - start);
      if (w.empty()) return false;
      static constexpr std::string_view kArticles[] = {"a", "an", "un", "une", "una", "any",
                                                        "another"};
      for (std::string_view a : kArticles)
        if (w == a) return true;
      if (!scan::is_ascii_lower(static_cast<unsigned char>(w[0]))) return false;
      end = start;
    }
    return false;
  }

  // Whether the word just before `at` is "National" (any case; also "nationale", "nacional")
  // and the name at `at` is not the United Nations' own: "Iraq's National Security Council",
  // "the Independent National Commission on Human Rights" name a country's body, whereas
  // "national United Nations Volunteers" are still the programme, and "the United National
  // Security Council" is a slip.
  bool national_before(size_t at) const {
    size_t ws = 0, we = 0;
    if (!word_before(at, &ws, &we)) return false;
    const std::string w = scan::fold(text_.substr(ws, we - ws));
    if (w != "national" && w != "nationale" && w != "nacional") return false;
    // "the United National Security Council": a slip for "United Nations".
    size_t ps = 0, pe = 0;
    if (word_before(ws, &ps, &pe) && text_.substr(ps, pe - ps) == "United") return false;
    const std::string_view next = peek_word(text_, at);
    return next != "United" && next != "UN" && next != "Nations" && next != "Naciones";
  }

  // Whether [from, to) holds a capital letter (ASCII, or Latin-1's À..Þ in UTF-8).
  bool has_capital(size_t from, size_t to) const {
    for (size_t i = from; i < to; ++i) {
      const auto c = static_cast<unsigned char>(text_[i]);
      if (scan::is_ascii_upper(c)) return true;
      if (c == 0xC3 && i + 1 < to) {
        const auto d = static_cast<unsigned char>(text_[i + 1]);
        if (d >= 0x80 && d <= 0x9E && d != 0x97) return true;
      }
    }
    return false;
  }

  // Where the heading holding `from` ends: the end of the first line after it (or holding it)
  // that has no lower-case letter and is followed by an empty line (blanks only); or the end
  // of the page. Such a line is a heading or a masthead, and a name does not run on from it
  // across the empty line ("UNITED NATIONS" above "CONVENTION TO COMBAT DESERTIFICATION").
  // Other empty lines do not end a name: OCR'd speeches break lines with empty ones ("the
  // General\n \nAssembly", "the UN Security\n\nCouncil").
  size_t heading_end(size_t from) const {
    size_t line_start = text_.rfind('\n', from);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    for (size_t nl = text_.find('\n', from); nl != std::string_view::npos;
         line_start = nl + 1, nl = text_.find('\n', nl + 1)) {
      size_t k = nl + 1;
      while (k < text_.size() && (text_[k] == ' ' || text_[k] == '\t' || text_[k] == '\r')) ++k;
      if (k >= text_.size() || text_[k] != '\n') continue;
      bool lower = false, letter = false;
      for (size_t i = line_start; i < nl && !lower; ++i) {
        lower = scan::is_ascii_lower(static_cast<unsigned char>(text_[i]));
        letter = letter || scan::is_ascii_upper(static_cast<unsigned char>(text_[i]));
      }
      if (letter && !lower) return nl;
    }
    return text_.size();
  }

  // One pass over the words: symbols first, then the longest gazetteer form, then typos.
  void scan_words() {
    size_t pos = 0, ws = 0, we = 0;
    uint64_t h = 0;
    bool prev_caps = false;
    const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
    // Names are matched in `para`, the text up to the end of the next heading (see
    // heading_end()).
    size_t para_end = 0;
    std::string_view para = text_;
    while (scan::next_word(text_, &pos, &ws, &we, &h)) {
      if (ws >= para_end) {
        para_end = heading_end(ws);
        para = text_.substr(0, para_end);
      }
      const unsigned char c0 = s[ws];
      if (scan::is_ascii_upper(c0) || c0 == 'r' || c0 == 'c' || c0 == 'd') {
        size_t before = symbols_.size();
        size_t resume = detail::symbols_at(text_, ws, we, &symbols_, context_);
        if (resume != 0) {
          for (size_t k = before; k < symbols_.size(); ++k) {
            Hit hit;
            hit.start = symbols_[k].start;
            hit.end = symbols_[k].end;
            hit.id = symbols_[k].id;
            hit.variant = symbols_[k].repaired;
            hit.symbol = static_cast<int32_t>(k);
            hits_.push_back(std::move(hit));
          }
          pos = resume;
          prev_caps = false;
          continue;
        }
      }
      size_t best_end = 0;
      const Pattern* best = nullptr;
      const bool upper_start = scan::is_ascii_upper(c0);
      if (upper_start) {
        for (uint32_t id : tables_.exact_first.find(scan::hash_bytes(text_.substr(ws, we - ws)))) {
          const Pattern& p = tables_.patterns[id];
          size_t e = tables_.match_exact(para, ws, p);
          if (e > best_end || (e == best_end && e != 0 && best->variant && !p.variant)) {
            best_end = e;
            best = &p;
          }
        }
      }
      uint32_t folded_id = 0;
      if (size_t e = tables_.match_folded(para, we, h, &folded_id); e != 0) {
        const Pattern& p = tables_.patterns[folded_id];
        if (e > best_end || (e == best_end && best->variant && !p.variant)) {
          best_end = e;
          best = &p;
        }
      }
      // "an international criminal court", "a world conference on disarmament": a
      // description, not the name (in lower case after an indefinite article; UN style
      // writes some names in lower case: "the high-level political forum").
      if (best != nullptr && best->proper && !upper_start && indefinite_before(ws) &&
          !has_capital(ws, best_end))
        best = nullptr;
      if (best != nullptr && best->caps_word &&
          (prev_caps || unknown_caps(peek_word(text_, best_end)))) {
        best = nullptr;
      }
      // A name written inexactly ("United Nations Research Institute on Social
      // Development"), where nothing or only a shorter name matched exactly.
      // "National Commission on Human Rights": a country's body, not the United Nations'.
      if (best != nullptr && !best->case_sensitive && national_before(ws)) {
        pos = best_end;
        prev_caps = false;
        continue;
      }
      if (upper_start && (best != nullptr ? capital_follows(best_end) : name_goes_on(we))) {
        detail::FuzzyMatcher::Match fm;
        if (tables_.fuzzy.match(para, ws, best != nullptr ? best_end : 0, &fm) &&
            !national_before(ws)) {
          Hit hit;
          hit.start = ws;
          hit.end = fm.end;
          hit.entity = fm.entity;
          hit.variant = true;
          hit.long_form = true;
          push_with_parents(std::move(hit));
          pos = fm.end;
          prev_caps = false;
          continue;
        }
      }
      // A long name that goes on into a longer one ("African Union Commission", "United
      // Nations Global Counter-Terrorism Strategy") is not a mention of itself.
      if (best != nullptr && !best->case_sensitive &&
          tables_.fuzzy.continuation(para, best_end) !=
              detail::FuzzyMatcher::Continuation::kNone) {
        pos = best_end;
        prev_caps = false;
        continue;
      }
      if (best != nullptr && best->title_word && opens_title(best_end)) best = nullptr;
      if (best != nullptr && best->case_sensitive && in_document_code(ws, best_end)) best = nullptr;
      if (best != nullptr && best->generic && names_other_body(best_end)) best = nullptr;
      if (best != nullptr) {
        Hit hit;
        hit.start = ws;
        hit.end = best_end;
        hit.entity = best->entity;
        hit.variant = best->variant;
        hit.long_form = !best->case_sensitive;
        const uint32_t entity = hit.entity;
        if (best->case_sensitive)
          hits_.push_back(std::move(hit));
        else
          push_with_parents(std::move(hit));
        pos = best_end;
        if (!best->case_sensitive) pos = coordinated_tail(ws, best_end, entity, pos);
        prev_caps = false;
        continue;
      }
      if (!upper_start) {
        prev_caps = false;
        continue;
      }
      std::string_view word = text_.substr(ws, we - ws);
      if (word.size() >= 4 && is_all_caps_word(word)) {
        bool caps = unknown_caps(word);
        if (caps && !prev_caps && !unknown_caps(peek_word(text_, we))) try_typo(ws, we);
        prev_caps = caps;
      } else {
        prev_caps = unknown_caps(word);
      }
    }
  }

  // ---- Committees named after the resolution that established them ---------------------

  // The words before a Security Council citation that name the committee it established:
  // "Committee (established) pursuant to resolution 2206 (2015)", "Comité créé par la
  // résolution 1718 (2006)", "Comité establecido en virtud de la resolución 1533 (2004)"
  // (folded, in text order; the citation follows the last word).
  static constexpr std::string_view kCommitteeLead[][10] = {
      {"committee", "established", "pursuant", "to"},
      {"committee", "pursuant", "to"},
      {"committee", "established", "by"},
      {"committee", "established", "under"},
      {"comite", "cree", "par", "la"},
      {"comite", "cree", "en", "application", "de", "la"},
      {"comite", "cree", "en", "vertu", "de", "la"},
      {"comite", "du", "conseil", "de", "securite", "cree", "par", "la"},
      {"comite", "du", "conseil", "de", "securite", "cree", "en", "application", "de", "la"},
      {"comite", "establecido", "en", "virtud", "de", "la"},
      {"comite", "establecido", "de", "conformidad", "con", "la"},
      {"comite", "establecido", "en", "cumplimiento", "de", "la"},
      {"comite", "establecido", "por", "la"},
      {"comite", "del", "consejo", "de", "seguridad", "establecido", "en", "virtud", "de", "la"},
  };

  // The word just before `end` across at most three spaces or one line break: its span, or
  // false. Word bytes are ASCII letters and digits and any non-ASCII byte (accented letters).
  bool word_before(size_t end, size_t* ws, size_t* we) const {
    size_t i = end;
    while (i > 0 && end - i < 4 &&
           (text_[i - 1] == ' ' || text_[i - 1] == '\n' || text_[i - 1] == '\r'))
      --i;
    if (i == end || i == 0) return false;
    auto word_byte = [this](size_t k) {
      const auto c = static_cast<unsigned char>(text_[k]);
      return c >= 0x80 || scan::is_ascii_alnum(c);
    };
    *we = i;
    while (i > 0 && *we - i < 40 && word_byte(i - 1)) --i;
    *ws = i;
    return *we > *ws && (i == 0 || !word_byte(i - 1));
  }

  // Where the committee's name starts when the words before `end` are one of kCommitteeLead
  // with a capital C ("Committee", "Comité"), else npos. The words are read and folded once.
  size_t committee_lead(size_t end) const {
    constexpr size_t kMaxLead = std::size(kCommitteeLead[0]);
    std::string folded[kMaxLead];  // folded[k]: the k-th word before `end`
    size_t starts[kMaxLead];
    size_t read = 0;
    for (size_t at = end, ws = 0, we = 0; read < kMaxLead && word_before(at, &ws, &we); at = ws) {
      folded[read] = scan::fold(text_.substr(ws, we - ws));
      starts[read++] = ws;
    }
    for (const auto& lead : kCommitteeLead) {
      size_t n = 0;
      while (n < kMaxLead && !lead[n].empty()) ++n;
      if (n > read) continue;
      bool ok = true;
      for (size_t k = 0; k < n && ok; ++k) ok = folded[k] == lead[n - 1 - k];
      if (ok && scan::is_ascii_upper(static_cast<unsigned char>(text_[starts[n - 1]])))
        return starts[n - 1];
    }
    return std::string_view::npos;
  }

  // Security Council citations led by "Committee (established) pursuant to": a mention of the
  // committee (gazetteer pursuant-to flag) over the leading words, with "Security Council" just
  // before them ("Security Council Committee established pursuant to"); mentions inside those
  // words (the "Conseil de sécurité" of "Comité du Conseil de sécurité créé par") are dropped.
  // The citation stays a mention of its own: mentions never overlap.
  void name_committees() {
    const auto& entities = gazetteer_.entities();
    std::vector<Hit> out;
    out.reserve(hits_.size());
    for (Hit& h : hits_) {
      const Entity* committee = nullptr;
      if (h.symbol >= 0) {
        const std::string& id = symbols_[static_cast<size_t>(h.symbol)].id;
        if (id.rfind("S/RES/", 0) == 0 || id.rfind("?/RES/", 0) == 0) {
          size_t e = 6;
          while (e < id.size() && scan::is_ascii_digit(static_cast<unsigned char>(id[e]))) ++e;
          if (e > 6) committee = gazetteer_.by_pursuant_to(std::string_view(id).substr(6, e - 6));
        }
      }
      size_t cs = committee != nullptr ? committee_lead(h.start) : std::string_view::npos;
      // "Counter-Terrorism Committee established pursuant to": already named.
      if (cs != std::string_view::npos && !out.empty() && out.back().start < cs &&
          out.back().end > cs)
        cs = std::string_view::npos;
      if (cs != std::string_view::npos) {
        size_t ce = h.start;
        while (ce > cs && (text_[ce - 1] == ' ' || text_[ce - 1] == '\n' || text_[ce - 1] == '\r'))
          --ce;
        // "Security Council" just before (no mention of its own: a name goes on after it).
        size_t s1 = 0, e1 = 0, s2 = 0, e2 = 0;
        if (word_before(cs, &s2, &e2) && word_before(s2, &s1, &e1) &&
            scan::fold(text_.substr(s1, e1 - s1)) == "security" &&
            scan::fold(text_.substr(s2, e2 - s2)) == "council" &&
            scan::is_ascii_upper(static_cast<unsigned char>(text_[s1])))
          cs = s1;
        while (!out.empty() && out.back().end > cs) out.pop_back();
        Hit c;
        c.start = cs;
        c.end = ce;
        c.entity = static_cast<uint32_t>(committee - entities.data());
        c.long_form = true;
        out.push_back(std::move(c));
      }
      out.push_back(std::move(h));
    }
    hits_ = std::move(out);
  }

  // A parent body named at the end of a unit's long form, after "of (the)" or "de (la)...":
  // "Executive Council of the Organisation for the Prohibition of Chemical Weapons",
  // "Conseil exécutif de l'OIAC". The parent is a mention of its own, as it would be were the
  // unit not in the gazetteer (a search for the OPCW must list the passage). The United
  // Nations only after an organ whose short name other bodies share ("General Assembly of the
  // United Nations": the generic-name flag): its name closes the official names of bodies
  // that are not its units in this sense ("Food and Agriculture Organization of the United
  // Nations").
  // Records `hit`, a long form of an entity; when the name holds its parent after "of"
  // ("Executive Council of the OPCW"), as a mention of the unit ("Executive Council") and one
  // of each parent ("OPCW"), side by side. A parent written first ("IAEA Board of Governors",
  // "OSCE Minsk Group") is part of the unit's own name: one mention (bench/real/GUIDELINES.md).
  void push_with_parents(Hit hit) {
    const ParentInName named = parent_in_name(hit.start, hit.end, hit.entity);
    if (named.parents.empty()) {
      hits_.push_back(std::move(hit));
      return;
    }
    hit.name_end = hit.end;
    hit.start = named.unit_start;
    hit.end = named.unit_end;
    hits_.push_back(std::move(hit));
    for (const Parent& parent : named.parents) {
      Hit p;
      p.start = parent.start;
      p.end = parent.end;
      p.entity = parent.entity;
      p.long_form = parent.long_form;
      hits_.push_back(std::move(p));
    }
  }

  struct Parent {
    uint32_t entity = kNoEntity;
    size_t start = 0, end = 0;  // where its name is written
    bool long_form = false;
  };
  struct ParentInName {
    std::vector<Parent> parents;  // in text order; empty when the name holds none
    size_t unit_start = 0;        // the unit's words start here
    size_t unit_end = 0;          // ... and end here (before the connector)
  };
  ParentInName parent_in_name(size_t ws, size_t end, uint32_t unit) const {
    const std::vector<Entity>& entities = gazetteer_.entities();
    const std::string& unit_type = entities[unit].type;
    if (unit_type == "concept" || unit_type == "event" || unit_type == "treaty") return {};
    struct Word {
      size_t s, e;
      std::string folded;
    };
    std::vector<Word> words;
    size_t p = ws, s = 0, e = 0;
    uint64_t h = 0;
    while (scan::next_word(text_, &p, &s, &e, &h) && e <= end)
      words.push_back({s, e, scan::fold(text_.substr(s, e - s))});
    // The parent named by words [from, to): a body that may be a unit's parent, or nullopt.
    const auto parent_at = [&](size_t from, size_t to) -> std::optional<Parent> {
      const std::string_view name = text_.substr(words[from].s, words[to - 1].e - words[from].s);
      const Entity* parent = gazetteer_.by_long_form(name);
      const bool long_form = parent != nullptr;
      if (parent == nullptr) parent = gazetteer_.by_acronym(name);
      if (parent == nullptr || (parent->id == "UN" && !entities[unit].generic_name)) return {};
      const uint32_t index = static_cast<uint32_t>(parent - entities.data());
      if (index == unit || parent->type == "concept" || parent->type == "event" ||
          parent->type == "treaty")
        return {};
      return Parent{index, words[from].s, words[to - 1].e, long_form};
    };
    static constexpr std::string_view kOf[][2] = {{"of", "the"}, {"of", ""},   {"de", "la"},
                                                  {"de", "l"},   {"du", ""},   {"des", ""},
                                                  {"del", ""},   {"de", "los"}, {"de", "las"},
                                                  {"de", ""}};
    for (size_t i = 1; i + 1 < words.size(); ++i) {
      for (const auto& of : kOf) {
        if (words[i].folded != of[0]) continue;
        size_t tail = i + 1;
        if (!of[1].empty()) {
          if (words[tail].folded != of[1] || tail + 1 >= words.size()) continue;
          ++tail;
        }
        if (std::optional<Parent> parent = parent_at(tail, words.size()))
          return {{*parent}, ws, words[i - 1].e};
        // Several parents: "Executive Board of the United Nations Development Programme, the
        // United Nations Population Fund and the United Nations Office for Project Services".
        std::vector<Parent> list = parents_listed(words, tail, parent_at);
        if (!list.empty()) return {std::move(list), ws, words[i - 1].e};
      }
    }
    return {};
  }

  // The parents named one after the other by words[tail..] to the end, separated by a comma,
  // "and", "et" or "y" (each maybe followed by an article or "of"), each a whole name that
  // parent_at() accepts; empty unless there are two or more and nothing else is in the words.
  template <typename Word, typename ParentAt>
  std::vector<Parent> parents_listed(const std::vector<Word>& words, size_t tail,
                                     const ParentAt& parent_at) const {
    static constexpr std::string_view kAnd[] = {"and", "et", "y"};
    static constexpr std::string_view kLink[] = {"the", "of", "la", "le", "l", "les", "el",
                                                 "los", "las", "du", "de", "des", "del"};
    const auto one_of = [](const std::string& w, const auto& set) {
      return std::find(std::begin(set), std::end(set), w) != std::end(set);
    };
    std::vector<Parent> out;
    size_t at = tail;
    while (at < words.size() && out.size() < 8) {
      // The longest name from `at` that is followed by a separator or the end.
      std::optional<Parent> found;
      size_t next = 0;
      for (size_t to = words.size(); to > at; --to) {
        // A comma, or a slash between acronyms ("Executive Boards of UNDP/UNFPA/UNOPS").
        const bool comma = to < words.size() &&
                           text_.substr(words[to - 1].e, words[to].s - words[to - 1].e)
                                   .find_first_of(",/") != std::string_view::npos;
        size_t after = to;
        if (to < words.size() && !comma && !one_of(words[to].folded, kAnd)) continue;
        if (to < words.size() && !comma) ++after;  // the "and"
        if (comma && after < words.size() && one_of(words[after].folded, kAnd)) ++after;
        while (after < words.size() && one_of(words[after].folded, kLink)) ++after;
        if (to < words.size() && after >= words.size()) continue;
        if (std::optional<Parent> parent = parent_at(at, to)) {
          found = parent;
          next = after;
          break;
        }
      }
      if (!found) return {};
      out.push_back(*found);
      at = next;
      if (next >= words.size()) break;
    }
    if (out.size() < 2 || at < words.size()) return {};
    return out;
  }

  // True when the word after `pos` can go on with a name: a capitalized word, or a short
  // linking word ("de", "of", "for") as in "Grupo de trabajo ...".
  bool name_goes_on(size_t pos) const {
    size_t p = pos, ws = 0, we = 0;
    uint64_t h = 0;
    if (!scan::next_word(text_, &p, &ws, &we, &h) || ws - pos > 3) return false;
    if (scan::is_ascii_upper(static_cast<unsigned char>(text_[ws]))) return true;
    return tables_.fuzzy.is_stop(h);
  }

  // True when a capitalized word follows `pos` after a few spaces.
  bool capital_follows(size_t pos) const {
    size_t q = scan::skip_spaces(text_, pos, 3);
    return q > pos && q < text_.size() && scan::is_ascii_upper(static_cast<unsigned char>(text_[q]));
  }

  // A second body named by coordinating the last word of a name: "International Tribunal —
  // Rwanda & Yugoslavia" (the tribunals for Rwanda and for Yugoslavia), "the Economic
  // Commission for Africa and Europe". When the name at [s, e) (of `entity`) ends in "for",
  // "on", "in", "at", "of" or a dash and one word, and "&" or "and" and a capitalized word W
  // follow, the name with W for its last word, if it is another body's long form, is a
  // mention of that body at W. Returns where scanning goes on (after W, or `e`).
  size_t coordinated_tail(size_t s, size_t e, uint32_t entity, size_t resume) {
    size_t p = scan::skip_spaces(text_, e, 2);
    if (p < text_.size() && text_[p] == '&') {
      ++p;
    } else if (text_.substr(p, 4) == "and ") {
      p += 3;
    } else {
      return resume;
    }
    p = scan::skip_spaces(text_, p, 2);
    if (p >= text_.size() || !scan::is_ascii_upper(static_cast<unsigned char>(text_[p])))
      return resume;
    size_t w_end = p + 1;
    while (w_end < text_.size() && scan::is_ascii_lower(static_cast<unsigned char>(text_[w_end])))
      ++w_end;
    if (w_end - p < 3) return resume;
    if (w_end < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[w_end]);
      if (scan::is_ascii_alnum(c) || c >= 0x80) return resume;  // not a whole word
    }
    // The name's last word and the connector before it.
    size_t last = e;
    while (last > s && text_[last - 1] != ' ' && text_[last - 1] != '\n') --last;
    size_t before_end = last;
    while (before_end > s && (text_[before_end - 1] == ' ' || text_[before_end - 1] == '\n'))
      --before_end;
    size_t before = before_end;
    while (before > s && text_[before - 1] != ' ' && text_[before - 1] != '\n') --before;
    if (before == s) return resume;
    const std::string_view connector = text_.substr(before, before_end - before);
    static constexpr std::string_view kConnectors[] = {"for", "on", "in", "at", "of",
                                                       "\xE2\x80\x94", "\xE2\x80\x93", "-"};
    if (std::find(std::begin(kConnectors), std::end(kConnectors), connector) ==
        std::end(kConnectors))
      return resume;
    std::string other(text_.substr(s, last - s));
    other.append(text_.substr(p, w_end - p));
    const Entity* e2 = gazetteer_.by_long_form(other);
    if (e2 == nullptr || e2->type == "concept") return resume;
    const uint32_t index = static_cast<uint32_t>(e2 - gazetteer_.entities().data());
    if (index == entity) return resume;
    Hit hit;
    hit.start = p;
    hit.end = w_end;
    hit.entity = index;
    hits_.push_back(std::move(hit));
    return w_end;
  }

  // Whether the acronym at [s, e) is part of a document's code rather than a mention of its
  // body: joined by slashes to a part made of digits ("JIU/REP/2023/7", "CLCS/11",
  // "UNEP/CBD/BS/COP-MOP/5/17"), or followed by a session number in its series ("CFS
  // 2023/51/3"). Slash lists of bodies ("UNDP/UNFPA/UNOPS", "G7/G8", "G77/China",
  // "E3/EU+3") and "WHO/UNICEF 2019 estimates" have no such part: they stay mentions.
  bool in_document_code(size_t s, size_t e) const {
    if ((s > 0 && text_[s - 1] == '/') || (e < text_.size() && text_[e] == '/')) {
      size_t from = s, to = e;
      while (from > 0 && !ascii_space(text_[from - 1])) --from;
      while (to < text_.size() && !ascii_space(text_[to])) ++to;
      // A part between slashes made of digits only (trailing punctuation aside).
      for (size_t k = from; k < to;) {
        size_t end = k;
        while (end < to && text_[end] != '/') ++end;
        size_t last = end;
        while (last > k && (text_[last - 1] == ')' || text_[last - 1] == ',' ||
                            text_[last - 1] == '.' || text_[last - 1] == ';'))
          --last;
        bool digits = last > k;
        for (size_t d = k; d < last && digits; ++d)
          digits = scan::is_ascii_digit(static_cast<unsigned char>(text_[d]));
        if (digits) return true;
        k = end + 1;
      }
      return false;
    }
    // "CFS 2023/51/3": four digits, a slash and a digit after one space.
    if (e + 7 > text_.size() || text_[e] != ' ') return false;
    for (size_t k = e + 1; k < e + 5; ++k)
      if (!scan::is_ascii_digit(static_cast<unsigned char>(text_[k]))) return false;
    return text_[e + 5] == '/' && scan::is_ascii_digit(static_cast<unsigned char>(text_[e + 6]));
  }

  // True when the words after `pos` make the name before it the start of a title or an
  // imprint rather than a mention of the body: "United Nations Convention on the Law of the
  // Sea", "a United Nations conference", "United Nations, Treaty Series", "(United Nations
  // publication, Sales No. ...)".
  bool opens_title(size_t pos) const {
    size_t p = pos;
    // "United Nations, Treaty Series"
    size_t q = scan::skip_spaces(text_, p, 4);
    if (q < text_.size() && text_[q] == ',') {
      size_t r = scan::skip_spaces(text_, q + 1, 4);
      return text_.substr(r, 13) == "Treaty Series";
    }
    size_t ws = 0, we = 0;
    uint64_t h = 0;
    if (!scan::next_word(text_, &p, &ws, &we, &h)) return false;
    if (ws - pos > 3) return false;
    // An empty line between them: the name ends a paragraph (a cover page's "United Nations"
    // above "Report of the Committee ..."), it opens no title.
    if (text_.substr(pos, ws - pos).find("\n\n") != std::string_view::npos) return false;
    // "United Nations Charter" is the Charter of the United Nations: a mention (the list has
    // no "charter"). Right after the name, "high(-level)" opens a meeting's title too ("a
    // United Nations high-level meeting"); further on it belongs to an office's ("Deputy High
    // Commissioner"), so the shared list leaves it out.
    // In lower case, only an instrument or a meeting keeps the name inside its title ("a United
    // Nations convention against the taking of hostages", "a United Nations high-level
    // meeting", "the United Nations strategic plan for forests", an imprint "(United Nations
    // publication, Sales No. ...)"); another head is the Organization's own thing, a mention
    // of it: "the United Nations plan for the settlement", "United Nations principles and
    // decisions", as the adjudicated guidelines read "United Nations" before a common noun.
    if (!scan::is_ascii_upper(static_cast<unsigned char>(text_[ws]))) {
      static const std::unordered_set<uint64_t> kLowerCaseTitles = [] {
        std::unordered_set<uint64_t> out;
        for (std::string_view w : {"high", "highlevel", "convention", "conference", "summit",
                                   "decade", "declaration", "covenant", "protocol", "treaty",
                                   "framework", "congress", "millennium", "week", "day", "year",
                                   "strategic", "guiding", "publication", "publications"})
          out.insert(scan::hash_bytes(w));
        return out;
      }();
      return kLowerCaseTitles.count(h) != 0;
    }
    return tables_.fuzzy.is_title_head(h);
  }

  // True when "of the International Co-operative Alliance", "of Social Economy Europe", "de
  // l'Alliance", "del Foro" follows `pos`: a generic organ name ("General Assembly") then
  // belongs to that body, not to the United Nations.
  bool names_other_body(size_t pos) const {
    size_t p = pos, ws = 0, we = 0;
    uint64_t h = 0;
    if (!scan::next_word(text_, &p, &ws, &we, &h) || ws - pos > 3) return false;
    const std::string of = scan::fold(text_.substr(ws, we - ws));
    if (of != "of" && of != "de" && of != "del" && of != "du" && of != "des") return false;
    // Up to two articles, then a capitalized name that is not the United Nations.
    for (int i = 0; i < 3; ++i) {
      if (!scan::next_word(text_, &p, &ws, &we, &h) || ws - pos > 24) return false;
      const std::string w = scan::fold(text_.substr(ws, we - ws));
      if (w == "the" || w == "la" || w == "l" || w == "los" || w == "las" || w == "les") continue;
      if (w == "united" || w == "nations" || w == "onu" || w == "un" || w == "naciones")
        return false;
      unsigned char c = static_cast<unsigned char>(text_[ws]);
      return scan::is_ascii_upper(c) || c >= 0xC3;  // a name (accented capitals included)
    }
    return false;
  }

  void try_typo(size_t ws, size_t we) {
    std::string_view word = text_.substr(ws, we - ws);
    for (const detail::TypoTarget& t : tables_.typo_targets) {
      if (word.size() + 1 < t.acronym.size() || word.size() > t.acronym.size() + 1) continue;
      if (detail::within_one_edit(word, t.acronym)) {
        Hit hit;
        hit.start = ws;
        hit.end = we;
        hit.entity = t.entity;
        hit.variant = true;
        hit.typo = true;
        hits_.push_back(std::move(hit));
        return;
      }
    }
  }

  // ---- Definitions ----------------------------------------------------------------------

  static bool acronym_char(unsigned char c) {
    return scan::is_ascii_alnum(c) || c == '-' || c == '&' || c == '.';
  }

  // An acronym-like word: 2-15 bytes of [A-Za-z0-9-&.], starting with a capital, at least
  // two capitals and no more small letters than capitals.
  static bool acronym_like(std::string_view w) {
    if (w.size() < 2 || w.size() > 15) return false;
    if (!scan::is_ascii_upper(static_cast<unsigned char>(w[0]))) return false;
    if (!scan::is_ascii_alnum(static_cast<unsigned char>(w.back()))) return false;
    int upper = 0, lower = 0;
    for (char c : w) {
      unsigned char u = static_cast<unsigned char>(c);
      if (!acronym_char(u)) return false;
      if (scan::is_ascii_upper(u)) ++upper;
      if (scan::is_ascii_lower(u)) ++lower;
    }
    return upper >= 2 && lower <= upper;
  }

  // The long-form hit (folded form) covering exactly [from, to) up to spaces/articles.
  const Hit* long_form_hit_ending(size_t to) const {
    auto it = std::lower_bound(hits_.begin(), hits_.end(), to,
                               [](const Hit& h, size_t v) { return h.start < v; });
    while (it != hits_.begin()) {
      --it;
      if (it->end > to) continue;
      if (!it->long_form) return nullptr;
      for (size_t i = it->end; i < to; ++i)
        if (text_[i] != ' ' && text_[i] != '\t' && text_[i] != '\n') return nullptr;
      return to - it->end <= 3 ? &*it : nullptr;
    }
    return nullptr;
  }

  struct WordSpan {
    size_t start;
    size_t end;
    std::string folded;
  };

  // Words of [from, to), folded.
  std::vector<WordSpan> words_in(size_t from, size_t to) const {
    std::vector<WordSpan> out;
    std::string_view part = text_.substr(0, to);
    size_t pos = from, ws = 0, we = 0;
    uint64_t h = 0;
    while (scan::next_word(part, &pos, &ws, &we, &h))
      out.push_back({ws, we, scan::fold(text_.substr(ws, we - ws))});
    return out;
  }

  // Schwartz-Hearst: the index of the word where a long form for `acronym` starts, reading
  // the letters of the acronym backwards through `words`; -1 when they do not fit.
  static int long_form_start(std::string_view acronym, const std::vector<WordSpan>& words) {
    std::string letters;
    for (char c : acronym)
      if (scan::is_ascii_alnum(static_cast<unsigned char>(c)))
        letters.push_back(scan::ascii_lower(c));
    if (letters.empty() || words.empty()) return -1;
    int wi = static_cast<int>(words.size()) - 1;
    int ci = static_cast<int>(words[wi].folded.size()) - 1;
    for (int s = static_cast<int>(letters.size()) - 1; s >= 0; --s) {
      while (true) {
        if (wi < 0) return -1;
        if (ci < 0) {
          if (--wi < 0) return -1;
          ci = static_cast<int>(words[wi].folded.size()) - 1;
          continue;
        }
        if (words[wi].folded[ci] == letters[s] &&
            (s > 0 || (ci == 0 && !detail::is_stop_word(words[wi].folded))))
          break;
        --ci;
      }
      if (s > 0) --ci;
    }
    return wi;
  }

  // An entity whose long form has the same content words as `words` (or all but one of four
  // or more).
  uint32_t close_entity(const std::vector<WordSpan>& words, size_t from) const {
    std::vector<std::string> content;
    for (size_t i = from; i < words.size(); ++i) {
      std::vector<std::string> cw = detail::content_words(words[i].folded);
      for (auto& w : cw) content.push_back(std::move(w));
    }
    if (content.empty()) return kNoEntity;
    for (const detail::LongFormKey& key : tables_.long_form_keys) {
      if (key.words == content) return key.entity;
    }
    if (content.size() < 4) return kNoEntity;
    for (const detail::LongFormKey& key : tables_.long_form_keys) {
      const auto& a = key.words;
      const auto& b = content;
      if (a.size() + 1 < b.size() || b.size() + 1 < a.size() || a.size() < 4) continue;
      // One small word difference: a short word (<= 3 letters, "UN") more or less, or one
      // word spelt differently ("Labor"/"Labour", "Organisation"/"Organization"). A
      // different word ("Environment" for "Trade") is a different body.
      size_t i = 0;
      while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
      auto tail_eq = [&](size_t ai, size_t bi) {
        return a.size() - ai == b.size() - bi &&
               std::equal(a.begin() + ai, a.end(), b.begin() + bi);
      };
      if (i < a.size() && i < b.size() && tail_eq(i + 1, i + 1) && a[i].size() >= 4 &&
          b[i].size() >= 4 && detail::edit_distance(a[i], b[i]) <= 2)
        return key.entity;
      if (i < b.size() && b[i].size() <= 3 && tail_eq(i, i + 1)) return key.entity;
      if (i < a.size() && a[i].size() <= 3 && tail_eq(i + 1, i)) return key.entity;
    }
    return kNoEntity;
  }

  void add_definition(std::string_view acronym, size_t acr_start, size_t acr_end, size_t lf_start,
                      size_t lf_end, size_t def_start, size_t def_end, bool acronym_first,
                      uint32_t entity) {
    Definition d;
    d.acronym = std::string(acronym);
    d.long_form = scan::collapsed(text_.substr(lf_start, lf_end - lf_start));
    d.entity_id = entity != kNoEntity ? gazetteer_.entities()[entity].id
                                      : "discovered:" + std::string(acronym);
    d.acronym_first = acronym_first;
    d.page = page_;
    d.start = static_cast<uint32_t>(def_start);
    d.end = static_cast<uint32_t>(def_end);
    d.acronym_start = static_cast<uint32_t>(acr_start);
    d.acronym_end = static_cast<uint32_t>(acr_end);
    definitions_.push_back(std::move(d));
  }

  // Makes the acronym at [s, e) a mention of `entity` (kNoEntity: discovered) and learns it.
  // The acronym of a definition at [s, e) names `entity` (or a discovered one): its hit there
  // is set or added (added to learned_hits_, merged into hits_ after the definitions, so that
  // many definitions on a page cost no more than one each), and the acronym is learned for
  // the rest of the page and document.
  void learn(std::string_view acronym, size_t s, size_t e, uint32_t entity) {
    bool found = false;
    auto [from, to] = std::equal_range(
        hits_.begin(), hits_.end(), s, HitStartLess{});
    for (auto it = from; it != to; ++it) {
      if (it->end == e) {
        it->entity = entity;
        it->variant = entity != kNoEntity;
        it->id = entity == kNoEntity ? "discovered:" + std::string(acronym) : "";
        found = true;
      }
    }
    if (!found) {
      Hit hit;
      hit.start = s;
      hit.end = e;
      hit.entity = entity;
      hit.variant = entity != kNoEntity;
      if (entity == kNoEntity) hit.id = "discovered:" + std::string(acronym);
      learned_hits_.push_back(std::move(hit));
    }
    remember({std::string(acronym), entity, false});
  }

  // Adds `l` to what the document has learned unless its form is learned already; returns
  // whether it was added.
  bool remember(Learned l) {
    if (learned_names_.empty())
      for (const Learned& k : learned_) learned_names_.insert(k.acronym);
    if (!learned_names_.insert(l.acronym).second) return false;
    learned_.push_back(std::move(l));
    return true;
  }
  bool learned(const std::string& form) const {
    if (!learned_names_.empty()) return learned_names_.count(form) != 0;
    return std::any_of(learned_.begin(), learned_.end(),
                       [&](const Learned& l) { return l.acronym == form; });
  }

  struct HitStartLess {
    bool operator()(const Hit& h, size_t v) const { return h.start < v; }
    bool operator()(size_t v, const Hit& h) const { return v < h.start; }
  };

  // learned_hits_ into hits_, each before the hits that start where it starts (as an insertion
  // at lower_bound would put it).
  void merge_learned_hits() {
    if (learned_hits_.empty()) return;
    std::stable_sort(learned_hits_.begin(), learned_hits_.end(),
                     [](const Hit& a, const Hit& b) { return a.start < b.start; });
    std::vector<Hit> merged;
    merged.reserve(hits_.size() + learned_hits_.size());
    size_t i = 0, j = 0;
    while (i < hits_.size() || j < learned_hits_.size()) {
      if (j < learned_hits_.size() &&
          (i == hits_.size() || learned_hits_[j].start <= hits_[i].start))
        merged.push_back(std::move(learned_hits_[j++]));
      else
        merged.push_back(std::move(hits_[i++]));
    }
    hits_ = std::move(merged);
    learned_hits_.clear();
  }

  // symbol_spans_: the page's symbols sorted by start, each with the largest end up to it.
  void index_symbols() {
    symbol_spans_.clear();
    for (const SymbolMatch& m : symbols_) symbol_spans_.emplace_back(m.start, m.end);
    std::sort(symbol_spans_.begin(), symbol_spans_.end());
    for (size_t k = 1; k < symbol_spans_.size(); ++k)
      symbol_spans_[k].second = std::max(symbol_spans_[k].second, symbol_spans_[k - 1].second);
  }

  // True when `pos` lies inside a symbol of the page (after index_symbols()).
  bool inside_symbol(size_t pos) const {
    auto it = std::upper_bound(
        symbol_spans_.begin(), symbol_spans_.end(), pos,
        [](size_t v, const std::pair<size_t, size_t>& span) { return v < span.first; });
    return it != symbol_spans_.begin() && std::prev(it)->second > pos;
  }

  void find_definitions() {
    const size_t n = text_.size();
    for (size_t p = 0; p < n; ++p) {
      const char* found = static_cast<const char*>(std::memchr(text_.data() + p, '(', n - p));
      if (found == nullptr) break;
      p = static_cast<size_t>(found - text_.data());
      if (inside_symbol(p)) continue;
      size_t close = text_.find(')', p + 1);
      if (close == std::string_view::npos || close - p > 200) continue;
      std::string_view inside = text_.substr(p + 1, close - p - 1);
      if (inside.find('(') != std::string_view::npos) continue;
      size_t is = p + 1, ie = close;
      while (is < ie && (text_[is] == ' ' || text_[is] == '\n')) ++is;
      while (ie > is && (text_[ie - 1] == ' ' || text_[ie - 1] == '\n')) --ie;
      std::string_view in = text_.substr(is, ie - is);
      if (acronym_like(in)) {
        long_form_then_acronym(p, close, is, ie);
      } else {
        acronym_then_long_form(p, close, is, ie);
      }
    }
  }

  // "Long Form (ACR)".
  void long_form_then_acronym(size_t open, size_t close, size_t as, size_t ae) {
    std::string_view acronym = text_.substr(as, ae - as);
    // Candidate words: back to a sentence or clause mark, at most min(|A|+5, 2|A|) words.
    size_t from = open;
    size_t max_words = std::min(acronym.size() + 5, acronym.size() * 2);
    size_t count = 0;
    bool in_word = false;
    while (from > 0 && open - from < 300) {
      char c = text_[from - 1];
      if (c == '.' || c == ';' || c == ':' || c == '(' || c == ')' || c == '[' || c == ']' ||
          c == '"' || c == ',') {
        break;
      }
      bool word = scan::is_ascii_alnum(static_cast<unsigned char>(c)) ||
                  (static_cast<unsigned char>(c) >= 0x80);
      if (word && !in_word && ++count > max_words) break;
      in_word = word;
      --from;
    }
    std::vector<WordSpan> words = words_in(from, open);
    int sh = long_form_start(acronym, words);
    const Entity* known = gazetteer_.by_acronym(acronym);
    const Hit* hit = long_form_hit_ending(open);
    size_t lf_start = 0, lf_end = 0;
    uint32_t entity = kNoEntity;
    if (hit != nullptr && (sh < 0 || words[sh].start >= hit->start) &&
        (known != nullptr ||
         scan::ascii_lower(acronym[0]) == scan::fold(text_.substr(hit->start, 4))[0])) {
      lf_start = hit->start;
      lf_end = hit->end;
      entity = hit->entity;
    } else if (sh >= 0 && words.size() - sh >= 2) {
      lf_start = words[sh].start;
      lf_end = words.back().end;
      entity = close_entity(words, sh);
    } else if (known == nullptr) {
      return;
    }
    if (known != nullptr) {
      uint32_t k = static_cast<uint32_t>(known - gazetteer_.entities().data());
      if (lf_end == 0) return;  // a known acronym after words that do not define it
      add_definition(acronym, as, ae, lf_start, lf_end, lf_start, close + 1, false,
                     entity != kNoEntity ? entity : k);
      return;
    }
    add_definition(acronym, as, ae, lf_start, lf_end, lf_start, close + 1, false, entity);
    learn(acronym, as, ae, entity);
  }

  // "ACR (Long Form)".
  void acronym_then_long_form(size_t open, size_t close, size_t is, size_t ie) {
    size_t ae = open;
    while (ae > 0 && (text_[ae - 1] == ' ')) --ae;
    if (open - ae > 2 || ae == 0) return;
    size_t as = ae;
    while (as > 0 && acronym_char(static_cast<unsigned char>(text_[as - 1]))) --as;
    while (as < ae && !scan::is_ascii_alnum(static_cast<unsigned char>(text_[as]))) ++as;
    if (as > 0 && scan::word_char_before(text_, as)) return;
    std::string_view acronym = text_.substr(as, ae - as);
    if (!acronym_like(acronym) || inside_symbol(as)) return;
    std::vector<WordSpan> words = words_in(is, ie);
    if (words.size() < 2 || words.size() > 16) return;
    const Entity* known = gazetteer_.by_acronym(acronym);
    uint32_t entity = kNoEntity;
    const Hit* hit = long_form_hit_ending(ie);
    if (hit != nullptr && hit->start >= is && hit->start - is <= 6 &&
        (known != nullptr ||
         scan::ascii_lower(acronym[0]) == scan::fold(text_.substr(hit->start, 4))[0])) {
      entity = hit->entity;
    } else {
      entity = close_entity(words, 0);
      if (entity == kNoEntity && known == nullptr) {
        int sh = long_form_start(acronym, words);
        if (sh < 0 || sh > 1) return;  // letters must fit, from the first (or second) word
      }
    }
    if (known != nullptr) {
      uint32_t k = static_cast<uint32_t>(known - gazetteer_.entities().data());
      add_definition(acronym, as, ae, is, ie, as, close + 1, true,
                     entity != kNoEntity ? entity : k);
      return;
    }
    add_definition(acronym, as, ae, is, ie, as, close + 1, true, entity);
    learn(acronym, as, ae, entity);
  }

  void scan_own_number() {
    for (size_t at = text_.find(own_number_); at != std::string_view::npos;
         at = text_.find(own_number_, at + 1)) {
      const size_t e = at + own_number_.size();
      auto blocks = [](char c) {
        return scan::is_ascii_alnum(static_cast<unsigned char>(c)) || c == '/' || c == '-';
      };
      if ((at > 0 && blocks(text_[at - 1])) || (e < text_.size() && blocks(text_[e]))) continue;
      if (e + 1 < text_.size() && text_[e] == '.' &&
          scan::is_ascii_digit(static_cast<unsigned char>(text_[e + 1])))
        continue;
      if (inside_symbol(at)) continue;
      Hit hit;
      hit.start = at;
      hit.end = e;
      hit.id = own_id_;
      hits_.push_back(std::move(hit));
    }
  }

  // ---- Short names --------------------------------------------------------------------

  // Once a document has named a body in full ("the Residual Special Court for Sierra Leone",
  // "the Independent International Commission of Inquiry on the Syrian Arab Republic"), it
  // goes on with a short name made of the full name's own words: "the Residual Special
  // Court", "the Commission of Inquiry". Each full name of an organization or network found
  // on the page gives its short names, learned for the rest of the page and document like a
  // defined acronym:
  //   - the words up to its head noun, the last before a word in lower case ("Extraordinary
  //     Chambers", "Intergovernmental Panel"),
  //   - the head noun with the "of/on X" that follows it, when more of the name follows
  //     ("Commission of Inquiry [on the Syrian Arab Republic]"),
  //   - the name without a leading acronym ("[UNAIDS] Programme Coordinating Board"),
  // each of two words or more, capitalized, holding a word that is neither a head noun nor
  // a generic one ("United Nations Office" is not a short name), and not a known name
  // itself. Matched case-sensitively, across line breaks.
  static bool head_noun(std::string_view w) {
    static const std::unordered_set<std::string_view> kHeads = {
        "Court",       "Courts",     "Chambers",   "Tribunal",    "Commission",  "Committee",
        "Subcommittee", "Council",   "Board",      "Panel",       "Group",       "Team",
        "Mechanism",   "Institution", "Mission",   "Office",      "Fund",        "Programme",
        "Program",     "Centre",     "Center",     "Forum",       "Agency",      "Authority",
        "Secretariat", "Force",      "Unit",       "Service",     "Network",     "Alliance",
        "Institute",   "Organization", "Organisation", "Bank",    "Union",       "Facility",
        "Partnership", "Branch",     "Division",   "Department",  "Directorate", "Body",
        "Comité",      "Commission", "Conseil",    "Groupe",      "Mécanisme",   "Comisión",
        "Consejo",     "Grupo",      "Mecanismo",  "Tribunal",    "Cour",        "Corte"};
    return kHeads.count(w) != 0;
  }
  static bool generic_word(std::string_view w) {
    static const std::unordered_set<std::string_view> kGeneric = {
        "United",    "Nations",   "UN",        "Unies",      "Unidas",     "Naciones",
        "International", "Internacional", "Internationale", "European", "African",
        "World",     "Global",    "Regional",  "Special",    "General",    "High-level",
        "High-Level", "Joint",    "Permanent", "National",   "Executive",  "Governing",
        "Standing",  "Advisory",  "Technical", "Political",  "Economic",   "Social",
        "Ad",        "Hoc",       "Main",      "Central",    "Independent", "Working",
        "Steering",  "Drafting",  "Preparatory", "Organizing", "Open-ended",  "the",
        "and",       "of",        "on",        "for",        "et",          "y",
        "de",        "des",       "du",        "del",        "la",          "le",
        "les",       "las",       "los",       "in",         "to"};
    return kGeneric.count(w) != 0;
  }
  static bool ascii_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
  static bool capitalized(std::string_view w) {
    const auto c = static_cast<unsigned char>(w[0]);
    return scan::is_ascii_upper(c) || c >= 0xC3;
  }

  void learn_short_names() {
    constexpr size_t kNamesAtMost = 64;  // per document: bounds scan_learned()'s searches
    const std::vector<Entity>& entities = gazetteer_.entities();
    size_t names = static_cast<size_t>(
        std::count_if(learned_.begin(), learned_.end(), [](const Learned& l) { return l.name; }));
    std::vector<std::string_view> words;
    std::unordered_set<std::string_view> seen;  // full names already taken apart on this page
    for (size_t i = 0, n = hits_.size(); i < n && names < kNamesAtMost; ++i) {
      const Hit& hit = hits_[i];
      if (!hit.long_form || hit.variant || hit.entity == kNoEntity) continue;
      if (!names_a_body(entities[hit.entity])) continue;
      // A unit named with its parent ("Statistics Division of the Department of Economic and
      // Social Affairs") teaches the short names of the whole name.
      const size_t end = std::max(hit.end, hit.name_end);
      if (!seen.insert(text_.substr(hit.start, end - hit.start)).second) continue;
      words.clear();
      for (size_t p = hit.start; p < end;) {
        while (p < end && ascii_space(text_[p])) ++p;
        size_t q = p;
        while (q < end && !ascii_space(text_[q])) ++q;
        if (q > p) words.push_back(text_.substr(p, q - p));
        p = q;
      }
      if (words.size() < 3) continue;
      auto bare = [](std::string_view w) {  // "International," -> "International"
        while (!w.empty() && (w.back() == ',' || w.back() == ';')) w.remove_suffix(1);
        return w;
      };
      std::vector<std::string_view> bared;
      auto consider = [&](size_t from, size_t to) {  // words [from, to)
        if (to - from < 2 || to - from >= words.size()) return;
        bared.clear();
        for (size_t k = from; k < to; ++k) bared.push_back(bare(words[k]));
        if (!names_one_body(bared)) return;
        std::string form;
        for (size_t k = from; k < to; ++k) {
          if (k > from) form += ' ';
          form += k + 1 == to ? bare(words[k]) : words[k];
        }
        if (names >= kNamesAtMost || learned(form)) return;
        // A name of its own ("European Union" of "European Union Rule of Law Mission").
        if (gazetteer_.by_long_form(form) || gazetteer_.by_acronym(form)) return;
        names += remember({std::move(form), hit.entity, true});
      };
      // The head: the last head noun before the first word in lower case ("Commission" of
      // "International Civil Service Commission", "Chambers" of "Extraordinary Chambers in
      // the Courts of Cambodia").
      size_t head = 0;
      for (size_t k = 1; k < words.size() && capitalized(words[k]); ++k)
        if (head_noun(bare(words[k]))) head = k;
      if (head != 0) {
        consider(0, head + 1);
        // "Commission of Inquiry": the head, "of"/"on", capitalized words ("and" between),
        // when more of the name follows ("on the Syrian Arab Republic"); "Court of Justice"
        // ending "International Court of Justice" is any court of justice.
        size_t k = head + 1;
        if (k + 1 < words.size() && (words[k] == "of" || words[k] == "on")) {
          size_t e = k + 1;
          while (e < words.size() &&
                 (capitalized(words[e]) ||
                  (words[e] == "and" && e + 1 < words.size() && capitalized(words[e + 1]))))
            ++e;
          if (e > k + 1 && e < words.size() && words[e - 1] != "and") consider(head, e);
        }
      }
      if (is_all_caps_word(bare(words[0]))) consider(1, words.size() + 0);
    }
    learn_unit_names(&names, kNamesAtMost);
  }

  // A body named on the page makes its units' names without it mentions of those units for
  // the rest of the document: after the UNCCD, "the Committee on Science and Technology" is
  // its committee; after the Committee on the Peaceful Uses of Outer Space, "the Legal
  // Subcommittee" its subcommittee (MatchTables::units_by_parent). Only names with a word of
  // their own: "Executive Board" or "General Conference" would be any body's.
  // Whether words (of a short name) can name one body: capitalized at both ends, each word
  // non-empty, and one of them neither a head noun nor a generic word ("Legal Subcommittee",
  // "Commission of Inquiry"; not "Executive Board").
  static bool names_one_body(std::span<const std::string_view> words) {
    bool specific = false;
    for (size_t k = 0; k < words.size(); ++k) {
      const std::string_view w = words[k];
      if (w.empty()) return false;
      if ((k == 0 || k + 1 == words.size()) && !capitalized(w)) return false;
      if (!head_noun(w) && !generic_word(w)) specific = true;
    }
    return specific;
  }

  void learn_unit_names(size_t* names, size_t at_most) {
    if (tables_.units_by_parent.empty()) return;
    std::vector<std::string_view> words;
    std::unordered_set<uint32_t> parents;
    for (const Hit& hit : hits_)
      if (hit.entity != kNoEntity && !hit.variant) parents.insert(hit.entity);
    for (uint32_t parent : parents) {
      auto it = tables_.units_by_parent.find(parent);
      if (it == tables_.units_by_parent.end()) continue;
      for (const UnitName& unit : it->second) {
        if (*names >= at_most) return;
        words.clear();
        for (size_t from = 0; from <= unit.name.size();) {
          size_t to = std::min(unit.name.find(' ', from), unit.name.size());
          words.push_back(std::string_view(unit.name).substr(from, to - from));
          from = to + 1;
        }
        if (!names_one_body(words) || learned(unit.name)) continue;
        *names += remember({unit.name, unit.unit, true});
      }
    }
  }

  // Whether a capitalized word touches [at, e) across spaces only: the words are part of a
  // longer name.
  bool capital_word_adjacent(size_t at, size_t e) const {
    size_t b = at;
    while (b > 0 && ascii_space(text_[b - 1])) --b;
    if (b < at && b > 0 && scan::word_char_before(text_, b)) {
      size_t start = b;
      while (start > 0 && scan::word_char_before(text_, start)) --start;
      static const std::unordered_set<std::string_view> kOpeners = {
          "The", "This", "That", "These", "Those", "Its", "Their", "Our", "Both", "Each",
          "La",  "Le",   "Les",  "El",    "Los",   "Las", "Une",   "Un",  "Una",  "A", "An"};
      const std::string_view before = text_.substr(start, b - start);
      if (scan::is_ascii_upper(static_cast<unsigned char>(text_[start])) &&
          kOpeners.count(before) == 0)
        return true;
    }
    size_t f = e;
    while (f < text_.size() && ascii_space(text_[f])) ++f;
    return f > e && f < text_.size() && scan::is_ascii_upper(static_cast<unsigned char>(text_[f]));
  }

  // The end of `name` (words separated by one space) matched at `at`, any run of spaces or
  // line breaks standing for each space; npos when it does not match there.
  size_t match_spaced(std::string_view name, size_t at) const {
    size_t t = at;
    for (size_t i = 0; i < name.size(); ++i) {
      if (name[i] == ' ') {
        if (t >= text_.size() || !ascii_space(text_[t]))
          return std::string_view::npos;
        while (t < text_.size() && ascii_space(text_[t])) ++t;
      } else {
        if (t >= text_.size() || text_[t] != name[i]) return std::string_view::npos;
        ++t;
      }
    }
    return t;
  }

  // Other occurrences of what the document taught: with `names`, the short names of
  // learn_short_names() (hits marked long_form, so that a definition can follow them); else
  // the acronyms learned from definitions on this page and earlier ones. Each acronym is searched in the page; when there are many made of letters and digits only
  // (a page of definitions), those are looked up word by word instead, in one pass over the
  // page whatever their number.
  void scan_learned(bool names) {
    std::vector<std::pair<size_t, Hit>> extra;  // (index in learned_, hit)
    auto add = [&](const Learned& l, size_t at, size_t e) {
      auto it = std::lower_bound(hits_.begin(), hits_.end(), e, HitStartLess{});
      if (it != hits_.begin() && std::prev(it)->end > at) return;  // already a mention
      if (inside_symbol(at)) return;
      Hit hit;
      hit.start = at;
      hit.end = e;
      hit.entity = l.entity;
      hit.variant = l.entity != kNoEntity && !l.name;
      hit.long_form = l.name;
      if (l.entity == kNoEntity) hit.id = "discovered:" + l.acronym;
      extra.emplace_back(static_cast<size_t>(&l - learned_.data()), std::move(hit));
    };
    auto plain = [](const std::string& a) {
      return std::all_of(a.begin(), a.end(), [](char c) {
        return scan::is_ascii_alnum(static_cast<unsigned char>(c));
      });
    };
    constexpr size_t kSearchedAtMost = 16;
    const bool word_by_word = learned_.size() > kSearchedAtMost;
    std::unordered_map<std::string_view, const Learned*> by_word;
    for (const Learned& l : learned_) {
      if (l.name != names) continue;
      if (l.name) {
        const std::string_view first = std::string_view(l.acronym).substr(0, l.acronym.find(' '));
        for (size_t at = text_.find(first); at != std::string_view::npos;
             at = text_.find(first, at + 1)) {
          if (scan::word_char_before(text_, at)) continue;
          const size_t e = match_spaced(l.acronym, at);
          // Alone, not inside a longer name ("[United Nations] Office on Drugs and Crime
          // [Youth Initiative]").
          if (e != std::string_view::npos && !scan::word_char_at(text_, e) &&
              !capital_word_adjacent(at, e))
            add(l, at, e);
        }
      } else if (!word_by_word || !plain(l.acronym)) {
        for (size_t at = text_.find(l.acronym); at != std::string_view::npos;
             at = text_.find(l.acronym, at + 1))
          if (!scan::word_char_before(text_, at) &&
              !scan::word_char_at(text_, at + l.acronym.size()))
            add(l, at, at + l.acronym.size());
      } else {
        by_word.emplace(l.acronym, &l);
      }
    }
    if (!by_word.empty()) {
      size_t pos = 0, ws = 0, we = 0;
      uint64_t h = 0;
      while (scan::next_word(text_, &pos, &ws, &we, &h)) {
        if (!scan::is_ascii_upper(static_cast<unsigned char>(text_[ws]))) continue;
        auto it = by_word.find(text_.substr(ws, we - ws));
        if (it != by_word.end()) add(*it->second, ws, we);
      }
    }
    // In learned_ order, then text order, as one search per acronym would give them.
    std::stable_sort(extra.begin(), extra.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second.start < b.second.start;
    });
    for (auto& [index, h] : extra) hits_.push_back(std::move(h));
  }

  // ---- Mentions and their context ------------------------------------------------------

  // A word before '.' that does not end a sentence: titles, "No.", initials ("J. Smith").
  static bool is_abbreviation(std::string_view word) {
    static constexpr std::string_view kAbbrev[] = {
        "Mr",   "Mrs", "Ms",   "Dr",   "St",   "No",   "Nos",    "no",   "nos",  "Mt",    "Mme",
        "Mmes", "Sr",  "Sra",  "Jr",   "vs",   "etc",  "Art",    "art",  "para", "paras", "p",
        "pp",   "Vol", "vol",  "cf",   "Cf",   "Prof", "Rev",    "Corr", "Add",  "núm",   "Núm",
        "Fig",  "fig", "Ch",   "ch",   "Sect", "Sec",  "approx", "Inc",  "Ltd",  "Co",    "Jan",
        "Feb",  "Mar", "Apr",  "Jun",  "Jul",  "Aug",  "Sep",    "Sept", "Oct",  "Nov",   "Dec",
        "e.g",  "i.e", "ibid", "Ibid", "op",   "al",   "Op"};
    if (word.find('.') != std::string_view::npos) return true;  // "U.N.", "e.g."
    if (word.size() == 1) return !scan::is_ascii_digit(static_cast<unsigned char>(word[0]));
    for (std::string_view a : kAbbrev)
      if (a == word) return true;
    return false;
  }

  // True when the '.', '!' or '?' at `i` ends a sentence.
  bool sentence_end_at(size_t i) const {
    char c = text_[i];
    if (c != '.' && c != '!' && c != '?') return false;
    size_t j = i + 1;
    while (j < text_.size() && (text_[j] == '"' || text_[j] == ')' || text_[j] == '\'')) ++j;
    if (j >= text_.size()) return true;
    size_t k = scan::skip_spaces(text_, j, 32);
    if (k == j) return false;  // "L.60", "e.g.x"
    if (k >= text_.size()) return true;
    unsigned char next = static_cast<unsigned char>(text_[k]);
    if (scan::is_ascii_lower(next) || scan::is_ascii_digit(next)) return false;
    if (c != '.') return true;
    size_t w = i;
    while (w > 0 && (scan::is_ascii_alnum(static_cast<unsigned char>(text_[w - 1])) ||
                     static_cast<unsigned char>(text_[w - 1]) >= 0x80 || text_[w - 1] == '.'))
      --w;
    std::string_view word = text_.substr(w, i - w);
    return !is_abbreviation(word);
  }

  bool blank_line_at(size_t i) const {  // text_[i] == '\n' followed by an empty line
    size_t j = i + 1;
    while (j < text_.size() && (text_[j] == ' ' || text_[j] == '\t')) ++j;
    return j < text_.size() && text_[j] == '\n';
  }

  bool blank_line_before(size_t i) const {  // text_[i] == '\n' ends an empty line
    size_t j = i;
    while (j > 0 && (text_[j - 1] == ' ' || text_[j - 1] == '\t')) --j;
    return j > 0 && text_[j - 1] == '\n';
  }

  // True when the '\n' at `i` ends a heading: a short line without final punctuation,
  // followed by a line starting with a capital.
  bool heading_break_at(size_t i) const {
    size_t ls = i;
    while (ls > 0 && text_[ls - 1] != '\n' && i - ls <= 40) --ls;
    if (i - ls > 40 || ls == i) return false;
    char last = text_[i - 1];
    if (last == ',' || last == '-' || last == ';' || last == ':' || last == '(') return false;
    size_t k = scan::skip_spaces(text_, i + 1, 8);
    return k < text_.size() && scan::is_ascii_upper(static_cast<unsigned char>(text_[k]));
  }

  std::pair<size_t, size_t> sentence_span(size_t start, size_t end) const {
    constexpr size_t kLimit = 600;
    size_t s = start;
    while (s > 0 && start - s < kLimit) {
      size_t i = s - 1;
      if (text_[i] == '\n' && (blank_line_before(i) || heading_break_at(i))) break;
      const char c = text_[i];
      if ((c == '.' || c == '!' || c == '?') && i + 1 < start && sentence_end_at(i)) break;
      --s;
    }
    size_t e = end;
    while (e < text_.size() && e - end < kLimit) {
      if (text_[e] == '\n' && (blank_line_at(e) || heading_break_at(e))) break;
      const char c = text_[e];
      if ((c == '.' || c == '!' || c == '?') && sentence_end_at(e)) {
        ++e;
        break;
      }
      ++e;
    }
    return {s, e};
  }

  // Where the mention [ms, me) lies in the collapsed text of a sentence starting at `ss`:
  // byte offsets into scan::collapsed(text_.substr(ss, ...)). The mention starts and ends
  // with a non-space, so the collapsed text up to `me` ends with its collapsed surface.
  std::pair<uint32_t, uint32_t> span_in_collapsed(size_t ss, size_t ms, size_t me) const {
    const size_t end = scan::collapsed_size(text_.substr(ss, me - ss));
    const size_t length = scan::collapsed_size(text_.substr(ms, me - ms));
    return {static_cast<uint32_t>(end - std::min(end, length)), static_cast<uint32_t>(end)};
  }

  // Collapsed sentence text, cut to kMaxSentenceBytes around [ms, me); `*span` receives the
  // mention's byte offsets in the returned text.
  std::string sentence_text(size_t ss, size_t se, size_t ms, size_t me,
                            std::pair<uint32_t, uint32_t>* span) const {
    std::string before = scan::collapsed(text_.substr(ss, ms - ss));
    std::string middle = scan::collapsed(text_.substr(ms, me - ms));
    std::string after = scan::collapsed(text_.substr(me, se - me));
    auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
    std::string out = before;
    if (!before.empty() && ms > 0 && is_space(text_[ms - 1])) out.push_back(' ');
    size_t mstart = out.size();
    out += middle;
    size_t mend = out.size();
    if (!after.empty() && me < text_.size() && is_space(text_[me])) out.push_back(' ');
    out += after;
    if (out.size() <= kMaxSentenceBytes) {
      *span = {static_cast<uint32_t>(mstart), static_cast<uint32_t>(mend)};
      return out;
    }
    size_t centre = (mstart + mend) / 2;
    size_t from = centre > kMaxSentenceBytes / 2 ? centre - kMaxSentenceBytes / 2 : 0;
    if (from > mstart) from = mstart;
    if (from + kMaxSentenceBytes > out.size()) from = out.size() - kMaxSentenceBytes;
    size_t to = std::min(out.size(), from + kMaxSentenceBytes);
    // Prefer word boundaries when they are close, and never cut a UTF-8 sequence.
    if (from > 0) {
      size_t sp = out.find(' ', from);
      if (sp != std::string::npos && sp < from + 16 && sp + 1 <= mstart) from = sp + 1;
    }
    if (to < out.size()) {
      size_t sp = out.rfind(' ', to);
      if (sp != std::string::npos && sp > from && to - sp < 16 && sp >= mend) to = sp;
    }
    while (from < to && (static_cast<unsigned char>(out[from]) & 0xC0) == 0x80) ++from;
    while (to > from && to < out.size() && (static_cast<unsigned char>(out[to]) & 0xC0) == 0x80)
      --to;
    *span = {static_cast<uint32_t>(std::min(mstart, to) - from),
             static_cast<uint32_t>(std::min(mend, to) - from)};
    return out.substr(from, to - from);
  }

  void build_mentions(std::vector<Mention>* out) {
    out->reserve(hits_.size());
    size_t line = 1;
    size_t counted_to = 0;
    size_t cached_s = 1, cached_e = 0;
    std::vector<std::string> cached_dates;
    std::string cached_sentence;
    const auto& entities = gazetteer_.entities();
    size_t last_end = 0;
    for (const Hit& h : hits_) {
      if (h.start < last_end) continue;  // overlapping leftovers never become mentions
      last_end = h.end;
      Mention m;
      m.entity_id = h.entity != kNoEntity ? entities[h.entity].id : h.id;
      m.surface = scan::collapsed(text_.substr(h.start, h.end - h.start));
      m.variant = h.variant;
      m.page = page_;
      line += static_cast<size_t>(
          std::count(text_.begin() + counted_to, text_.begin() + h.start, '\n'));
      counted_to = h.start;
      m.line = static_cast<int>(line);
      m.start = static_cast<uint32_t>(h.start);
      m.end = static_cast<uint32_t>(h.end);
      // Mentions of one sentence share its span (and, when it is short, its text).
      size_t ss = cached_s, se = cached_e;
      if (!(h.start >= cached_s && h.end <= cached_e))
        std::tie(ss, se) = sentence_span(h.start, h.end);
      bool fits = false;
      if (se - ss <= kMaxSentenceBytes) {
        if (ss != cached_s || se != cached_e || cached_sentence.empty())
          cached_sentence = scan::collapsed(text_.substr(ss, se - ss));
        // Each malformed byte becomes U+FFFD (three bytes): the collapsed text can be longer.
        fits = cached_sentence.size() <= kMaxSentenceBytes;
      }
      if (fits) {
        m.sentence = cached_sentence;
        std::tie(m.context_start, m.context_end) = span_in_collapsed(ss, h.start, h.end);
      } else {
        std::pair<uint32_t, uint32_t> span;
        m.sentence = sentence_text(ss, se, h.start, h.end, &span);
        std::tie(m.context_start, m.context_end) = span;
      }
      if (ss != cached_s || se != cached_e) {
        cached_s = ss;
        cached_e = se;
        cached_dates.clear();
        std::vector<DateMatch> dates;
        find_dates(text_.substr(ss, se - ss), &dates);
        for (DateMatch& d : dates) cached_dates.push_back(std::move(d.iso));
      }
      if (h.symbol >= 0) {
        // A citation's own date ("47/90 of 16 December 1992") is its date; a citation in a
        // list without one has none (the list's other dates belong to the other numbers).
        const SymbolMatch& sm = symbols_[static_cast<size_t>(h.symbol)];
        if (sm.date_end > sm.date_start) {
          std::vector<DateMatch> own;
          find_dates(text_.substr(sm.date_start, sm.date_end - sm.date_start), &own);
          for (DateMatch& d : own) m.dates.push_back(std::move(d.iso));
        } else if (!sm.in_list) {
          m.dates = cached_dates;
        }
      } else {
        m.dates = cached_dates;
      }
      if (h.typo) typos_.push_back(out->size());
      out->push_back(std::move(m));
    }
  }

  // Lines counted once over the page (definitions are in text order; a later one that starts
  // earlier is counted from the start again).
  void fill_definition_lines() {
    size_t counted_to = 0;
    int line = 1;
    for (Definition& d : definitions_) {
      if (d.acronym_start < counted_to) {
        counted_to = 0;
        line = 1;
      }
      line += static_cast<int>(
          std::count(text_.begin() + counted_to, text_.begin() + d.acronym_start, '\n'));
      counted_to = d.acronym_start;
      d.line = line;
    }
  }

  std::string_view text_;
  int page_;
  const Gazetteer& gazetteer_;
  const MatchTables& tables_;
  std::vector<SymbolMatch> symbols_;
  std::vector<Hit> hits_;
  std::vector<Definition> definitions_;
  std::vector<Learned>& learned_;
  std::unordered_set<std::string> learned_names_;  // learned_'s acronyms, once one is added
  std::vector<Hit> learned_hits_;                  // definitions' acronyms, see learn()
  std::vector<std::pair<size_t, size_t>> symbol_spans_;  // see index_symbols()
  const SymbolContext& context_;
  std::string own_number_;
  std::string own_id_;

 public:
  std::vector<size_t> typos_;  // indexes (in run()'s mentions) of misspelled-acronym mentions
};

}  // namespace

RecognizeResult recognize(std::string_view page_text, int page_number, const Gazetteer& gazetteer,
                          const SymbolContext& context) {
  std::vector<Learned> learned;
  PageRecognizer recognizer(page_text, page_number, gazetteer, &learned, context);
  return recognizer.run();
}

namespace {

// The folded words of `pages` that are written with a small letter somewhere ("unity",
// "Unity"): an all-caps word among them is an ordinary word, not a misspelled acronym.
std::unordered_set<std::string> words_in_small_letters(const std::vector<std::string>& pages) {
  std::unordered_set<std::string> out;
  for (const std::string& page : pages) {
    size_t pos = 0, ws = 0, we = 0;
    uint64_t h = 0;
    while (scan::next_word(page, &pos, &ws, &we, &h)) {
      std::string_view w(page.data() + ws, we - ws);
      if (w.size() < 4 || w.size() > 12) continue;  // the lengths a misspelled acronym has
      if (std::any_of(w.begin(), w.end(), [](char c) {
            return scan::is_ascii_lower(static_cast<unsigned char>(c));
          }))
        out.insert(scan::fold(w));
    }
  }
  return out;
}

}  // namespace

std::string document_symbol(const std::vector<std::string>& pages) {
  constexpr int kEdgeLines = 6;
  constexpr size_t kMaxPages = 40;
  std::vector<std::pair<std::string, int>> counts;  // id, pages it heads or foots
  const size_t npages = std::min(pages.size(), kMaxPages);
  for (size_t p = 0; p < npages; ++p) {
    std::string_view page = pages[p];
    // The first and the last kEdgeLines lines of the page.
    size_t head_end = 0;
    for (int l = 0; l < kEdgeLines; ++l) {
      size_t nl = page.find('\n', head_end);
      if (nl == std::string_view::npos) {
        head_end = page.size();
        break;
      }
      head_end = nl + 1;
    }
    size_t foot_start = page.size();
    for (int l = 0; l < kEdgeLines && foot_start > 0; ++l) {
      size_t nl = page.rfind('\n', foot_start - 1);
      foot_start = nl == std::string_view::npos ? 0 : nl;
    }
    std::vector<std::string> seen;
    for (std::string_view part : {page.substr(0, head_end), page.substr(foot_start)}) {
      std::vector<SymbolMatch> found;
      find_symbols(part, &found);
      for (const SymbolMatch& m : found) {
        if (m.kind != SymbolKind::kUnDocument) continue;
        std::string_view written = part.substr(m.start, m.end - m.start);
        if (written.find('/') == std::string_view::npos || scan::fold(written).find("resol") == 0)
          continue;  // prose citations name other documents
        // A header or footer line is short: the symbol with a few words at most
        // ("United Nations A/RES/78/133", "25-16740 2/5 A/C.3/80/L.42").
        size_t ls = part.rfind('\n', m.start);
        ls = ls == std::string_view::npos ? 0 : ls + 1;
        size_t le = part.find('\n', m.end);
        if (le == std::string_view::npos) le = part.size();
        std::string_view line = part.substr(ls, le - ls);
        size_t words = 0;
        for (size_t k = 0; k < line.size(); ++k)
          if (line[k] != ' ' && (k == 0 || line[k - 1] == ' ')) ++words;
        // Or it starts or ends the line: "A/RES/78/133 Promoting creative economy ...".
        const bool at_edge = m.start == ls || m.end == le;
        if (line.size() > 120 || (words > 5 && !at_edge)) continue;
        // Not a sentence: no word in small letters before the symbol ("The draft was
        // A/77/L.60."), no punctuation right after it, no full stop ending the line ("See
        // A/77/L.60/Rev.1 for the text."). Small letters after it are a wrapped title.
        bool prose = (m.end < le && std::strchr(".,;:", part[m.end]) != nullptr) ||
                     (le > ls && part[le - 1] == '.');
        for (size_t k = ls; k < m.start && !prose; ++k)
          prose = (k == ls || part[k - 1] == ' ') &&
                  scan::is_ascii_lower(static_cast<unsigned char>(part[k]));
        if (prose) continue;
        if (std::find(seen.begin(), seen.end(), m.id) == seen.end()) seen.push_back(m.id);
      }
    }
    for (const std::string& id : seen) {
      auto it =
          std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == id; });
      if (it == counts.end())
        counts.emplace_back(id, 1);
      else
        ++it->second;
    }
  }
  // The symbol on most pages' edges, on at least half of them (and on the first page).
  std::string best;
  int best_count = 0;
  for (const auto& [id, count] : counts) {
    if (count > best_count) {
      best = id;
      best_count = count;
    }
  }
  if (best.empty() || best_count * 2 < static_cast<int>(npages)) return {};
  return best;
}

RecognizeResult recognize_document(const std::vector<std::string>& pages, bool paged,
                                   const Gazetteer& gazetteer, const std::atomic<bool>* cancel) {
  RecognizeResult all;
  all.document_symbol = document_symbol(pages);
  SymbolContext context;
  context.author = author_of(all.document_symbol);
  context.council_series = all.document_symbol.starts_with("S/");
  context.author_session = author_session(all.document_symbol);
  std::vector<Learned> learned;
  std::vector<size_t> typos;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) break;
    PageRecognizer recognizer(pages[i], paged ? static_cast<int>(i + 1) : 0, gazetteer, &learned,
                              context);
    if (all.document_symbol.starts_with("A/RES/") && all.document_symbol.size() > 6 &&
        all.document_symbol.find('(') == std::string::npos)
      recognizer.set_own_number(all.document_symbol.substr(6), all.document_symbol);
    RecognizeResult page = recognizer.run();
    for (size_t t : recognizer.typos_) typos.push_back(all.mentions.size() + t);
    std::move(page.mentions.begin(), page.mentions.end(), std::back_inserter(all.mentions));
    std::move(page.definitions.begin(), page.definitions.end(),
              std::back_inserter(all.definitions));
  }
  // A misspelled acronym is told from an ordinary word in capitals ("UNIT", "ASIAN", "NEPAL")
  // by its context: the document names the entity correctly somewhere else, or it never
  // writes the word other than in capitals (an ordinary word shows up as "unit", "Nepal").
  if (!typos.empty()) {
    std::vector<bool> drop(all.mentions.size(), false);
    const std::unordered_set<std::string> small = words_in_small_letters(pages);
    std::unordered_set<std::string> named_correctly;  // ids written without a slip somewhere
    for (const Mention& m : all.mentions)
      if (!m.variant) named_correctly.insert(m.entity_id);
    for (size_t t : typos) {
      const bool named = named_correctly.count(all.mentions[t].entity_id) != 0;
      if (!named && small.count(scan::fold(all.mentions[t].surface))) drop[t] = true;
    }
    std::vector<Mention> kept;
    kept.reserve(all.mentions.size());
    for (size_t k = 0; k < all.mentions.size(); ++k)
      if (!drop[k]) kept.push_back(std::move(all.mentions[k]));
    all.mentions = std::move(kept);
  }
  return all;
}

}  // namespace concord
