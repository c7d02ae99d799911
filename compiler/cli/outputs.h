// Writing a command's output files: checked all together before any is
// written (two inputs never write one file), then written one by one
// (file_io: atomic, mode kept, non-regular targets written through), or,
// with --check/--diff, compared with what is there and not written.
#pragma once
#include <string>
#include <vector>

#include "cli/reporter.h"

namespace flowc::cli {

struct OutputFile {
  std::string path;    // where it goes
  std::string text;    // what it holds
  std::string source;  // the input it comes from (for the collision message)
  bool make_folders = false;  // create missing folders on its path (-o DIR/ mirroring a tree)
  bool up_to_date = false;    // known to hold its text already (up_to_date.h): not read, not written; text is ""
};

// "" if every output has its own path; else the message naming the two
// inputs and the path they would both write.
std::string find_collision(const std::vector<OutputFile>& files);

enum class WriteMode { Write, Check, Diff };

// Writes (or checks) `files`. Returns 0; 1 if --check/--diff found one that
// would change; 2 on an I/O error (printed, naming the output's own path).
// An output whose bytes are already there is not rewritten. With `current`,
// current[k] is set to 1 when files[k] now holds its text (written, or found
// equal), so the stat index can record it.
int write_outputs(const std::vector<OutputFile>& files, WriteMode mode, Reporter& reporter,
                  std::vector<char>* current = nullptr);

// A folder path joined with a relative one ("out/" + "a/w.yaml").
std::string join_path(const std::string& folder, const std::string& relative);

// The folder part of a relative path ("a/w.py" -> "a", "w.py" -> "").
std::string folder_of(const std::string& relative);

}  // namespace flowc::cli
