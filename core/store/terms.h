// How the indexer writes, and the reader looks up, the terms and values of store/schema.h.
//
// Contract: pure functions of their arguments (std types only), thread-safe. Every term they
// return fits Xapian's term length limit: long paths are cut and hashed, long ids cut at a
// UTF-8 boundary, so the writer and the reader always compute the same term.
#pragma once

#include <compare>
#include <string>
#include <utility>
#include <vector>

namespace concord {

// The unique-id term for a path (hashed when the path is too long for a Xapian term).
std::string unique_term(const std::string& absolute_path);
// The term every continuation document of the file at `absolute_path` holds (schema::kPartOf).
std::string part_of_term(const std::string& absolute_path);

// Value-slot form of an ISO date: "2023-04" -> "20230401"; "" when not a date.
std::string date_value(const std::string& iso);

// Entity, symbol-family and surface-form terms (see schema.h).
std::string entity_term(const std::string& id);
std::string family_term(const std::string& family);
std::string surface_term(const std::string& id, bool variant, const std::string& surface);

// The word a search for `acronym` looks up ("untfsse" for "UNTFSSE"): its one token, folded;
// "" when it is more or less than one token ("UN-Habitat").
std::string acronym_word(const std::string& acronym);
// The kUnrecognized term of an entity's acronym word.
std::string unrecognized_term(const std::string& id, const std::string& word);

// Every entity's acronym words (acronym_word() of each of its acronyms), sorted by word then
// id, without repeats: what the index builder marks with unrecognized_term().
struct AcronymWord {
  std::string word, id;
  auto operator<=>(const AcronymWord&) const = default;
};
std::vector<AcronymWord> acronym_words(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& id_acronyms);

// The term of a document's own symbol (schema::kDocSymbol).
std::string document_symbol_term(const std::string& symbol);

// The XP term of a file or folder (absolute): NFC-normalized, case kept, so `path:` follows
// the --path rule of store/path_scope.h; a very long path is cut and hashed.
std::string folder_term(const std::string& absolute_folder);

}  // namespace concord
