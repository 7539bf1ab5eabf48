// The gazetteer's lookups as stored text: encode (Gazetteer::encode_lookup) and read back.
//
// Format, version 1, one record per line, fields separated by TAB:
//   concord-gazetteer-lookup 1 TAG
//   E ID TYPE NAME ACRONYMS('|'-joined)     one per entity, in the gazetteer's order
//   A ACRONYM INDEX                         sorted by acronym (bytes)
//   F FOLDED-KEY INDEX                      sorted by key (bytes)
// No field holds a TAB or a newline: ids, types, names and acronyms come from TSV fields,
// folded keys are words joined by spaces.
//
// Entries, version 2 (keys relative to the store's prefix):
//   v            2 TAB TAG
//   e:INDEX      ID TYPE NAME ACRONYMS('|'-joined)     TAB-separated, one per entity
//   a:ACRONYM    INDEX                                  one per acronym
//   f:KEY        INDEX                                  one per folded key
// A key longer than kMaxEntryKey is written a#HASH or f#HASH (its content_hash()), and its
// value is INDEX TAB KEY, so that a lookup checks it has the entry of its own key.
#include "recognize/gazetteer_lookup.h"

#include <algorithm>
#include <charconv>

#include "recognize/gazetteer.h"
#include "util/hash.h"
#include "util/strings.h"

namespace concord {
namespace {

constexpr std::string_view kHeader = "concord-gazetteer-lookup 1\t";

// Splits `line` at TABs into at most `n` fields (the last takes the rest).
std::vector<std::string_view> fields(std::string_view line, size_t n) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < n) {
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) break;
    out.push_back(line.substr(0, tab));
    line.remove_prefix(tab + 1);
  }
  out.push_back(line);
  return out;
}

bool clean(std::string_view s) { return s.find_first_of("\t\n") == std::string_view::npos; }

constexpr size_t kMaxEntryKey = 160;  // Xapian's metadata keys hold at most about 240 bytes

std::string entry_key(char kind, std::string_view key) {
  if (key.size() <= kMaxEntryKey) return std::string(1, kind) + ":" + std::string(key);
  return std::string(1, kind) + "#" + util::content_hash(key);
}

// "A|B|C" as {A, B, C}; "" as none.
std::vector<std::string> acronyms_of(std::string_view bars) {
  if (bars.empty()) return {};
  const std::vector<std::string_view> parts = util::split(bars, '|');
  return {parts.begin(), parts.end()};
}

// ID TYPE NAME ACRONYMS as an entity; nullopt when it is not that.
std::optional<LookupEntity> entity_of(std::string_view line) {
  LookupEntity e;
  std::string* fields[] = {&e.id, &e.type, &e.name};
  for (std::string* f : fields) {
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return std::nullopt;
    *f = std::string(line.substr(0, tab));
    line.remove_prefix(tab + 1);
  }
  if (line.find('\t') != std::string_view::npos) return std::nullopt;
  e.acronyms = acronyms_of(line);
  return e;
}

}  // namespace

std::string gazetteer_source(std::string_view pipeline, std::string_view extra) {
  // The digest of VERSION \n PIPELINE \n BUILT-IN \0 EXTRA, hashed piece by piece: no copy.
  util::ContentHasher hash;
  for (std::string_view piece : {std::string_view(CONCORD_VERSION), std::string_view("\n"), pipeline,
                                 std::string_view("\n"), Gazetteer::built_in_text(),
                                 std::string_view("\0", 1), extra})
    hash.update(piece);
  return hash.hex();
}

std::string Gazetteer::encode_lookup(std::string_view tag) const {
  std::string out(kHeader);
  out += tag;
  out += '\n';
  for (const Entity& e : entities_) {
    std::string acronyms;
    for (const std::string& a : e.acronyms) acronyms += (acronyms.empty() ? "" : "|") + a;
    if (!clean(e.id) || !clean(e.type) || !clean(e.name) || !clean(acronyms)) return "";
    out += "E\t" + e.id + '\t' + e.type + '\t' + e.name + '\t' + acronyms + '\n';
  }
  const auto keys = [&](char kind, const std::unordered_map<std::string, size_t>& map) {
    std::vector<std::pair<std::string_view, size_t>> sorted(map.begin(), map.end());
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [key, index] : sorted) {
      if (!clean(key)) return false;
      out += kind;
      out += '\t';
      out += key;
      out += '\t' + std::to_string(index) + '\n';
    }
    return true;
  };
  if (!keys('A', by_acronym_) || !keys('F', by_folded_)) return "";
  return out;
}

std::vector<std::pair<std::string, std::string>> Gazetteer::lookup_entries(std::string_view tag) const {
  std::vector<std::pair<std::string, std::string>> out;
  if (!clean(tag)) return {};
  out.emplace_back("v", "3\t" + std::string(tag));
  for (size_t i = 0; i < entities_.size(); ++i) {
    const Entity& e = entities_[i];
    std::string acronyms;
    for (const std::string& a : e.acronyms) acronyms += (acronyms.empty() ? "" : "|") + a;
    if (!clean(e.id) || !clean(e.type) || !clean(e.name) || !clean(acronyms)) return {};
    out.emplace_back(std::string(tag) + ":e:" + std::to_string(i), e.id + '\t' + e.type + '\t' + e.name + '\t' + acronyms);
  }
  for (const auto& [kind, map] : {std::pair{'a', &by_acronym_}, std::pair{'f', &by_folded_}})
    for (const auto& [key, index] : *map) {
      if (key.empty() || !clean(key)) return {};
      const std::string k = entry_key(kind, key);
      out.emplace_back(std::string(tag) + ':' + k,
                       std::to_string(index) + (k[1] == '#' ? '\t' + key : std::string()));
    }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<GazetteerLookup> GazetteerLookup::open(LookupGetter get) {
  if (!get) return std::nullopt;
  std::string version = get("v");
  // "3": keys named by their tag. "2" (entries without the tag, written by earlier builds) is
  // refused like any other format: the gazetteer is built, and the next run that builds it
  // writes the entries again.
  if (!version.starts_with("3\t")) return std::nullopt;
  GazetteerLookup out;
  out.text_ = std::make_shared<const std::string>(version.substr(2));
  out.tag_ = *out.text_;
  // Every other key starts with the tag: the entries of two databases merged key by key
  // (xapian-compact keeps one value of each key) are never read as one gazetteer's.
  out.damaged_ = std::make_shared<std::atomic<bool>>(false);
  out.get_ = [get = std::move(get), prefix = std::string(out.tag_) + ':'](const std::string& key) {
    return get(prefix + key);
  };
  return out;
}

std::optional<LookupEntity> GazetteerLookup::entry(char kind, std::string_view key) const {
  if (key.empty()) return std::nullopt;
  const std::string k = entry_key(kind, key);
  const std::string value = get_(k);
  if (value.empty()) return std::nullopt;  // no such form
  size_t digits = value.size();
  if (k[1] == '#') {  // a hashed key: its value names the key (another one: not this form)
    digits = value.find('\t');
    if (digits == std::string::npos) damaged_->store(true, std::memory_order_relaxed);
    if (digits == std::string::npos || std::string_view(value).substr(digits + 1) != key)
      return std::nullopt;
  }
  uint32_t index = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + digits, index);
  std::optional<LookupEntity> e;
  if (ec == std::errc() && end == value.data() + digits) e = entity_of(get_("e:" + std::to_string(index)));
  if (!e) damaged_->store(true, std::memory_order_relaxed);
  return e;
}

std::optional<GazetteerLookup> GazetteerLookup::parse(std::string text) {
  GazetteerLookup out;
  out.text_ = std::make_shared<const std::string>(std::move(text));
  std::string_view rest(*out.text_);
  if (!rest.starts_with(kHeader)) return std::nullopt;
  size_t nl = rest.find('\n');
  if (nl == std::string_view::npos) return std::nullopt;
  out.tag_ = rest.substr(kHeader.size(), nl - kHeader.size());
  rest.remove_prefix(nl + 1);
  // One pass, no copy and no allocation a line: a search reads the whole text (about 180 KB)
  // to look one word up.
  while (!rest.empty()) {
    nl = rest.find('\n');
    if (nl == std::string_view::npos) return std::nullopt;  // cut short
    const std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
    if (line.size() < 2 || line[1] != '\t') return std::nullopt;
    const std::string_view body = line.substr(2);
    if (line[0] == 'E') {  // ID TYPE NAME ACRONYMS: three TABs at least
      if (std::count(body.begin(), body.end(), '\t') < 3) return std::nullopt;
      out.entities_.push_back(body);
      continue;
    }
    Keys* keys = line[0] == 'A' ? &out.acronyms_ : line[0] == 'F' ? &out.folded_ : nullptr;
    const size_t tab = body.find('\t');
    if (keys == nullptr || tab == std::string_view::npos) return std::nullopt;
    const std::string_view key = body.substr(0, tab), number = body.substr(tab + 1);
    uint32_t index = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), index);
    if (ec != std::errc() || end != number.data() + number.size()) return std::nullopt;
    if (!keys->empty() && !(keys->back().first < key)) return std::nullopt;  // sorted, unique
    keys->emplace_back(key, index);
  }
  for (const Keys* keys : {&out.acronyms_, &out.folded_})
    for (const auto& [key, index] : *keys)
      if (index >= out.entities_.size()) return std::nullopt;
  return out;
}

std::optional<uint32_t> GazetteerLookup::find(const Keys& keys, std::string_view key) {
  const auto it = std::lower_bound(keys.begin(), keys.end(), key,
                                   [](const auto& k, std::string_view v) { return k.first < v; });
  if (it == keys.end() || it->first != key) return std::nullopt;
  return it->second;
}

std::optional<LookupEntity> GazetteerLookup::entity(uint32_t index) const {
  const std::vector<std::string_view> f = fields(entities_[index], 4);
  return LookupEntity{std::string(f[0]), std::string(f[1]), std::string(f[2]), acronyms_of(f[3])};
}

std::optional<LookupEntity> GazetteerLookup::by_acronym(std::string_view acronym) const {
  if (get_) return entry('a', acronym);
  if (const auto index = find(acronyms_, acronym)) return entity(*index);
  return std::nullopt;
}

std::optional<LookupEntity> GazetteerLookup::by_long_form(std::string_view text) const {
  for (const std::string& key : detail::long_form_keys(text)) {
    if (get_) {
      if (auto e = entry('f', key)) return e;
      if (damaged()) return std::nullopt;  // a shorter form's entity is not an answer then
    } else if (const auto index = find(folded_, key)) {
      return entity(*index);
    }
  }
  return std::nullopt;
}

}  // namespace concord
