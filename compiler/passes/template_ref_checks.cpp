#include "passes/template_ref_checks.h"

#include <algorithm>

#include "frontend/template_refs.h"
#include "passes/arguments.h"
#include "passes/suggest.h"

namespace flowc {

namespace {

std::vector<std::string> names_of(const Value& list) {
  std::vector<std::string> out;
  for (auto& item : list.items)
    if (const Value* n = item.get("name"); n && n->is_string()) out.push_back(n->text);
  return out;
}

bool has(const std::vector<std::string>& names, const std::string& n) {
  return std::find(names.begin(), names.end(), n) != names.end();
}

bool truthy(const Value* v) { return v && v->kind == Value::Kind::Bool && v->boolean; }

// An input parameter the caller must give: one with neither a value nor a
// default (Argo fails such a node with "inputs.parameters.X was not supplied",
// workflow/controller/operator.go, and its validator rejects the call:
// validate.go validateTemplate -> validateInputs' ResolveAllInputs).
bool needs_parameter(const Value& p) { return !p.get("value") && !p.get("default") && !p.get("valueFrom"); }

// An input artifact the caller must give: not optional, and with no source of
// its own (from, a location such as s3/git/http/raw, ...).
bool needs_artifact(const Value& a) {
  if (truthy(a.get("optional"))) return false;
  for (const char* k : {"from", "fromExpression", "raw", "s3", "git", "http", "artifactory", "hdfs", "oss", "gcs",
                        "azure", "plugin"})
    if (a.get(k)) return false;
  return true;
}

}  // namespace

Note template_note(const Task& task) {
  const Template& tpl = *task.ref_template;
  Note n{"template '" + tpl.name + "' of " + describe_template_class(*task.ref_workflow) + " is defined here",
         tpl.span};
  n.file = tpl.file;
  return n;
}

bool check_typed_call(Task& task, DiagnosticSink& sink) {
  const Template& tpl = *task.ref_template;
  bool ok = bind_positional_arguments(task, tpl, sink);
  std::string callee = "template '" + tpl.name + "' of " + describe_template_class(*task.ref_workflow);
  struct Kind {
    const Value* given;
    const Value* inputs;
    const char* what;
  };
  for (const Kind& k : {Kind{&task.parameters, &tpl.input_parameters, "parameter"},
                        Kind{&task.artifacts, &tpl.input_artifacts, "artifact"}}) {
    std::vector<std::string> known = names_of(*k.inputs), given;
    for (const Value& a : k.given->items) {
      const Value* n = a.get("name");
      if (!n || !n->is_string()) continue;
      given.push_back(n->text);
      if (has(known, n->text)) continue;
      auto& d = sink.error("E1304", n->span, std::string("argument ") + k.what + " '" + n->text +
                                                 "' is not an input of " + callee);
      std::string near = closest(n->text, known);
      if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
      else if (known.empty()) d.notes.push_back({std::string("it takes no input ") + k.what + "s", std::nullopt});
      suggest_fix(d, n->span, n->text, near);
      d.notes.push_back(template_note(task));
      ok = false;
    }
    for (const Value& in : k.inputs->items) {
      const Value* n = in.get("name");
      if (!n || !n->is_string() || has(given, n->text)) continue;
      bool param = std::string(k.what) == "parameter";
      if (param ? !needs_parameter(in) : !needs_artifact(in)) continue;
      auto& d = sink.error("E1305", task.template_span, "task '" + task.name + "' calls " + callee +
                                                            " without its input " + k.what + " '" + n->text + "'");
      Note at{std::string("input ") + k.what + " '" + n->text + "' is declared here, with no " +
                  (param ? "value or default" : "source, and not optional"),
              in.span};
      at.file = tpl.file;
      d.notes.push_back(std::move(at));
      ok = false;
    }
  }
  return ok;
}

}  // namespace flowc
