#include "passes/arguments.h"

#include <algorithm>

namespace flowc {

namespace {

// The template's place, in its own file (a typed reference's template is in another module).
Note defined_at(const Template& tpl) {
  Note n{"template '" + tpl.method + "' is defined here", tpl.span};
  n.file = tpl.file;
  return n;
}

}  // namespace

bool bind_positional_arguments(Task& task, const Template& tpl, DiagnosticSink& sink) {
  bool ok = true;
  Value parameters = Value::list();
  Value artifacts = Value::list();
  for (size_t i = 0; i < task.positional.size(); ++i) {
    PositionalArgument& p = task.positional[i];
    if (i >= tpl.params.size()) {
      sink.error("E0214", p.span,
                 "template '" + tpl.method + "' takes " + std::to_string(tpl.params.size()) + " positional argument" +
                     (tpl.params.size() == 1 ? "" : "s") + " but " + std::to_string(task.positional.size()) +
                     " were given")
          .notes.push_back(defined_at(tpl));
      ok = false;
      break;
    }
    const std::string& name = tpl.params[i];
    if (std::find(task.keywords.begin(), task.keywords.end(), name) != task.keywords.end()) {
      sink.error("E0215", p.span, "argument '" + name + "' of template '" + tpl.method +
                                      "' is given both by position and by keyword");
      ok = false;
      continue;
    }
    if (std::find(tpl.scope_params.begin(), tpl.scope_params.end(), name) != tpl.scope_params.end()) {
      sink.error("E0215", p.span, "positional argument " + std::to_string(i + 1) + " would fill '" + name +
                                      "', the scope parameter of closure '" + tpl.method + "'");
      ok = false;
      continue;
    }
    if (!p.forwarded.empty()) continue;  // the task's own @parameter/@artifact: already an argument
    // A value for an argument the task's decorators already give
    // (`@parameter(name="message", value="{{item}}")` and
    // `self.whalesay("")`): argo-python-dsl takes arguments from the
    // decorators only, so the decorator's value is the one that runs.
    const Value& given = p.artifact ? task.artifacts : task.parameters;
    size_t decorated = std::min(p.artifact ? task.call_artifacts_at : task.call_parameters_at, given.items.size());
    bool by_decorator = false;
    for (size_t k = 0; k < decorated; ++k)
      if (const Value* n = given.items[k].get("name"); n && n->text == name) by_decorator = true;
    if (by_decorator) {
      sink.warning("W0204", p.span, "argument '" + name + "' is already given by the task's @" +
                                        (p.artifact ? "artifact" : "parameter") +
                                        "; this positional value is ignored, as argo-python-dsl ignores it");
      continue;
    }
    Value item = Value::dict(p.item.span);
    item.set("name", Value::of_string(name, p.span));
    for (auto& [k, v] : p.item.fields) item.set(k, v);
    (p.artifact ? artifacts : parameters).items.push_back(std::move(item));
  }
  // Positional arguments come first in the call, so first among the call's
  // arguments (after the task's @parameter / @artifact decorators).
  auto& params = task.parameters.items;
  params.insert(params.begin() + static_cast<long>(std::min(task.call_parameters_at, params.size())),
                parameters.items.begin(), parameters.items.end());
  auto& arts = task.artifacts.items;
  arts.insert(arts.begin() + static_cast<long>(std::min(task.call_artifacts_at, arts.size())),
              artifacts.items.begin(), artifacts.items.end());
  task.positional.clear();
  return ok;
}

}  // namespace flowc
