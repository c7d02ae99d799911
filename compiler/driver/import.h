// `flowc import`: Argo YAML in, flowc DSL source out. A pipeline of its own
// (yaml reader -> documents -> python writer) that then checks its work: the
// written Python is compiled and must give back every document as data;
// anything else is an error, never a silently different workflow.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/source.h"
#include "ir/argo_version.h"
#include "pywriter/python_writer.h"

namespace flowc {

struct ImportResult {
  bool ok = false;
  std::string output;  // the Python source (empty unless ok)
  std::string draft;   // what was written, even when it failed the check (for debugging, never saved)
  std::vector<Diagnostic> diagnostics;
  std::shared_ptr<const SourceFile> file;  // the YAML, for rendering
  std::string render_diagnostics() const;
  // The WorkflowTemplate classes written (issue 23), for typed references
  // from the other files of a folder import.
  std::vector<pywriter::TemplateClass> template_classes;
};

struct ImportOptions {
  // --argo-version: the field tables the YAML is read against (a field the
  // version lacks is an error at its key), and the version the written
  // Python is checked with. `argo_version_text` as the user gave it ("" : the newest).
  ArgoVersion argo_version;
  std::string argo_version_text;
  // --python-version (issue 20): the Python the written source must read as;
  // the check compiles it as that version ("": the newest).
  std::string python_version;
  // --- issue 23: a folder import. Template classes of the other generated
  // modules (each with the module this file imports it from): templateRefs
  // to them are written as typed references. `modules` holds those modules'
  // Python by the path the written file's check finds them at (beside
  // `filename`), since nothing is written yet when the import is checked.
  const std::vector<pywriter::TemplateClass>* project = nullptr;
  const std::map<std::string, std::string>* modules = nullptr;
};

ImportResult import_yaml(std::string text, const std::string& filename, const ImportOptions& options = {});

}  // namespace flowc
