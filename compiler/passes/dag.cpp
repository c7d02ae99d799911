#include "passes/dag.h"

#include <algorithm>
#include <unordered_map>

#include "diag/file_scope.h"
#include "ir/names.h"
#include "passes/arguments.h"
#include "passes/suggest.h"
#include "passes/template_ref_checks.h"

namespace flowc {

namespace {

// Every "{{<prefix>.NAME." in the strings of v, with the span of the string it is in.
// A `{{tasks.<name>...}}` reference: the string's span, and the name's own
// when the string is a plain literal (its source is its text in quotes).
struct TaskRef {
  std::string name;
  Span span;
  Span name_at;
};

void find_refs(const Value& v, std::string_view prefix, std::vector<TaskRef>& out) {
  if (v.is_string()) {
    size_t pos = 0;
    while ((pos = v.text.find("{{", pos)) != std::string::npos) {
      size_t i = pos + 2;
      while (i < v.text.size() && v.text[i] == ' ') ++i;
      if (v.text.compare(i, prefix.size(), prefix) == 0 && v.text.compare(i + prefix.size(), 1, ".") == 0) {
        size_t start = i + prefix.size() + 1;
        size_t end = v.text.find_first_of(".}", start);
        if (end != std::string::npos && v.text[end] == '.') {
          Span at;
          if (v.span.end - v.span.begin == v.text.size() + 2)
            at = {v.span.begin + 1 + static_cast<uint32_t>(start), v.span.begin + 1 + static_cast<uint32_t>(end)};
          out.push_back({v.text.substr(start, end - start), v.span, at});
        }
      }
      pos = i;
    }
  }
  for (auto& item : v.items) find_refs(item, prefix, out);
  for (auto& [k, item] : v.fields) find_refs(item, prefix, out);
}

// Task names in an enhanced `depends` expression: "A && (B.Succeeded || !C.Failed)".
std::vector<std::pair<std::string, size_t>> depends_names(const std::string& expr) {
  std::vector<std::pair<std::string, size_t>> out;
  size_t i = 0;
  while (i < expr.size()) {
    char c = expr[i];
    bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!word) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < expr.size() && ((expr[i] >= 'a' && expr[i] <= 'z') || (expr[i] >= 'A' && expr[i] <= 'Z') ||
                               (expr[i] >= '0' && expr[i] <= '9') || expr[i] == '-' || expr[i] == '_'))
      ++i;
    out.emplace_back(expr.substr(start, i - start), start);
    if (i < expr.size() && expr[i] == '.') {  // .Succeeded, .Failed, .AnySucceeded, ...
      ++i;
      while (i < expr.size() && ((expr[i] >= 'a' && expr[i] <= 'z') || (expr[i] >= 'A' && expr[i] <= 'Z'))) ++i;
    }
  }
  return out;
}

// A task's fields, less its lifecycle hooks: a hook runs after the task, so it
// may use the task's own outputs and orders nothing.
Value without_hooks(const Value& fields) {
  Value out = Value::dict();
  for (auto& [k, v] : fields.fields)
    if (k != "hooks") out.set(k, v);
  return out;
}

struct Templates {
  std::unordered_map<std::string, const Template*> by_method, by_name;
  std::vector<std::string> methods;
  std::unordered_map<std::string, Span> helpers;  // methods without DSL decorators (ignored)
};

void resolve_template(Task& task, const Templates& tpl, const char* what, DiagnosticSink& sink) {
  if (task.ref_template) {  // a typed reference to another module's WorkflowTemplate
    if (!check_typed_call(task, sink)) task.broken = true;
    return;
  }
  if (task.template_ref.is_dict() || task.fields.get("inline")) return;  // another WorkflowTemplate's, or inline
  auto it = tpl.by_method.find(task.template_name);
  if (it == tpl.by_method.end()) {
    auto& d = sink.error("E0301", task.template_span,
                         std::string(what) + " '" + task.name + "' calls unknown template '" + task.template_name + "'");
    if (auto h = tpl.helpers.find(task.template_name); h != tpl.helpers.end())
      d.notes.push_back({"'" + task.template_name + "' is a method without a DSL decorator, which is not part of the "
                         "workflow (argo-python-dsl ignores it too); decorate it with @template",
                         h->second});
    else if (std::string near = closest(task.template_name, tpl.methods); !near.empty()) {
      d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
      suggest_fix(d, task.template_span, task.template_name, near, /*at_end=*/true);  // self.<name>
    }
    task.broken = true;
    return;
  }
  if (it->second->broken) {
    task.broken = true;
    return;
  }
  if (!bind_positional_arguments(task, *it->second, sink)) task.broken = true;
  task.template_name = it->second->name;
}

// Depth-first search for cycles, iterative so that a chain of 100,000 tasks
// does not exhaust the stack. Each cycle is reported once.
void find_cycles(std::vector<Task>& tasks, const std::unordered_map<std::string, size_t>& index, DiagnosticSink& sink) {
  std::vector<std::vector<std::pair<size_t, Span>>> edges(tasks.size());
  for (size_t i = 0; i < tasks.size(); ++i) {
    for (auto* list : {&tasks[i].dependencies, &tasks[i].implicit_dependencies})
      for (auto& dep : *list) {
        auto it = index.find(dep.task);
        if (it != index.end()) edges[i].emplace_back(it->second, dep.span);
      }
  }
  std::vector<int> colour(tasks.size(), 0);
  std::vector<std::pair<size_t, size_t>> stack;  // (task, next edge)
  for (size_t root = 0; root < tasks.size(); ++root) {
    if (colour[root]) continue;
    stack.push_back({root, 0});
    colour[root] = 1;
    while (!stack.empty()) {
      auto& [i, e] = stack.back();
      if (e == edges[i].size()) {
        colour[i] = 2;
        stack.pop_back();
        continue;
      }
      auto [j, span] = edges[i][e++];
      if (colour[j] == 0) {
        colour[j] = 1;
        stack.push_back({j, 0});
      } else if (colour[j] == 1 && !sink.at_limit()) {
        auto at = std::find_if(stack.begin(), stack.end(), [j = j](auto& p) { return p.first == j; });
        std::string cycle, explained;
        for (auto k = at; k != stack.end(); ++k) {
          cycle += tasks[k->first].name + " -> ";
          const std::string& next = (k + 1 != stack.end()) ? tasks[(k + 1)->first].name : tasks[j].name;
          explained += (explained.empty() ? "" : ", ") + tasks[k->first].name + " depends on " + next;
        }
        cycle += tasks[j].name;
        auto& d = sink.error("E0304", span, "dependency cycle: " + cycle);
        d.notes.push_back({explained, std::nullopt});
      }
    }
  }
}

// One DAG's tasks: names, templates, dependencies (explicit, `depends`, and
// implied by {{tasks.X...}} references), cycles.
void resolve_tasks(std::vector<Task>& tasks, const Templates& tpl, DiagnosticSink& sink) {
  std::unordered_map<std::string, size_t> index;
  std::vector<std::string> names;
  for (size_t i = 0; i < tasks.size(); ++i) {
    auto [it, fresh] = index.emplace(tasks[i].name, i);
    if (!fresh) {
      auto& d = sink.error("E0306", tasks[i].span, "two tasks are named '" + tasks[i].name + "'");
      d.notes.push_back({"the other one is here", tasks[it->second].span});
    }
    names.push_back(tasks[i].name);
  }
  auto find = [&](const std::string& ref) -> const Task* {
    auto it = index.find(ref);
    if (it == index.end()) it = index.find(method_to_name(ref));  // a method name is fine too
    return it == index.end() ? nullptr : &tasks[it->second];
  };
  auto unknown = [&](Span span, const std::string& msg, const std::string& ref) {
    auto& d = sink.error("E0302", span, msg);
    std::string near = closest(ref, names);
    if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
    suggest_fix(d, span, ref, near);  // @dependencies(["nam"]); not inside a longer `depends`
  };

  // First the declared order: @dependencies and the names in `depends`.
  std::vector<std::vector<std::string>> depends_on(tasks.size());
  for (size_t ti = 0; ti < tasks.size(); ++ti) {
    Task& task = tasks[ti];
    if (task.broken) continue;
    FileScope in_file(sink, task.file);  // an inherited task's diagnostics point into its file
    resolve_template(task, tpl, "task", sink);
    for (auto& dep : task.dependencies) {
      const Task* target = find(dep.task);
      if (!target) {
        unknown(dep.span, "task '" + task.name + "' depends on unknown task '" + dep.task + "'", dep.task);
        continue;
      }
      dep.task = target->name;
    }
    if (const Value* dep = task.fields.get("depends"); dep && dep->is_string()) {
      if (!task.dependencies.empty())
        sink.error("E0308", dep->span, "task '" + task.name + "' has both @dependencies and depends; use one");
      for (auto& [name, at] : depends_names(dep->text)) {
        const Task* target = find(name);
        if (!target) {
          unknown(dep->span, "task '" + task.name + "' depends on unknown task '" + name + "' in '" + dep->text + "'",
                  name);
          continue;
        }
        depends_on[ti].push_back(target->name);
      }
    }
  }
  // Whether `from` runs after `ancestor` through the declared order.
  auto runs_after = [&](size_t from, const std::string& ancestor) {
    std::vector<size_t> todo{from};
    std::vector<bool> seen(tasks.size(), false);
    while (!todo.empty()) {
      size_t i = todo.back();
      todo.pop_back();
      auto visit = [&](const std::string& name) {
        if (name == ancestor) return true;
        auto it = index.find(name);
        if (it != index.end() && !seen[it->second]) {
          seen[it->second] = true;
          todo.push_back(it->second);
        }
        return false;
      };
      for (auto& d : tasks[i].dependencies)
        if (visit(d.task)) return true;
      for (auto& d : depends_on[i])
        if (visit(d)) return true;
    }
    return false;
  };
  // Then what the references imply: {{tasks.X...}} in arguments, `when` and
  // loops needs X to have run first.
  for (size_t ti = 0; ti < tasks.size(); ++ti) {
    Task& task = tasks[ti];
    if (task.broken) continue;
    FileScope in_file(sink, task.file);
    std::vector<TaskRef> refs;
    find_refs(task.parameters, "tasks", refs);
    find_refs(task.artifacts, "tasks", refs);
    find_refs(without_hooks(task.fields), "tasks", refs);
    for (auto& [ref, span, name_at] : refs) {
      const Task* target = find(ref);
      if (!target) {
        auto& d = sink.error("E0303", span, "reference to unknown task '" + ref + "' in '{{tasks." + ref + "...}}'");
        std::string near = closest(ref, names);
        if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
        suggest_fix(d, name_at, ref, near);
        continue;
      }
      if (target->name == task.name) {
        sink.error("E0303", span, "task '" + task.name + "' refers to its own outputs");
        continue;
      }
      if (runs_after(ti, target->name)) continue;
      auto has = [&](const std::vector<Dependency>& v) {
        return std::any_of(v.begin(), v.end(), [&](const Dependency& d) { return d.task == target->name; });
      };
      if (has(task.implicit_dependencies)) continue;
      if (task.fields.get("depends")) {
        sink.error("E0309", span, "task '" + task.name + "' uses an output of '" + target->name +
                                      "' but its depends expression does not name it");
        continue;
      }
      auto& d = sink.warning("W0301", span,
                             "task '" + task.name + "' uses an output of '" + target->name +
                                 "' without depending on it; adding the dependency");
      d.notes.push_back({"Argo runs tasks without dependencies in parallel, so the output would not exist yet; "
                         "add \"" + target->name + "\" to @dependencies to silence this",
                         std::nullopt});
      // The fix: the name added to @dependencies, or a new @dependencies line.
      if (!task.dependencies.empty())
        d.fixes.push_back({"add \"" + target->name + "\" to @dependencies",
                           Span{task.dependencies.back().span.end, task.dependencies.back().span.end},
                           ", \"" + target->name + "\""});
      else if (task.decorate.valid)
        d.fixes.push_back({"add @dependencies([\"" + target->name + "\"])", Span{task.decorate.at, task.decorate.at},
                           "@dependencies([\"" + target->name + "\"])\n" + task.decorate.indent});
      task.implicit_dependencies.push_back({target->name, span});
    }
    for (auto& name : depends_on[ti]) task.implicit_dependencies.push_back({name, task.fields.get("depends")->span});
  }
  find_cycles(tasks, index, sink);
  // `depends` names were only needed for the cycle check; Argo reads the expression.
  for (auto& task : tasks)
    if (task.fields.get("depends")) task.implicit_dependencies.clear();
}

// Steps: each step's template, and {{steps.X...}} only to steps of earlier groups.
void resolve_steps(std::vector<std::vector<Task>>& groups, const Templates& tpl, DiagnosticSink& sink) {
  std::unordered_map<std::string, size_t> group_of;
  for (size_t g = 0; g < groups.size(); ++g)
    for (auto& s : groups[g]) {
      auto [it, fresh] = group_of.emplace(s.name, g);
      if (!fresh) sink.error("E0306", s.span, "two steps are named '" + s.name + "'");
    }
  for (size_t g = 0; g < groups.size(); ++g) {
    for (auto& step : groups[g]) {
      if (step.broken) continue;
      resolve_template(step, tpl, "step", sink);
      std::vector<TaskRef> refs;
      find_refs(step.parameters, "steps", refs);
      find_refs(step.artifacts, "steps", refs);
      find_refs(without_hooks(step.fields), "steps", refs);
      for (auto& [ref, span, name_at] : refs) {
        auto it = group_of.find(ref);
        if (it == group_of.end()) it = group_of.find(method_to_name(ref));
        if (it == group_of.end()) {
          sink.error("E0303", span, "reference to unknown step '" + ref + "' in '{{steps." + ref + "...}}'");
        } else if (it->second >= g) {
          sink.error("E0303", span, "step '" + step.name + "' uses an output of step '" + ref +
                                        "', which does not run before it");
        }
      }
    }
  }
}

}  // namespace

void resolve_dag(Workflow& wf, DiagnosticSink& sink) {
  Templates tpl;
  for (auto& t : wf.templates) {
    tpl.by_method[t.method] = &t;
    tpl.by_name[t.name] = &t;
    tpl.methods.push_back(t.method);
  }
  for (auto& [name, span] : wf.helpers) tpl.helpers.emplace(name, span);
  resolve_tasks(wf.tasks, tpl, sink);
  for (auto& t : wf.templates) {
    if (t.body_key == "dag") resolve_tasks(t.tasks, tpl, sink);
    if (t.body_key == "steps") resolve_steps(t.steps, tpl, sink);
  }

  // The entrypoint: `main` (the tasks' DAG, or a template named main) unless the class names one.
  bool has_main = !wf.tasks.empty() || tpl.by_name.count("main");
  const Value* ep = wf.spec.get("entrypoint");
  if (ep) {
    if (ep->is_string() && !tpl.by_name.count(ep->text) && !(ep->text == "main" && has_main) &&
        !wf.spec.get("workflowTemplateRef")) {  // then the entrypoint names a template of that one
      auto& d = sink.error("E0305", ep->span, "entrypoint '" + ep->text + "' is not a template of this workflow");
      std::vector<std::string> names;
      for (auto& t : wf.templates) names.push_back(t.name);
      if (has_main) names.push_back("main");
      std::string near = closest(ep->text, names);
      if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
      suggest_fix(d, ep->span, ep->text, near);
    }
  } else if ((wf.kind == WorkflowKind::Workflow || wf.kind == WorkflowKind::CronWorkflow) && !has_main &&
             !wf.spec.get("workflowTemplateRef") && !wf.broken_settings) {
    sink.error("E0305", wf.span, "workflow '" + wf.class_name + "' has no tasks and no entrypoint")
        .notes.push_back({"add @task methods, or set entrypoint = \"<template>\" in the class", std::nullopt});
  }
  if (!wf.tasks.empty() && tpl.by_name.count("main"))
    sink.error("E0307", tpl.by_name["main"]->span,
               "a template named 'main' clashes with the DAG flowc builds from the tasks, which is named 'main'");
}

}  // namespace flowc
