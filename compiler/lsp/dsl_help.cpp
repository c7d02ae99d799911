#include "lsp/dsl_help.h"

#include "frontend/models.h"

namespace flowc::lsp {

const std::vector<DecoratorHelp>& decorators() {
  static const std::vector<DecoratorHelp> list = {
      {"template", "V1alpha1Template", "", "a template: the method returns its body (V1Container, V1alpha1ScriptTemplate, ...)"},
      {"closure", "V1alpha1ScriptTemplate", "", "a Python function that becomes a script template"},
      {"scope", "", "", "a function injected into the closures of its scope"},
      {"dag", "V1alpha1DAGTemplate", "", "a DAG template: its body holds @task methods"},
      {"steps", "V1alpha1Template", "steps", "a steps template: its body holds @step methods"},
      {"task", "V1alpha1DAGTask", "", "a task of the DAG: the method returns a template call"},
      {"step", "V1alpha1WorkflowStep", "", "a step: the method returns a template call"},
      {"parallel", "", "", "runs this step in the group of the step before it"},
      {"inputs.parameter", "V1alpha1Parameter", "", "an input parameter of the template"},
      {"inputs.artifact", "V1alpha1Artifact", "", "an input artifact of the template"},
      {"outputs.parameter", "V1alpha1Parameter", "", "an output parameter of the template"},
      {"outputs.artifact", "V1alpha1Artifact", "", "an output artifact of the template"},
      {"parameter", "V1alpha1Parameter", "", "an argument parameter of the task"},
      {"artifact", "V1alpha1Artifact", "", "an argument artifact of the task"},
      {"dependencies", "V1alpha1DAGTask", "dependencies", "the tasks this task runs after"},
      {"depends", "V1alpha1DAGTask", "depends", "the task's depends expression"},
      {"when", "V1alpha1DAGTask", "when", "the condition under which the task runs"},
      {"with_items", "V1alpha1DAGTask", "withItems", "runs the task once per item"},
      {"with_param", "V1alpha1DAGTask", "withParam", "runs the task once per item of a JSON list"},
      {"with_sequence", "V1alpha1DAGTask", "withSequence", "runs the task once per number of a sequence"},
      {"continue_on", "V1alpha1DAGTask", "continueOn", "lets the DAG go on when the task fails or errors"},
  };
  return list;
}

const DecoratorHelp* find_decorator(std::string_view name) {
  if (!name.starts_with("inputs.") && !name.starts_with("outputs."))
    if (size_t dot = name.rfind('.'); dot != std::string_view::npos) name = name.substr(dot + 1);
  for (auto& d : decorators())
    if (name == d.name) return &d;
  return nullptr;
}

const char* keyword_model(std::string_view callee) {
  const DecoratorHelp* d = find_decorator(callee);
  if (d && *d->model && !*d->field && std::string_view(d->name) != "closure") return d->model;
  if (size_t dot = callee.rfind('.'); dot != std::string_view::npos) callee = callee.substr(dot + 1);  // dsl.V1Container
  const models::Model* m = models::find_model(callee);
  return m ? m->python : nullptr;
}

}  // namespace flowc::lsp
