// `flowc compile -o DIR/` (or --layout beside) over unchanged files: the
// command line's use of the stat index (compiler/batch/stat_index.h).
//
// Per input, in this order:
//   take()           before reading it: if its record says the input, every
//                    base-class file its compile probed and its output file
//                    are as this command last left them, and the result was
//                    clean, the input is up to date: nothing is read,
//                    compiled or written for it (-v: "unchanged: OUT").
//   read()           otherwise (the slow path), after stamping it, the bytes read;
//   compiled()       its result (clean or not; which base files it read);
//   output_current() its output file now holds the result (written, or
//                    found equal), so the record can be written.
// save() writes the index once, at the end of the run.
//
// Only the modes that write one file per input take part (not a stream, not
// --diff, not Peak's files named by workflow, not standard input), and only
// with the cache on (--no-cache neither reads nor writes the index).
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "batch/stat_index.h"
#include "cli/compile_all.h"
#include "cli/inputs.h"
#include "driver/compile.h"

namespace flowc::cli {

class UpToDate {
 public:
  // outputs[i]: input i's output path ("" : input i does not take part).
  UpToDate(const std::filesystem::path& cache_dir, std::vector<std::string> outputs);

  // True (c filled as an up-to-date Ok result) if input i need not be read.
  bool take(size_t i, const Input& in, const CompileOptions& options, Compiled& c);
  void read(size_t i, const std::string& bytes);
  void compiled(size_t i, const Compiled& c);
  void output_current(size_t i, const std::string& text);

  // Writes the index if the run changed it; "" or why it could not.
  std::string save();
  size_t up_to_date_count() const { return up_to_date_; }

 private:
  // What the slow path learns about input i, until its output is current.
  struct Pending {
    std::string key;
    StatRecord record;
    bool recordable = false;  // clean, and every stamp taken matches what the compile saw
  };
  void record_dependencies(const CompileResult& r, Pending& p);

  StatIndex index_;
  std::vector<std::string> outputs_;
  std::map<size_t, Pending> pending_;
  size_t up_to_date_ = 0;
};

}  // namespace flowc::cli
