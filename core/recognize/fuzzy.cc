// Inexact long forms by content-word overlap (see fuzzy.h).
#include "recognize/fuzzy.h"

#include <algorithm>
#include <bit>
#include <string>

#include "recognize/scan.h"
#include "recognize/tables.h"

namespace concord::detail {
namespace {

constexpr size_t kMaxWindow = 16;     // words read after the start of a name
constexpr size_t kMaxFormWords = 24;  // content words of a form (a bit each)
constexpr size_t kMaxCandidates = 256;

// Head nouns of bodies, folded, in English, French and Spanish.
constexpr std::string_view kBodyHeads[] = {
    "organization", "organisation", "organizacion", "programme",  "program",     "programa",
    "institute",    "instituto",    "institut",     "centre",     "center",      "centro",
    "fund",         "fondo",        "fonds",        "group",      "grupo",       "groupe",
    "force",        "office",       "oficina",      "bureau",     "commission",  "comision",
    "committee",    "comite",       "council",      "consejo",    "conseil",     "bank",
    "banco",        "banque",       "agency",       "agencia",    "agence",      "union",
    "alliance",     "alianza",      "forum",        "foro",       "network",     "reseau",
    "assembly",     "asamblea",     "assemblee",    "board",      "junta",       "secretariat",
    "secretaria",   "secretariado", "department",   "departamento", "departement", "division",
    "mission",      "mision",       "panel",        "service",    "servicio",    "team",
    "equipo",       "entity",       "entidad",      "entite",     "authority",   "autoridad",
    "autorite",     "court",        "corte",        "cour",       "tribunal",    "federation",
    "federacion",   "association",  "asociacion",   "movement",   "movimiento",  "facility",
    "unit",         "unidad",       "unite",        "academy",    "academia",    "college",
    "branch",       "section",      "seccion",
    "university",   "universidad",  "universite",   "register",   "registry",    "registro",
    "partnership",  "observatory",  "platform",     "coalition",  "foundation",  "fundacion",
    "fondation",    "parliament",   "parlamento",   "parlement",  "subcommittee", "commissions",
    "committees",   "councils",     "groups",       "offices",    "agencies",    "funds",
    "programmes",   "institutes",   "centres",      "centers",    "banks",       "panels"};

// Head nouns of titles of instruments, meetings, plans, days and imprints (the one list:
// recognize.cc's title rule reads it too, through is_title_head()).
constexpr std::string_view kTitleHeads[] = {
    "convention",  "conference", "decade",      "declaration", "framework",  "summit",
    "guidelines",  "strategy",   "strategic",   "protocol",    "principles", "rules",
    "standard",    "standards",  "treaty",      "agenda",      "plan",       "initiative",
    "week",        "covenant",   "report",      "yearbook",    "handbook",   "manual",
    "campaign",    "compact",    "millennium",  "year",        "day",        "model",
    "action",      "publication", "publications", "guiding",
    "disability",  "convencion", "conferencia", "declaracion", "estrategia", "strategie",
    "cumbre",      "sommet",     "decenio",     "decennie",    "congress",   "congreso",
    "congres"};

uint64_t folded_hash(std::string_view folded) { return scan::hash_bytes(folded); }

bool capital_at(std::string_view text, size_t pos) {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (scan::is_ascii_upper(c)) return true;
  // Latin-1 capitals with accents (U+00C0..U+00DE, "É", "Á").
  if (c == 0xC3 && pos + 1 < text.size()) {
    const auto d = static_cast<unsigned char>(text[pos + 1]);
    return d >= 0x80 && d <= 0x9E && d != 0x97;
  }
  return false;
}

// True when the bytes between two words of one name are only what a written name has there:
// spaces, at most one line break (a wrapped name), a hyphen, an apostrophe or a slash (not
// a comma: "UNESCO, UNICEF, UNDP" is a list).
bool joinable_gap(std::string_view text, size_t from, size_t to) {
  if (to - from > 6) return false;
  int breaks = 0;
  for (size_t i = from; i < to; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '-' || c == '\'' || c == '/') continue;
    if (c == '\n') {
      if (++breaks > 1) return false;
      continue;
    }
    if (c >= 0x80) continue;  // typographic apostrophes, no-break spaces
    return false;
  }
  return true;
}

void add_unique(std::vector<uint64_t>* v, uint64_t h) {
  if (std::find(v->begin(), v->end(), h) == v->end()) v->push_back(h);
}

// British/American spellings and singular/plural of a folded word.
std::vector<std::string> alternates(const std::string& w) {
  std::vector<std::string> out{w};
  auto swap_part = [&](std::string_view from, std::string_view to) {
    for (size_t i = 0, n = out.size(); i < n; ++i) {
      size_t at = out[i].find(from);
      if (at != std::string::npos) {
        std::string s = out[i];
        s.replace(at, from.size(), to);
        out.push_back(std::move(s));
      }
    }
  };
  swap_part("isation", "ization");
  swap_part("ization", "isation");
  swap_part("centre", "center");
  swap_part("center", "centre");
  swap_part("programme", "program");
  swap_part("labour", "labor");
  swap_part("defence", "defense");
  for (size_t i = 0, n = out.size(); i < n; ++i) {
    const std::string& s = out[i];
    if (s.size() > 3 && s.back() == 's' && s[s.size() - 2] != 's')
      out.push_back(s.substr(0, s.size() - 1));
    else if (s.size() > 2 && s.back() != 's')
      out.push_back(s + "s");
  }
  return out;
}

bool is_organization_type(const std::string& type) {
  return type != "concept" && type != "event" && type != "treaty";
}

}  // namespace

std::vector<uint64_t> FuzzyMatcher::word_accepts(std::string_view folded_word) const {
  std::vector<uint64_t> out;
  for (const std::string& a : alternates(std::string(folded_word))) add_unique(&out, folded_hash(a));
  return out;
}

void FuzzyMatcher::build(const std::vector<Entity>& entities) {
  // The long forms' stop words, and a few that only occur between a name's words.
  for (std::string_view s : stop_words()) stop_.insert(folded_hash(s));
  for (std::string_view s : {"at", "its", "with"}) stop_.insert(folded_hash(s));
  for (std::string_view s : {"of", "for", "on", "to", "the", "de", "du", "des", "del", "la", "le",
                             "les", "l", "los", "las", "sur", "pour", "para", "sobre"})
    linking_.insert(folded_hash(s));
  for (std::string_view s : {"the", "la", "le", "les", "el", "los", "las"})
    articles_.insert(folded_hash(s));
  for (std::string_view s : kBodyHeads) body_heads_.insert(folded_hash(s));
  for (std::string_view s : kTitleHeads) title_heads_.insert(folded_hash(s));

  // An acronym stands for the content words of the long forms of its entity.
  for (uint32_t ei = 0; ei < entities.size(); ++ei) {
    const Entity& e = entities[ei];
    std::vector<std::vector<uint64_t>> forms;
    std::vector<uint64_t> all;
    for (const std::string& l : e.long_forms) {
      std::vector<uint64_t> words;
      for (const std::string& w : content_words(l)) {
        add_unique(&words, folded_hash(w));
        for (uint64_t h : word_accepts(w)) add_unique(&all, h);
      }
      if (words.size() >= 2) forms.push_back(std::move(words));
    }
    if (forms.empty()) continue;
    for (const std::string& a : e.acronyms) {
      if (a.find(' ') != std::string::npos || a.size() < 2) continue;
      Expansion& x = expansion_[scan::hash_bytes(a)];
      if (std::find(x.entities.begin(), x.entities.end(), ei) == x.entities.end())
        x.entities.push_back(ei);
      add_unique(&x.all, folded_hash(scan::fold(a)));
      for (uint64_t h : all) add_unique(&x.all, h);
      for (const auto& f : forms) x.forms.push_back(f);
    }
  }

  // Every name of every entity, folded: what may follow "of" in a unit's long form.
  std::unordered_map<std::string, uint32_t> names;
  for (uint32_t e = 0; e < entities.size(); ++e) {
    for (const std::string& l : entities[e].long_forms) names.emplace(scan::fold(l), e);
    for (const std::string& a : entities[e].acronyms) names.emplace(scan::fold(a), e);
  }
  // Whether `rest` ("the International Atomic Energy Agency", after "of") is, past its
  // articles, the name of an entity other than `self`.
  const auto names_entity = [&](std::string_view rest, uint32_t self) {
    std::string folded = scan::fold(rest);
    size_t start = folded.find_first_not_of(' ');
    for (std::string_view article : {"the ", "la ", "l'", "l ", "los ", "las "})
      if (start != std::string::npos && std::string_view(folded).substr(start).starts_with(article))
        start += article.size();
    if (start == std::string::npos) return false;
    const auto it = names.find(folded.substr(start));
    return it != names.end() && it->second != self;
  };
  for (uint32_t e = 0; e < entities.size(); ++e) {
    const Entity& ent = entities[e];
    if (!is_organization_type(ent.type)) continue;
    for (const std::string& l : ent.long_forms) {
      Form f;
      f.entity = e;
      size_t pos = 0, ws = 0, we = 0;
      uint64_t h = 0;
      // A unit named with its parent ("General Conference of the International Atomic Energy
      // Agency": what follows "of" is another entity's name): the words before "of" name the
      // unit, and none of them may be left out ("Director General of the International Atomic
      // Energy Agency" is not the Conference).
      size_t unit_words = 0;
      bool parent_named = false;
      std::vector<std::string> token_words;  // folded, one per token
      while (scan::next_word(l, &pos, &ws, &we, &h)) {
        const std::string_view raw = std::string_view(l).substr(ws, we - ws);
        const std::string w = scan::fold(raw);
        if (unit_words == 0 && !f.tokens.empty() &&
            (w == "of" || w == "de" || w == "du" || w == "des" || w == "del")) {
          unit_words = f.tokens.size();
          parent_named = names_entity(std::string_view(l).substr(we), e);
        }
        if (is_stop_word(w)) continue;
        Token t;
        t.accepts = word_accepts(w);  // an acronym in a form ("of the ILO") stands for itself
        t.head = body_heads_.count(folded_hash(w)) != 0;
        f.tokens.push_back(std::move(t));
        token_words.push_back(w);
      }
      if (parent_named && unit_words < f.tokens.size())
        for (size_t j = 0; j < unit_words; ++j) f.tokens[j].head = true;
      if (f.tokens.size() < 3 || f.tokens.size() > kMaxFormWords) continue;
      for (size_t j = 0; j < f.tokens.size(); ++j)
        for (uint64_t k : f.tokens[j].accepts) f.bits_by_hash.emplace_back(k, 1u << j);
      std::sort(f.bits_by_hash.begin(), f.bits_by_hash.end());
      size_t kept = 0;  // one entry per hash, its bits merged
      for (size_t i = 0; i < f.bits_by_hash.size(); ++i) {
        if (kept > 0 && f.bits_by_hash[kept - 1].first == f.bits_by_hash[i].first)
          f.bits_by_hash[kept - 1].second |= f.bits_by_hash[i].second;
        else
          f.bits_by_hash[kept++] = f.bits_by_hash[i];
      }
      f.bits_by_hash.resize(kept);
      const auto id = static_cast<uint32_t>(forms_.size());
      for (uint64_t k : f.tokens.front().accepts) by_first_[k].push_back(id);
      for (const Token& t : f.tokens)
        for (uint64_t k : t.accepts) {
          std::vector<uint32_t>& v = by_word_[k];
          if (v.empty() || v.back() != id) v.push_back(id);
          for (uint64_t first : f.tokens.front().accepts) {
            std::vector<uint32_t>& p = by_first_and_word_[pair_key(first, k)];
            if (p.empty() || p.back() != id) p.push_back(id);
          }
        }
      forms_.push_back(std::move(f));
    }
  }
}

bool FuzzyMatcher::match(std::string_view text, size_t start, size_t min_end, Match* out) const {
  // The window: the words of the name-like run that starts here, read as far as needed.
  WindowToken win[kMaxWindow];
  size_t n = 0;
  size_t pos = start, prev_end = start;
  auto read_word = [&]() {
    size_t ws = 0, we = 0;
    uint64_t h = 0;
    if (n == kMaxWindow || !scan::next_word(text, &pos, &ws, &we, &h)) return false;
    if (n > 0 && !joinable_gap(text, prev_end, ws)) return false;
    WindowToken& t = win[n++];
    t.start = ws;
    t.end = we;
    t.hash = h;
    t.stop = stop_.count(h) != 0;
    t.capital = capital_at(text, ws);
    t.expansion = nullptr;
    // An article written "The" (not "THE") after the first word opens a new sentence or
    // heading: "... UNICEF and UN-Women\nThe Executive Board," is not one name.
    if (n > 1 && t.stop && t.capital && we - ws >= 2 && scan::is_ascii_lower(static_cast<unsigned char>(text[ws + 1])) &&
        articles_.count(h) != 0) {
      --n;
      return false;
    }
    if (t.capital && we - ws >= 2 && we - ws <= 12) {
      auto it = expansion_.find(scan::hash_bytes(text.substr(ws, we - ws)));
      if (it != expansion_.end()) t.expansion = &it->second;
    }
    prev_end = we;
    return true;
  };
  if (!read_word() || win[0].stop || !win[0].capital) return false;
  // Cheap exits: no form starts with this word, or none also has the next word written out
  // (most candidates fail there).
  bool any = by_first_.count(win[0].hash) != 0;
  if (!any && win[0].expansion)
    for (uint64_t k : win[0].expansion->all)
      if (by_first_.count(k)) {
        any = true;
        break;
      }
  if (!any) return false;
  while (read_word() && win[n - 1].stop) {
  }
  if (n < 2 || win[n - 1].stop) return false;
  const WindowToken& second = win[n - 1];
  // Forms starting with the first word and having the second (any form starting with the
  // first word when the second is an acronym, which stands for words of its own).
  const bool second_written = second.expansion == nullptr;
  const bool several_keys = win[0].expansion != nullptr;
  std::vector<uint32_t> candidates;
  auto add = [&](uint64_t key) {
    const auto& index = second_written ? by_first_and_word_ : by_first_;
    auto it = index.find(second_written ? pair_key(key, second.hash) : key);
    if (it == index.end()) return;
    for (uint32_t f : it->second)
      if (candidates.size() < kMaxCandidates &&
          (!several_keys || std::find(candidates.begin(), candidates.end(), f) == candidates.end()))
        candidates.push_back(f);
  };
  add(win[0].hash);
  if (win[0].expansion)
    for (uint64_t k : win[0].expansion->all) add(k);
  if (candidates.empty()) return false;
  // A match ends past `min_end`, so every candidate also has the first word written out there
  // ("Secretary" in "United Nations Secretary-General" after the exact "United Nations").
  size_t past = 0;
  while (past < n || read_word()) {
    if (!win[past].stop && win[past].end > min_end) break;
    ++past;
  }
  if (past >= n) return false;
  if (past > 1 && win[past].expansion == nullptr) {
    auto it = by_word_.find(win[past].hash);
    if (it == by_word_.end()) return false;
    const std::vector<uint32_t>& also = it->second;
    std::erase_if(candidates,
                  [&](uint32_t f) { return !std::binary_search(also.begin(), also.end(), f); });
    if (candidates.empty()) return false;
  }
  while (read_word()) {
  }
  for (size_t i = 1; i < n; ++i)
    for (size_t w = 0; w < i; ++w)
      if (!win[w].stop && win[w].hash == win[i].hash) ++win[i].occurrence;

  bool found = false;
  size_t best_end = 0;
  int best_missing = 0;
  for (uint32_t fi : candidates) {
    const Form& f = forms_[fi];
    const size_t m = f.tokens.size();
    const uint32_t all = m == 32 ? ~0u : ((1u << m) - 1);
    uint32_t covered = 0, by_acronym = 0;
    uint32_t word_bits[kMaxWindow];  // what each word written out covers
    size_t words = 0;
    int matched = 0;
    const WindowToken* acronym = nullptr;
    for (size_t i = 0; i < n; ++i) {
      const WindowToken& t = win[i];
      if (t.stop) continue;
      const uint32_t bits = covers(f, t);
      if (bits == 0) break;  // a word the form does not have: another name
      // A word written more often than the form has it: the name ended before it ("the
      // Director General of the IAEA to the General Conference of the IAEA" is two names).
      if (t.expansion == nullptr && t.end - t.start >= 3 &&  // not the "s" of "Nation's"
          t.occurrence > std::popcount(bits))
        break;
      if (t.expansion != nullptr && (bits & ~tokens_with_hash(f, t.hash)) != 0) {
        // An acronym standing for words: one, of another body ("ILO" in "ILO International
        // Training Centre"); the body's own acronym beside its name is a list or a legend
        // ("IAEA International Atomic Energy Agency", "Forces and UNIFIL").
        if (acronym != nullptr) break;
        const auto& own = t.expansion->entities;
        if (std::find(own.begin(), own.end(), f.entity) != own.end()) break;
        acronym = &t;
        by_acronym |= bits;
      } else {
        word_bits[words++] = bits;
      }
      covered |= bits;
      ++matched;
      // The acronym stands for words the name does not also write out: one written out at
      // most ("International" in "ILO International Training Centre"); "UNSOM United Nations
      // Assistance Mission" is a legend of two names, not one.
      if (acronym != nullptr) {
        int repeated = 0;
        for (size_t w = 0; w < words; ++w) repeated += (word_bits[w] & by_acronym) != 0;
        if (repeated > 1) continue;
      }
      if (t.end <= min_end || matched < 2) continue;
      // The name goes on with another capitalized word, maybe after "of the", "for",
      // "de la": it is some longer name ("United Nations Programme of Assistance in ...").
      size_t next = i + 1;
      while (next < n && linking_.count(win[next].hash)) ++next;
      if (next < n && !win[next].stop && win[next].capital) continue;
      const uint32_t missing_bits = all & ~covered;
      const int missing = std::popcount(missing_bits);
      // One word left out at most, of a form of five words or more, and not the head noun.
      bool ok = missing == 0;
      if (missing == 1 && m >= 5) ok = !f.tokens[std::countr_zero(missing_bits)].head;
      if (!ok) continue;
      if (!found || t.end > best_end || (t.end == best_end && missing < best_missing)) {
        found = true;
        best_end = t.end;
        best_missing = missing;
        out->end = t.end;
        out->entity = f.entity;
      }
    }
  }
  // A name with a word left out must still tell one body: "Special Rapporteur on human rights"
  // has the words of many mandates ("... on the human rights of migrants", "... of internally
  // displaced persons"), "Working Group on Human Rights" of several working groups.
  if (found && best_missing > 0) {
    for (uint32_t fi : candidates) {
      const Form& f = forms_[fi];
      if (f.entity == out->entity) continue;
      bool all_words = true;
      for (size_t i = 0; i < n && win[i].end <= best_end && all_words; ++i)
        if (!win[i].stop && covers(f, win[i]) == 0) all_words = false;
      if (all_words) return false;
    }
  }
  return found;
}

uint32_t FuzzyMatcher::tokens_with_hash(const Form& form, uint64_t h) {
  const auto& v = form.bits_by_hash;
  auto it = std::lower_bound(v.begin(), v.end(), h,
                             [](const std::pair<uint64_t, uint32_t>& e, uint64_t k) {
                               return e.first < k;
                             });
  return it != v.end() && it->first == h ? it->second : 0;
}

uint32_t FuzzyMatcher::covers(const Form& form, const WindowToken& word) const {
  auto tokens_with = [&](uint64_t h) { return tokens_with_hash(form, h); };
  uint32_t bits = tokens_with(word.hash);
  if (word.expansion == nullptr) return bits;
  // "ILO" in "ILO International Training Centre" stands for the words "International Labour
  // Organization" of the form "International Training Centre of the International Labour
  // Organization": all of them must be there.
  for (const std::vector<uint64_t>& words : word.expansion->forms) {
    uint32_t b = 0;
    bool all = true;
    for (uint64_t h : words) {
      const uint32_t bj = tokens_with(h);
      if (bj == 0) {
        all = false;
        break;
      }
      b |= bj;
    }
    if (all) bits |= b;
  }
  return bits;
}

FuzzyMatcher::Continuation FuzzyMatcher::continuation(std::string_view text, size_t pos) const {
  size_t p = pos, ws = 0, we = 0, prev_end = pos;
  uint64_t h = 0;
  bool saw_capital = false;
  for (int k = 0; k < 6; ++k) {
    if (!scan::next_word(text, &p, &ws, &we, &h)) break;
    // Only spaces (no line break) or one hyphen between the words of one name.
    if (ws - prev_end > 3) break;
    bool hyphen = false;
    for (size_t i = prev_end; i < ws; ++i) {
      if (text[i] == '-') {
        hyphen = true;
        continue;
      }
      if (text[i] != ' ') return Continuation::kNone;
    }
    if (k == 0 && hyphen) break;  // "UN-Women" style: another form, not a continuation
    prev_end = we;
    if (stop_.count(h)) {
      if (!saw_capital) break;
      continue;
    }
    if (!capital_at(text, ws) && !hyphen) break;  // "System-wide": small letters after a hyphen
    saw_capital = true;
    if (body_heads_.count(h)) return Continuation::kBody;
    if (title_heads_.count(h)) return Continuation::kTitle;
  }
  return Continuation::kNone;
}

}  // namespace concord::detail
