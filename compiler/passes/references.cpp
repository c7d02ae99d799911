#include "passes/references.h"

#include <algorithm>
#include <functional>
#include <tuple>
#include <set>
#include <unordered_map>

#include "diag/file_scope.h"
#include "passes/suggest.h"
#include "passes/template_ref_checks.h"

namespace flowc {

namespace {

// Where `inner` (a part of a string Value's text) is in the source: known
// for a plain literal, whose source is its text in quotes; else {} (escapes
// or concatenation shift it).
Span source_span(const Value& v, std::string_view inner) {
  if (v.span.end - v.span.begin != v.text.size() + 2) return {};
  uint32_t at = v.span.begin + 1 + static_cast<uint32_t>(inner.data() - v.text.data());
  return {at, at + static_cast<uint32_t>(inner.size())};
}

// Calls f(inner text, span of the string, span of the inner text if known)
// for each {{ ... }} in v's strings.
void each_ref(const Value& v, const std::function<void(std::string_view, Span, Span)>& f) {
  if (v.is_string()) {
    size_t pos = 0;
    while ((pos = v.text.find("{{", pos)) != std::string::npos) {
      size_t end = v.text.find("}}", pos + 2);
      if (end == std::string::npos) break;
      std::string_view inner = std::string_view(v.text).substr(pos + 2, end - pos - 2);
      while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
      while (!inner.empty() && inner.back() == ' ') inner.remove_suffix(1);
      f(inner, v.span, source_span(v, inner));
      pos = end + 2;
    }
  }
  for (auto& item : v.items) each_ref(item, f);
  for (auto& [k, item] : v.fields) each_ref(item, f);
}

std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    out.emplace_back(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

std::vector<std::string> names_of(const Value& list) {
  std::vector<std::string> out;
  for (auto& item : list.items)
    if (const Value* n = item.get("name"); n && n->is_string()) out.push_back(n->text);
  return out;
}

class Checker {
 public:
  Checker(const Workflow& wf, DiagnosticSink& sink) : wf_(wf), sink_(sink) {
    for (auto& t : wf.templates) by_name_[t.name] = &t;
    if (const Value* args = wf.spec.get("arguments"))
      if (const Value* ps = args->get("parameters")) workflow_params_ = names_of(*ps);
    // A workflow that takes its spec from a WorkflowTemplate gets arguments from there.
    // A WorkflowTemplate's workflow parameters may come from the workflow
    // (or event binding) that submits it: Argo's validator does not check
    // them either when it validates a template alone.
    open_workflow_params_ = wf.spec.get("workflowTemplateRef") != nullptr ||
                            wf.kind == WorkflowKind::WorkflowTemplate ||
                            wf.kind == WorkflowKind::ClusterWorkflowTemplate;
  }

  void run() {
    for (auto& t : wf_.templates) {
      if (t.broken) continue;
      FileScope in_file(sink_, t.file);  // an inherited template's diagnostics point into its file
      const Template* scope = &t;
      auto check = [&](const Value& v) {
        each_ref(v, [&](std::string_view ref, Span span, Span at) { one(ref, span, at, scope, nullptr, nullptr); });
      };
      check(t.body);
      check(t.fields);
      check(t.output_parameters);
      check(t.output_artifacts);
      for (auto& task : t.tasks) check_task(task, scope, &t.tasks, nullptr);
      for (auto& group : t.steps)
        for (auto& step : group) check_task(step, scope, nullptr, &t.steps);
    }
    for (auto& task : wf_.tasks) check_task(task, nullptr, &wf_.tasks, nullptr);
    each_ref(wf_.spec, [&](std::string_view ref, Span span, Span at) { one(ref, span, at, nullptr, nullptr, nullptr); });
  }

 private:
  void check_task(const Task& task, const Template* scope, const std::vector<Task>* tasks,
                  const std::vector<std::vector<Task>>* steps) {
    if (task.broken) return;
    FileScope in_file(sink_, task.file);
    // Arguments the called template does not take are ignored by Argo: most likely a typo.
    // (A typed reference's arguments are checked, as errors, by passes/template_ref_checks.h.)
    if (const Template* tpl = template_of(task); tpl && !tpl->broken && !task.ref_template) {
      for (auto [args, inputs, what] : {std::tuple{&task.parameters, &tpl->input_parameters, "parameter"},
                                        std::tuple{&task.artifacts, &tpl->input_artifacts, "artifact"}}) {
        auto known = names_of(*inputs);
        for (auto& a : args->items) {
          const Value* n = a.get("name");
          if (!n || !n->is_string() || std::find(known.begin(), known.end(), n->text) != known.end()) continue;
          auto& d = sink_.warning("W0302", n->span, std::string("argument ") + what + " '" + n->text +
                                                        "' is not an input of template '" + tpl->name + "'");
          std::string near = closest(n->text, known);
          if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
          suggest_fix(d, n->span, n->text, near);
        }
      }
    }
    for (const Value* v : {&task.parameters, &task.artifacts, &task.fields})
      each_ref(*v, [&](std::string_view ref, Span span, Span at) { one(ref, span, at, scope, tasks, steps); });
  }

  const Template* template_of(const Task& t) const {
    if (t.ref_template) return t.ref_template;  // a typed reference: the other module's template
    if (t.template_ref.is_dict()) return nullptr;
    auto it = by_name_.find(t.template_name);
    return it == by_name_.end() ? nullptr : it->second;
  }

  // `ref_at`: where the reference is in the source, if known; the unknown name is its last part.
  Diagnostic& unknown(Span span, Span ref_at, const std::string& what, const std::string& name,
                      const std::vector<std::string>& known, const std::string& where) {
    auto& d = sink_.error("E0310", span, "reference to unknown " + what + " '" + name + "'" + where);
    std::string near = closest(name, known);
    if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
    else if (known.empty()) d.notes.push_back({"there are none", std::nullopt});
    if (ref_at.end > ref_at.begin) suggest_fix(d, ref_at, name, near, /*at_end=*/true);
    return d;
  }

  // One reference, seen inside template `scope` (null: the workflow's main DAG or spec).
  void one(std::string_view ref, Span span, Span ref_at, const Template* scope, const std::vector<Task>* tasks,
           const std::vector<std::vector<Task>>* steps) {
    if (ref.starts_with("=")) return;  // an expression: Argo evaluates it
    auto parts = split(ref);
    if (parts.size() == 3 && parts[0] == "inputs" && (parts[1] == "parameters" || parts[1] == "artifacts")) {
      bool params = parts[1] == "parameters";
      std::vector<std::string> known;
      if (scope) known = names_of(params ? scope->input_parameters : scope->input_artifacts);
      for (auto& k : known)
        if (k == parts[2]) return;
      Diagnostic& d = unknown(span, ref_at, params ? "input parameter" : "input artifact", parts[2], known,
                              scope ? " of template '" + scope->name + "'" : " (the main DAG has no inputs)");
      // The other fix: declare the input (a closure's inputs are its parameters: no decorator).
      if (params && scope && !scope->closure && scope->decorate.valid && !scope->file)
        d.fixes.push_back({"add @inputs.parameter(name=\"" + parts[2] + "\") to template '" + scope->name + "'",
                           Span{scope->decorate.at, scope->decorate.at},
                           "@inputs.parameter(name=\"" + parts[2] + "\")\n" + scope->decorate.indent});
      return;
    }
    if (parts.size() == 3 && parts[0] == "workflow" && parts[1] == "parameters") {
      if (open_workflow_params_) return;
      // {{workflow.parameters.json}}: all parameters as JSON (Argo defines it when there are any).
      if (parts[2] == "json" && !workflow_params_.empty()) return;
      for (auto& k : workflow_params_)
        if (k == parts[2]) return;
      unknown(span, ref_at, "workflow parameter", parts[2], workflow_params_, "");
      return;
    }
    if (parts.size() >= 5 && (parts[0] == "tasks" || parts[0] == "steps") && parts[2] == "outputs" &&
        (parts[3] == "parameters" || parts[3] == "artifacts")) {
      const Task* target = nullptr;
      if (parts[0] == "tasks" && tasks) target = lookup(tasks, parts[1]);
      if (parts[0] == "steps" && steps) {
        for (auto& g : *steps)
          for (auto& t : g)
            if (t.name == parts[1]) target = &t;
      }
      if (!target || target->broken) return;  // unknown tasks are reported by the DAG pass
      const Template* tpl = template_of(*target);
      if (!tpl || tpl->broken) return;
      bool params = parts[3] == "parameters";
      auto known = names_of(params ? tpl->output_parameters : tpl->output_artifacts);
      for (auto& k : known)
        if (k == parts[4]) return;
      auto& d = unknown(span, parts.size() == 5 ? ref_at : Span{}, params ? "output parameter" : "output artifact",
                        parts[4], known,
                        " of template '" + tpl->name + "' (called by " + (parts[0] == "tasks" ? "task '" : "step '") +
                            target->name + "')");
      if (target->ref_template) d.notes.push_back(template_note(*target));
    }
  }

  // Tasks of one DAG by name, indexed on first use (a DAG may have 100,000 tasks).
  const Task* lookup(const std::vector<Task>* tasks, const std::string& name) {
    auto& index = task_index_[tasks];
    if (index.empty())
      for (auto& t : *tasks) index.emplace(t.name, &t);
    auto it = index.find(name);
    return it == index.end() ? nullptr : it->second;
  }

  const Workflow& wf_;
  DiagnosticSink& sink_;
  std::unordered_map<const std::vector<Task>*, std::unordered_map<std::string, const Task*>> task_index_;
  std::unordered_map<std::string, const Template*> by_name_;
  std::vector<std::string> workflow_params_;
  bool open_workflow_params_ = false;
};

}  // namespace

void check_references(const Workflow& wf, DiagnosticSink& sink) { Checker(wf, sink).run(); }

}  // namespace flowc
