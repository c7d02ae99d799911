// The one place the list of inputs is compiled: read each input (bounded),
// find its Argo version, compile it. Results come back in input order, so
// what is printed and written does not depend on how the work was scheduled.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/compile_options.h"
#include "cli/inputs.h"
#include "cli/project.h"
#include "driver/compile.h"

namespace flowc::cli {

struct Compiled {
  enum class Status {
    Ok,          // compiled (result.output may be empty: no workflow class)
    Failed,      // diagnostics with errors; or too large / bad project (message)
    ReadError,   // the input could not be read: usage/I/O error, exit 2
  };
  // Failed before the compile: what the Reporter prints in place of diagnostics.
  enum class Problem {
    None,
    TooLarge,  // E0006 at the file's start (message: the core's wording)
    Project,   // E0054: its pyproject.toml is wrong (message: "PATH: error: ...")
  };
  Status status = Status::Ok;
  Problem problem = Problem::None;
  CompileResult result;
  std::string message;  // for a Problem, or ReadError ("cannot read PATH: reason")
  bool skipped = false;  // a file from a folder with no workflow class (W0001 dropped)
  // Up to date (up_to_date.h): not read nor compiled; its output file already
  // holds the result. `result` is then empty but for ok; dependency_paths are
  // the base-class files its last compile read (--watch watches them).
  bool up_to_date = false;
  std::vector<std::string> dependency_paths;
};

class UpToDate;

// What the cache did, for -v.
struct CompileAllStats {
  size_t compiled = 0;    // compiled (cache misses, or no cache)
  size_t cache_hits = 0;  // taken from the cache
  std::string cache_dir;  // "" : no cache
  std::string cache_error;  // why an entry could not be written ("" : none)
};

// Inputs are read (and their projects looked up) in order on this thread,
// up to the first that cannot be read; those are then compiled on
// settings.jobs threads through the cache (compiler/batch/batch_compile.h).
// The cache folder: --cache-dir, else .flowc_cache beside the nearest pyproject.toml.
std::filesystem::path cache_dir_for(const CompileSettings& settings);

// The options an input is compiled with (its project's Argo version and
// external templates); `error` says what is wrong with its project.
CompileOptions compile_options_for(const Input& in, const CompileSettings& settings, ProjectFinder& projects,
                                   std::string& error);

// With `up_to_date`, an input it finds up to date is neither read nor compiled.
std::vector<Compiled> compile_all(const std::vector<Input>& inputs, const CompileSettings& settings,
                                  ProjectFinder& projects, CompileAllStats* stats = nullptr,
                                  UpToDate* up_to_date = nullptr);

}  // namespace flowc::cli
