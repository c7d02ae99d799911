// spec.templateDefaults (issue 21): Argo merges the workflow's
// templateDefaults into every template it executes, the template's own
// fields winning (workflow/controller/operator.go executeTemplate ->
// woc.mergedTemplateDefaultsInto, v4.1.2: a strategic merge patch of the
// template onto the defaults, with wfv1.Template's patch strategies).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace flowc::run {

// The template with `defaults` merged under it, as Kubernetes'
// strategicpatch.StrategicMergePatch(defaults, template, wfv1.Template{})
// computes it: objects merge key by key (the template's value wins), lists
// whose Go field carries patchStrategy "merge" merge element by element on
// their patchMergeKey (inputs/outputs parameters and artifacts by name,
// container env by name, volumeMounts by mountPath, ...), other lists and
// scalars are the template's. `error` is set, as Argo's "template type
// mismatch" conflict, when the defaults would change the template's type.
nlohmann::ordered_json merge_template_defaults(const nlohmann::ordered_json& defaults,
                                               const nlohmann::ordered_json& tmpl, std::string& error);

}  // namespace flowc::run
