// Argo's validator before a YAML run (issue 21): the document is checked as
// `flowc lint` checks it (validate/, following workflow/validate/validate.go),
// as `argo submit` sends it (--entrypoint, -p and --parameter-file applied), so that `flowc run`
// refuses everything Argo's submission would refuse, with the validator's
// code at the document's line, before anything runs. A DSL file needs none
// of this: its compile already validated what it emits.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"
#include "diag/source.h"
#include "run/plan.h"

namespace flowc::run {

struct YamlValidation {
  bool ok = true;
  std::vector<Diagnostic> errors;                         // each with its file set
  std::vector<std::shared_ptr<const SourceFile>> files;  // the files the errors point into
};

// `text`: the file to run (options.path). The templates in scope are those
// the run resolves templateRefs in: --templates over the folder's
// (options.project_templates), the file's own over both.
YamlValidation validate_yaml(const std::string& text, const PlanOptions& options);

}  // namespace flowc::run
