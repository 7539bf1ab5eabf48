// Where the data files (gazetteer, authority list, built-in cases, stopword lists) are read
// from at run time.
//
// The data folder is $CONCORD_DATA_DIR when it is set and not empty, else BIN/../share/concord
// beside the running program when that folder exists (an installed program:
// /usr/bin/concord-query reads /usr/share/concord/), else none (a program in the build tree).
// A file present in the data folder is read from there; a file it lacks is the copy built
// into the program at build time (data/*.tsv, stopwords/*.txt of the source tree).
//
// Contract: data_file() reads each name once per process and caches it (thread-safe). It
// throws DataFileError, a fatal error with one line saying what to do, when
// $CONCORD_DATA_DIR names no folder or a file there cannot be read (not a regular file,
// over 64 MiB, unreadable): a silently ignored edit would be worse.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace concord::util {

class DataFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DataFile {
  std::string_view text;  // the file's bytes (live as long as the process)
  std::string source;       // its path, or "" for the built-in copy
};

// The folder the running program is installed under: BIN/.. (/usr for /usr/bin/concord-index;
// the build tree for its programs, one folder down). "" when /proc/self/exe cannot be read:
// never a path relative to the current folder. The OCR module is found from it too.
std::string install_prefix();

// `name`: a path relative to the data folder ("gazetteer.tsv", "stopwords/en.txt");
// `built_in`: the copy compiled into the program.
DataFile data_file(const std::string& name, const char* built_in);

// The data folder in use, or "" when every file is the built-in copy.
std::string data_folder();

}  // namespace concord::util
