#include "backend/argo/argo_backend.h"

#include <algorithm>
#include <charconv>

namespace flowc {

namespace {

// Records v's span at `ptr`, and its items' and fields' below it.
// `file`: where the spans point (null: the compiled file; else an imported base class's).
void record(const Value& v, const std::string& ptr, SpanTable* spans, const SourceFile* file = nullptr) {
  if (!spans) return;
  spans->add(ptr, v.span, file);
  for (size_t i = 0; i < v.items.size(); ++i) record(v.items[i], ptr + pointer_token(i), spans, file);
  for (size_t i = 0; i < v.fields.size(); ++i) {
    std::string p = ptr + pointer_token(v.fields[i].first);
    record(v.fields[i].second, p, spans, file);
    spans->add(p, v.key_span(i), file);
  }
}

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

// `file`: the file of the template the task is in, for tasks that do not say.
Document task_doc(const Task& t, bool is_step, const std::string& ptr, SpanTable* spans, const SourceFile* file = nullptr) {
  if (spans) {
    const SourceFile* f = t.file ? t.file : file;
    spans->add(ptr, t.span, f);
    spans->add(ptr + "/name", t.span, f);
    spans->add(ptr + "/template", t.template_span, f);
    spans->add(ptr + "/templateRef", t.template_span, f);
    record(t.template_ref, ptr + "/templateRef", spans, f);
    record(t.parameters, ptr + "/arguments/parameters", spans, f);
    record(t.artifacts, ptr + "/arguments/artifacts", spans, f);
    if (!t.dependencies.empty()) spans->add(ptr + "/dependencies", t.dependencies.front().span, f);
    size_t k = 0;
    for (auto* list : {&t.dependencies, &t.implicit_dependencies})
      for (auto& x : *list) spans->add(ptr + "/dependencies" + pointer_token(k++), x.span, f);
    record(t.fields, ptr, spans, f);
  }
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

Document template_doc(const Template& t, const std::string& ptr, SpanTable* spans) {
  if (spans) {
    const SourceFile* f = t.file;
    spans->add(ptr, t.span, f);
    spans->add(ptr + "/name", t.span, f);
    record(t.input_parameters, ptr + "/inputs/parameters", spans, f);
    record(t.input_artifacts, ptr + "/inputs/artifacts", spans, f);
    record(t.output_parameters, ptr + "/outputs/parameters", spans, f);
    record(t.output_artifacts, ptr + "/outputs/artifacts", spans, f);
    std::string body = t.body_key.empty() ? ptr : t.body_key == "steps" ? "" : ptr + "/" + t.body_key;
    if (!body.empty()) record(t.body, body, spans, f);
    record(t.fields, ptr, spans, f);
  }
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
    for (auto& task : t.tasks) tasks.push_back(task_doc(task, false, ptr + "/dag/tasks" + pointer_token(tasks.size()), spans, t.file));
    Document dag = Document{{"tasks", tasks}};
    for (auto& [k, v] : t.body.fields) dag[k] = to_json(v);
    d["dag"] = dag;
  } else if (t.body_key == "steps") {
    Document groups = Document::array();
    for (auto& group : t.steps) {
      Document g = Document::array();
      for (auto& step : group)
        g.push_back(task_doc(step, true, ptr + "/steps" + pointer_token(groups.size()) + pointer_token(g.size()), spans, t.file));
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

Document to_argo(const Workflow& wf, SpanTable* spans) {
  if (wf.kind == WorkflowKind::Manifest) return to_json(wf.manifest);  // written back unchanged
  std::string sp = wf.kind == WorkflowKind::CronWorkflow ? "/spec/workflowSpec" : "/spec";
  if (spans) {
    spans->fallback = wf.span;
    spans->add("", wf.span);
    record(wf.metadata, "/metadata", spans);
    record(wf.spec, sp, spans);
    if (wf.kind == WorkflowKind::CronWorkflow) record(wf.cron, "/spec", spans);
  }
  Document doc = Document::object();
  doc["apiVersion"] = "argoproj.io/v1alpha1";
  doc["kind"] = kind_name(wf.kind);
  Document meta = Document::object();
  // A Workflow gets a generated name (a fixed one fails on the second
  // submission); templates and cron workflows are named.
  if (wf.nameless) {
    // `name = None` / `generate_name = None`: as written, unnamed (warned about).
  } else if (wf.kind == WorkflowKind::Workflow) {
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
    for (auto& t : wf.tasks) tasks.push_back(task_doc(t, false, sp + "/templates/0/dag/tasks" + pointer_token(tasks.size()), spans));
    main["dag"] = Document{{"tasks", tasks}};
    templates.push_back(main);
  }
  for (auto& t : wf.templates) templates.push_back(template_doc(t, sp + "/templates" + pointer_token(templates.size()), spans));
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
