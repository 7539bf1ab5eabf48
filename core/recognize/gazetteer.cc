// Gazetteer parsing, compiled match tables and user-form lookups.
#include "recognize/gazetteer.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "recognize/scan.h"
#include "recognize/symbols.h"
#include "recognize/tables.h"
#include "util/small_file.h"
#include "util/data_files.h"

namespace concord::data {
extern const char* const kData_gazetteer;
}

namespace concord {
namespace detail {
namespace {

constexpr std::string_view kStopWords[] = {
    "the", "of",  "on",  "for", "and", "in",   "to",    "a",    "an",  "le",  "la",
    "les", "l",   "de",  "des", "du",  "d",    "et",    "pour", "sur", "en",  "el",
    "los", "las", "del", "y",   "e",   "para", "sobre", "por",  "al",  "aux", "au"};

// Folded words of `text` in order.
std::vector<std::string> folded_words(std::string_view text) {
  std::vector<std::string> words;
  size_t pos = 0, start = 0, end = 0;
  uint64_t h = 0;
  while (scan::next_word(text, &pos, &start, &end, &h))
    words.push_back(scan::fold(text.substr(start, end - start)));
  return words;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

bool is_long_form_like_variant(std::string_view v) {
  bool space = v.find(' ') != std::string_view::npos;
  bool lower = std::any_of(v.begin(), v.end(), [](char c) { return scan::is_ascii_lower(c); });
  return space && lower;
}

// Separator bytes accepted between the words of a folded form.
size_t skip_form_separators(std::string_view text, size_t pos) {
  const size_t start = pos;
  while (pos < text.size() && pos - start < 16) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '\'' || c == ',' ||
        c == '/') {
      ++pos;
      continue;
    }
    if (c < 0x80) break;
    size_t j = pos;
    char32_t cp = scan::decode(text, &j);
    // No-break spaces, ’, hyphens, soft hyphen, and en and em dashes ("International
    // Tribunal — Yugoslavia", the Security Council's topic label).
    if (cp == 0xA0 || cp == 0x202F || cp == 0x2019 || cp == 0x2010 || cp == 0x2011 || cp == 0xAD ||
        cp == 0x2013 || cp == 0x2014) {
      pos = j;
      continue;
    }
    break;
  }
  return pos;
}

size_t word_end_at(std::string_view text, size_t pos) {
  while (pos < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      if (!scan::is_ascii_alnum(c)) break;
      ++pos;
      continue;
    }
    size_t j = pos;
    if (!scan::is_word_cp(scan::decode(text, &j))) break;
    pos = j;
  }
  return pos;
}

}  // namespace

void FirstWordIndex::build(std::vector<std::pair<uint64_t, uint32_t>> entries) {
  for (auto& e : entries)
    if (e.first == 0) e.first = 1;
  std::sort(entries.begin(), entries.end());
  size_t keys = 0;
  for (size_t i = 0; i < entries.size(); ++i)
    if (i == 0 || entries[i].first != entries[i - 1].first) ++keys;
  size_t cap = 16;
  while (cap < keys * 2) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  ids_.clear();
  for (size_t i = 0; i < entries.size();) {
    size_t j = i;
    Slot slot;
    slot.key = entries[i].first;
    slot.begin = static_cast<uint32_t>(ids_.size());
    while (j < entries.size() && entries[j].first == entries[i].first)
      ids_.push_back(entries[j++].second);
    slot.count = static_cast<uint32_t>(j - i);
    size_t k = slot.key & mask_;
    while (slots_[k].key != 0) k = (k + 1) & mask_;
    slots_[k] = slot;
    i = j;
  }
}

std::span<const std::string_view> stop_words() { return kStopWords; }

bool is_stop_word(std::string_view w) {
  for (std::string_view s : kStopWords)
    if (s == w) return true;
  return false;
}

void HashMap64::build(const std::vector<std::pair<uint64_t, uint32_t>>& entries) {
  size_t cap = 16;
  while (cap < entries.size() * 2) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  for (auto [key, value] : entries) {
    if (key == 0) key = 1;
    size_t i = (key ^ (key >> 29)) & mask_;
    while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask_;
    slots_[i] = Slot{key, value};
  }
}

std::vector<std::string> content_words(std::string_view text) {
  std::vector<std::string> out;
  for (std::string& w : folded_words(text))
    if (!is_stop_word(w)) out.push_back(std::move(w));
  return out;
}

bool within_one_edit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  if (a.size() == b.size()) {
    size_t first = a.size();
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) {
        first = i;
        break;
      }
    if (first == a.size()) return true;
    if (a.substr(first + 1) == b.substr(first + 1)) return true;  // substitution
    return first + 1 < a.size() && a[first] == b[first + 1] && a[first + 1] == b[first] &&
           a.substr(first + 2) == b.substr(first + 2);  // transposition
  }
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return a.substr(i) == b.substr(i + 1);  // one insertion into a
}

std::string closest_within(std::string_view word, const std::vector<std::string>& candidates,
                           int max_edits) {
  std::string best;
  int best_distance = max_edits + 1;
  for (const std::string& c : candidates) {
    const int d = edit_distance(word, c);
    if (d < best_distance) best_distance = d, best = c;
  }
  return best;
}

MatchTables MatchTables::build(const std::vector<Entity>& entities) {
  MatchTables t;
  // Later entities win a form claimed twice (user files come after the built-in list).
  std::map<std::string, std::pair<uint32_t, Pattern>> exact;
  std::map<std::string, std::pair<uint32_t, Pattern>> folded;
  uint32_t order = 0;
  for (uint32_t e = 0; e < entities.size(); ++e) {
    const Entity& ent = entities[e];
    auto add_exact = [&](const std::string& form, bool variant) {
      Pattern p;
      p.entity = e;
      p.case_sensitive = true;
      p.variant = variant;
      p.caps_word = ent.caps_word && !variant;
      p.title_word = ent.title_word;
      p.exact = scan::collapsed(form);
      std::string key = p.exact;
      auto it = exact.find(key);
      if (it != exact.end() && it->second.second.entity == e) return;
      exact[key] = {order++, std::move(p)};
    };
    auto add_folded = [&](const std::string& form, bool variant) {
      Pattern p;
      p.entity = e;
      p.variant = variant;
      p.title_word = ent.title_word;
      p.proper = names_a_body(ent);
      p.words = folded_words(form);
      // A short name without the UN's own name in it ("General Assembly", not "General
      // Assembly of the United Nations") is generic.
      p.generic = ent.generic_name &&
                  std::none_of(p.words.begin(), p.words.end(), [](const std::string& w) {
                    return w == "united" || w == "nations" || w == "unies" || w == "unidas" ||
                           w == "onu" || w == "un";
                  });
      if (p.words.empty()) return;
      std::string key = join_words(p.words);
      auto it = folded.find(key);
      if (it != folded.end() && it->second.second.entity == e) return;
      folded[key] = {order++, std::move(p)};
    };
    for (const std::string& a : ent.acronyms) add_exact(a, false);
    for (const std::string& l : ent.long_forms) add_folded(l, false);
    for (const std::string& v : ent.variants) {
      if (is_long_form_like_variant(v))
        add_folded(v, true);
      else
        add_exact(v, true);
    }
    for (const std::string& a : ent.acronyms) {
      bool caps = a.size() >= 5 && std::all_of(a.begin(), a.end(), [](char c) {
                    return scan::is_ascii_upper(static_cast<unsigned char>(c));
                  });
      if (caps) t.typo_targets.push_back({a, e});
    }
    for (const std::string& l : ent.long_forms) t.long_form_keys.push_back({content_words(l), e});
  }
  t.fuzzy.build(entities);
  std::vector<std::pair<uint32_t, Pattern>> all;
  for (auto& [k, v] : exact) all.push_back(std::move(v));
  for (auto& [k, v] : folded) all.push_back(std::move(v));
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<uint64_t, uint32_t>> exact_keys, edges;
  std::unordered_map<uint64_t, uint32_t> edge_map;
  t.folded.nodes.emplace_back();
  for (auto& [ord, p] : all) {
    uint32_t id = static_cast<uint32_t>(t.patterns.size());
    if (p.case_sensitive) {
      size_t e = word_end_at(p.exact, 0);
      if (e == 0) continue;  // a form must start with a word character
      exact_keys.push_back({scan::hash_bytes(std::string_view(p.exact).substr(0, e)), id});
      size_t pos = 0, ws = 0, we = 0;
      uint64_t h = 0;
      while (scan::next_word(p.exact, &pos, &ws, &we, &h))
        t.known_tokens.insert(p.exact.substr(ws, we - ws));
    } else {
      uint32_t node = 0;
      for (const std::string& w : p.words) {
        uint64_t key = WordTrie::edge_key(node, scan::hash_bytes(w));
        auto [it, inserted] = edge_map.emplace(key, static_cast<uint32_t>(t.folded.nodes.size()));
        if (inserted) {
          t.folded.nodes[node].has_children = true;
          t.folded.nodes.emplace_back();
          edges.push_back({key, it->second});
        }
        node = it->second;
      }
      t.folded.nodes[node].pattern = id;
    }
    t.patterns.push_back(std::move(p));
  }
  t.exact_first.build(std::move(exact_keys));
  t.folded.edges.build(edges);
  return t;
}

size_t MatchTables::match_exact(std::string_view text, size_t start, const Pattern& p) const {
  const std::string& form = p.exact;
  size_t j = start;
  for (size_t i = 0; i < form.size(); ++i) {
    if (form[i] == ' ') {
      size_t k = scan::skip_spaces(text, j, 16);
      if (k == j) return 0;
      j = k;
      continue;
    }
    if (j >= text.size() || text[j] != form[i]) return 0;
    ++j;
  }
  if (scan::is_ascii_alnum(static_cast<unsigned char>(form.back())) && scan::word_char_at(text, j))
    return 0;
  return j;
}

size_t MatchTables::match_folded(std::string_view text, size_t first_end, uint64_t first_hash,
                                 uint32_t* pattern) const {
  uint32_t node = folded.child(0, first_hash);
  if (node == HashMap64::kAbsent) return 0;
  size_t best = 0;
  size_t end = first_end;
  while (true) {
    if (folded.nodes[node].pattern != HashMap64::kAbsent) {
      best = end;
      *pattern = folded.nodes[node].pattern;
    }
    if (!folded.nodes[node].has_children) break;
    size_t s = skip_form_separators(text, end);
    if (s == end || !scan::word_char_at(text, s)) break;
    size_t pos = s, ws = 0, we = 0;
    uint64_t h = 0;
    if (!scan::next_word(text, &pos, &ws, &we, &h)) break;
    node = folded.child(node, h);
    if (node == HashMap64::kAbsent) break;
    end = we;
  }
  return best;
}

}  // namespace detail

namespace {

constexpr const char* kBuiltIn = "built-in";

std::vector<std::string> split_list(std::string_view field) {
  std::vector<std::string> out;
  size_t from = 0;
  while (from <= field.size()) {
    size_t bar = field.find('|', from);
    if (bar == std::string_view::npos) bar = field.size();
    std::string item = scan::collapsed(field.substr(from, bar - from));
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end())
      out.push_back(std::move(item));
    from = bar + 1;
  }
  return out;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(scan::is_ascii_alnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'))
      return false;
  return true;
}

bool valid_type(std::string_view type) {
  if (type.empty() || type.size() > 32) return false;
  for (char c : type)
    if (!(scan::is_ascii_lower(static_cast<unsigned char>(c)) || c == '-')) return false;
  return true;
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (scan::is_ascii_lower(static_cast<unsigned char>(c))) c = static_cast<char>(c - 32);
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t before = i;
    if (scan::decode(s, &i) == 0xFFFD &&
        !(i - before == 3 && s.substr(before, 3) == "\xEF\xBF\xBD"))
      return false;
  }
  return true;
}

// The folded words of `text` joined by single spaces (join_words(folded_words(text)), built
// in place).
std::string folded_key(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  size_t pos = 0, start = 0, end = 0;
  uint64_t h = 0;
  while (scan::next_word(text, &pos, &start, &end, &h)) {
    if (!key.empty()) key.push_back(' ');
    scan::append_folded(text.substr(start, end - start), &key);
  }
  return key;
}

}  // namespace

Gazetteer::Gazetteer() : tables_(std::make_shared<LazyTables>()) {}

const detail::MatchTables& Gazetteer::tables() const {
  std::call_once(tables_->once, [&] {
    detail::MatchTables t = detail::MatchTables::build(entities_);
    t.units_by_parent = unit_names();
    tables_->tables = std::make_unique<const detail::MatchTables>(std::move(t));
  });
  return *tables_->tables;
}

std::unordered_map<uint32_t, std::vector<detail::UnitName>> Gazetteer::unit_names() const {
  std::unordered_map<uint32_t, std::vector<detail::UnitName>> out;
  const auto no_unit = [](const Entity& e) { return e.type == "concept" || e.type == "event"; };
  for (uint32_t u = 0; u < entities_.size(); ++u) {
    const Entity& unit = entities_[u];
    if (no_unit(unit) || unit.type == "treaty") continue;
    std::vector<std::string_view> forms{unit.name};
    for (const std::string& l : unit.long_forms) forms.push_back(l);
    for (std::string_view form : forms) {
      // The last " of " whose rest names another entity.
      for (size_t at = form.rfind(" of "); at != std::string_view::npos && at > 0;
           at = form.rfind(" of ", at - 1)) {
        std::string_view rest = form.substr(at + 4);
        if (rest.starts_with("the ")) rest.remove_prefix(4);
        const Entity* parent = by_acronym(rest);
        if (parent == nullptr) parent = by_long_form(rest);
        // The United Nations closes the names of bodies that are not its units in this sense
        // ("Conference of the Food and Agriculture Organization of the United Nations").
        if (parent == nullptr || parent == &unit || no_unit(*parent) || parent->id == "UN")
          continue;
        const std::string_view name = form.substr(0, at);
        if (name.find(' ') == std::string_view::npos || by_acronym(name) || by_long_form(name))
          break;
        std::vector<detail::UnitName>& names = out[static_cast<uint32_t>(parent - entities_.data())];
        if (std::none_of(names.begin(), names.end(),
                         [&](const detail::UnitName& n) { return n.unit == u && n.name == name; }))
          names.push_back({u, std::string(name)});
        break;
      }
    }
  }
  // A name two units go by ("Assembly of Heads of State and Government" of the AU and of the
  // OAU) tells neither apart: left out.
  std::unordered_map<std::string, uint32_t> unit_of;
  std::unordered_set<std::string> shared;
  for (const auto& [parent, names] : out)
    for (const detail::UnitName& n : names)
      if (auto [it, inserted] = unit_of.emplace(n.name, n.unit); !inserted && it->second != n.unit)
        shared.insert(n.name);
  for (auto& [parent, names] : out)
    std::erase_if(names, [&](const detail::UnitName& n) { return shared.count(n.name) != 0; });
  return out;
}

Gazetteer Gazetteer::built_in(std::vector<GazetteerProblem>* problems) {
  Gazetteer g;
  const util::DataFile file = util::data_file("gazetteer.tsv", data::kData_gazetteer);
  std::vector<GazetteerProblem> found =
      g.add_tsv(file.text, file.source.empty() ? kBuiltIn : file.source);
  if (problems != nullptr) *problems = std::move(found);
  return g;
}

std::string_view Gazetteer::built_in_text() {
  return util::data_file("gazetteer.tsv", data::kData_gazetteer).text;
}

std::vector<GazetteerProblem> Gazetteer::add_file(const std::string& path) {
  const util::SmallFile file = util::read_small_file(path);
  if (!file.error.empty()) return {{path, 0, "cannot read gazetteer file: " + file.error, true}};
  return add_tsv(file.bytes, path);
}

std::vector<GazetteerProblem> Gazetteer::add_tsv(std::string_view tsv, const std::string& source) {
  std::vector<GazetteerProblem> problems;
  std::unordered_map<std::string, int> seen_here;
  auto problem = [&](int line, std::string message, bool skipped = true) {
    problems.push_back({source, line, std::move(message), skipped});
  };
  if (tsv.size() >= 3 && tsv.substr(0, 3) == "\xEF\xBB\xBF") tsv.remove_prefix(3);
  int line_no = 0;
  size_t from = 0;
  while (from < tsv.size()) {
    size_t nl = tsv.find('\n', from);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(from, nl - from);
    from = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t first = line.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || line[first] == '#') continue;
    if (!valid_utf8(line)) {
      problem(line_no, "not valid UTF-8");
      continue;
    }
    std::vector<std::string_view> fields;
    size_t f = 0;
    while (true) {
      size_t tab = line.find('\t', f);
      if (tab == std::string_view::npos) {
        fields.push_back(line.substr(f));
        break;
      }
      fields.push_back(line.substr(f, tab - f));
      f = tab + 1;
    }
    if (fields.size() < 4) {
      problem(line_no,
              "expected at least 4 tab-separated columns (id, type, name, acronyms), got " +
                  std::to_string(fields.size()));
      continue;
    }
    if (fields.size() > 7) {
      problem(line_no, "expected at most 7 columns, got " + std::to_string(fields.size()));
      continue;
    }
    Entity e;
    e.id = trim(fields[0]);
    e.type = trim(fields[1]);
    e.name = scan::collapsed(fields[2]);
    e.source = source;
    e.line = line_no;
    if (!valid_id(e.id)) {
      problem(line_no, "invalid id '" + e.id + "' (letters, digits, '.', '_', '-')");
      continue;
    }
    if (!valid_type(e.type)) {
      problem(line_no, "invalid type '" + e.type + "' (lower-case letters and '-')");
      continue;
    }
    if (e.name.empty()) {
      problem(line_no, "empty name");
      continue;
    }
    e.acronyms = split_list(fields[3]);
    if (fields.size() > 4) e.long_forms = split_list(fields[4]);
    if (fields.size() > 5) e.variants = split_list(fields[5]);
    bool bad = false;
    if (fields.size() > 6) {
      std::string flags(fields[6]);
      std::replace(flags.begin(), flags.end(), '|', ',');
      std::stringstream ss(flags);
      std::string flag;
      while (std::getline(ss, flag, ',')) {
        flag = trim(flag);
        if (flag.empty()) continue;
        if (flag == "caps-word") {
          e.caps_word = true;
        } else if (flag == "title-word") {
          e.title_word = true;
        } else if (flag == "generic-name") {
          e.generic_name = true;
        } else if (flag.rfind("pursuant-to=", 0) == 0 && flag.size() > 12 && flag.size() <= 17 &&
                   std::all_of(flag.begin() + 12, flag.end(), [](char c) {
                     return scan::is_ascii_digit(static_cast<unsigned char>(c));
                   })) {
          e.pursuant_to.push_back(flag.substr(12));
        } else {
          problem(line_no, "unknown flag '" + flag + "'");
          bad = true;
        }
      }
    }
    for (const std::string& a : e.acronyms) {
      if (!std::any_of(a.begin(), a.end(), [](char c) {
            return scan::is_ascii_upper(static_cast<unsigned char>(c));
          })) {
        problem(line_no,
                "acronym '" + a + "' has no capital letter (acronyms match case-sensitively)");
        bad = true;
      }
    }
    if (bad) continue;
    if (e.acronyms.empty() && e.long_forms.empty()) {
      problem(line_no, "entity '" + e.id + "' has neither an acronym nor a long form");
      continue;
    }
    if (auto it = seen_here.find(e.id); it != seen_here.end()) {
      problem(line_no,
              "duplicate id '" + e.id + "' (first at line " + std::to_string(it->second) + ")");
      continue;
    }
    seen_here[e.id] = line_no;
    if (auto it = by_id_.find(e.id); it != by_id_.end()) {
      entities_[it->second] = std::move(e);
    } else {
      by_id_[e.id] = entities_.size();
      entities_.push_back(std::move(e));
    }
  }
  // Forms claimed by two entities: the later one keeps it; say so.
  std::unordered_map<std::string, size_t> owner;
  for (size_t i = 0; i < entities_.size(); ++i) {
    for (const std::string& a : entities_[i].acronyms) {
      auto [it, inserted] = owner.emplace(a, i);
      if (!inserted && it->second != i) {
        if (entities_[i].source == source)
          problem(entities_[i].line,
                  "acronym '" + a + "' also belongs to '" + entities_[it->second].id + "'; '" +
                      entities_[i].id + "' takes it",
                  false);
        it->second = i;
      }
    }
  }
  rebuild();
  return problems;
}

void Gazetteer::rebuild() {
  by_acronym_.clear();
  by_folded_.clear();
  by_pursuant_.clear();
  for (size_t i = 0; i < entities_.size(); ++i) {
    const Entity& e = entities_[i];
    for (const std::string& n : e.pursuant_to) by_pursuant_[n] = i;
    for (const std::string& a : e.acronyms) by_acronym_[a] = i;
    for (const std::string& v : e.variants)
      if (!detail::is_long_form_like_variant(v)) by_acronym_[v] = i;
    auto add_folded = [&](const std::string& s) {
      std::string key = folded_key(s);
      if (!key.empty()) by_folded_[key] = i;
    };
    add_folded(e.name);
    for (const std::string& l : e.long_forms) add_folded(l);
    for (const std::string& v : e.variants) add_folded(v);
  }
  tables_ = std::make_shared<LazyTables>();
}

const Entity* Gazetteer::by_pursuant_to(std::string_view number) const {
  auto it = by_pursuant_.find(std::string(number));
  return it == by_pursuant_.end() ? nullptr : &entities_[it->second];
}

const Entity* Gazetteer::find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &entities_[it->second];
}

std::string Gazetteer::fingerprint() const {
  std::vector<const Entity*> sorted;
  for (const Entity& e : entities_) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(),
            [](const Entity* a, const Entity* b) { return a->id < b->id; });
  std::string canon;
  auto list = [&](const std::vector<std::string>& items) {
    for (const std::string& s : items) {
      canon += s;
      canon.push_back('|');
    }
    canon.push_back('\t');
  };
  for (const Entity* e : sorted) {
    canon += e->id + '\t' + e->type + '\t' + e->name + '\t';
    list(e->acronyms);
    list(e->long_forms);
    list(e->variants);
    canon += e->caps_word ? "caps-word" : "";
    canon += e->title_word ? ",title-word" : "";
    canon += e->generic_name ? ",generic-name" : "";
    for (const std::string& n : e->pursuant_to) canon += ",pursuant-to=" + n;
    canon += "\n";
  }
  char hex[24];
  std::snprintf(hex, sizeof(hex), "g%016llx",
                static_cast<unsigned long long>(scan::hash_bytes(canon)));
  return hex;
}

const Entity* Gazetteer::by_acronym(std::string_view acronym) const {
  auto it = by_acronym_.find(std::string(acronym));
  if (it == by_acronym_.end()) return nullptr;
  return &entities_[it->second];
}

std::vector<std::string> detail::long_form_keys(std::string_view text) {
  std::vector<std::string> keys{folded_key(text)};
  // "the International Labour Organization", "l'Organisation..."
  for (std::string_view article : {"the ", "l ", "la ", "le ", "les ", "el ", "los ", "las "})
    if (keys[0].starts_with(article)) keys.push_back(keys[0].substr(article.size()));
  return keys;
}

const Entity* Gazetteer::by_long_form(std::string_view text) const {
  for (const std::string& key : detail::long_form_keys(text))
    if (auto it = by_folded_.find(key); it != by_folded_.end()) return &entities_[it->second];
  return nullptr;
}

std::string Gazetteer::type_of(std::string_view id) const {
  if (const Entity* e = find(id)) return e->type;
  if (id.starts_with("discovered:")) return "discovered";
  if (is_symbol_id(id)) return id.starts_with("ILO-") ? "ilo-instrument" : "symbol";
  return "";
}

std::optional<ResolvedEntity> Gazetteer::resolve(std::string_view user_form) const {
  std::string form = trim(user_form);
  if (form.empty()) return std::nullopt;
  auto from_entity = [](const Entity& e) { return ResolvedEntity{e.id, e.type, e.name}; };
  if (const Entity* e = find(form)) return from_entity(*e);
  if (const Entity* e = by_acronym(form)) return from_entity(*e);
  std::string upper = upper_ascii(form);
  for (const Entity& e : entities_) {
    if (upper_ascii(e.id) == upper) return from_entity(e);
    for (const std::string& a : e.acronyms)
      if (upper_ascii(a) == upper) return from_entity(e);
  }
  if (const Entity* e = by_long_form(form)) return from_entity(*e);
  if (form.starts_with("discovered:") && form.size() > 11)
    return ResolvedEntity{form, "discovered", form.substr(11)};
  if (std::optional<std::string> symbol = canonical_symbol(form))
    return ResolvedEntity{*symbol, type_of(*symbol), *symbol};
  // A misspelled acronym, as recognition would read it.
  bool caps = upper.size() >= 4 && std::all_of(upper.begin(), upper.end(), [](char c) {
                return scan::is_ascii_upper(static_cast<unsigned char>(c));
              });
  if (caps) {
    for (const detail::TypoTarget& t : tables().typo_targets)
      if (detail::within_one_edit(upper, t.acronym)) return from_entity(entities_[t.entity]);
  }
  return std::nullopt;
}

std::vector<Suggestion> Gazetteer::suggest(std::string_view user_form, size_t max) const {
  std::string typed = scan::fold(trim(user_form));
  std::vector<Suggestion> out;
  if (typed.empty()) return out;
  for (const Entity& e : entities_) {
    Suggestion best{e.id, e.name, "", 1 << 30};
    auto consider = [&](const std::string& form) {
      int d = detail::edit_distance(typed, scan::fold(form));
      if (d < best.distance) {
        best.distance = d;
        best.form = form;
      }
    };
    consider(e.id);
    consider(e.name);
    for (const std::string& a : e.acronyms) consider(a);
    for (const std::string& l : e.long_forms) consider(l);
    for (const std::string& v : e.variants) consider(v);
    int limit = std::max<int>(2, static_cast<int>(typed.size()) / 3);
    if (best.distance <= limit) out.push_back(std::move(best));
  }
  std::stable_sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
    return a.distance < b.distance;
  });
  if (out.size() > max) out.resize(max);
  return out;
}

}  // namespace concord
