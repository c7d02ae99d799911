// The project-wide index of WorkflowTemplates (issue 23): every
// WorkflowTemplate and ClusterWorkflowTemplate the inputs of one `flowc
// compile` / `flowc lint` define, and every reference to one (templateRef in
// a DAG task, step or hook; spec.workflowTemplateRef), so that a reference
// can be checked against the whole project, not only its own file.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowc {

struct TemplateReference {
  std::string name;      // the resource's metadata name
  bool cluster = false;  // clusterScope: a ClusterWorkflowTemplate
  std::string template_name;  // templateRef's template ("" : a workflowTemplateRef)
};

class TemplateIndex {
 public:
  // Keeps `doc` if it is a WorkflowTemplate or ClusterWorkflowTemplate with
  // a name; `origin` says where it is defined (a file name), for messages.
  void add(const nlohmann::ordered_json& doc, std::string origin = "");
  // Keeps the WorkflowTemplates of a YAML text (a file of the project that
  // flowc does not compile: kubectl's manifests beside the Python); a text
  // that does not parse adds nothing (`flowc lint` reports it).
  void add_yaml(const std::string& name, const std::string& text);
  // The resource is indexed, and (a templateRef) has the template named.
  bool has(const TemplateReference& ref) const;
  const std::vector<nlohmann::ordered_json>& documents() const { return documents_; }
  // Where documents()[i] is defined, as given to add() ("" : not said).
  const std::string& origin(size_t i) const { return origins_[i]; }

 private:
  std::vector<nlohmann::ordered_json> documents_;
  std::vector<std::string> origins_;  // one per document
};

// Every templateRef and workflowTemplateRef in `doc` whose name is a plain
// string (a "{{...}}" name is resolved at run time, so not checked).
std::vector<TemplateReference> template_references(const nlohmann::ordered_json& doc);

}  // namespace flowc
