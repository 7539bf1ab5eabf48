// The gazetteer: the entities recognition looks for, parsed from TSV (data/gazetteer.tsv is
// built in; user files add or override entries by id), plus lookups for what users type.
//
// Contract: parsing never throws; a bad line is skipped and reported as a GazetteerProblem
// (source, 1-based line, message). The format is documented at the top of
// data/gazetteer.tsv. add_tsv()/add_file() rebuild the compiled match tables; they are not
// thread-safe. Every const method is thread-safe, so one Gazetteer can serve any number of
// recognition threads. Copies share the immutable compiled tables.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace concord {

namespace detail {
struct MatchTables;  // compiled lookup tables, see recognize/tables.h
// A unit's name without its parent: "Legal Subcommittee" of "Legal Subcommittee of the
// Committee on the Peaceful Uses of Outer Space".
struct UnitName {
  uint32_t unit = 0;
  std::string name;  // as the gazetteer writes it
};
}

struct Entity {
  std::string id;                       // "UNTFSSE"; also the org: search term
  std::string type;                     // "organization", "network", "event", "concept"...
  std::string name;                     // display name
  std::vector<std::string> acronyms;    // case-sensitive forms
  std::vector<std::string> long_forms;  // matched folded (case and accents ignored)
  std::vector<std::string> variants;    // known variant spellings (mentions flagged variant)
  bool caps_word = false;               // acronym is also a word: skip in all-caps text
  bool generic_name = false;            // its short names are also other bodies' organs
                                        // ("General Assembly of the ICA"): see recognize.h
  bool title_word = false;              // its name opens titles of instruments and meetings
                                        // ("United Nations Convention on ..."): not a mention there
  std::vector<std::string> pursuant_to;  // Security Council resolution numbers ("2206") of a
                                         // committee named "Committee (established) pursuant
                                         // to resolution 2206 (2015) ...": see recognize.h
  std::string source;                   // "built-in" or the file path it came from
  int line = 0;                         // line in `source`
};

namespace detail {
// The folded keys by_long_form() tries for `text`, in order: all its words, then without a
// leading article ("the", "l'", "la", "el"...).
std::vector<std::string> long_form_keys(std::string_view text);
}  // namespace detail

struct GazetteerProblem {
  std::string source;  // "built-in" or file path
  int line = 0;        // 1-based; 0 when the file itself could not be read
  std::string message;
  bool skipped = true;  // the line was ignored (false: a warning, the line was kept)
};

// An entity id resolved from a user-typed form.
struct ResolvedEntity {
  std::string id;    // gazetteer id, canonical symbol ("A/RES/77/281"), or "discovered:ACR"
  std::string type;  // entity type, "symbol", "ilo-instrument" or "discovered"
  std::string name;  // display name (the id for symbols)
};

struct Suggestion {
  std::string id;
  std::string name;
  std::string form;  // the known form closest to what was typed
  int distance = 0;  // edit distance between folded forms
};

// Whether the entity is a body (an organization or a network), whose names are proper names:
// matched in lower case only where they do not describe, and given short names.
inline bool names_a_body(const Entity& e) { return e.type == "organization" || e.type == "network"; }

class Gazetteer {
 public:
  Gazetteer();  // empty

  // The shipped gazetteer (data/gazetteer.tsv). Problems in it (a bug; tests check there
  // are none) are stored in `problems` when given.
  static Gazetteer built_in(std::vector<GazetteerProblem>* problems = nullptr);
  // The text built_in() reads (the installed data file, or the copy in the program).
  static std::string_view built_in_text();

  // Parses `tsv` and adds its entities; an id already present is replaced. Returns the
  // problems found (bad lines are skipped, the rest is kept).
  std::vector<GazetteerProblem> add_tsv(std::string_view tsv, const std::string& source);
  // Reads (util::read_small_file(): a regular file of at most 64 MiB, never blocking) and
  // adds a file; an unreadable or refused file is one problem with line 0.
  std::vector<GazetteerProblem> add_file(const std::string& path);

  const std::vector<Entity>& entities() const { return entities_; }
  const Entity* find(std::string_view id) const;  // by exact id; nullptr if absent

  // Stable digest of the entities' content (order of lines and files does not matter, only
  // the final entries): "g" + 16 hex digits. The index records it.
  std::string fingerprint() const;

  // Case-sensitive acronym lookup ("ILO", "OIT"); nullptr when unknown.
  const Entity* by_acronym(std::string_view acronym) const;
  // Long form, name or variant, compared folded ("organisation internationale du travail").
  const Entity* by_long_form(std::string_view text) const;
  // by_acronym() and by_long_form() as a text GazetteerLookup reads (recognize/
  // gazetteer_lookup.h), tagged with `tag`; "" when a form cannot be written in it.
  std::string encode_lookup(std::string_view tag) const;
  // The same as entries of a key-value store, keys sorted (GazetteerLookup::open() reads
  // them); empty when a form cannot be written in them.
  std::vector<std::pair<std::string, std::string>> lookup_entries(std::string_view tag) const;
  // The committee established pursuant to Security Council resolution `number` ("2206"), from
  // the entities' pursuant-to flags; nullptr when none.
  const Entity* by_pursuant_to(std::string_view number) const;

  // Any form a user may type: id, acronym in any case, variant, long form, a symbol in any
  // written form ("resolution 77/281", "a/res/77/281", "R193"), "discovered:ACR", or a
  // misspelled acronym (one edit from an acronym of five letters or more).
  std::optional<ResolvedEntity> resolve(std::string_view user_form) const;

  // Closest known names for an unknown form, best first (at most `max`).
  std::vector<Suggestion> suggest(std::string_view user_form, size_t max = 5) const;

  // Type of any entity id a mention may carry: the gazetteer type, "symbol",
  // "ilo-instrument", "discovered"; "" for an unknown id.
  std::string type_of(std::string_view entity_id) const;

  // Compiled tables used by recognize(); valid as long as this Gazetteer (or a copy) lives.
  // Built on first use (thread-safe): most of the cost of a gazetteer (115 of 193 million
  // instructions of `search org:ILO`), which lookups (resolve, by_acronym, by_long_form,
  // find) do not need.
  const detail::MatchTables& tables() const;

 private:
  // For MatchTables::units_by_parent: parent entity -> the names its units go by without it,
  // from each English long form or name "X of (the) P" where P is another entity's long form
  // or acronym (not the United Nations), X of two words or more and not itself a form of an
  // entity, and no other unit going by X. Concepts and events are neither units nor parents;
  // treaties are not units.
  std::unordered_map<uint32_t, std::vector<detail::UnitName>> unit_names() const;
  void rebuild();

  std::vector<Entity> entities_;
  std::unordered_map<std::string, size_t> by_id_;
  std::unordered_map<std::string, size_t> by_acronym_;  // exact acronym/variant -> entity
  std::unordered_map<std::string, size_t> by_folded_;   // folded form -> entity
  std::unordered_map<std::string, size_t> by_pursuant_;  // resolution number -> committee
  struct LazyTables {
    std::once_flag once;
    std::unique_ptr<const detail::MatchTables> tables;
  };
  std::shared_ptr<LazyTables> tables_;  // shared by copies, new after each change
};

}  // namespace concord
