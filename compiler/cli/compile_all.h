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
  Status status = Status::Ok;
  CompileResult result;
  std::string message;  // Failed without a result: the line to print; ReadError: "cannot read ..."
  bool skipped = false;  // a file from a folder with no workflow class (W0001 dropped)
};

std::vector<Compiled> compile_all(const std::vector<Input>& inputs, const CompileSettings& settings,
                                  ProjectFinder& projects);

}  // namespace flowc::cli
