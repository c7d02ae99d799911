#include "passes/dag.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "ir/names.h"
#include "passes/suggest.h"

namespace flowc {

namespace {

// Every "{{tasks.NAME." in the strings of v, with the span of the string it is in.
void find_task_refs(const Value& v, std::vector<std::pair<std::string, Span>>& out) {
  if (v.is_string()) {
    size_t pos = 0;
    while ((pos = v.text.find("{{", pos)) != std::string::npos) {
      size_t i = pos + 2;
      while (i < v.text.size() && v.text[i] == ' ') ++i;
      if (v.text.compare(i, 6, "tasks.") == 0) {
        size_t start = i + 6;
        size_t end = v.text.find('.', start);
        size_t close = v.text.find("}}", start);
        if (end != std::string::npos && (close == std::string::npos || end < close))
          out.emplace_back(v.text.substr(start, end - start), v.span);
      }
      pos = i;
    }
  }
  for (auto& item : v.items) find_task_refs(item, out);
  for (auto& [k, item] : v.fields) find_task_refs(item, out);
}

}  // namespace

void resolve_dag(Workflow& wf, DiagnosticSink& sink) {
  // Templates by method name and by Argo name; tasks by Argo name and method.
  std::unordered_map<std::string, const Template*> by_method, by_name;
  std::vector<std::string> method_names;
  for (auto& t : wf.templates) {
    by_method[t.method] = &t;
    by_name[t.name] = &t;
    method_names.push_back(t.method);
  }
  std::unordered_map<std::string, size_t> task_index;
  std::vector<std::string> task_names;
  for (size_t i = 0; i < wf.tasks.size(); ++i) {
    auto& t = wf.tasks[i];
    auto [it, fresh] = task_index.emplace(t.name, i);
    if (!fresh) {
      auto& d = sink.error("E0306", t.span, "two tasks are named '" + t.name + "'");
      d.notes.push_back({"the other one is here", wf.tasks[it->second].span});
    }
    task_names.push_back(t.name);
  }
  auto task_for = [&](const std::string& ref) -> const Task* {
    auto it = task_index.find(ref);
    if (it == task_index.end()) it = task_index.find(method_to_name(ref));  // a method name is fine too
    return it == task_index.end() ? nullptr : &wf.tasks[it->second];
  };

  for (auto& task : wf.tasks) {
    if (task.broken) continue;
    auto tit = by_method.find(task.template_name);
    if (tit != by_method.end() && tit->second->broken) continue;
    if (tit == by_method.end()) {
      auto& d = sink.error("E0301", task.template_span,
                           "task '" + task.name + "' calls unknown template '" + task.template_name + "'");
      std::string near = closest(task.template_name, method_names);
      if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
    } else {
      task.template_name = tit->second->name;
    }
    for (auto& dep : task.dependencies) {
      const Task* target = task_for(dep.task);
      if (!target) {
        auto& d = sink.error("E0302", dep.span, "task '" + task.name + "' depends on unknown task '" + dep.task + "'");
        std::string near = closest(dep.task, task_names);
        if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
        continue;
      }
      dep.task = target->name;
    }
    // {{tasks.X.outputs...}} in the arguments needs X to have run first.
    std::vector<std::pair<std::string, Span>> refs;
    find_task_refs(task.parameters, refs);
    find_task_refs(task.artifacts, refs);
    for (auto& [ref, span] : refs) {
      const Task* target = task_for(ref);
      if (!target) {
        auto& d = sink.error("E0303", span, "reference to unknown task '" + ref + "' in '{{tasks." + ref + "...}}'");
        std::string near = closest(ref, task_names);
        if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
        continue;
      }
      if (target->name == task.name) {
        sink.error("E0303", span, "task '" + task.name + "' refers to its own outputs");
        continue;
      }
      auto has = [&](const std::vector<Dependency>& v) {
        return std::any_of(v.begin(), v.end(), [&](const Dependency& d) { return d.task == target->name; });
      };
      if (has(task.dependencies) || has(task.implicit_dependencies)) continue;
      auto& d = sink.warning("W0301", span,
                             "task '" + task.name + "' uses an output of '" + target->name +
                                 "' without depending on it; adding the dependency");
      d.notes.push_back({"Argo runs tasks without dependencies in parallel, so the output would not exist yet; "
                         "add \"" + target->name + "\" to @dependencies to silence this",
                         std::nullopt});
      task.implicit_dependencies.push_back({target->name, span});
    }
  }

  // Cycles: depth-first search with colours; report each cycle once.
  std::vector<int> colour(wf.tasks.size(), 0);
  std::vector<size_t> stack;
  std::function<void(size_t)> visit = [&](size_t i) {
    colour[i] = 1;
    stack.push_back(i);
    auto deps = wf.tasks[i].dependencies;
    deps.insert(deps.end(), wf.tasks[i].implicit_dependencies.begin(), wf.tasks[i].implicit_dependencies.end());
    for (auto& dep : deps) {
      auto it = task_index.find(dep.task);
      if (it == task_index.end()) continue;
      size_t j = it->second;
      if (colour[j] == 1) {
        auto at = std::find(stack.begin(), stack.end(), j);
        std::string cycle, explained;
        for (auto k = at; k != stack.end(); ++k) {
          cycle += wf.tasks[*k].name + " -> ";
          const std::string& next = (k + 1 != stack.end()) ? wf.tasks[*(k + 1)].name : wf.tasks[j].name;
          explained += (explained.empty() ? "" : ", ") + wf.tasks[*k].name + " depends on " + next;
        }
        cycle += wf.tasks[j].name;
        auto& d = sink.error("E0304", dep.span, "dependency cycle: " + cycle);
        d.notes.push_back({explained, std::nullopt});
      } else if (colour[j] == 0) {
        visit(j);
      }
    }
    stack.pop_back();
    colour[i] = 2;
  };
  // Iterative deepening is not needed: depth is bounded by the task count,
  // and the DSL's tasks are methods of one class.
  for (size_t i = 0; i < wf.tasks.size(); ++i)
    if (colour[i] == 0) visit(i);

  // The entrypoint: `main` (the tasks' DAG) unless the class names one.
  const Value* ep = wf.spec.get("entrypoint");
  if (ep) {
    if (!ep->is_string()) {
      sink.error("E0204", ep->span, std::string("entrypoint must be a str, got ") + ep->type_name());
    } else if (!by_name.count(ep->text) && !(ep->text == "main" && !wf.tasks.empty())) {
      auto& d = sink.error("E0305", ep->span, "entrypoint '" + ep->text + "' is not a template of this workflow");
      std::vector<std::string> names;
      for (auto& t : wf.templates) names.push_back(t.name);
      if (!wf.tasks.empty()) names.push_back("main");
      std::string near = closest(ep->text, names);
      if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
    }
  } else if (wf.kind == WorkflowKind::Workflow || wf.kind == WorkflowKind::CronWorkflow) {
    if (wf.tasks.empty())
      sink.error("E0305", wf.span, "workflow '" + wf.class_name + "' has no tasks and no entrypoint")
          .notes.push_back({"add @task methods, or set entrypoint = \"<template>\" in the class", std::nullopt});
  }
  if (!wf.tasks.empty() && by_name.count("main"))
    sink.error("E0307", by_name["main"]->span,
               "a template named 'main' clashes with the DAG flowc builds from the tasks, which is named 'main'");
}

}  // namespace flowc
