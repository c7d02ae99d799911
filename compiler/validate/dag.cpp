// DAG templates: dependencies, depends expressions, cycles.
#include "validate/validator.h"

#include <algorithm>
#include <string_view>

#include "validate/rules.h"

namespace flowc::validation {

void Validator::validate_dag(const J& t, const std::string& tp, Scope& scope, Base& base, const std::string& label) {
  if (get(t, "activeDeadlineSeconds"))
    report("E0708", tp + "/activeDeadlineSeconds", label + ".activeDeadlineSeconds is only valid for leaf templates", &base);
  for (auto& g : globals_) scope.keys.insert(g);
  const J* dag = get(t, "dag");
  const J* tasks = get(dag, "tasks");
  if (!tasks || !tasks->is_array() || tasks->empty())
    return report("E0707", tp + "/dag", label + " must have at least one task", &base);
  check_field_names(tasks, tp + "/dag/tasks", label + ".tasks", false, &base);
  std::vector<DagTask> ts(tasks->size());
  std::unordered_map<std::string, int> index;
  bool using_depends = false;
  for (size_t i = 0; i < tasks->size(); ++i) {
    ts[i].json = &(*tasks)[i];
    ts[i].name = text(*ts[i].json, "name");
    ts[i].ptr = tp + "/dag/tasks/" + std::to_string(i);
    index.emplace(ts[i].name, static_cast<int>(i));
    using_depends = using_depends || nonempty(*ts[i].json, "depends");
  }
  bool mixed_reported = false, continue_reported = false;
  for (auto& task : ts) {
    const J& tj = *task.json;
    std::string tl = label + ".tasks." + task.name;
    const J* dl = get(tj, "dependencies");
    bool has_deps = length(dl) > 0;
    if ((using_depends || has_deps) && !task.name.empty() && task.name[0] >= '0' && task.name[0] <= '9')
      report("E0707", task.ptr + "/name", tl + " name cannot begin with a digit when using either 'depends' or 'dependencies'", &base);
    if (using_depends && has_deps && !mixed_reported) {
      mixed_reported = true;
      report("E0707", task.ptr + "/dependencies", label + " cannot use both 'depends' and 'dependencies' in the same DAG template", &base);
    }
    if (using_depends && get(tj, "continueOn") && !continue_reported) {
      continue_reported = true;
      report("E0707", task.ptr + "/continueOn",
             label + " cannot use 'continueOn' when using 'depends'. Instead use 'dep-task.Failed'/'dep-task.Errored'", &base);
    }
    if (std::string dep = text(tj, "depends"); !dep.empty()) {
      DependsParse parsed = parse_depends(dep);
      if (!parsed.error.empty())
        report("E0706", task.ptr + "/depends", tl + ".depends '" + dep + "' is malformed: " + parsed.error + " (at offset " + std::to_string(parsed.error_offset) + ")", &base);
      for (auto& r : parsed.refs)
        if (!r.result.empty() && !is_task_result(r.result))
          report("E0706", task.ptr + "/depends", tl + " task result '" + r.result + "' for task '" + r.task +
                                                     "' is invalid (Succeeded, Failed, Errored, Skipped, Omitted, Daemoned, AnySucceeded or AllFailed)", &base);
      task.deps = std::move(parsed.refs);
    } else if (dl && dl->is_array()) {
      for (auto& d : *dl) task.deps.push_back({text(&d), "", 0});
    }
    static const J none = J::object();
    const J* args = get(tj, "arguments") ? get(tj, "arguments") : &none;
    call_ptr_ = task.ptr;
    call_base_ = &base;
    task.resolved = holder_template(tj, task.ptr, base, Args{args}, tl);
    call_ptr_.clear();
    if (!task.resolved && !get(tj, "template") && !get(tj, "templateRef") && !get(tj, "inline"))
      report("E0703", task.ptr, tl + " calls no template (template, templateRef or inline)", &base);
    bool aggregate = length(get(tj, "withItems")) > 0 || nonempty(tj, "withParam");
    add_outputs(task.resolved, "tasks", task.name, scope, aggregate);
    for (auto& d : task.deps) {
      auto it = index.find(d.task);
      if (it == index.end()) {
        report("E0707", task.ptr + (using_depends ? "/depends" : "/dependencies"), tl + " dependency '" + d.task + "' not defined", &base);
        continue;
      }
      task.dep_index.push_back(it->second);
      const J& dj = *ts[it->second].json;
      if (is_items_result(d.result) && length(get(dj, "withItems")) == 0 && !nonempty(dj, "withParam") && !get(dj, "withSequence"))
        report("E0707", task.ptr + "/depends", tl + " dependency '" + d.task +
                                                   "' uses an items-based condition such as .AnySucceeded or .AllFailed but does not contain any items", &base);
    }
  }
  if (!check_cycles(ts, label, base)) return;
  std::string target = text(get(dag, "target"));
  if (!target.empty()) {
    std::string ptr = tp + "/dag/target";
    check_text(target, ptr, scope, nullptr, base, label + ".targets");
    size_t start = 0;
    while (start <= target.size()) {
      size_t sp = target.find(' ', start);
      std::string name = target.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
      if (!rules::has_parameter(name) && !index.count(name))
        report("E0707", ptr, label + ".targets: target '" + name + "' is not defined", &base);
      if (sp == std::string::npos) break;
      start = sp + 1;
    }
  }
  for (size_t i = 0; i < ts.size(); ++i) {
    auto& task = ts[i];
    const J& tj = *task.json;
    std::string tl = label + ".tasks." + task.name;
    if (get(tj, "hooks")) scope.nodes["tasks." + task.name].status = true;
    Scope own;  // this task's loop and inline inputs
    if (!add_items(tj, task.ptr, own, base, tl)) continue;
    if (const J* in = get(get(tj, "inline"), "inputs"); in && get(in, "parameters"))
      for (auto& p : *get(in, "parameters")) own.keys.insert("inputs.parameters." + text(p, "name"));
    Extra extra = [&](const std::string& tag) {
      if (own.keys.count(tag) || ((tag == "item" || tag.starts_with("item.")) && own.any_item)) return true;
      // tasks.X.status and tasks.X.outputs.parameters (X looped): X an ancestor.
      if (!tag.starts_with("tasks.")) return false;
      size_t dot = tag.find('.', 6);
      if (dot == std::string::npos) return false;
      auto it = index.find(tag.substr(6, dot - 6));
      if (it == index.end()) return false;
      std::string rest = tag.substr(dot);
      const J& aj = *ts[it->second].json;
      bool looped = length(get(aj, "withItems")) > 0 || nonempty(aj, "withParam");
      bool ok = rest == ".status" || (looped && rest == ".outputs.parameters") ||
                (looped && (rest == ".outputs.result" || rest == ".exitCode"));
      return ok && is_ancestor(ts, static_cast<int>(i), it->second);
    };
    std::string ptr = task.ptr;
    if (get(tj, "inline")) {  // an inline template is checked as a template
      J without_inline = tj;
      without_inline.erase("inline");
      check_vars(without_inline, ptr, scope, &extra, base, tl);
    } else {
      check_vars(tj, ptr, scope, &extra, base, tl);
    }
    check_hooks(get(tj, "hooks"), task.ptr + "/hooks", tl + ".hooks", base);
    if (const J* a = get(tj, "arguments")) check_arguments(*a, task.ptr + "/arguments", tl + ".arguments.", false, &base);
    // Argo's validateDAGTaskArgumentDependency: {{tasks.X...}} arguments need X as an ancestor.
    const J* args = get(tj, "arguments");
    for (const char* kind : {"parameters", "artifacts"}) {
      const J* list = get(args, kind);
      if (!list || !list->is_array()) continue;
      for (size_t k = 0; k < list->size(); ++k) {
        std::string v = text((*list)[k], std::string_view(kind) == "parameters" ? "value" : "from");
        if (!v.starts_with("{{tasks.")) continue;
        size_t dot = v.find('.', 8);
        std::string ref = v.substr(8, dot == std::string::npos ? std::string::npos : dot - 8);
        auto it = index.find(ref);
        if (it != index.end() && is_ancestor(ts, static_cast<int>(i), it->second)) continue;
        report("E0707", task.ptr + "/arguments/" + kind + "/" + std::to_string(k),
               tl + " missing dependency '" + ref + "' for " + (std::string_view(kind) == "parameters" ? "parameter" : "artifact") +
                   " '" + text((*list)[k], "name") + "'", &base);
      }
    }
  }
}

// Whether `anc` is an ancestor of `task` (direct dependencies first: the common case).
bool Validator::is_ancestor(const std::vector<DagTask>& ts, int task, int anc) {
  for (int d : ts[task].dep_index)
    if (d == anc) return true;
  std::vector<int> stack(ts[task].dep_index.begin(), ts[task].dep_index.end());
  ++stamp_;
  if (mark_.size() < ts.size()) mark_.assign(ts.size(), 0);
  while (!stack.empty()) {
    int n = stack.back();
    stack.pop_back();
    if (n == anc) return true;
    if (mark_[n] == stamp_) continue;
    mark_[n] = stamp_;
    for (int d : ts[n].dep_index) stack.push_back(d);
  }
  return false;
}

// Iterative depth-first search (a DAG may be a chain of 100,000 tasks).
bool Validator::check_cycles(const std::vector<DagTask>& ts, const std::string& label, Base& base) {
  std::vector<uint8_t> state(ts.size(), 0);  // 0 new, 1 on the path, 2 done
  for (size_t root = 0; root < ts.size(); ++root) {
    if (state[root]) continue;
    std::vector<std::pair<int, size_t>> path{{static_cast<int>(root), 0}};
    state[root] = 1;
    while (!path.empty()) {
      auto& [n, next] = path.back();
      if (next < ts[n].dep_index.size()) {
        int d = ts[n].dep_index[next++];
        if (state[d] == 1) {
          std::string cycle;
          for (auto& [p, _] : path) cycle += ts[p].name + "->";
          report("E0707", ts[n].ptr, label + ".tasks dependency cycle detected: " + cycle + ts[d].name, &base);
          return false;
        }
        if (state[d] == 0) {
          state[d] = 1;
          path.push_back({d, 0});
        }
      } else {
        state[n] = 2;
        path.pop_back();
      }
    }
  }
  return true;
}

}  // namespace flowc::validation
