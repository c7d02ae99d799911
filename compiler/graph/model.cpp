// Argo document -> graph model: tasks of each DAG template with their
// dependencies, steps of each steps template (every step of a group after
// every step of the group before), conditions and loops as node notes.
#include <cctype>
#include <map>

#include "graph/graph.h"

namespace flowc::graph {

namespace {

using json = nlohmann::ordered_json;

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// "withItems: 3 items" / "withParam: {{...}}" / "withSequence: count=5".
std::string loop_of(const json& task) {
  if (auto it = task.find("withItems"); it != task.end()) {
    size_t n = it->is_array() ? it->size() : 1;
    return "withItems: " + std::to_string(n) + (n == 1 ? " item" : " items");
  }
  if (auto it = task.find("withParam"); it != task.end()) return "withParam: " + text_of(*it);
  if (auto it = task.find("withSequence"); it != task.end()) {
    std::string out;
    if (it->is_object())
      for (auto f = it->begin(); f != it->end(); ++f) out += (out.empty() ? "" : " ") + f.key() + "=" + text_of(f.value());
    return "withSequence: " + out;
  }
  return "";
}

Node node_of(const json& task) {
  Node n;
  n.name = task.value("name", "");
  n.template_name = task.contains("template") && task["template"].is_string() ? task["template"].get<std::string>() : "";
  if (task.contains("templateRef") && task["templateRef"].is_object()) {
    const json& ref = task["templateRef"];
    bool cluster = ref.contains("clusterScope") && ref["clusterScope"].is_boolean() && ref["clusterScope"].get<bool>();
    n.template_name = ref.value("template", "");
    n.reference = std::string(cluster ? "ClusterWorkflowTemplate " : "WorkflowTemplate ") + ref.value("name", "");
  }
  if (auto it = task.find("when"); it != task.end()) n.condition = text_of(*it);
  n.loop = loop_of(task);
  return n;
}

void add_dag(Cluster& c, const json& tasks) {
  std::map<std::string, size_t> index;
  for (auto& t : tasks) {
    if (!t.is_object()) continue;
    index.emplace(t.value("name", ""), c.nodes.size());
    c.nodes.push_back(node_of(t));
  }
  size_t i = 0;
  for (auto& t : tasks) {
    if (!t.is_object()) continue;
    auto add = [&](const std::string& from, const std::string& label) {
      auto f = index.find(from);
      if (f == index.end()) return;
      for (auto& e : c.edges)  // `C.Succeeded || C.Failed`: one edge, both results on it
        if (e.from == f->second && e.to == i) {
          if (!label.empty()) e.label += (e.label.empty() ? "" : " or ") + label;
          return;
        }
      c.edges.push_back({f->second, i, label});
    };
    if (auto d = t.find("dependencies"); d != t.end() && d->is_array())
      for (auto& name : *d)
        if (name.is_string()) add(name.get<std::string>(), "");
    if (auto d = t.find("depends"); d != t.end() && d->is_string())
      for (auto& [name, result] : depends_names(d->get<std::string>())) add(name, result);
    ++i;
  }
}

void add_steps(Cluster& c, const json& groups) {
  std::vector<size_t> previous;
  for (auto& group : groups) {
    if (!group.is_array()) continue;
    std::vector<size_t> current;
    for (auto& step : group) {
      if (!step.is_object()) continue;
      current.push_back(c.nodes.size());
      c.nodes.push_back(node_of(step));
      for (size_t p : previous) c.edges.push_back({p, current.back(), ""});
    }
    if (!current.empty()) previous = std::move(current);
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> depends_names(const std::string& expr) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = 0;
  while (i < expr.size()) {
    if (!ident_char(expr[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < expr.size() && ident_char(expr[i])) ++i;
    std::string name = expr.substr(start, i - start), result;
    if (i < expr.size() && expr[i] == '.') {  // A.Succeeded, A.AnySucceeded, ...
      size_t r = ++i;
      while (i < expr.size() && ident_char(expr[i])) ++i;
      result = expr.substr(r, i - r);
    }
    out.emplace_back(std::move(name), std::move(result));
  }
  return out;
}

Graph from_document(const json& doc) {
  Graph g;
  if (!doc.is_object()) return g;
  if (auto m = doc.find("metadata"); m != doc.end() && m->is_object())
    g.name = m->contains("name") ? text_of((*m)["name"]) : m->contains("generateName") ? text_of((*m)["generateName"]) : "";
  auto spec = doc.find("spec");
  if (spec == doc.end() || !spec->is_object()) return g;
  g.entrypoint = spec->contains("entrypoint") ? text_of((*spec)["entrypoint"]) : "";
  auto templates = spec->find("templates");
  if (templates == spec->end() || !templates->is_array()) return g;
  for (auto& t : *templates) {
    if (!t.is_object()) continue;
    Cluster c;
    c.template_name = t.value("name", "");
    if (auto d = t.find("dag"); d != t.end() && d->is_object() && d->contains("tasks")) {
      c.kind = "dag";
      add_dag(c, (*d)["tasks"]);
    } else if (auto s = t.find("steps"); s != t.end() && s->is_array()) {
      c.kind = "steps";
      add_steps(c, *s);
    } else {
      continue;
    }
    g.clusters.push_back(std::move(c));
  }
  return g;
}

std::string write(const std::vector<Graph>& graphs, const std::string& format) {
  if (format == "dot") return to_dot(graphs);
  if (format == "mermaid") return to_mermaid(graphs);
  if (format == "svg") return to_svg(graphs);
  return "";
}

}  // namespace flowc::graph
