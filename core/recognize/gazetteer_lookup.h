// A gazetteer's two lookups a search needs — by acronym and by long form — in a compact text
// the index stores once (schema::kMetaGazetteerLookup), so that a search for "UNTFSSE" or for
// a quoted name reads them (a fraction of a millisecond) instead of building the gazetteer
// (about 3 ms at every such search).
//
// Contract: GazetteerLookup::parse(g.encode_lookup(tag)) answers by_acronym() and
// by_long_form() as g does (the same entity, or none), and tag() gives `tag` back. parse()
// refuses (nullopt) a text of another format version or a damaged one; never throws for any
// input. Immutable once parsed; copies share the text. The tag is what the user of the text
// checks before trusting it: gazetteer_source(), the digest of everything the gazetteer is
// built from.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace concord {

// The digest of what a gazetteer is built from: this program's version, the pipeline
// ("21/3"), the built-in gazetteer's text and the extra entries (`extra`, TSV).
std::string gazetteer_source(std::string_view pipeline, std::string_view extra);

// What a lookup gives of an entity (views into the lookup's text).
struct LookupEntity {
  std::string_view id, type, name;
  std::vector<std::string_view> acronyms;
};

class GazetteerLookup {
 public:
  static std::optional<GazetteerLookup> parse(std::string text);

  std::string_view tag() const { return tag_; }
  // As Gazetteer::by_acronym() (case kept) and Gazetteer::by_long_form() (folded).
  std::optional<LookupEntity> by_acronym(std::string_view acronym) const;
  std::optional<LookupEntity> by_long_form(std::string_view text) const;

 private:
  using Keys = std::vector<std::pair<std::string_view, uint32_t>>;  // sorted by key
  std::optional<LookupEntity> entity(uint32_t index) const;
  static std::optional<uint32_t> find(const Keys& keys, std::string_view key);

  std::shared_ptr<const std::string> text_;
  std::string_view tag_;
  std::vector<std::string_view> entities_;  // "id\ttype\tname\tACR|ACR"
  Keys acronyms_, folded_;
};

}  // namespace concord
