#include "run/validate_yaml.h"

#include <fstream>
#include <set>
#include <sstream>

#include "lint/lint.h"
#include "lint/yaml_reader.h"
#include "run/variables.h"

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

bool read_text(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  text = ss.str();
  return true;
}

// The values argo submit sets (ApplySubmitOpts): each -p, then each
// --parameter-file entry that no -p names. An unreadable file is left to the
// plan, which says so (E1212).
std::vector<std::pair<std::string, std::string>> submitted_parameters(const PlanOptions& options) {
  std::vector<std::pair<std::string, std::string>> out = options.parameters;
  std::string text;
  if (options.parameter_file.empty() || !read_text(options.parameter_file, text)) return out;
  SourceFile file(options.parameter_file, text);
  DiagnosticSink ignored;
  auto docs = read_yaml(file, ignored);
  if (ignored.has_errors() || docs.size() != 1 || !docs[0].doc.is_object()) return out;
  for (auto& [k, v] : docs[0].doc.items()) {
    bool passed = false;
    for (auto& p : options.parameters) passed = passed || p.first == k;
    if (!passed) out.emplace_back(k, v.is_string() ? v.get<std::string>() : value_text(nlohmann::json::parse(v.dump())));
  }
  return out;
}

}  // namespace

YamlValidation validate_yaml(const std::string& text, const PlanOptions& options) {
  LintOptions o;
  // As `flowc lint` (Argo's Lint option): a workflow argument may lack a
  // value here; the run binds -p / --parameter-file later and says which one
  // is missing (E1202), the more precise of the two.
  o.argo_lint = true;
  o.entrypoint = options.entrypoint;
  o.parameters = submitted_parameters(options);
  std::set<std::string> given;  // names the folder's templates yield to
  add_names(options.path, text, given);
  for (auto& t : options.template_files) {
    std::string t_text;
    if (!read_text(t, t_text)) continue;  // the plan says it cannot read it (E1201)
    add_names(t, t_text, given);
    o.template_files.push_back({t, t_text});
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
