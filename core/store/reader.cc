// The read side of the storage layer: snapshots, Xapian error translation, typed lookups.
#include "store/reader.h"

#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <mutex>
#include <unordered_map>
#include <exception>
#include <filesystem>
#include <thread>

#include "store/run_record.h"
#include "store/schema.h"
#include "store/shards.h"
#include "store/terms.h"
#include "store/xapian_access.h"
#include "util/bounded_queue.h"
#include "util/echo.h"

namespace fs = std::filesystem;

namespace concord {

namespace {

// Documents asked for at once by spy_values() from the readers: a reply of about 4 MB of
// records on the generated archive.
constexpr uint32_t kSpyPart = 8192;

// Whether `term`, the folder term of `prefix` (store/terms.h), is `prefix` whole: neither cut
// and hashed (a very long path) nor changed by NFC.
bool whole_folder_term(const std::string& term, const std::string& prefix) {
  return term.size() == std::strlen(schema::kFolder) + prefix.size();
}

// The entity list of kSlotEntities ('\n'-joined ids), split.
std::vector<std::string> split_entities(std::string_view joined);

// A file's entity list: its head's (`head`, as stored) and, of a file in parts, every
// continuation's, merged into one sorted list without repeats.
std::vector<std::string> merged_entities(std::string_view head,
                                         const std::vector<std::string>& continuations) {
  std::vector<std::string> out = split_entities(head);
  if (continuations.empty()) return out;
  for (const std::string& more : continuations)
    for (std::string& id : split_entities(more)) out.push_back(std::move(id));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Appends a continuation's mentions and definitions (`piece`) to its file's facts (`out`).
void append_piece(DocFacts&& piece, DocFacts* out) {
  std::move(piece.mentions.begin(), piece.mentions.end(), std::back_inserter(out->mentions));
  std::move(piece.definitions.begin(), piece.definitions.end(),
            std::back_inserter(out->definitions));
}
[[noreturn]] void throw_database_error(const std::string& db_path, int attempts,
                                       bool changing = false);

// Seconds a remote shard may take to connect and to answer one request.
constexpr unsigned kRemoteTimeoutMs = 30000;

Xapian::Database open_shard(const Shard& shard) {
  if (shard.remote())
    return Xapian::Remote::open(shard.host, shard.port, kRemoteTimeoutMs, kRemoteTimeoutMs);
  return Xapian::Database(shard.path);
}

// The revisions of the shards, summed (each only grows, and the UUIDs in the snapshot's name
// tell a recreated shard): 0 when a shard does not say (a remote one may not).
Xapian::rev revision_of(const std::vector<Xapian::Database>& shards) {
  Xapian::rev sum = 0;
  for (const Xapian::Database& s : shards) {
    try {
      sum += s.get_revision();
    } catch (const Xapian::Error&) {
      return 0;
    }
  }
  return sum;
}
}  // namespace

namespace {
// A total the indexer recorded in `key` (schema.h: "VALUE DOCUMENTS LASTDOCID LENGTH"), when
// the shard still holds what it held then (a remote shard does not tell its revision: its
// document count, last document id and total length stand for it).
std::optional<uint64_t> recorded_total(const Xapian::Database& db, const char* key) {
  unsigned long long value = 0, documents = 0, last = 0, length = 0;
  if (std::sscanf(db.get_metadata(key).c_str(), "%llu %llu %llu %llu", &value, &documents,
                  &last, &length) == 4 &&
      documents == db.get_doccount() && last == db.get_lastdocid() &&
      length == db.get_total_length())
    return value;
  return std::nullopt;
}

// Each document `query` matches with its value in `slot` ("" for none), by value then DocId:
// the sort keys of a match set sorted by the slot. Xapian 1.4 reads a value slot over the
// network a document at a time, each fetched whole (its text too); the match set comes in one
// reply per server.
void for_each_value(const Xapian::Database& db, const Xapian::Query& query, unsigned slot,
                    const std::function<void(DocId, std::string&&)>& fn) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(slot, false);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) fn(*it, it.get_sort_key());
}

std::unordered_map<DocId, std::string> values_by_doc(const Xapian::Database& db,
                                                     const Xapian::Query& query, unsigned slot) {
  std::unordered_map<DocId, std::string> out;
  for_each_value(db, query, slot,
                 [&](DocId doc, std::string&& value) { out.emplace(doc, std::move(value)); });
  return out;
}
}  // namespace

// The files stored in parts (schema.h: kPart) of one snapshot: which continuations belong to
// which head. Few documents: their values read when the reader opens.
struct PartsIndex {
  std::unordered_map<DocId, DocId> head_of;               // a continuation -> its head
  std::unordered_map<DocId, std::vector<DocId>> of_head;  // a head -> its continuations, in order
  std::vector<DocId> all;  // every continuation, with or without its head (sorted)
  std::vector<DocId> orphans;  // those without their head (sorted)
  // The unique terms of the files with continuations, and every document not a continuation
  // that holds one of them (their heads; sorted): what the match spy leaves to be read by
  // DocId (IndexReader::Impl::spy_query()).
  std::vector<std::string> head_terms;
  std::vector<DocId> heads;
  std::map<std::string, uint64_t> formats, languages;     // continuations of each
  // Per entity, family and surface term: documents and mentions that continuations add to
  // Xapian's counts beyond one document per file (made when first asked for).
  std::optional<std::unordered_map<std::string, TermCounts>> excess;

  // `shards`: how many databases `db` joins, as Xapian counts them (Database::size()).
  PartsIndex(const Xapian::Database& db, size_t shards) {
    // The continuations' values, a match set a slot: a document read whole from a remote
    // shard brings its text along (a text of 40 MB in 20 parts: 0.3 s at every command).
    const Xapian::Query continuation(schema::kPart);
    const std::unordered_map<DocId, std::string> paths =
        values_by_doc(db, continuation, schema::kSlotPath);
    std::unordered_map<DocId, std::string> part_values =
        values_by_doc(db, continuation, schema::kSlotPart);
    for (const auto& [doc, format] : values_by_doc(db, continuation, schema::kSlotFormat))
      ++formats[format];
    for (const auto& [doc, language] : values_by_doc(db, continuation, schema::kSlotLanguage))
      ++languages[language];
    // A continuation -> its head and its file's unique term; none when a run stopped midway.
    std::map<DocId, std::pair<DocId, std::string>> head_candidate;
    std::set<std::string> terms;
    for (const auto& [doc, path] : paths) {
      all.push_back(doc);
      std::string term = unique_term(path);
      // The head is in the continuation's own shard (DocIds of several interleave: shard
      // (id - 1) mod n); another shard may hold the same path, stored whole.
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
        if ((*p - 1) % shards == (doc - 1) % shards) {
          terms.insert(term);
          head_candidate[doc] = {*p, std::move(term)};
          break;
        }
    }
    // The heads' own part values, a match set for all of them.
    if (!terms.empty()) {
      const Xapian::Query any(Xapian::Query::OP_OR, terms.begin(), terms.end());
      for (auto& [doc, value] : values_by_doc(
               db, Xapian::Query(Xapian::Query::OP_AND_NOT, any, continuation), schema::kSlotPart))
        part_values.emplace(doc, std::move(value));
    }
    const auto part_of = [&](DocId d) {
      const auto it = part_values.find(d);
      return it == part_values.end() ? std::nullopt : decode_part(it->second);
    };
    std::unordered_map<DocId, std::vector<std::pair<uint32_t, DocId>>> by_head;
    for (const auto& [doc, candidate] : head_candidate) {
      const auto& [h, term] = candidate;
      const std::optional<DocPart> part = part_of(doc), head = part_of(h);
      if (!part || !head || head->token != part->token || head->number != 0) continue;
      head_of[doc] = h;
      if (by_head.find(h) == by_head.end()) head_terms.push_back(term);
      by_head[h].emplace_back(part->number, doc);
    }
    std::sort(all.begin(), all.end());
    for (DocId doc : all)
      if (!head_of.count(doc)) orphans.push_back(doc);
    for (const std::string& term : head_terms)
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
        if (!is_part(*p)) heads.push_back(*p);
    std::sort(heads.begin(), heads.end());
    heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
    for (auto& [head, list] : by_head) {
      std::sort(list.begin(), list.end());
      for (const auto& [number, doc] : list) of_head[head].push_back(doc);
    }
  }

  bool is_part(DocId doc) const { return std::binary_search(all.begin(), all.end(), doc); }
  const std::vector<DocId>* continuations(DocId head) const {
    const auto it = of_head.find(head);
    return it == of_head.end() ? nullptr : &it->second;
  }

  // Postings with each continuation's folded into its head's (counts summed), and those of
  // continuations without a head dropped; by DocId.
  std::vector<Posting> fold(std::vector<Posting> postings) const {
    bool touched = false;
    for (Posting& p : postings) {
      if (!is_part(p.doc)) continue;
      const auto it = head_of.find(p.doc);
      p.doc = it == head_of.end() ? 0 : it->second;
      touched = true;
    }
    if (!touched) return postings;
    std::sort(postings.begin(), postings.end(),
              [](const Posting& a, const Posting& b) { return a.doc < b.doc; });
    std::vector<Posting> out;
    for (const Posting& p : postings) {
      if (p.doc == 0) continue;
      if (!out.empty() && out.back().doc == p.doc)
        out.back().count += p.count;
      else
        out.push_back(p);
    }
    return out;
  }

  const std::unordered_map<std::string, TermCounts>& term_excess(const Xapian::Database& db) {
    if (excess) return *excess;
    excess.emplace();
    // One term list a document, its prefixes visited in order (a remote shard sends a
    // document's term list whole each time it is opened).
    const auto each_term = [&](DocId doc, const std::function<void(const std::string&, uint32_t)>& fn) {
      static_assert(std::string_view(schema::kEntity) < schema::kFamily &&
                    std::string_view(schema::kFamily) < schema::kSurface);
      Xapian::TermIterator t = db.termlist_begin(doc);
      const Xapian::TermIterator end = db.termlist_end(doc);
      for (const char* prefix : {schema::kEntity, schema::kFamily, schema::kSurface}) {
        if (t != end) t.skip_to(prefix);
        for (; t != end && (*t).rfind(prefix, 0) == 0; ++t) fn(*t, t.get_wdf());
      }
    };
    for (DocId doc : all) {
      if (head_of.count(doc)) continue;
      // Without its head: nothing of it counts.
      each_term(doc, [&](const std::string& term, uint32_t wdf) {
        TermCounts& e = (*excess)[term];
        ++e.documents;
        e.mentions += wdf;
      });
    }
    for (const auto& [head, list] : of_head) {
      std::unordered_map<std::string, uint64_t> holding;
      each_term(head, [&](const std::string& term, uint32_t) { ++holding[term]; });
      for (DocId doc : list) each_term(doc, [&](const std::string& term, uint32_t) { ++holding[term]; });
      for (const auto& [term, n] : holding)
        if (n > 1) (*excess)[term].documents += n - 1;
    }
    return *excess;
  }
};

struct IndexReader::Impl {
  explicit Impl(const std::string& location) : path(location), shard_list(shards_of(location)) {
    for (const Shard& shard : shard_list) {
      if (shard_list.size() == 1) {
        shards.push_back(open_shard(shard));  // errors translated by read_index()
        break;
      }
      try {
        shards.push_back(open_shard(shard));
      } catch (const Xapian::DatabaseOpeningError&) {
        throw_database_error(shard.name(), 1);  // which shard could not be opened
      } catch (const Xapian::NetworkError& e) {
        throw DatabaseError("cannot reach shard " + util::echo_input(shard.name(), 300) + " (" +
                            e.get_type() + ": " + util::echo_input(e.get_msg(), 200) +
                            "): is xapian-tcpsrv serving it there?");
      }
    }
    if (shards.size() == 1) {
      db = shards[0];
    } else {
      for (const Xapian::Database& s : shards) db.add_database(s);
    }
    revision = revision_of(shards);
    for (size_t i = 0; i < shards.size(); ++i) {
      try {
        read_dictionaries(shards[i], &dictionaries);
      } catch (const DamagedRecordError& e) {
        if (shards.size() == 1) throw;
        throw DamagedRecordError(std::string(e.what()) + " in shard " +
                                 util::echo_input(shard_list[i].name(), 300));
      }
    }
    if (db.get_termfreq(schema::kPart) > 0) parts = std::make_unique<PartsIndex>(db, db.size());
    for (const Shard& shard : shard_list) remote |= shard.remote();
    // Folder terms are NFC from pipeline 9 on (accents stripped before). A database records
    // the pipeline of its last complete run, which left documents of an older one when it
    // says so (kMetaRecognitionLeft) or when an older version wrote it (one that recorded a
    // run with a root missing as complete): folder_is_exact() checks the paths themselves.
    nfc_folders = std::all_of(shards.begin(), shards.end(), [](const Xapian::Database& shard) {
      const std::string v = shard.get_metadata(schema::kMetaPipelineVersion);
      return shard.get_doccount() == 0 ||
             (!v.empty() && std::atoi(v.c_str()) >= 9 &&
              shard.get_metadata(schema::kMetaRecognitionLeft).empty());
    });
    for (size_t i = 0; i < shards.size(); ++i)
      snapshot += (i ? "," : "") + shards[i].get_uuid() + "@" + std::to_string(
                                                                    revision_of({shards[i]}));
  }
  std::string path;
  std::vector<Shard> shard_list;
  std::vector<Xapian::Database> shards;  // each alone, for what Xapian reads from the first only
  Xapian::Database db;                   // all of them as one
  util::Dictionaries dictionaries;       // every shard's (record_compression.h)
  Xapian::rev revision = 0;
  std::string snapshot;
  std::unique_ptr<PartsIndex> parts;  // null when no file is stored in parts
  bool remote = false;                // a shard is served over the network
  bool nfc_folders = false;           // every shard is of pipeline 9+, no file left older
  // The folder terms documents_in() found to name their scopes exactly (folder_is_exact()),
  // with their files' count: entity_documents_in() trusts them without asking again.
  std::unordered_map<std::string, size_t> exact_folders;

  // Whether the facts records are read by the match spy (IndexReader::for_each_facts()): over
  // a remote shard. The spy gives no DocId, and a continuation's record must be joined to its
  // head's by DocId: spy_query() leaves the files stored in parts to be read by DocId.
  bool values_by_spy() const { return remote; }

  // `query` less the continuations and the heads of files stored in parts (is_split_head()).
  Xapian::Query spy_query(const Xapian::Query& query) const {
    if (!parts) return query;
    std::vector<Xapian::Query> split = {Xapian::Query(schema::kPart)};
    for (const std::string& term : parts->head_terms) split.emplace_back(term);
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                         Xapian::Query(Xapian::Query::OP_OR, split.begin(), split.end()));
  }
  // Whether spy_query() leaves `doc` out though it is no continuation.
  bool is_split_head(DocId doc) const {
    return parts && std::binary_search(parts->heads.begin(), parts->heads.end(), doc);
  }

  // The folder term of `scope` as the indexer writes it since pipeline 9, or "" when it cannot
  // name the scope: a shard's last complete run is of pipeline 8 or older (folder terms
  // without accents: "Résumé" and "Resume" were one folder, and the file had none of its own),
  // the term is cut and hashed (a very long path), or no document has it (a file has a term
  // of its own only when NFC changes its path: documents_in() finds it by its unique term).
  // doc_builder.cc adds the term of each folder above a file, NFC-normalized, and NFC never
  // composes across a '/', so a folder's term is the start of its files' normalized paths,
  // cut at a component: the --path rule. But a database an older Concord wrote may hold
  // documents of an older pipeline than it records (it recorded a run with a root missing as
  // complete): folder_is_exact() tells.
  std::string scope_folder_term(const PathScope& scope) const {
    if (scope.everything() || !nfc_folders) return "";
    const std::string term = folder_term(scope.prefix());
    if (!whole_folder_term(term, scope.prefix())) return "";
    return db.term_exists(term) ? term : "";
  }
  // The term the match spy finds the documents of `scope` by (a superset: each record's path
  // is tested after): its folder term, or, for a scope naming a file with no folder term of
  // its own (its path unchanged by NFC) and nothing below it, the file's unique term. "" when
  // neither names the scope: every document of the entity is read.
  std::string scope_spy_term(const PathScope& scope) const {
    if (std::string folder = scope_folder_term(scope); !folder.empty()) return folder;
    if (scope.everything() || !nfc_folders) return "";
    // A document below the prefix would hold its folder term, whole (pipeline 9 on), and
    // scope_folder_term() found none.
    if (!whole_folder_term(folder_term(scope.prefix()), scope.prefix())) return "";
    const std::string file = unique_term(scope.prefix());
    return db.term_exists(file) ? file : "";
  }
  // Whether the `files` documents other than continuations that hold `term`
  // (scope_folder_term()) are all in `scope` and all hold a path: their paths read by the
  // match spy (one reply a part from a remote shard).
  bool folder_is_exact(const std::string& term, const PathScope& scope, size_t files) const {
    uint64_t seen = 0;
    bool inside = true;
    const Xapian::Query query =
        parts ? Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(term),
                              Xapian::Query(schema::kPart))
              : Xapian::Query(term);
    spy_values(db, query, static_cast<uint32_t>(files), schema::kSlotPath, kSpyPart,
               [&](const std::string& path) {
                 ++seen;
                 return inside = scope.contains(path);
               });
    return inside && seen == files;
  }
  // The documents other than continuations that hold `term`, by DocId.
  std::vector<DocId> files_with(const std::string& term) const {
    std::vector<DocId> out;
    for (const Posting& p : raw_postings(term))
      if (!(parts && parts->is_part(p.doc))) out.push_back(p.doc);
    return out;
  }

  TermCounts counts(const std::string& term) {
    TermCounts c{db.get_termfreq(term), db.get_collection_freq(term)};
    if (!parts) return c;
    const auto& excess = parts->term_excess(db);
    const auto it = excess.find(term);
    if (it != excess.end()) {
      c.documents -= std::min(c.documents, it->second.documents);
      c.mentions -= std::min(c.mentions, it->second.mentions);
    }
    return c;
  }
  // The postings of `term` as stored, continuations included; by DocId.
  std::vector<Posting> raw_postings(const std::string& term) const {
    std::vector<Posting> out;
    if (!remote) {
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
        out.push_back(Posting{*p, p.get_wdf()});
      return out;
    }
    // xapian-tcpsrv sends a postlist one posting a message (about 60 us each on loopback:
    // 0.2 s for 3,335 postings), but a match set in one reply (13 ms). Weighted by TfIdfWeight
    // "nnn" (the wdf, times 1, not normalized), a one-term query's weight is the term's wdf;
    // it matches documents where the wdf is 0 too.
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(term));
    enquire.set_weighting_scheme(Xapian::TfIdfWeight("nnn"));
    const Xapian::MSet mset = enquire.get_mset(0, db.get_termfreq(term));
    out.reserve(mset.size());
    for (auto m = mset.begin(); m != mset.end(); ++m)
      out.push_back(Posting{*m, static_cast<uint32_t>(std::llround(m.get_weight()))});
    std::sort(out.begin(), out.end(), [](const Posting& a, const Posting& b) { return a.doc < b.doc; });
    return out;
  }
  // The postings of a file: raw_postings() with continuations folded into their heads.
  std::vector<Posting> postings(const std::string& term) const {
    std::vector<Posting> out = raw_postings(term);
    return parts ? parts->fold(std::move(out)) : out;
  }
};

const Xapian::Database& ReaderAccess::database(const IndexReader& reader) {
  return reader.impl_->db;
}

const std::vector<uint32_t>& ReaderAccess::orphan_parts(const IndexReader& reader) {
  static const std::vector<uint32_t> none;
  return reader.impl_->parts ? reader.impl_->parts->orphans : none;
}

namespace {

// Xapian's words for an error, made safe to print ("DatabaseCorruptError: ...").
std::string xapian_words(const Xapian::Error& e) {
  std::string words = std::string(e.get_type()) + ": " + e.get_msg();
  if (const char* reason = e.get_error_string()) words += std::string(" (") + reason + ")";
  return util::echo_input(words, 300);
}

// True when `dir` holds Xapian table files: a database, even if its version file is gone.
bool has_tables(const std::string& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".glass") return true;
  return false;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  for (size_t at = 0; at < text.size();) {
    const size_t nl = std::min(text.find('\n', at), text.size());
    out.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

}  // namespace

IndexReader::IndexReader(const std::string& db_path) : impl_(std::make_unique<Impl>(db_path)) {
  check_shards_agree();
  // Every indexed document has stored data and terms. Xapian reads a missing docdata table
  // as empty and a missing termlist table as a feature the database lacks: check one
  // document of each local shard, so that every command reports a deleted table. (A remote
  // shard's files are its server's; and opening the list of all documents would send it
  // whole over the network.)
  for (size_t i = 0; i < impl_->shards.size(); ++i) {
    if (impl_->shard_list[i].remote()) continue;
    const Xapian::Database& db = impl_->shards[i];
    if (db.get_doccount() == 0) continue;
    const Xapian::PostingIterator first = db.postlist_begin("");
    if (first != db.postlist_end("")) {
      if (db.get_document(*first).get_data().empty())
        throw Xapian::DatabaseCorruptError("a document has no stored data (docdata table gone?)");
      db.termlist_begin(*first);  // throws FeatureUnavailableError without a termlist table
    }
  }
}

IndexReader::IndexReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

void IndexReader::check_shards_agree() const {
  const std::vector<Xapian::Database>& shards = impl_->shards;
  if (shards.size() < 2) return;
  struct Key {
    const char* key;
    const char* what;
    const char* fix;
  };
  static const Key kKeys[] = {
      {schema::kMetaSchemaVersion, "database layout",
       "index the older shard again with this concord-index"},
      {schema::kMetaPipelineVersion, "extraction and recognition version",
       "run this concord-index on the older shard again"},
      {schema::kMetaGazetteer, "gazetteer",
       "index every shard with the same --gazetteer files, so that entities mean the same "
       "everywhere"},
  };
  const std::vector<Shard>& names = impl_->shard_list;
  for (const Key& k : kKeys) {
    size_t first = shards.size();
    std::string value;
    for (size_t i = 0; i < shards.size(); ++i) {
      if (shards[i].get_metadata(schema::kMetaSchemaVersion).empty()) continue;  // never indexed
      const std::string v = shards[i].get_metadata(k.key);
      if (first == shards.size()) {
        first = i;
        value = v;
      } else if (v != value) {
        throw DatabaseError(
            "the shards disagree on the " + std::string(k.what) + ": " +
            util::echo_input(names[first].name(), 200) + " has " +
            util::echo_input(value.empty() ? "none" : value, 40) + ", " +
            util::echo_input(names[i].name(), 200) + " has " +
            util::echo_input(v.empty() ? "none" : v, 40) + " (" + k.fix + ")");
      }
    }
  }
}
IndexReader::~IndexReader() = default;
IndexReader::IndexReader(IndexReader&&) noexcept = default;
IndexReader& IndexReader::operator=(IndexReader&&) noexcept = default;

const std::string& IndexReader::path() const { return impl_->path; }
uint64_t IndexReader::revision() const { return impl_->revision; }

std::string IndexReader::snapshot() const { return impl_->snapshot; }

IndexReader IndexReader::another_handle() const {
  auto other = std::make_unique<Impl>(impl_->path);
  if (other->revision != impl_->revision)
    throw Xapian::DatabaseModifiedError("the database was committed to while being read");
  return IndexReader(std::move(other));
}

uint64_t IndexReader::document_count() const {
  return impl_->db.get_doccount() - (impl_->parts ? impl_->parts->all.size() : 0);
}

bool IndexReader::has_parts() const { return impl_->parts != nullptr; }

uint64_t IndexReader::archive_documents() const { return impl_->db.get_termfreq(schema::kAllDocs); }

uint64_t IndexReader::distinct_terms() const {
  // With a remote shard, the shards' recorded counts summed (a term in two shards counts
  // twice) rather than every term list streamed over the network; else counted exactly.
  bool remote = false;
  for (const Shard& s : impl_->shard_list) remote |= s.remote();
  if (remote) {
    uint64_t sum = 0;
    bool all_recorded = true;
    for (const Xapian::Database& db : impl_->shards) {
      const auto recorded = recorded_total(db, schema::kMetaTerms);
      all_recorded &= recorded.has_value();
      sum += recorded.value_or(0);
    }
    if (all_recorded) return sum;
  }
  uint64_t n = 0;
  for (auto t = impl_->db.allterms_begin(); t != impl_->db.allterms_end(); ++t) ++n;
  return n;
}

uint64_t IndexReader::total_length() const { return impl_->db.get_total_length(); }

namespace {
uint64_t minus_parts(uint64_t n, const std::map<std::string, uint64_t>& of_parts,
                     const std::string& key) {
  const auto it = of_parts.find(key);
  return it == of_parts.end() ? n : n - std::min(n, it->second);
}
}  // namespace

uint64_t IndexReader::documents_with_format(const std::string& format) const {
  const uint64_t n = impl_->db.get_termfreq(schema::kFormat + format);
  return impl_->parts ? minus_parts(n, impl_->parts->formats, format) : n;
}

uint64_t IndexReader::documents_in_language(const std::string& language) const {
  const uint64_t n = impl_->db.get_termfreq(schema::kLanguage + language);
  return impl_->parts ? minus_parts(n, impl_->parts->languages, language) : n;
}

std::vector<DocId> IndexReader::language_documents(const std::string& language) const {
  std::vector<DocId> out;
  for (const Posting& p : impl_->postings(schema::kLanguage + language)) out.push_back(p.doc);
  return out;
}


uint64_t IndexReader::total_pages() const {
  return summed_slot(schema::kSlotPages, schema::kMetaPages);
}

uint64_t IndexReader::total_ocr_pages() const {
  return summed_slot(schema::kSlotOcrPages, schema::kMetaOcrPages);
}

uint64_t IndexReader::summed_slot(unsigned slot, const char* recorded_key) const {
  uint64_t sum = 0;
  for (size_t i = 0; i < impl_->shards.size(); ++i) {
    const Xapian::Database& db = impl_->shards[i];
    // A remote shard's recorded sum: its value stream would fetch every document.
    if (impl_->shard_list[i].remote()) {
      if (const auto recorded = recorded_total(db, recorded_key)) {
        sum += *recorded;
        continue;
      }
    }
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v)
      sum += std::stoull(*v);
  }
  return sum;
}

std::string IndexReader::metadata(const std::string& key) const {
  const std::vector<Xapian::Database>& shards = impl_->shards;
  if (key == schema::kMetaLastRun) {  // the run that finished last, in or beside any shard
    std::optional<RunRecord> last;
    for (size_t i = 0; i < shards.size(); ++i) {
      last = newer_run(std::move(last), decode_run(shards[i].get_metadata(key)));
      if (!impl_->shard_list[i].remote())
        last = newer_run(std::move(last), read_run_beside(impl_->shard_list[i].path));
    }
    return last ? encode_run(*last) : std::string();
  }
  if (shards.size() == 1) return impl_->db.get_metadata(key);
  // Xapian reads the metadata of a database of several shards from the first only.
  if (key == schema::kMetaRoots) {  // every shard's roots, each once
    std::vector<std::string> roots;
    for (const Xapian::Database& s : shards)
      for (std::string& r : lines_of(s.get_metadata(key)))
        if (!r.empty() && std::find(roots.begin(), roots.end(), r) == roots.end())
          roots.push_back(std::move(r));
    std::string out;
    for (const std::string& r : roots) out += (out.empty() ? "" : "\n") + r;
    return out;
  }
  // The rest are the same on every shard that has them (checked when the reader opens).
  for (const Xapian::Database& s : shards) {
    std::string value = s.get_metadata(key);
    if (!value.empty()) return value;
  }
  return "";
}

size_t IndexReader::shard_count() const { return impl_->shards.size(); }

std::vector<std::string> IndexReader::shard_names() const {
  std::vector<std::string> out;
  for (const Shard& s : impl_->shard_list) out.push_back(s.name());
  return out;
}

std::vector<uint64_t> IndexReader::shard_documents() const {
  std::vector<uint64_t> out;
  for (const Xapian::Database& s : impl_->shards) out.push_back(s.get_termfreq(schema::kAllDocs));
  return out;
}

std::vector<std::string> IndexReader::duplicate_paths() const {
  std::vector<std::string> out;
  if (impl_->shards.size() < 2) return out;
  const Xapian::Database& db = impl_->db;
  const auto every_path_in_slot = [](const Xapian::Database& shard) {
    return shard.get_value_freq(schema::kSlotPath) == shard.get_doccount();
  };
  if (impl_->values_by_spy() &&
      std::all_of(impl_->shards.begin(), impl_->shards.end(), every_path_in_slot)) {
    // A term list comes from xapian-tcpsrv one term a message: each shard's paths come from
    // the spy instead (files, not continuations: those hold no kAllDocs). Databases of older
    // pipelines, where some documents lack the path slot, are read by their terms.
    std::unordered_map<std::string, uint32_t> shards_holding;
    for (const Xapian::Database& shard : impl_->shards) {
      spy_values(shard, Xapian::Query(schema::kAllDocs), shard.get_termfreq(schema::kAllDocs),
                 schema::kSlotPath, kSpyPart, [&](const std::string& path) {
                   ++shards_holding[path];
                   return true;
                 });
    }
    for (auto& [path, n] : shards_holding)
      if (n > 1) out.push_back(path);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<DocId> firsts;
  for (auto t = db.allterms_begin(schema::kUniqueId); t != db.allterms_end(schema::kUniqueId);
       ++t)
    if (t.get_termfreq() > 1) firsts.push_back(*db.postlist_begin(*t));
  std::sort(firsts.begin(), firsts.end());
  for (auto& [path, doc] : paths_of(firsts)) out.push_back(std::move(path));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> IndexReader::roots() const {
  std::vector<std::string> out;
  for (std::string& root : lines_of(metadata(schema::kMetaRoots)))
    if (!root.empty()) out.push_back(std::move(root));
  return out;
}

std::string IndexReader::gazetteer_fingerprint() const { return metadata(schema::kMetaGazetteer); }

uint64_t IndexReader::documents_recognized_before() const {
  uint64_t n = 0;
  for (const Xapian::Database& shard : impl_->shards)
    n += std::strtoull(shard.get_metadata(schema::kMetaRecognitionLeft).c_str(), nullptr, 10);
  return n;
}

bool IndexReader::acronyms_marked() const {
  const std::string pipeline = schema::pipeline_tag();
  if (metadata(schema::kMetaPipelineVersion) != pipeline || documents_recognized_before() != 0)
    return false;
  const std::string by =
      std::string(schema::kRecognizedBy) + pipeline + "/" + gazetteer_fingerprint();
  return impl_->db.get_termfreq(by) == archive_documents();
}

std::vector<std::string> IndexReader::gazetteer_files() const {
  return lines_of(metadata(schema::kMetaGazetteerFiles));
}

std::shared_ptr<const Gazetteer> IndexReader::gazetteer() const {
  struct Cache {
    std::mutex mutex;
    std::string extra;
    std::shared_ptr<const Gazetteer> gazetteer;
  };
  static Cache cache;
  const std::string extra = metadata(schema::kMetaGazetteerExtra);
  const std::lock_guard<std::mutex> lock(cache.mutex);
  if (!cache.gazetteer || cache.extra != extra) {
    auto g = std::make_shared<Gazetteer>(Gazetteer::built_in());
    if (!extra.empty()) g->add_tsv(extra, "gazetteer stored in the database");
    cache.gazetteer = std::move(g);
    cache.extra = extra;
  }
  return cache.gazetteer;
}

std::shared_ptr<const GazetteerLookup> IndexReader::gazetteer_lookup() const {
  // As gazetteer(): the last lookups read are kept for the process (a server reads them once,
  // not its digest and text at every request) while the recorded text stays the same.
  struct Cache {
    std::mutex mutex;
    std::string text, extra;
    std::shared_ptr<const GazetteerLookup> lookup;
  };
  static Cache cache;
  std::string extra = metadata(schema::kMetaGazetteerExtra);
  const std::string pipeline = schema::pipeline_tag();
  // Version 2, entries of their own: read as a search needs them, through this reader's
  // database (so not kept for the process: a reader is used by one thread at a time).
  const Xapian::Database db = impl_->db;
  std::optional<GazetteerLookup> entries = GazetteerLookup::open(
      [db](const std::string& key) { return db.get_metadata(schema::kMetaLookupPrefix + key); });
  if (entries) {
    if (entries->tag() != gazetteer_source(pipeline, extra)) return nullptr;
    return std::make_shared<const GazetteerLookup>(std::move(*entries));
  }
  std::string text = metadata(schema::kMetaGazetteerLookup);
  const std::lock_guard<std::mutex> lock(cache.mutex);
  if (cache.lookup && cache.text == text && cache.extra == extra) return cache.lookup;
  std::optional<GazetteerLookup> lookup = GazetteerLookup::parse(text);
  if (!lookup || lookup->tag() != gazetteer_source(pipeline, extra)) return nullptr;
  cache.lookup = std::make_shared<const GazetteerLookup>(std::move(*lookup));
  cache.text = std::move(text);
  cache.extra = std::move(extra);
  return cache.lookup;
}

std::vector<StoredFailure> IndexReader::failures() const {
  const std::string prefix = schema::kMetaFailurePrefix;
  std::vector<StoredFailure> out;
  for (const Xapian::Database& db : impl_->shards) {
    for (auto k = metadata_keys_begin(db, prefix); k != db.metadata_keys_end(prefix); ++k) {
      StoredFailure f;
      f.path = failure_key_path(*k).value_or("");
      f.record = decode_failure(db.get_metadata(*k));
      out.push_back(std::move(f));
    }
  }
  if (impl_->shards.size() > 1)
    std::stable_sort(out.begin(), out.end(),
                     [](const StoredFailure& a, const StoredFailure& b) { return a.path < b.path; });
  return out;
}

uint64_t IndexReader::failure_count() const {
  const std::string prefix = schema::kMetaFailurePrefix;
  uint64_t n = 0;
  for (const Xapian::Database& db : impl_->shards)
    for (auto k = metadata_keys_begin(db, prefix); k != db.metadata_keys_end(prefix); ++k) ++n;
  return n;
}

std::optional<DocId> IndexReader::find_document(const std::string& absolute_path) const {
  const std::string term = unique_term(absolute_path);
  Xapian::PostingIterator p = impl_->db.postlist_begin(term);
  if (p == impl_->db.postlist_end(term)) return std::nullopt;
  return *p;
}

StoredDoc IndexReader::document(DocId doc) const {
  StoredDoc out = document_piece(doc);
  if (const std::vector<DocId>* more = impl_->parts ? impl_->parts->continuations(doc) : nullptr) {
    for (DocId part : *more) {
      StoredDoc piece =
          decode_stored_doc(impl_->db.get_document(part).get_data(), &impl_->dictionaries);
      for (std::string& page : piece.pages) out.pages.push_back(std::move(page));
    }
  }
  return out;
}

void IndexReader::for_each_piece_facts(DocId doc, const FactsFilter& filter,
                                       const std::function<void(DocFacts&&)>& fn) const {
  const util::Dictionaries* dictionaries = &impl_->dictionaries;
  fn(read_facts(impl_->db.get_document(doc, Xapian::DOC_ASSUME_VALID).get_value(schema::kSlotFacts),
                filter, dictionaries));
  if (const std::vector<DocId>* more = impl_->parts ? impl_->parts->continuations(doc) : nullptr)
    for (DocId part : *more)
      fn(read_facts(impl_->db.get_document(part).get_value(schema::kSlotFacts), filter,
                    dictionaries));
}

StoredDoc IndexReader::document_piece(DocId doc) const {
  // A DocId of this snapshot (the contract): Xapian need not look it up before reading it.
  const Xapian::Document d = impl_->db.get_document(doc, Xapian::DOC_ASSUME_VALID);
  StoredDoc out = decode_stored_doc(d.get_data(), &impl_->dictionaries);
  if (impl_->parts) {
    if (std::optional<DocPart> part = decode_part(d.get_value(schema::kSlotPart))) {
      if (part->number > 0 && part->first_page > 1)
        out.pages.insert(out.pages.begin(), part->first_page - 1, std::string());
      out.part = std::move(*part);
    }
  }
  return out;
}

DocFacts IndexReader::facts(DocId doc, const FactsFilter& filter) const {
  std::optional<DocFacts> out;
  for_each_piece_facts(doc, filter, [&](DocFacts&& piece) {
    if (out)
      append_piece(std::move(piece), &*out);
    else
      out = std::move(piece);
  });
  return std::move(*out);
}

std::vector<std::pair<std::string, DocId>> IndexReader::paths_of(
    const std::vector<DocId>& docs) const {
  const Xapian::Database& db = impl_->db;
  FactsFilter path_only;
  path_only.keep_mention = [](std::string_view, bool) { return false; };
  path_only.definitions = false;
  std::vector<std::pair<std::string, DocId>> out;
  out.reserve(docs.size());
  Xapian::ValueIterator v = db.valuestream_begin(schema::kSlotPath);
  const Xapian::ValueIterator end = db.valuestream_end(schema::kSlotPath);
  for (DocId doc : docs) {
    if (v != end && v.get_docid() < doc) v.skip_to(doc);
    if (v != end && v.get_docid() == doc)
      out.emplace_back(*v, doc);
    else
      out.emplace_back(facts(doc, path_only).path, doc);
  }
  return out;
}

std::vector<std::pair<std::string, DocId>> IndexReader::paths_in_order(
    const std::vector<DocId>& docs, const std::vector<std::string>& terms) const {
  std::vector<std::pair<std::string, DocId>> out;
  std::vector<DocId> missing;  // read by paths_of()
  if (impl_->remote && !terms.empty() && !docs.empty()) {
    // The paths from the servers, in one reply each (for_each_value()).
    std::vector<Xapian::Query> leaves(terms.begin(), terms.end());
    std::vector<bool> found(docs.size());
    out.reserve(docs.size());
    for_each_value(impl_->db, Xapian::Query(Xapian::Query::OP_OR, leaves.begin(), leaves.end()),
                   schema::kSlotPath, [&](DocId doc, std::string&& path) {
                     const auto at = std::lower_bound(docs.begin(), docs.end(), doc);
                     if (at == docs.end() || *at != doc || path.empty()) return;
                     found[static_cast<size_t>(at - docs.begin())] = true;
                     out.emplace_back(std::move(path), doc);
                   });
    for (size_t i = 0; i < docs.size(); ++i)
      if (!found[i]) missing.push_back(docs[i]);
    if (missing.empty()) return out;  // sorted by the servers: by path, then DocId
  } else {
    missing = docs;
  }
  for (auto& pair : paths_of(missing)) out.push_back(std::move(pair));
  std::sort(out.begin(), out.end());
  return out;
}

IndexReader::FactsInOrder::FactsInOrder(const IndexReader& reader,
                                        const std::vector<std::pair<std::string, DocId>>& order)
    : reader_(reader), order_(order) {}

void IndexReader::FactsInOrder::read(size_t i, const FactsFilter& filter,
                                     const std::function<void(DocFacts&&)>& fn) {
  const Impl& impl = *reader_.impl_;
  const DocId doc = order_[i].second;
  if (impl.remote && !impl.is_split_head(doc)) {
    if (i >= end_) fetch(i);
    if (const auto it = records_.find(doc); it != records_.end()) {
      fn(read_facts(it->second, filter, &impl.dictionaries));
      return;
    }
  }
  reader_.for_each_piece_facts(doc, filter, fn);
}

void IndexReader::FactsInOrder::fetch(size_t first) {
  const Impl& impl = *reader_.impl_;
  records_.clear();
  end_ = std::min(order_.size(), first + batch_);
  batch_ = std::min<size_t>(batch_ * 2, 1024);
  // The documents of the batch by their paths' terms (a path indexed in another shard too
  // matches there as well: kept apart by DocId), each record as its item's collapse key,
  // which a match set carries in its reply: every record differs from the others but for
  // copies, and collapsing keeps up to as many documents a key as the database holds.
  std::vector<Xapian::Query> paths;
  std::vector<DocId> wanted;
  for (size_t k = first; k < end_; ++k) {
    const auto& [path, doc] = order_[k];
    if (impl.is_split_head(doc)) continue;  // read() reads it by DocId
    paths.emplace_back(unique_term(path));
    wanted.push_back(doc);
  }
  std::sort(wanted.begin(), wanted.end());
  Xapian::Enquire enquire(impl.db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, paths.begin(), paths.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_collapse_key(schema::kSlotFacts, impl.db.get_doccount());
  const Xapian::MSet mset = enquire.get_mset(0, impl.db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it)
    if (std::binary_search(wanted.begin(), wanted.end(), *it))
      records_[*it] = it.get_collapse_key();
}

std::vector<std::string> IndexReader::cited_entities(DocId doc) const {
  std::vector<std::string> continuations;
  if (const std::vector<DocId>* more = impl_->parts ? impl_->parts->continuations(doc) : nullptr)
    for (DocId part : *more)
      continuations.push_back(impl_->db.get_document(part).get_value(schema::kSlotEntities));
  return merged_entities(
      impl_->db.get_document(doc, Xapian::DOC_ASSUME_VALID).get_value(schema::kSlotEntities),
      continuations);
}

std::optional<std::vector<DocId>> IndexReader::documents_in(const PathScope& scope) const {
  if (scope.everything()) return std::nullopt;
  const Xapian::Database& db = impl_->db;
  // The documents of the scope's folder term when their paths all follow the rule (its
  // postings and their paths: a request or two to a remote shard). Else candidates from the
  // terms the indexer stored, then the rule itself on each path (a file whose path NFC leaves
  // as it is, and any file in a database of pipeline 8 or older, has no folder term of its
  // own: its unique term, exact bytes, stands in).
  std::vector<DocId> candidates;
  if (const std::string term = impl_->scope_folder_term(scope); !term.empty()) {
    candidates = impl_->files_with(term);
    if (impl_->folder_is_exact(term, scope, candidates.size())) {
      impl_->exact_folders[term] = candidates.size();
      return candidates;
    }
  }
  const std::string& prefix = scope.prefix();
  for (const std::string& term : {folder_term(prefix), unique_term(prefix)}) {
    if (!candidates.empty()) break;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
      candidates.push_back(*p);
  }
  FactsFilter path_only;
  path_only.keep_mention = [](std::string_view, bool) { return false; };
  path_only.definitions = false;
  std::vector<DocId> out;
  if (candidates.empty()) {
    // Neither term, whole and written as every pipeline wrote it (NFC and accent stripping
    // leave ASCII alone): nothing is in the scope.
    const bool ascii = std::all_of(prefix.begin(), prefix.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii && whole_folder_term(folder_term(prefix), prefix)) return out;
    // A term cut and hashed (a very long path), or accents an older pipeline stripped: read
    // every document's path.
    for (auto v = db.valuestream_begin(schema::kSlotFacts);
         v != db.valuestream_end(schema::kSlotFacts); ++v)
      if (!(impl_->parts && impl_->parts->is_part(v.get_docid())) &&
          scope.contains(read_facts(*v, path_only, &impl_->dictionaries).path))
        out.push_back(v.get_docid());
    return out;
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (DocId doc : candidates)
    if (!(impl_->parts && impl_->parts->is_part(doc)) && scope.contains(facts(doc, path_only).path))
      out.push_back(doc);
  return out;
}

namespace {

// One document's stored values as the reading thread of facts_pipeline() hands them on.
struct StoredValues {
  DocId doc = 0;  // 0 when read by the match spy
  uint32_t mentions = 0;  // for_each_citing(): the entity's mentions (its term's wdf)
  std::string facts;
  std::string entities;  // the '\n'-joined entity list, when asked for
  // Of a file stored in parts: each continuation's facts and entity list, in order.
  std::vector<std::pair<std::string, std::string>> continuations;
};

// Reads the continuations' values of `values.doc` into `values`, if it has any.
void add_continuations(const Xapian::Database& db, const PartsIndex* parts, bool entities,
                       StoredValues* values) {
  const std::vector<DocId>* more = parts ? parts->continuations(values->doc) : nullptr;
  if (!more) return;
  for (DocId part : *more) {
    const Xapian::Document d = db.get_document(part);
    values->continuations.emplace_back(d.get_value(schema::kSlotFacts),
                                       entities ? d.get_value(schema::kSlotEntities) : "");
  }
}

// The values of `head`, a file stored in parts (the match spy leaves it out: spy_query()),
// read by DocId with its continuations'; its entity list too when `entities`.
StoredValues split_file_values(const Xapian::Database& db, const PartsIndex* parts, DocId head,
                               uint32_t mentions, bool entities) {
  const Xapian::Document d = db.get_document(head);
  StoredValues values{head, mentions, d.get_value(schema::kSlotFacts),
                      entities ? d.get_value(schema::kSlotEntities) : "", {}};
  add_continuations(db, parts, entities, &values);
  return values;
}

// The facts of `values` with its continuations' mentions and definitions after its own, into
// `facts` (read_facts(): whatever it held, its memory reused).
void facts_of(const StoredValues& values, const FactsFilter& filter,
              const util::Dictionaries& dictionaries, DocFacts* facts) {
  read_facts(values.facts, filter, &dictionaries, facts);
  for (const auto& [more, entities] : values.continuations)
    append_piece(read_facts(more, filter, &dictionaries), facts);
}

// Reading on one thread, decoding on `workers`: produce(push) reads records in DocId order and
// calls push(values) for each, stopping when push returns false; consume(worker, values) runs
// on the workers. Records travel in batches, so threads hand over rarely; spent batches go
// back to the reading thread to be freed, and each worker frees what it decoded: memory freed
// by another thread than the one that allocated it makes threads contend for one malloc
// arena's lock. The first exception from any thread propagates after every thread stopped.
constexpr unsigned kMaxPipelineWorkers = 16;
void facts_pipeline(unsigned workers,
                    const std::function<void(const std::function<bool(StoredValues&&)>&)>& produce,
                    const std::function<void(unsigned, StoredValues&)>& consume) {
  workers = std::clamp(workers, 1u, kMaxPipelineWorkers);
  using Batch = std::vector<StoredValues>;
  constexpr size_t kBatch = 64;
  util::BoundedQueue<Batch> queue(2 * workers + 2);
  queue.set_producers(1);
  std::mutex mu;  // guards spent and first_error
  std::vector<Batch> spent;
  std::exception_ptr first_error;
  const auto fail = [&](std::exception_ptr e) {
    {
      std::lock_guard lock(mu);
      if (!first_error) first_error = e;
    }
    queue.close();  // releases the reading thread and every worker
  };
  std::thread reader([&] {
    std::vector<Batch> to_free;
    try {
      Batch batch;
      produce([&](StoredValues&& values) {
        batch.push_back(std::move(values));
        if (batch.size() < kBatch) return true;
        if (!queue.push(std::exchange(batch, Batch()))) return false;  // closed: a worker failed
        {
          std::lock_guard lock(mu);
          to_free.swap(spent);
        }
        to_free.clear();
        return true;
      });
      if (!batch.empty()) queue.push(std::move(batch));
    } catch (...) {
      fail(std::current_exception());
    }
    queue.producer_done();
  });
  const auto work = [&](unsigned worker) {
    try {
      Batch batch;
      while (queue.pop(&batch)) {
        for (StoredValues& values : batch) consume(worker, values);
        std::lock_guard lock(mu);
        spent.push_back(std::move(batch));
      }
    } catch (...) {
      fail(std::current_exception());
    }
  };
  std::vector<std::thread> helpers;
  for (unsigned w = 1; w < workers; ++w) helpers.emplace_back(work, w);
  work(0);
  for (std::thread& t : helpers) t.join();
  reader.join();
  if (first_error) std::rethrow_exception(first_error);
}

std::vector<std::string> split_entities(std::string_view joined) {
  std::vector<std::string> out;
  while (!joined.empty()) {
    const size_t nl = joined.find('\n');
    out.emplace_back(joined.substr(0, nl));
    if (nl == std::string_view::npos) break;
    joined.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace

void spy_values(const Xapian::Database& db, const Xapian::Query& query, uint32_t expected,
                unsigned slot, uint32_t part_size,
                const std::function<bool(const std::string&)>& push) {
  part_size = std::max<uint32_t>(part_size, 1);
  const auto parts = static_cast<unsigned>(
      std::clamp<uint64_t>((uint64_t{expected} + part_size - 1) / part_size, 1, 256));
  auto split = [&](unsigned i) {  // the first hash of part i, i in [1, parts)
    static constexpr char kHex[] = "0123456789abcdef";
    const unsigned byte = i * 256 / parts;
    return std::string{kHex[byte >> 4], kHex[byte & 15]};
  };
  for (unsigned i = 0; i < parts; ++i) {
    Xapian::Query part = query;
    if (i > 0)
      part = Xapian::Query(Xapian::Query::OP_FILTER, part,
                           Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotHash, split(i)));
    if (i + 1 < parts)
      part = Xapian::Query(
          Xapian::Query::OP_AND_NOT, part,
          Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotHash, split(i + 1)));
    Xapian::Enquire enquire(db);
    enquire.set_query(part);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::ValueCountMatchSpy spy(slot);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());  // no results: every match visited by the spy
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v)
      for (Xapian::doccount n = v.get_termfreq(); n > 0; --n)
        if (!push(*v)) return;
  }
}

void IndexReader::for_each_facts(const PathScope& scope, const FactsFilter& filter,
                                 unsigned workers,
                                 const std::function<void(unsigned, DocFacts&&)>& fn) const {
  // The handle is the reading thread's alone until it is joined: the workers never touch it.
  const Xapian::Database& db = impl_->db;
  std::vector<DocFacts> scratch(kMaxPipelineWorkers);  // one per worker
  facts_pipeline(
      workers,
      [&](const std::function<bool(StoredValues&&)>& push) {
        const PartsIndex* parts = impl_->parts.get();
        if (impl_->values_by_spy()) {
          bool more = true;
          spy_values(db, impl_->spy_query(Xapian::Query::MatchAll), db.get_doccount(),
                     schema::kSlotFacts, kSpyPart, [&](const std::string& v) {
                       return more = push(StoredValues{0, 0, v, {}, {}});
                     });
          for (size_t i = 0; more && parts && i < parts->heads.size(); ++i)
            more = push(split_file_values(db, parts, parts->heads[i], 0, false));
          return;
        }
        for (auto v = db.valuestream_begin(schema::kSlotFacts);
             v != db.valuestream_end(schema::kSlotFacts); ++v) {
          if (parts && parts->is_part(v.get_docid())) continue;  // read with its head
          StoredValues values{v.get_docid(), 0, *v, {}, {}};
          add_continuations(db, parts, false, &values);
          if (!push(std::move(values))) return;
        }
      },
      [&](unsigned worker, StoredValues& values) {
        // Each worker reads record after record into its own DocFacts (fn may take it).
        DocFacts& facts = scratch[worker];
        facts_of(values, filter, impl_->dictionaries, &facts);
        if (scope.contains(facts.path)) fn(worker, std::move(facts));
      });
}

void IndexReader::for_each_citing(
    const std::string& entity_id, const PathScope& scope, const std::vector<Posting>& citing,
    const FactsFilter& filter, unsigned workers,
    const std::function<void(unsigned, uint32_t, DocFacts&&, std::vector<std::string>&&)>& fn)
    const {
  // No citing document in the scope: nothing to read (the match spy would read the entity's
  // every document to find none in it).
  if (citing.empty()) return;
  const Xapian::Database& db = impl_->db;
  std::vector<DocFacts> scratch(kMaxPipelineWorkers);  // one per worker
  const bool by_spy = impl_->values_by_spy();
  facts_pipeline(
      workers,
      [&](const std::function<bool(StoredValues&&)>& push) {
        if (by_spy) {
          // Only documents holding the scope's folder term (or its file's term), when there is
          // one: documents_in() finds the scope among them (the rule is applied to each
          // record's path below).
          const std::string term = entity_term(entity_id);
          const std::string folder = impl_->scope_spy_term(scope);
          const Xapian::Query query =
              folder.empty() ? Xapian::Query(term)
                             : Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term),
                                             Xapian::Query(folder));
          bool more = true;
          spy_values(db, impl_->spy_query(query),
                     folder.empty() ? db.get_termfreq(term) : static_cast<uint32_t>(citing.size()),
                     schema::kSlotFacts, kSpyPart, [&](const std::string& v) {
                       return more = push(StoredValues{0, 0, v, {}, {}});
                     });
          // The files stored in parts, by DocId as below.
          for (size_t i = 0; more && impl_->parts && i < citing.size(); ++i)
            if (impl_->is_split_head(citing[i].doc))
              more = push(split_file_values(db, impl_->parts.get(), citing[i].doc,
                                            citing[i].count, true));
          return;
        }
        // Both value streams, moved on to each document: in order, the stored values are read
        // block by block instead of a document at a time.
        Xapian::ValueIterator facts = db.valuestream_begin(schema::kSlotFacts);
        Xapian::ValueIterator entities = db.valuestream_begin(schema::kSlotEntities);
        const Xapian::ValueIterator facts_end = db.valuestream_end(schema::kSlotFacts);
        const Xapian::ValueIterator entities_end = db.valuestream_end(schema::kSlotEntities);
        for (const Posting& p : citing) {
          StoredValues values;
          values.doc = p.doc;
          values.mentions = p.count;
          if (facts != facts_end && facts.get_docid() < p.doc) facts.skip_to(p.doc);
          if (facts != facts_end && facts.get_docid() == p.doc) values.facts = *facts;
          if (entities != entities_end && entities.get_docid() < p.doc) entities.skip_to(p.doc);
          if (entities != entities_end && entities.get_docid() == p.doc)
            values.entities = *entities;
          add_continuations(db, impl_->parts.get(), true, &values);
          if (!push(std::move(values))) return;
        }
      },
      [&](unsigned worker, StoredValues& values) {
        if (!by_spy || values.doc != 0) {
          std::vector<std::string> more;
          for (const auto& [facts, entities] : values.continuations) more.push_back(entities);
          DocFacts& facts = scratch[worker];  // as in for_each_facts()
          facts_of(values, filter, impl_->dictionaries, &facts);
          fn(worker, values.mentions, std::move(facts), merged_entities(values.entities, more));
          return;
        }
        // The entity list and the mentions of entity_id from the record's own mentions, which
        // the entity list of slot kSlotEntities is made of (doc_builder.cc) and whose count is
        // the entity term's wdf (but for two ids too long for a term and alike up to where it is
        // cut, which share one term: store/terms.h). So every mention is read, and the filter
        // applied after.
        FactsFilter every = filter;
        every.keep_mention = nullptr;
        DocFacts& facts = scratch[worker];
        read_facts(values.facts, every, &impl_->dictionaries, &facts);
        if (!scope.contains(facts.path)) return;
        std::vector<std::string> ids;
        uint32_t mentions = 0;
        for (const Mention& m : facts.mentions) {
          ids.push_back(m.entity_id);
          if (m.entity_id == entity_id) ++mentions;
        }
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        if (filter.keep_mention)
          facts.mentions.erase(std::remove_if(facts.mentions.begin(), facts.mentions.end(),
                                              [&](const Mention& m) {
                                                return !filter.keep_mention(m.entity_id, m.variant);
                                              }),
                               facts.mentions.end());
        fn(worker, mentions, std::move(facts), std::move(ids));
      });
}

std::unordered_map<std::string, uint64_t> IndexReader::entity_documents_in(
    const PathScope& scope, const std::vector<DocId>& docs) const {
  const Xapian::Database& db = impl_->db;
  std::unordered_map<std::string, uint64_t> out;
  auto add = [&out](std::string_view joined) {
    for (std::string& id : split_entities(joined)) ++out[std::move(id)];
  };
  // The folder term names `docs` exactly when documents_in() took its files, all of them.
  if (const std::string term = impl_->values_by_spy() ? impl_->scope_folder_term(scope) : "";
      !term.empty() && [&] {
        const auto it = impl_->exact_folders.find(term);
        return it != impl_->exact_folders.end() && it->second == docs.size();
      }()) {
    // The servers count the lists themselves (one request a part); files stored in parts
    // are read by DocId.
    spy_values(db, impl_->spy_query(Xapian::Query(term)), static_cast<uint32_t>(docs.size()),
               schema::kSlotEntities, kSpyPart, [&](const std::string& v) {
                 add(v);
                 return true;
               });
    for (DocId doc : docs)
      if (impl_->is_split_head(doc))
        for (std::string& id : cited_entities(doc)) ++out[std::move(id)];
    return out;
  }
  if (impl_->parts || impl_->remote) {
    // A value stream over the network fetches documents one by one up to the next with a
    // value, in the scope or not: a lookup a document costs less.
    for (DocId doc : docs)
      for (std::string& id : cited_entities(doc)) ++out[std::move(id)];
    return out;
  }
  // One value stream, moved on to each document.
  Xapian::ValueIterator v = db.valuestream_begin(schema::kSlotEntities);
  const Xapian::ValueIterator end = db.valuestream_end(schema::kSlotEntities);
  for (DocId doc : docs) {
    if (v != end && v.get_docid() < doc) v.skip_to(doc);
    if (v == end) break;
    if (v.get_docid() == doc) add(*v);
  }
  return out;
}

bool IndexReader::has_entity(const std::string& id) const {
  return impl_->db.term_exists(entity_term(id));
}

TermCounts IndexReader::entity_counts(const std::string& id) const {
  return impl_->counts(entity_term(id));
}

std::vector<Posting> IndexReader::entity_postings(const std::string& id) const {
  return impl_->postings(entity_term(id));
}

std::vector<Posting> IndexReader::family_postings(const std::string& family) const {
  return impl_->postings(family_term(family));
}

std::vector<EntityTerm> IndexReader::entities(const std::string& id_prefix) const {
  const Xapian::Database& db = impl_->db;
  const std::string prefix = entity_term(id_prefix);
  const size_t skip = std::strlen(schema::kEntity);
  std::vector<EntityTerm> out;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
    out.push_back(EntityTerm{(*t).substr(skip), impl_->parts ? impl_->counts(*t)
                                                             : TermCounts{t.get_termfreq(), db.get_collection_freq(*t)}});
  if (impl_->parts)  // an entity met only in continuations without their head
    out.erase(std::remove_if(out.begin(), out.end(),
                             [](const EntityTerm& e) { return e.counts.documents == 0; }),
              out.end());
  return out;
}

std::vector<SurfaceForm> IndexReader::surface_forms(const std::string& entity_id) const {
  // XW<id>\t<v|c><surface>; wdf = mentions in that form.
  const Xapian::Database& db = impl_->db;
  const std::string prefix =
      std::string(schema::kSurface) + (entity_id.empty() ? "" : entity_id + '\t');
  const size_t skip = std::strlen(schema::kSurface);
  std::vector<SurfaceForm> out;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string rest = (*t).substr(skip);
    const size_t tab = rest.find('\t');
    if (tab == std::string::npos || tab + 1 >= rest.size()) continue;
    SurfaceForm f;
    f.entity_id = rest.substr(0, tab);
    f.variant = rest[tab + 1] == 'v';
    f.surface = rest.substr(tab + 2);
    f.counts = impl_->parts ? impl_->counts(*t) : TermCounts{t.get_termfreq(), db.get_collection_freq(*t)};
    if (f.counts.documents > 0) out.push_back(std::move(f));
  }
  return out;
}

std::vector<Posting> IndexReader::surface_postings(const SurfaceForm& form) const {
  return impl_->postings(surface_term(form.entity_id, form.variant, form.surface));
}

bool in_scope(const std::optional<std::vector<DocId>>& scope, DocId doc) {
  return !scope || std::binary_search(scope->begin(), scope->end(), doc);
}

// ---------------------------------------------------------------------------------------------
// Snapshots, retries and the translation of errors.

namespace {

// Whether the database's revision differs from `*revision` (0: unknown, counts as moved);
// sets `*revision` to the current one. False when the database cannot be opened.
bool committed_since(const std::string& db_path, Xapian::rev* revision) {
  try {
    std::vector<Xapian::Database> shards;
    for (const Shard& s : shards_of(db_path)) shards.push_back(open_shard(s));
    const Xapian::rev now = revision_of(shards);
    const bool moved = *revision == 0 || now != *revision;
    *revision = now;
    return moved;
  } catch (const Xapian::Error&) {
    return false;
  } catch (const DatabaseError&) {
    return false;
  }
}

// Whether a writer (concord-index) holds the lock of one of the local shards, so a commit may
// be under way. Xapian 1.4 locks the file "flintlock" in the database folder with an fcntl
// lock, which F_GETLK reports without taking it.
bool writer_active(const std::string& db_path) {
  std::vector<Shard> shards;
  try {
    shards = shards_of(db_path);
  } catch (const DatabaseError&) {
    return false;
  }
  for (const Shard& s : shards) {
    if (s.remote()) continue;
    const int fd = ::open((s.path + "/flintlock").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    const bool held = ::fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
    ::close(fd);
    if (held) return true;
  }
  return false;
}

// Called only from a catch handler: throws the DatabaseError for the exception being handled
// (a Xapian::Error or a DamagedRecordError met while reading `db_path`): "changed N times"
// when `changing` (`attempts` were overtaken by commits), else by what the error says. The
// single place those errors become Concord's.
[[noreturn]] void throw_database_error(const std::string& db_path, int attempts,
                                       bool changing) {
  const std::string db = util::echo_input(db_path, 300);
  const std::string reindex =
      "remove the folder and index the archive again (concord-index --db " + db + " PATH...)";
  auto damaged = [&](const std::string& why) {
    return DatabaseError("database " + db + " is damaged (" + why + "): " + reindex);
  };
  if (changing)
    throw DatabaseError("database " + db + " changed " + std::to_string(attempts) +
                        " times while it was read (an indexer is committing to it): run the "
                        "command again when concord-index has finished");
  try {
    throw;
  } catch (const Xapian::DatabaseNotFoundError& e) {
    if (has_tables(db_path)) throw damaged(xapian_words(e));
    throw DatabaseError("no Concord database at " + db + " (create it with: concord-index --db " +
                        db + " PATH...)");
  } catch (const Xapian::DatabaseVersionError& e) {
    throw DatabaseError("database " + db + " was written by another version of Xapian (" +
                        xapian_words(e) + "): " + reindex);
  } catch (const Xapian::DatabaseOpeningError& e) {
    // The system refused (permissions, too many open files), unless a table file is gone.
    const char* reason = e.get_error_string();
    if (reason && !(has_tables(db_path) && std::string(reason) == std::strerror(ENOENT)))
      throw DatabaseError("cannot open database " + db + " (" + xapian_words(e) +
                          "): check the path and its permissions");
    throw damaged(xapian_words(e));
  } catch (const Xapian::DatabaseError& e) {  // corrupt tables, short reads
    throw damaged(xapian_words(e));
  } catch (const Xapian::DocNotFoundError& e) {  // a posting for a document that is gone
    throw damaged(xapian_words(e));
  } catch (const Xapian::FeatureUnavailableError& e) {  // a table file is gone ("no termlist")
    throw damaged(xapian_words(e));
  } catch (const Xapian::Error& e) {
    throw DatabaseError("unexpected error reading database " + db + " (" + xapian_words(e) +
                        "); if it persists, " + reindex);
  } catch (const DamagedRecordError& e) {
    throw damaged(util::echo_input(e.what(), 300));
  }
}

// Called only from read_index_attempts()'s catch handlers, after attempt `attempt` failed
// while reading the snapshot at `*revision` (0: not known, opening failed): returns when the
// body should run again (a read error while commits go on, attempts left), else throws the
// DatabaseError. Sets `*revision` to the database's current revision.
void retry_or_throw(const std::string& db_path, int attempt, Xapian::rev* revision) {
  bool transient = false;  // an error a commit overtaking the snapshot can cause
  try {
    throw;
  } catch (const Xapian::DatabaseOpeningError&) {
  } catch (const Xapian::DatabaseError&) {
    transient = true;
  } catch (const Xapian::DocNotFoundError&) {
    transient = true;
  } catch (const DamagedRecordError&) {
    transient = true;
  } catch (...) {
  }
  if (!transient) throw_database_error(db_path, attempt);
  bool moved = committed_since(db_path, revision);
  // A commit under way writes its blocks before its revision: while a writer is there, give
  // the revision time to move.
  for (int waited = 0; !moved && waited < kSettleMs && writer_active(db_path); waited += 20) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    moved = committed_since(db_path, revision);
  }
  if (!moved) throw_database_error(db_path, attempt);
  if (attempt >= kReadAttempts) throw_database_error(db_path, attempt, true);
}

}  // namespace

void read_index_attempts(const std::string& db_path,
                         const std::function<void(const IndexReader&)>& body) {
  Xapian::rev revision = 0;  // of the snapshot last opened; 0 = not known
  for (int attempt = 1;; ++attempt) {
    try {
      const IndexReader reader(db_path);
      revision = reader.revision();
      body(reader);
      return;
    } catch (const Xapian::Error&) {
      retry_or_throw(db_path, attempt, &revision);
    } catch (const DamagedRecordError&) {
      retry_or_throw(db_path, attempt, &revision);
    }
  }
}

}  // namespace concord
