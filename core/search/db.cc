// The read side's database layer: snapshots, Xapian error translation, facts streaming.
#include "search/db.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
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

namespace {

// Whether the database's revision differs from `*revision` (0: unknown, counts as moved);
// sets `*revision` to the current one. False when the database cannot be opened.
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

// Whether a writer (concord-index) holds the database's lock, so a commit may be under way.
// Xapian 1.4 locks the file "flintlock" in the database folder with an fcntl lock, which
// F_GETLK reports without taking it.
bool writer_active(const std::string& db_path) {
  const int fd = ::open((db_path + "/flintlock").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  const bool held = ::fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
  ::close(fd);
  return held;
}

}  // namespace

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

void throw_database_error(const std::string& db_path, int attempts, bool changing) {
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
