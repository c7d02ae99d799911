#include "run/validate_yaml.h"

#include <fstream>
#include <set>
#include <sstream>

#include "lint/lint.h"
#include "lint/yaml_reader.h"

namespace flowc::run {

namespace {

std::string template_key(const nlohmann::ordered_json& doc) {
  if (!doc.is_object() || !doc.contains("kind") || !doc["kind"].is_string()) return {};
  std::string kind = doc["kind"];
  if (kind != "WorkflowTemplate" && kind != "ClusterWorkflowTemplate") return {};
  const auto* meta = doc.contains("metadata") && doc["metadata"].is_object() ? &doc["metadata"] : nullptr;
  if (!meta || !meta->contains("name") || !(*meta)["name"].is_string()) return {};
  return kind + "/" + (*meta)["name"].get<std::string>();
}

// The WorkflowTemplates a text defines ("Kind/name").
void add_names(const std::string& name, const std::string& text, std::set<std::string>& names) {
  SourceFile file(name, text);
  DiagnosticSink ignored;  // the plan reports unreadable YAML
  for (auto& d : read_yaml(file, ignored))
    if (auto k = template_key(d.doc); !k.empty()) names.insert(k);
}

}  // namespace

YamlValidation validate_yaml(const std::string& text, const PlanOptions& options) {
  LintOptions o;
  // As `flowc lint` (Argo's Lint option): a workflow argument may lack a
  // value here; the run binds -p / --parameter-file later and says which one
  // is missing (E1202), the more precise of the two.
  o.argo_lint = true;
  o.entrypoint = options.entrypoint;
  o.parameters = options.parameters;
  std::set<std::string> given;  // names the folder's templates yield to
  add_names(options.path, text, given);
  for (auto& t : options.template_files) {
    std::ifstream in(t, std::ios::binary);
    if (!in) continue;  // the plan says it cannot read it (E1201)
    std::stringstream ss;
    ss << in.rdbuf();
    add_names(t, ss.str(), given);
    o.template_files.push_back({t, ss.str()});
  }
  // The plan registers the folder's templates first, then --templates, then
  // the file's own, each over the last: the validator sees the same ones.
  for (auto& d : options.project_templates)
    if (!given.count(template_key(d))) o.compiled_templates.push_back(d);
  // The run resolves templateRefs only among these; a reference to another
  // is Argo's own refusal (E0501), as in `flowc lint` of a folder.
  o.templates_complete = true;
  LintResult r = lint({{options.path, text}}, o);
  YamlValidation v;
  v.ok = r.ok;
  v.files = r.files;
  // Errors only: what refuses the run. Warnings are `flowc lint`'s to show.
  for (auto& d : r.diagnostics)
    if (d.severity == Severity::Error) v.errors.push_back(d);
  return v;
}

}  // namespace flowc::run
