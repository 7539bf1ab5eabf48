// A gazetteer's two lookups a search needs — by acronym and by long form — in a compact text
// the index stores once (schema::kMetaGazetteerLookup), so that a search for "UNTFSSE" or for
// a quoted name reads them (a fraction of a millisecond) instead of building the gazetteer
// (about 3 ms at every such search).
//
// Two forms: a text (version 1, Gazetteer::encode_lookup(), read whole by parse()) and entries
// of a key-value store (version 2, Gazetteer::lookup_entries(), read two or three at a time by
// open(), each lookup asking the store for what it needs). Version 2's keys: "v" holds
// "3\tTAG"; every other key starts with "TAG:", so that entries of two databases merged key by
// key (xapian-compact keeps one value of each key) are never read as one gazetteer's.
//
// Contract: GazetteerLookup::parse(g.encode_lookup(tag)), and open() over the entries of
// g.lookup_entries(tag), answer by_acronym() and by_long_form() as g does (the same entity, or
// none), and tag() gives `tag` back. parse() refuses (nullopt) a text of another format
// version or a damaged one, open() a store without version 2's "v" entry ("3\tTAG"); neither throws for
// any input (an opened lookup passes on what the store's getter throws, e.g. a Xapian
// error), and a damaged entry reads as no entity, with damaged() then true. A parsed lookup is immutable and copies
// share the text; an opened one calls the store's getter (which must outlive it) from
// whatever thread asks. The tag is what the user checks before trusting the lookups:
// gazetteer_source(), the digest of everything the gazetteer is built from.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
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

// What a lookup gives of an entity.
struct LookupEntity {
  std::string id, type, name;
  std::vector<std::string> acronyms;
};

// A key-value store's value for `key` ("" when it has none).
using LookupGetter = std::function<std::string(const std::string& key)>;

class GazetteerLookup {
 public:
  static std::optional<GazetteerLookup> parse(std::string text);
  static std::optional<GazetteerLookup> open(LookupGetter get);

  std::string_view tag() const { return tag_; }
  // As Gazetteer::by_acronym() (case kept) and Gazetteer::by_long_form() (folded).
  std::optional<LookupEntity> by_acronym(std::string_view acronym) const;
  std::optional<LookupEntity> by_long_form(std::string_view text) const;
  // Whether a lookup met an entry it could not read (version 2: a damaged store); the caller
  // then asks the gazetteer itself rather than take "none" for an answer.
  bool damaged() const { return damaged_ && damaged_->load(std::memory_order_relaxed); }

 private:
  using Keys = std::vector<std::pair<std::string_view, uint32_t>>;  // sorted by key
  std::optional<LookupEntity> entity(uint32_t index) const;
  static std::optional<uint32_t> find(const Keys& keys, std::string_view key);
  // Version 2: the entity the entry of `kind` ('a', 'f') and `key` names.
  std::optional<LookupEntity> entry(char kind, std::string_view key) const;

  LookupGetter get_;  // version 2's store; empty for a parsed text
  // Set by version 2's lookups (any thread; shared by copies); null for a parsed text.
  std::shared_ptr<std::atomic<bool>> damaged_;

  std::shared_ptr<const std::string> text_;
  std::string_view tag_;
  std::vector<std::string_view> entities_;  // "id\ttype\tname\tACR|ACR"
  Keys acronyms_, folded_;
};

}  // namespace concord
