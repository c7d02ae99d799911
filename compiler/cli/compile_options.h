// Everything `flowc compile` was asked to do: one struct, filled from the
// command line and [tool.flowc], read by the compile loop and the writer.
// (Other branches add their options here: diagnostics format and colour,
// jobs and cache.)
#pragma once
#include <string>
#include <vector>

#include "cli/inputs.h"
#include "cli/reporter.h"

namespace flowc::cli {

struct CompileSettings {
  std::vector<std::string> files;  // as given: files, folders, "-"
  std::string target = "argo";     // argo | peak
  std::string format = "yaml";     // yaml | json
  std::string output;              // -o: a file, or a folder (existing, or ending in '/'); "" : stdout
  std::string layout = "mirror";   // -o DIR/: mirror the input tree; "beside": each output next to its input
  bool warnings_as_errors = false;
  std::string argo_version;        // --argo-version ("": each file's project's, else the default)
  std::string python_version;      // --python-version ("": each file's project's, else the newest)
  bool check = false;              // --check: write nothing; exit 1 if an output would change
  bool diff = false;               // --diff: as --check, and print the unified diff
  InputOptions inputs;             // include/exclude/.gitignore/--stdin-filename
  Verbosity verbosity = Verbosity::Normal;
  // --- perf (issue 13, item 5): workers and the content cache (compiler/batch)
  unsigned jobs = 0;               // -j/--jobs: compile on this many threads (0: the machine's cores)
  bool no_cache = false;           // --no-cache: neither read nor write the cache
  std::string cache_dir;           // --cache-dir ("": .flowc_cache beside the nearest pyproject.toml, or here)
  // --- issue 23: --external-template NAME (more come from each file's [tool.flowc] external-templates)
  std::vector<std::string> external_templates;
};

}  // namespace flowc::cli
