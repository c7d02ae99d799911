#include "backend/argo/argo_backend.h"

#include <algorithm>
#include <charconv>

namespace flowc {

namespace {

// Argo parameter values are strings; write what the user wrote as text.
Value stringify_scalar(const Value& v) {
  if (v.kind == Value::Kind::Int || v.kind == Value::Kind::Float || v.kind == Value::Kind::Bool)
    return Value::of_string(scalar_text(v), v.span);
  return v;
}

Document parameter_list(const Value& list) {
  Document out = Document::array();
  for (const auto& item : list.items) {
    Value p = item;
    for (const char* key : {"value", "default"})
      if (Value* f = p.get(key)) *f = stringify_scalar(*f);
    if (Value* e = p.get("enum"))
      for (auto& x : e->items) x = stringify_scalar(x);
    out.push_back(to_json(p));
  }
  return out;
}

Document io_block(const Value& params, const Value& artifacts) {
  Document out = Document::object();
  if (!params.items.empty()) out["parameters"] = parameter_list(params);
  if (!artifacts.items.empty()) out["artifacts"] = to_json(artifacts);
  return out;
}

const char* kind_name(WorkflowKind k) {
  switch (k) {
    case WorkflowKind::Workflow: return "Workflow";
    case WorkflowKind::WorkflowTemplate: return "WorkflowTemplate";
    case WorkflowKind::ClusterWorkflowTemplate: return "ClusterWorkflowTemplate";
    case WorkflowKind::CronWorkflow: return "CronWorkflow";
    case WorkflowKind::WorkflowEventBinding: return "WorkflowEventBinding";
  }
  return "Workflow";
}

Document task_doc(const Task& t, bool is_step) {
  Document d = Document::object();
  d["name"] = t.name;
  if (!is_step) {
    std::vector<std::string> deps;
    for (auto& x : t.dependencies) deps.push_back(x.task);
    for (auto& x : t.implicit_dependencies) deps.push_back(x.task);
    if (!deps.empty()) d["dependencies"] = deps;
    if (const Value* dep = t.fields.get("depends")) d["depends"] = to_json(*dep);
  }
  if (t.template_ref.is_dict()) d["templateRef"] = to_json(t.template_ref);
  else if (!t.template_name.empty()) d["template"] = t.template_name;
  Document args = io_block(t.parameters, t.artifacts);
  if (!args.empty()) d["arguments"] = args;
  for (auto& [k, v] : t.fields.fields)
    if (k != "depends") d[k] = to_json(v);
  return d;
}

Document template_doc(const Template& t) {
  Document d = Document::object();
  d["name"] = t.name;
  Document inputs = io_block(t.input_parameters, t.input_artifacts);
  if (!inputs.empty()) d["inputs"] = inputs;
  Document outputs = io_block(t.output_parameters, t.output_artifacts);
  if (!outputs.empty()) d["outputs"] = outputs;
  if (t.body_key.empty()) {  // a whole V1alpha1Template
    for (auto& [k, v] : t.body.fields)
      if (k != "name") d[k] = to_json(v);
  } else if (t.body_key == "dag") {
    Document tasks = Document::array();
    for (auto& task : t.tasks) tasks.push_back(task_doc(task, false));
    Document dag = Document{{"tasks", tasks}};
    for (auto& [k, v] : t.body.fields) dag[k] = to_json(v);
    d["dag"] = dag;
  } else if (t.body_key == "steps") {
    Document groups = Document::array();
    for (auto& group : t.steps) {
      Document g = Document::array();
      for (auto& step : group) g.push_back(task_doc(step, true));
      groups.push_back(g);
    }
    d["steps"] = groups;
  } else {
    d[t.body_key] = to_json(t.body);
  }
  for (auto& [k, v] : t.fields.fields) d[k] = to_json(v);
  return d;
}

}  // namespace

Document to_json(const Value& v) {
  switch (v.kind) {
    case Value::Kind::None: return nullptr;
    case Value::Kind::Bool: return v.boolean;
    case Value::Kind::Int: return v.integer;
    case Value::Kind::Float: return v.number;
    case Value::Kind::String: return v.text;
    case Value::Kind::List: {
      Document a = Document::array();
      for (auto& item : v.items) a.push_back(to_json(item));
      return a;
    }
    case Value::Kind::Dict: {
      Document o = Document::object();
      for (auto& [k, item] : v.fields) o[k] = to_json(item);
      return o;
    }
  }
  return nullptr;
}

Document to_argo(const Workflow& wf) {
  Document doc = Document::object();
  doc["apiVersion"] = "argoproj.io/v1alpha1";
  doc["kind"] = kind_name(wf.kind);
  Document meta = Document::object();
  // A Workflow gets a generated name (a fixed one fails on the second
  // submission); templates and cron workflows are named.
  if (wf.kind == WorkflowKind::Workflow) {
    if (!wf.metadata.get("name") && !wf.metadata.get("generateName")) meta["generateName"] = wf.name + "-";
  } else if (!wf.metadata.get("name")) {
    meta["name"] = wf.name;
  }
  for (auto& [k, v] : wf.metadata.fields) meta[k] = to_json(v);
  doc["metadata"] = meta;
  if (wf.kind == WorkflowKind::WorkflowEventBinding) {  // event and submit, as given
    Document spec = Document::object();
    for (auto& [k, v] : wf.spec.fields) spec[k] = to_json(v);
    doc["spec"] = spec;
    return doc;
  }

  Document spec = Document::object();
  bool has_main_template = std::any_of(wf.templates.begin(), wf.templates.end(), [](auto& t) { return t.name == "main"; });
  if (!wf.spec.get("entrypoint") && (!wf.tasks.empty() || has_main_template)) spec["entrypoint"] = "main";
  for (auto& [k, v] : wf.spec.fields) spec[k] = to_json(v);
  Document templates = Document::array();
  if (!wf.tasks.empty()) {
    Document main = Document::object();
    main["name"] = "main";
    Document tasks = Document::array();
    for (auto& t : wf.tasks) tasks.push_back(task_doc(t, false));
    main["dag"] = Document{{"tasks", tasks}};
    templates.push_back(main);
  }
  for (auto& t : wf.templates) templates.push_back(template_doc(t));
  if (!templates.empty()) spec["templates"] = templates;
  if (wf.kind == WorkflowKind::CronWorkflow) {
    Document cron = Document::object();
    for (auto& [k, v] : wf.cron.fields) cron[k] = to_json(v);
    cron["workflowSpec"] = spec;
    doc["spec"] = cron;
  } else {
    doc["spec"] = spec;
  }
  return doc;
}

}  // namespace flowc
