// `flowc import`: Argo YAML in, flowc DSL source out. A pipeline of its own
// (yaml reader -> documents -> python writer) that then checks its work: the
// written Python is compiled and must give back every document as data;
// anything else is an error, never a silently different workflow.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/source.h"
#include "ir/argo_version.h"

namespace flowc {

struct ImportResult {
  bool ok = false;
  std::string output;  // the Python source (empty unless ok)
  std::string draft;   // what was written, even when it failed the check (for debugging, never saved)
  std::vector<Diagnostic> diagnostics;
  std::shared_ptr<const SourceFile> file;  // the YAML, for rendering
  std::string render_diagnostics() const;
};

struct ImportOptions {
  // --argo-version: the field tables the YAML is read against (a field the
  // version lacks is an error at its key), and the version the written
  // Python is checked with. `argo_version_text` as the user gave it ("" : the newest).
  ArgoVersion argo_version;
  std::string argo_version_text;
};

ImportResult import_yaml(std::string text, const std::string& filename, const ImportOptions& options = {});

}  // namespace flowc
