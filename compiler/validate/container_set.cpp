// ContainerSet templates (validate.go:813-822): Argo's ContainerSetTemplate.Validate
// (pkg/apis/workflow/v1alpha1/container_set_template_types.go) and the
// containers a container set must or must not have.
#include "validate/validator.h"

#include <algorithm>
#include <functional>
#include <map>
#include <string_view>

#include "validate/rules.h"

namespace flowc::validation {

namespace {

// validateNoCycles (validation_utils.go): a depth-first search from each
// container in name order; "" if none, else the cycle as Argo words it ("a->b->a").
std::string dependency_cycle(const std::map<std::string, std::vector<std::string>>& graph) {
  std::map<std::string, bool> visited;
  std::vector<std::string> path;
  std::function<std::string(const std::string&)> visit = [&](const std::string& name) -> std::string {
    if (visited.count(name)) return "";
    auto it = graph.find(name);
    if (it == graph.end()) return "";
    for (auto& dep : it->second) {
      if (std::find(path.begin(), path.end(), dep) != path.end()) {
        std::string cycle;
        for (auto& p : path) cycle += (cycle.empty() ? "" : "->") + p;
        return cycle + "->" + dep;
      }
      path.push_back(dep);
      if (auto c = visit(dep); !c.empty()) return c;
      path.pop_back();
    }
    visited[name] = true;
    return "";
  };
  for (auto& [name, deps] : graph) {
    path.clear();
    if (auto c = visit(name); !c.empty()) return c;
  }
  return "";
}

}  // namespace

void Validator::check_container_set(const J& t, const J& cs, const std::string& tp, const std::string& label, Base& base) {
  const std::string cp = tp + "/containerSet";
  const std::string cl = label + ".containerSet";
  const J* list = get(cs, "containers");
  if (length(list) == 0) {
    report("E0708", cp, cl + ".containers must have at least one container", &base);
    return;
  }
  std::map<std::string, std::vector<std::string>> graph;
  std::map<std::string, size_t> first;
  bool main = false;
  for (size_t i = 0; i < list->size(); ++i) {
    const J& c = (*list)[i];
    std::string ip = cp + "/containers/" + std::to_string(i);
    std::string n = text(c, "name");
    main = main || n == "main";
    // validateWorkflowFieldNames(names, false): non-empty, a workflow field name, unique.
    if (n.empty()) {
      report("E0701", ip, cl + ".containers[" + std::to_string(i) + "].name is required", &base);
      continue;
    }
    if (auto e = rules::workflow_field_name_error(n); !e.empty())
      report("E0701", ip + "/name", cl + ".containers[" + std::to_string(i) + "].name: '" + n + "' is invalid: " + e, &base);
    if (!first.emplace(n, i).second)
      report("E0702", ip + "/name", cl + ".containers[" + std::to_string(i) + "].name '" + n + "' is not unique", &base);
    if (n == "init" || n == "wait" || n == "supervisor")
      report("E0708", ip + "/name", cl + ".containers[" + std::to_string(i) + "].name '" + n + "' is a reserved Argo container name", &base);
    if (!nonempty(c, "image") && !default_image(base, "container"))
      report("E0708", ip, cl + ".containers[" + std::to_string(i) + "].image may not be empty", &base);
    auto& deps = graph[n];
    if (const J* d = get(c, "dependencies"); d && d->is_array())
      for (auto& x : *d) deps.push_back(text(&x));
  }
  // Mount paths of the set's own volumeMounts are distinct.
  std::map<std::string, std::string> mounts;
  if (const J* vms = get(cs, "volumeMounts"); vms && vms->is_array())
    for (size_t i = 0; i < vms->size(); ++i) {
      std::string mp = text((*vms)[i], "mountPath");
      if (auto [it, fresh] = mounts.emplace(mp, "volumeMounts." + text((*vms)[i], "name")); !fresh)
        report("E0709", cp + "/volumeMounts/" + std::to_string(i) + "/mountPath",
               cl + ".volumeMounts[" + std::to_string(i) + "].mountPath '" + mp + "' already mounted in " + it->second, &base);
    }
  // Every dependency is a container of the set, and they form no cycle.
  bool all_defined = true;
  for (size_t i = 0; i < list->size(); ++i) {
    const J& c = (*list)[i];
    const J* d = get(c, "dependencies");
    if (!d || !d->is_array()) continue;
    for (size_t k = 0; k < d->size(); ++k) {
      std::string dep = text(&(*d)[k]);
      if (first.count(dep)) continue;
      all_defined = false;
      report("E0504", cp + "/containers/" + std::to_string(i) + "/dependencies/" + std::to_string(k),
             cl + ".containers." + text(c, "name") + " dependency '" + dep + "' not defined", &base);
    }
  }
  if (all_defined)
    if (auto cycle = dependency_cycle(graph); !cycle.empty())
      report("E0504", cp + "/containers", cl + ".containers dependency cycle detected: " + cycle, &base);
  // validate.go:817-821: inputs and outputs go through the container named "main".
  const J* out = get(t, "outputs");
  if ((length(get(get(t, "inputs"), "artifacts")) > 0 || length(get(out, "parameters")) > 0 || length(get(out, "artifacts")) > 0) && !main)
    report("E0708", cp, label + ".containerSet.containers must have a container named \"main\" for input or output", &base);
}

}  // namespace flowc::validation
