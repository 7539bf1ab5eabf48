// The read side's database layer: snapshots, Xapian error translation, facts streaming.
#include "search/db.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include "index/schema.h"
#include "search/search.h"
#include "util/bounded_queue.h"
#include "util/echo.h"

namespace fs = std::filesystem;

namespace concord {
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

}  // namespace

IndexReader::IndexReader(const std::string& db_path)
    : path_(db_path), db_(db_path), revision_(db_.get_revision()) {
  // Every indexed document has stored data and terms. Xapian reads a missing docdata table
  // as empty and a missing termlist table as a feature the database lacks: check one
  // document, so that every command reports a deleted table.
  if (db_.get_doccount() > 0) {
    const Xapian::PostingIterator first = db_.postlist_begin("");
    if (first != db_.postlist_end("")) {
      if (db_.get_document(*first).get_data().empty())
        throw Xapian::DatabaseCorruptError("a document has no stored data (docdata table gone?)");
      db_.termlist_begin(*first);  // throws FeatureUnavailableError without a termlist table
    }
  }
}

Xapian::Database IndexReader::another_handle() const {
  Xapian::Database other(path_);
  if (other.get_revision() != revision_)
    throw Xapian::DatabaseModifiedError("the database was committed to while being read");
  return other;
}

bool committed_since(const std::string& db_path, Xapian::rev* revision) {
  try {
    const Xapian::rev now = Xapian::Database(db_path).get_revision();
    const bool moved = *revision == 0 || now != *revision;
    *revision = now;
    return moved;
  } catch (const Xapian::Error&) {
    return false;
  }
}

void throw_database_error(const std::string& db_path, int attempts, bool committed) {
  const std::string db = util::echo_input(db_path, 300);
  const std::string reindex =
      "remove the folder and index the archive again (concord-index --db " + db + " PATH...)";
  auto damaged = [&](const std::string& why) {
    return DatabaseError("database " + db + " is damaged (" + why + "): " + reindex);
  };
  try {
    throw;
  } catch (const Xapian::DatabaseModifiedError& e) {
    if (!committed) throw damaged(xapian_words(e));
    throw DatabaseError("database " + db + " changed " + std::to_string(attempts) +
                        " times while it was read (an indexer is committing to it): run the "
                        "command again when concord-index has finished");
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

Gazetteer database_gazetteer(const Xapian::Database& db) {
  Gazetteer g = Gazetteer::built_in();
  const std::string extra = db.get_metadata(schema::kMetaGazetteerExtra);
  if (!extra.empty()) g.add_tsv(extra, "gazetteer stored in the database");
  return g;
}

void for_each_facts(const IndexReader& index, const std::string& abs_prefix,
                    const FactsFilter& filter,
                    const std::function<void(Xapian::docid, DocFacts&&)>& fn) {
  // The calling thread only runs `fn`, which does not touch the reader: the handle is this
  // thread's alone until it is joined.
  const Xapian::Database& reader_db = index.db();
  const std::string folder =
      abs_prefix.empty() || abs_prefix.back() == '/' ? abs_prefix : abs_prefix + "/";
  // Batches of records, so the two threads hand over rarely.
  using Batch = std::vector<std::pair<Xapian::docid, DocFacts>>;
  constexpr size_t kBatch = 128;
  util::BoundedQueue<Batch> queue(8);
  queue.set_producers(1);
  std::exception_ptr reader_error;
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    try {
      Batch batch;
      for (auto v = reader_db.valuestream_begin(schema::kSlotFacts);
           !stop && v != reader_db.valuestream_end(schema::kSlotFacts); ++v) {
        DocFacts f = read_facts(*v, filter);
        if (!abs_prefix.empty() && f.path != abs_prefix && f.path.rfind(folder, 0) != 0) continue;
        batch.emplace_back(v.get_docid(), std::move(f));
        if (batch.size() == kBatch) queue.push(std::exchange(batch, Batch()));
      }
      if (!batch.empty()) queue.push(std::move(batch));
    } catch (...) {
      reader_error = std::current_exception();
    }
    queue.producer_done();
  });
  Batch batch;
  try {
    while (queue.pop(&batch))
      for (auto& [did, facts] : batch) fn(did, std::move(facts));
  } catch (...) {
    stop = true;
    while (queue.pop(&batch)) {
    }
    reader.join();
    throw;
  }
  reader.join();
  if (reader_error) std::rethrow_exception(reader_error);
}

}  // namespace concord
