#include "lsp/template_variables.h"

#include <algorithm>

namespace flowc::lsp {

namespace {

bool is_loop(const Member& m) { return m.has("with_items") || m.has("with_param") || m.has("with_sequence"); }

// The template whose inputs `{{inputs...}}` means here: the member itself, or
// the DAG / steps template a nested task is in. Top-level tasks are in the
// workflow's `main` DAG, which has no inputs.
const Member* template_here(const Place& p) {
  if (!p.cls || !p.member) return nullptr;
  if (p.member->kind == MemberKind::Task || p.member->kind == MemberKind::Step) return parent_of(*p.cls, *p.member);
  return p.member;
}

// The tasks (or steps) a reference here may name: the member's siblings.
std::vector<const Member*> siblings(const Place& p, MemberKind kind) {
  std::vector<const Member*> out;
  if (!p.cls || !p.member) return out;
  const Member* parent = parent_of(*p.cls, *p.member);
  if (parent) {
    for (auto& n : parent->nested)
      if (n.kind == kind && &n != p.member) out.push_back(&n);
  } else if (p.member->kind == MemberKind::Dag || p.member->kind == MemberKind::Steps) {
    for (auto& n : p.member->nested)  // a DAG's own fields (target, outputs) name its tasks
      if (n.kind == kind) out.push_back(&n);
  } else {
    for (auto& m : p.cls->members)
      if (m.kind == kind && &m != p.member) out.push_back(&m);
  }
  return out;
}

const Member* task_named(const Place& p, std::string_view name, MemberKind kind) {
  for (const Member* m : siblings(p, kind))
    if (m->name == name || m->method == name) return m;
  return nullptr;
}

const Member* called_template(const Place& p, const Member& task) {
  return p.cls && !task.calls.empty() ? p.cls->find(task.calls) : nullptr;
}

std::vector<Variable> names(const std::vector<std::string>& list, const std::string& detail) {
  std::vector<Variable> out;
  for (auto& n : list) out.push_back({n, detail});
  return out;
}

std::vector<Variable> fixed(std::initializer_list<std::pair<const char*, const char*>> list) {
  std::vector<Variable> out;
  for (auto& [n, d] : list) out.push_back({n, d});
  return out;
}

std::string code(std::string_view s) { return "`" + std::string(s) + "`"; }

}  // namespace

std::vector<std::string> split_path(std::string_view expression) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t dot = expression.find('.', start);
    out.emplace_back(expression.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

std::vector<Variable> variables_after(const std::vector<std::string>& path, const Place& place) {
  const Member* tpl = template_here(place);
  size_t n = path.size();
  if (n == 0) {
    std::vector<Variable> out = fixed({{"workflow", "the workflow: name, parameters, ..."}});
    if (tpl) out.push_back({"inputs", "inputs of template '" + tpl->name + "'"});
    if (!siblings(place, MemberKind::Task).empty()) out.push_back({"tasks", "the other tasks of this DAG"});
    if (!siblings(place, MemberKind::Step).empty()) out.push_back({"steps", "the steps of this steps template"});
    if (place.member && is_loop(*place.member)) out.push_back({"item", "the current item of the loop"});
    if (place.member && (place.member->kind == MemberKind::Template || place.member->kind == MemberKind::Closure))
      out.push_back({"pod", "the pod running this template"});
    return out;
  }
  const std::string& head = path[0];
  if (head == "inputs") {
    if (!tpl) return {};
    if (n == 1) return fixed({{"parameters", "input parameters"}, {"artifacts", "input artifacts"}});
    if (n == 2 && path[1] == "parameters")
      return names(tpl->input_parameters(), "input parameter of template '" + tpl->name + "'");
    if (n == 2 && path[1] == "artifacts")
      return names(tpl->declared("inputs.artifact"), "input artifact of template '" + tpl->name + "'");
    return {};
  }
  if (head == "tasks" || head == "steps") {
    MemberKind kind = head == "tasks" ? MemberKind::Task : MemberKind::Step;
    if (n == 1) {
      std::vector<Variable> out;
      for (const Member* m : siblings(place, kind))
        out.push_back({m->name, (kind == MemberKind::Task ? "task, calls '" : "step, calls '") + m->calls + "'"});
      return out;
    }
    const Member* task = task_named(place, path[1], kind);
    if (!task) return {};
    if (n == 2)
      return fixed({{"outputs", "the outputs of its template"},
                    {"id", "the node's id"},
                    {"ip", "the pod's IP address"},
                    {"status", "its phase: Succeeded, Failed, ..."},
                    {"startedAt", "when it started"},
                    {"finishedAt", "when it finished"},
                    {"exitCode", "the exit code of its main container"},
                    {"hostNodeName", "the node it ran on"}});
    if (n == 3 && path[2] == "outputs")
      return fixed({{"parameters", "output parameters"},
                    {"artifacts", "output artifacts"},
                    {"result", "the standard output of a container or script template"},
                    {"exitCode", "the exit code"}});
    const Member* target = called_template(place, *task);
    if (!target || n != 4 || path[2] != "outputs") return {};
    if (path[3] == "parameters")
      return names(target->declared("outputs.parameter"), "output parameter of template '" + target->name + "'");
    if (path[3] == "artifacts")
      return names(target->declared("outputs.artifact"), "output artifact of template '" + target->name + "'");
    return {};
  }
  if (head == "workflow") {
    if (n == 1)
      return fixed({{"parameters", "the workflow's parameters (the `arguments` setting)"},
                    {"name", "the workflow's name"},
                    {"namespace", "the workflow's namespace"},
                    {"uid", "the workflow's UID"},
                    {"serviceAccountName", "the workflow's service account"},
                    {"labels", "the workflow's labels"},
                    {"annotations", "the workflow's annotations"},
                    {"creationTimestamp", "when the workflow was created"},
                    {"priority", "the workflow's priority"},
                    {"status", "the workflow's status (exit handlers)"},
                    {"duration", "the workflow's duration in seconds (exit handlers)"},
                    {"mainEntrypoint", "the workflow's entrypoint template"}});
    if (n == 2 && path[1] == "parameters" && place.cls)
      return names(place.cls->workflow_parameters, "workflow parameter");
    return {};
  }
  if (head == "pod" && n == 1) return fixed({{"name", "the pod's name"}});
  return {};
}

const Member* referenced_task(std::string_view expression, const Place& place) {
  auto path = split_path(expression);
  if (path.size() < 2 || (path[0] != "tasks" && path[0] != "steps")) return nullptr;
  return task_named(place, path[1], path[0] == "tasks" ? MemberKind::Task : MemberKind::Step);
}

std::string describe_reference(std::string_view expression, const Place& place) {
  auto path = split_path(expression);
  size_t n = path.size();
  const Member* tpl = template_here(place);
  if (path[0] == "inputs" && n == 3 && tpl) {
    bool param = path[1] == "parameters";
    auto names = param ? tpl->input_parameters() : tpl->declared("inputs.artifact");
    if (std::find(names.begin(), names.end(), path[2]) == names.end()) return "";
    std::string out = std::string(param ? "Input parameter " : "Input artifact ") + code(path[2]) + " of template " +
                      code(tpl->name);
    for (auto& d : tpl->decorators)
      if (d.name == (param ? "inputs.parameter" : "inputs.artifact") && d.string("name") == path[2]) {
        if (std::string def = d.string("default"); !def.empty()) out += " (default " + code(def) + ")";
        if (std::string p = d.string("path"); !p.empty()) out += " at " + code(p);
      }
    return out + ".";
  }
  if ((path[0] == "tasks" || path[0] == "steps") && n >= 2) {
    const Member* task = referenced_task(expression, place);
    if (!task) return "";
    std::string what = std::string(path[0] == "tasks" ? "Task " : "Step ") + code(task->name);
    const Member* target = called_template(place, *task);
    std::string calls = target ? ", which calls template " + code(target->name) : "";
    if (n == 2) return what + calls + ".";
    if (n == 4 && path[2] == "outputs" && path[3] == "result") return "The standard output of " + what + calls + ".";
    if (n == 5 && path[2] == "outputs" && target) {
      bool param = path[3] == "parameters";
      auto names = target->declared(param ? "outputs.parameter" : "outputs.artifact");
      if (std::find(names.begin(), names.end(), path[4]) == names.end()) return "";
      return std::string(param ? "Output parameter " : "Output artifact ") + code(path[4]) + " of template " +
             code(target->name) + ", as produced by " + what + ".";
    }
    return what + calls + ": its " + code(std::string(expression.substr(path[0].size() + path[1].size() + 2))) + ".";
  }
  if (path[0] == "workflow" && n == 3 && path[1] == "parameters" && place.cls) {
    auto& names = place.cls->workflow_parameters;
    if (std::find(names.begin(), names.end(), path[2]) == names.end()) return "";
    return "Workflow parameter " + code(path[2]) + " (the `arguments` setting of " + code(place.cls->name) + ").";
  }
  if (path[0] == "item" && place.member && is_loop(*place.member))
    return "The current item of the loop of " + code(place.member->name) + ".";
  // Otherwise one of the fixed names, described by the list completion offers.
  std::vector<std::string> prefix(path.begin(), path.end() - 1);
  for (auto& v : variables_after(prefix, place))
    if (v.name == path.back()) return code(std::string(expression)) + ": " + v.detail + ".";
  return "";
}

}  // namespace flowc::lsp
