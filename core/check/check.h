// Check stage (query side): citation and naming problems in the archive, found from the facts
// stored at index time (mentions with their sentences and dates, acronym definitions),
// compared with the authority file, the gazetteer and the rest of the archive.
//
// Contract: Checker is fed every document once (add(), any order; or split among several
// Checkers joined with merge()) and reports in finish();
// check_facts() does both for a vector. Both are pure functions of their inputs, linear in the
// number of mentions (hash maps, no text rescans beyond the stored sentences), never throw on
// any input and never print; they take plain structs (store/stored_doc.h DocFacts), so the
// rules are tested without a database. run_check() reads the facts of a snapshot
// (store/reader.h); it throws DatabaseError (store/errors.h) when the database is missing or
// unreadable. Problems in
// extra authority files or accept files are values in the report, not exceptions.
// Not thread-safe per Checker; separate Checkers may run in parallel.
//
// Kinds and severities (info < warning < error):
//   conflicting-citation    error    a symbol cited with an adoption date, title or
//                                     description that the authority file (or, for dates,
//                                     most of the archive) attaches to a different symbol of
//                                     the same organ and kind; suggests that symbol
//   malformed-symbol        error    a symbol that breaks the grammar or cannot exist
//                                     (session, number or year out of range); suggests the
//                                     likely intended symbol when there is one
//   variant-spelling        warning  a misspelled acronym (info: a known variant form);
//                                     suggests the canonical form
//   inconsistent-definition warning  an acronym defined with a long form that differs from
//                                     the one most documents (and the gazetteer) use, not
//                                     only in spelling (see long_form_key())
//   superseded-draft        warning  a draft cited where the adopted resolution exists (info
//                                     when the document also cites the adopted symbol; not
//                                     reported in documents dated before the adoption, nor
//                                     when the same sentence names the adopted symbol)
//   unknown-symbol          info     a symbol the authority file does not know, once per
//                                     document (off by default); suggests a known symbol one
//                                     digit transposition or substitution away
//
// Dates: a full date written in the citation's sentence counts for the citation. A partial
// "--MM-DD" ("April 18th", "18 avril") is resolved against the document's own date: with
// "last year" / "l'an dernier" / "el año pasado" (and variants) to the year before, with
// "this year" / "cette année" / "este año" to the same year, otherwise to the same year when
// that is not after the document's date, and to the year before. A document without a date
// leaves partial dates unresolved (ignored).
//
// JSON (concord-query --json check), one document:
//   {
//     "findings": [{
//       "id": "3f2a9c0d4e5b6a71",        // stable: see finding_id(); list it in an --accept
//                                        // file to silence
//       "kind": "conflicting-citation",  // see above
//       "severity": "error",             // "info" | "warning" | "error"
//       "path": "corpus/news/x.txt",     // as displayed (relative to the current directory
//                                        // when under it)
//       "title": "...", "date": "2023-06-02",   // the document's; date null when unknown
//       "page": null, "line": 6,         // page null for unpaged documents; 1-based line
//       "written": "resolution 77/218",  // the text as written
//       "entity": "A/RES/77/218",        // what it was read as (symbol or entity id)
//       "sentence": "...",               // the sentence around it
//       "suggestion": "A/RES/77/281",    // null when there is none
//       "message": "...",                // one line for people
//       "evidence": {
//         "note": "...",                 // one line: why the suggestion
//         "authority": null | {"symbol", "organ", "title", "adopted", "source", "line"},
//         "documents": [{"path", "date", "page", "line", "written"}],  // at most 10
//         "documents_total": 3           // documents supporting the suggestion in all
//       }
//     }],
//     "summary": {"findings": 12, "info": 7, "warning": 4, "error": 1,
//                 "documents": 5,            // documents with findings
//                 "documents_checked": 33,   // documents under --path
//                 "accepted": 0,             // findings silenced by --accept
//                 "fail_on": "error", "failed": true},
//     "problems": [{"source", "line", "message"}]   // authority / accept file problems
//                                                   // (bad lines, a file matching nothing)
//   }
// CSV (--csv): id,kind,severity,path,page,line,written,suggestion,message,evidence.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "authority/authority.h"
#include "recognize/gazetteer.h"
#include "store/stored_doc.h"

namespace concord {

class IndexReader;

enum class Severity { kInfo = 0, kWarning = 1, kError = 2 };

enum class FindingKind {
  kConflictingCitation,
  kVariantSpelling,
  kMalformedSymbol,
  kSupersededDraft,
  kInconsistentDefinition,
  kUnknownSymbol,
};

inline constexpr FindingKind kAllFindingKinds[] = {
    FindingKind::kConflictingCitation,    FindingKind::kVariantSpelling,
    FindingKind::kMalformedSymbol,        FindingKind::kSupersededDraft,
    FindingKind::kInconsistentDefinition, FindingKind::kUnknownSymbol};

std::string_view kind_name(FindingKind kind);  // "conflicting-citation"...
std::optional<FindingKind> parse_kind(std::string_view name);
std::string_view severity_name(Severity severity);  // "info", "warning", "error"
std::optional<Severity> parse_severity(std::string_view name);
bool enabled_by_default(FindingKind kind);  // all but unknown-symbol

// What inconsistent-definition compares: two long forms of one acronym name the same thing
// when their keys are equal. Words are folded (case, accents) and hyphens join them, also
// when a line break left a space after the hyphen ("Non- Proliferation"). Dropped:
// articles and linking words (the, a, of, for, on, in, and...; le, la, l, de, du, des,
// et...; el, los, del, y...; not "un", which is the UN) and numbers (footnote and page
// numbers caught in the text). Plurals become singular (-ies -> -y; a final s, but not in
// -ss, -us, -is). British spellings become one form: -isation/-ization, -ise/-ize and
// -yse/-yze -> s; -our (-ourable, -oured...) -> -or; -tre -> -ter; -lling/-lled -> -ling/
// -led; programme, defence, offence, licence, catalogue -> program, defense...
// "the Organisation of African Unity" and "Organization of African Unity 3" have one key.
std::string long_form_key(std::string_view long_form);

struct EvidenceDoc {
  std::string path;  // absolute
  std::string date;
  int page = 0;
  int line = 0;
  std::string written;
};

// Documents supporting a finding, read like a const vector; a copy shares them (every
// finding on one variant spelling has the same ten documents: tens of thousands of findings
// over a large archive).
class EvidenceDocs {
 public:
  EvidenceDocs() = default;
  EvidenceDocs(std::vector<EvidenceDoc> docs)  // NOLINT: implicit, like the vector it holds
      : docs_(std::make_shared<const std::vector<EvidenceDoc>>(std::move(docs))) {}
  EvidenceDocs(std::initializer_list<EvidenceDoc> docs)
      : EvidenceDocs(std::vector<EvidenceDoc>(docs)) {}
  size_t size() const { return docs_ ? docs_->size() : 0; }
  bool empty() const { return size() == 0; }
  const EvidenceDoc& operator[](size_t i) const { return (*docs_)[i]; }
  const EvidenceDoc* begin() const { return docs_ ? docs_->data() : nullptr; }
  const EvidenceDoc* end() const { return docs_ ? docs_->data() + docs_->size() : nullptr; }

 private:
  std::shared_ptr<const std::vector<EvidenceDoc>> docs_;
};

struct Evidence {
  std::string note;                         // one line: why the suggestion
  // The supporting authority entry, if any: shared by the findings it supports (tens of
  // thousands of findings over a large archive, a few hundred bytes an entry).
  std::shared_ptr<const AuthorityEntry> authority;
  EvidenceDocs documents;      // other documents supporting it, at most kMaxEvidenceDocs
  size_t documents_total = 0;  // how many in all
};

inline constexpr size_t kMaxEvidenceDocs = 10;

struct Finding {
  std::string id;  // stable, 16 hex digits: see finding_id()
  std::string id_path;  // the document path the id hashes (see CheckOptions::id_roots)
  FindingKind kind = FindingKind::kUnknownSymbol;
  Severity severity = Severity::kInfo;
  std::string path;  // absolute
  std::string title;
  std::string date;  // the document's date
  bool paged = false;
  int page = 0;  // 1-based; 0 for unpaged documents
  int line = 0;
  std::string written;    // as written
  std::string entity_id;  // what it was read as
  std::string sentence;
  std::string suggestion;  // "" when none
  std::string message;
  Evidence evidence;
};

// A finding's id: XXH3-64 (16 hex digits) of its kind, `id_path` (the document's path
// relative to the indexed folder, see CheckOptions::id_roots), the text as written, the
// suggestion, and `occurrence`: how many findings with the same kind, text and suggestion
// come before it in the document (by page and line). No line or page number goes in, so an
// edit elsewhere in the document (a line inserted at the top) keeps every id; a second
// identical finding added before the others shifts theirs by one, and so shows up as new.
std::string finding_id(FindingKind kind, const std::string& id_path, const std::string& written,
                       const std::string& suggestion, size_t occurrence);

// The ids of earlier versions, still accepted: hash(kind, path, page, line, written,
// suggestion), `path` relative to the directory check was run from when under it.
std::string line_finding_id(FindingKind kind, const std::string& path, int page, int line,
                            const std::string& written, const std::string& suggestion);

struct CheckOptions {
  // Report findings only for documents whose absolute path is under this prefix ("" = all).
  // Documents outside it still count for archive-wide evidence (majorities, counts).
  std::string path_prefix;
  std::vector<FindingKind> include;          // off-by-default kinds to report too
  bool all_kinds = false;                    // report every kind
  std::unordered_set<std::string> accepted;  // finding ids to silence (either scheme)
  // Finding ids hash a document's path relative to the outermost of these folders that
  // holds it (run_check(): the folders given to concord-index), so an accept file made in
  // one clone of an archive works in another and from any directory. A document under none
  // of them hashes its path relative to `legacy_root` when under it, else its absolute path.
  std::vector<std::string> id_roots;
  // The directory that line_finding_id() paths are relative to; run_check() sets the
  // current directory.
  std::string legacy_root;
};

struct CheckProblem {
  std::string source;  // file path
  int line = 0;        // 1-based; 0 for the whole file
  std::string message;
};

struct CheckReport {
  std::vector<Finding> findings;  // by path, then severity (error first), page, line
  size_t documents_checked = 0;   // documents under the prefix
  size_t accepted = 0;            // findings silenced by `accepted`
  std::unordered_set<std::string> accepted_ids;  // the ids of `accepted` that silenced one
  std::vector<CheckProblem> problems;
};

class Checker {
 public:
  // `authority` and `gazetteer` must outlive the Checker.
  Checker(const Authority& authority, const Gazetteer& gazetteer, CheckOptions options);
  ~Checker();
  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

  void add(const DocFacts& doc);
  // Takes in the documents `other` was fed, as if they had been added to this checker, so
  // that several checkers can read parts of an archive in parallel. `other` must have been
  // made with the same authority, gazetteer and options, fed other documents, and not
  // finished; it is spent. The report does not depend on how documents were split.
  void merge(Checker&& other);
  // The findings; call once.
  CheckReport finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

CheckReport check_facts(const std::vector<DocFacts>& docs, const Authority& authority,
                        const Gazetteer& gazetteer, const CheckOptions& options);

// An accept file: one finding id per line (16 hex digits, the first word; the rest of the
// line is a comment), '#' comment lines and blank lines ignored.
struct AcceptFile {
  std::vector<std::string> ids;        // in file order, lower case
  std::map<std::string, std::string> notes;  // id -> the comment on its (first) line
  std::vector<CheckProblem> problems;  // the file unreadable (line 0); lines without an id
};

AcceptFile read_accept_file(const std::string& path);

// The lines `check --write-accept FILE` appends: "id  # kind path:line written -> suggestion"
// per finding, `path` relative to the folder `relative_to` (the accept file's).
std::string accept_lines(const std::vector<Finding>& findings, const std::string& relative_to);

struct AcceptWrite {
  size_t added = 0;                     // lines appended
  size_t listed = 0;                    // findings the file listed already (by their id)
  std::optional<CheckProblem> problem;  // the file could not be read or written
};

// `check --write-accept FILE`: appends accept_lines() for the findings whose id the file does
// not list yet, creating it (with a header comment) when missing. Idempotent: a second run
// over the same findings adds nothing. A finding listed only under its line_finding_id() gets
// its stable id added.
AcceptWrite write_accept_file(const std::string& path, const std::vector<Finding>& findings);

// Reviewing findings one at a time (the web page's Accept and Reopen), in an accept file:
// the same store `check --accept FILE` honours. Both take an exclusive lock (flock) on
// FILE.lock beside it while they read and write, so reviewers working at once, and
// `check --write-accept`, never lose each other's lines; the file is replaced atomically
// (a temporary file renamed over it), so a crash leaves the old or the new store.
// accept_finding() adds "id  # accepted by REVIEWER on DATE: REASON | kind path:line
// written -> suggestion" unless the id is listed (added 0, listed 1); the reviewer and reason
// are cut to 100 and 500 bytes, control characters and '|' becoming spaces. `date` is
// ISO (the caller's clock). reopen_finding() removes every line listing `id` and keeps all
// other lines and comments; it returns how many it removed.
AcceptWrite accept_finding(const std::string& path, const Finding& finding,
                           const std::string& reviewer, const std::string& reason,
                           const std::string& date);
struct ReopenResult {
  size_t removed = 0;
  std::optional<CheckProblem> problem;
};
ReopenResult reopen_finding(const std::string& path, const std::string& id);

struct RunCheckOptions {
  std::string db_path;
  std::string path_prefix;                   // any form; made absolute ("" = all)
  std::vector<std::string> authority_files;  // added to the built-in authority, in order
  std::vector<std::string> accept_files;
  std::vector<FindingKind> include;
  bool all_kinds = false;
  // Leave the checkers' state to the process's exit (util/keep_until_exit.h) instead of
  // freeing it: for a program that runs one check and exits, never for a server.
  bool keep_state_until_exit = false;
};

// The check over a database: built-in authority plus `authority_files`, the gazetteer the
// database was indexed with, accepted ids from `accept_files`. Finding ids are relative to
// the folders the database records as indexed (CheckOptions::id_roots). Problems reported:
// bad lines of an accept file (file:line), and an accept file that lists ids but silences
// no finding of this run (made for another archive, or from another indexed folder).
CheckReport run_check(const RunCheckOptions& options);
// The same on `reader`'s snapshot (options.db_path is not used).
CheckReport run_check(const IndexReader& reader, const RunCheckOptions& options);

}  // namespace concord
