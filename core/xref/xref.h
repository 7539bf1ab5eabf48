// Xref stage (query side): what the archive says about one entity (organization, concept,
// symbol): the documents citing it, the entities cited with it and how strongly, its written
// forms, the dates it is cited with, and for a symbol its family and the symbols beside it.
//
// Contract: input is an entity as a user types it (any form `mentions` accepts) and an
// optional path prefix; output is an XrefResult. Everything comes from what the indexer
// stored: entity-term document and collection frequencies and within-document frequencies
// (mention counts), XW written-form terms, the per-document entity list (kSlotEntities) and
// the facts records of the citing documents (mention dates and pages, titles, dates), plus
// the authority file for a symbol's drafts and related documents. No page text is read.
// Throws UnknownEntityError (with the closest names) for a form that resolves to nothing,
// DatabaseError for a missing, unreadable or damaged database. Reads the snapshot it is
// handed (store/reader.h), or one of its own given a database path, with one handle on it per
// reading thread: thread-safe per call. --path follows the rule of store/path_scope.h.
//
// Association score. For the entity A and each entity B cited in the same documents, over the
// N documents in scope (the archive, or those under --path): a = documents citing A, b =
// documents citing B, k = documents citing both, E = a*b/N the count expected if they were
// independent.
//   * PMI (pointwise mutual information, bits) = log2(k*N / (a*b)).
//   * G2 (Dunning's log-likelihood ratio) = 2 * sum over the 2x2 table of O*ln(O/E), with
//     cells k, a-k, b-k, N-a-b+k; signed: negative when k < E (cited together less often than
//     chance).
// Co-occurring entities are ranked by signed G2, then by k. PMI alone over-rewards rare
// pairs (two entities cited once, in the same document, get the maximum PMI); G2 weighs the
// evidence, so a pair seen together in every one of many documents outranks both a rare pair
// and a ubiquitous entity (the UN, the SSE) that is cited everywhere, with A or not.
//
// JSON (`concord-query --json xref ENTITY`), one object:
//   entity            {id, type, name}
//   scope             the --path prefix as given, or null
//   archive_documents N, documents in scope
//   documents         documents mentioning the entity (the document itself included)
//   citing_documents  the same without the documents that are the entity
//   mentions          mentions of the entity in them
//   itself            [{path, title, date|null, format, pages}] the documents whose own symbol
//                     (in their page headers or footers) is the entity: the resolution itself
//                     rather than a document citing it; empty for organizations
//   first_date, last_date   earliest and latest document date (ISO, maybe partial) or null
//   ranking           "g2" (what co_occurring is sorted by)
//   document_list     [{path, title, date|null, format, pages, mention_pages:[int], mentions,
//                       itself (bool: the document is the entity)}]
//                     most mentions first, then newest; at most --limit
//   co_occurring      [{entity:{id,type,name}, documents (k), entity_documents (b),
//                       expected (E), pmi, g2}] ranked by g2; at most --limit
//   co_occurring_total  how many entities are cited with it at all
//   forms             [{surface, variant, mentions, documents}] most mentions first
//   cited_dates       [{date, mentions, documents}] dates written near its mentions, most
//                     mentions first; at most --limit
//   symbol            null, or for a symbol:
//     {family, members:[{id, role, documents, mentions, source}],
//      cited_with:[same objects as co_occurring, symbols outside the family only]}
//     role: "symbol" (the family's base), "revision", "corrigendum", "addendum", "amendment",
//     "variant" (a bracketed year or session: "S/RES/2334(2016)"), and from the authority
//     file: "draft" (a draft of the instrument, or a revision of that draft), "related" (a
//     related document: report, corrigendum...), "adopted" (when ENTITY is a draft: the
//     resolution adopted from it); source: "index" (found in the archive) or "authority"
//     (listed in the authority file; documents 0 when the archive never cites it).
//     Members are listed: the base, its revisions and variants, the adopted resolution, the
//     drafts, the related documents. cited_with leaves out every listed member.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mentions/mentions.h"

namespace concord {

class IndexReader;

struct XrefOptions {
  std::string db_path;
  std::string entity;       // as typed
  std::string path_prefix;  // only documents under this path (any form); "" = all
  size_t limit = 20;        // rows per list (documents, co-occurring, cited dates); 0 = all
  std::vector<std::string> authority_files;  // added to the built-in authority file; their
                                             // problems are ignored here (check reports them)
};

struct XrefDocument {
  std::string path;  // as displayed (relative to the current directory when under it)
  std::string title;
  std::string date;  // ISO, possibly partial; "" if unknown
  std::string format;
  uint32_t pages = 0;              // page count (0 for unpaged documents)
  std::vector<int> mention_pages;  // pages citing the entity, ascending (empty if unpaged)
  uint64_t mentions = 0;
  bool itself = false;  // the document is the entity: a symbol in its own page headers
                        // (store/stored_doc.h DocFacts::symbol); its mentions are its own
};

struct AssociationScores {
  double expected = 0;  // E = a*b/N
  double pmi = 0;       // bits
  double g2 = 0;        // signed log-likelihood ratio
};

// The scores for a pair cited together in k of N documents, one in a, the other in b.
// Pure; requires k <= min(a, b), a + b - k <= N.
AssociationScores associate(uint64_t n, uint64_t a, uint64_t b, uint64_t k);

struct Association {
  EntityInfo entity;
  uint64_t documents = 0;         // k: documents citing both
  uint64_t entity_documents = 0;  // b: documents citing this entity (in scope)
  AssociationScores scores;
};

struct FormCount {
  std::string surface;
  bool variant = false;
  uint64_t mentions = 0;
  uint64_t documents = 0;
};

struct DateCount {
  std::string date;  // ISO, possibly partial
  uint64_t mentions = 0;
  uint64_t documents = 0;
};

struct FamilyMember {
  std::string id;
  std::string role;    // see the JSON schema above
  std::string source;  // "index" or "authority"
  uint64_t documents = 0;
  uint64_t mentions = 0;
};

struct SymbolFamily {
  std::string family;                   // the base symbol
  std::vector<FamilyMember> members;    // the base first, then by id
  std::vector<Association> cited_with;  // symbols outside the family, ranked like co_occurring
};

struct XrefResult {
  EntityInfo entity;
  std::string scope;  // path prefix as given; "" = whole archive
  uint64_t archive_documents = 0;
  uint64_t documents = 0;          // documents mentioning the entity, itself included
  uint64_t citing_documents = 0;   // the same, without the documents that are the entity
  uint64_t mentions = 0;
  std::vector<XrefDocument> itself;  // the documents that are the entity (its own symbol)
  std::string first_date;  // "" when no citing document has a date
  std::string last_date;
  std::vector<XrefDocument> document_list;
  std::vector<Association> co_occurring;
  size_t co_occurring_total = 0;
  std::vector<FormCount> forms;
  std::vector<DateCount> cited_dates;
  size_t cited_dates_total = 0;
  std::optional<SymbolFamily> symbol;  // set when the entity is a symbol
};

XrefResult xref(const XrefOptions& options);
// The same on `reader`'s snapshot (options.db_path is not used).
XrefResult xref(const IndexReader& reader, const XrefOptions& options);

}  // namespace concord
