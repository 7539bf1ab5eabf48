// Where a Concord archive lives: one database folder, a Xapian stub file naming several
// databases (local folders or xapian-tcpsrv servers), or several of either given at once
// (--db repeated). The query side reads them as one archive (store/reader.h); the indexer
// writes one folder per run.
//
// Stub files (Xapian's format, the subset Concord reads): one database per line,
//   auto PATH          a local database (PATH relative to the stub file's folder), or a
//                      further stub file
//   glass PATH         the same
//   remote HOST:PORT   a database served by `xapian-tcpsrv --port PORT` on HOST
// Blank lines and lines starting with # are ignored.
//
// Contract: pure apart from reading stub files; thread-safe. A stub file that cannot be read,
// a line it does not know, a stub nested more than 8 deep or a location naming no database
// throws DatabaseError (store/errors.h) naming the file and line.
#pragma once

#include <string>
#include <vector>

namespace concord {

struct Shard {
  std::string path;  // a local database folder; empty for a remote one
  std::string host;  // a remote database: host and port
  unsigned port = 0;

  bool remote() const { return path.empty(); }
  std::string name() const;  // the folder, or "HOST:PORT"
};

// The location of several databases read as one: what --db given several times becomes.
// Each is a folder or a stub file; a location holding a newline is refused (DatabaseError).
std::string join_locations(const std::vector<std::string>& locations);

// The shards a location names, in order, stub files expanded. A location that is not a
// regular file is a database folder (it need not exist: opening it reports that).
std::vector<Shard> shards_of(const std::string& location);

// True when `location` names more than one database, or any remote one: what the indexer
// cannot write to.
bool is_several(const std::string& location);

}  // namespace concord
