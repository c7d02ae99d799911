// The one place the list of inputs is compiled: read each input (bounded),
// find its Argo version, compile it. Results come back in input order, so
// what is printed and written does not depend on how the work was scheduled.
#pragma once
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
};

// Serial today. To run inputs in parallel: ProjectFinder caches by folder and
// is not thread-safe (look projects up first, or guard it), and results must
// stay in input order (the caller prints and writes them in that order).
std::vector<Compiled> compile_all(const std::vector<Input>& inputs, const CompileSettings& settings,
                                  ProjectFinder& projects);

}  // namespace flowc::cli
