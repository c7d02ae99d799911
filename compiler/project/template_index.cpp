#include "project/template_index.h"

#include "diag/source.h"
#include "lint/yaml_reader.h"

namespace flowc {

namespace {

using J = nlohmann::ordered_json;

bool is_template_kind(const std::string& kind) { return kind == "WorkflowTemplate" || kind == "ClusterWorkflowTemplate"; }

std::string name_of(const J& doc) {
  if (!doc.is_object() || !doc.contains("metadata") || !doc["metadata"].is_object()) return "";
  const J& n = doc["metadata"].value("name", J());
  return n.is_string() ? n.get<std::string>() : "";
}

// A {name, clusterScope} object, as both templateRef and workflowTemplateRef are.
void add_ref(const J& ref, std::vector<TemplateReference>& out) {
  if (!ref.is_object()) return;
  auto it = ref.find("name");
  if (it == ref.end() || !it->is_string()) return;
  std::string name = it->get<std::string>();
  if (name.empty() || name.find("{{") != std::string::npos) return;
  auto cs = ref.find("clusterScope");
  auto t = ref.find("template");
  out.push_back({name, cs != ref.end() && cs->is_boolean() && cs->get<bool>(),
                 t != ref.end() && t->is_string() ? t->get<std::string>() : ""});
}

// Walks the whole document: templateRef appears in DAG tasks, steps, hooks
// and (Argo 3.x) exit handlers, at any depth of the templates.
void walk(const J& v, std::vector<TemplateReference>& out) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key() == "templateRef" || it.key() == "workflowTemplateRef") add_ref(it.value(), out);
      else walk(it.value(), out);
    }
  } else if (v.is_array()) {
    for (const J& x : v) walk(x, out);
  }
}

}  // namespace

void TemplateIndex::add(const J& doc, std::string origin) {
  if (!doc.is_object() || !is_template_kind(doc.value("kind", "")) || name_of(doc).empty()) return;
  documents_.push_back(doc);
  origins_.push_back(std::move(origin));
}

void TemplateIndex::add_yaml(const std::string& name, const std::string& text) {
  // Cheap test first: most YAML of a repository is no WorkflowTemplate.
  if (text.find("WorkflowTemplate") == std::string::npos) return;
  SourceFile file(name, text);
  DiagnosticSink quiet;  // its own problems are flowc lint's to report
  for (auto& d : read_yaml(file, quiet)) add(d.doc, name);
}

bool TemplateIndex::has(const TemplateReference& ref) const {
  for (const J& d : documents_) {
    if (name_of(d) != ref.name || (d.value("kind", "") == "ClusterWorkflowTemplate") != ref.cluster) continue;
    if (ref.template_name.empty()) return true;
    const J* templates = d.contains("spec") && d["spec"].is_object() && d["spec"].contains("templates")
                             ? &d["spec"]["templates"] : nullptr;
    if (templates && templates->is_array())
      for (const J& t : *templates)
        if (t.is_object() && t.value("name", J()) == ref.template_name) return true;
    return false;
  }
  return false;
}

std::vector<TemplateReference> template_references(const J& doc) {
  std::vector<TemplateReference> out;
  walk(doc, out);
  return out;
}

}  // namespace flowc
