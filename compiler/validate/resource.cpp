// Resource templates: the resource part of Argo's validateLeaf (validate.go:823-864).
#include "validate/validator.h"

#include <string_view>

#include "validate/rules.h"

namespace flowc::validation {

namespace {

// Argo's SubstituteResourceManifestExpressions (validate.go:116-128): every
// {{=expression}} becomes a placeholder, so that an unquoted expression
// (`containerPort: {{=asInt(x)}}`) does not make the manifest invalid YAML.
// Like Go's `{{\s*=\s*(.+?)\s*}}`, the expression is on one line.
std::string substitute_manifest_expressions(const std::string& m) {
  std::string out;
  size_t i = 0;
  while (i < m.size()) {
    size_t open = m.find("{{", i);
    if (open == std::string::npos) break;
    size_t j = open + 2;
    while (j < m.size() && (m[j] == ' ' || m[j] == '\t')) ++j;
    size_t close = j < m.size() && m[j] == '=' ? m.find("}}", j + 2) : std::string::npos;
    size_t eol = m.find('\n', j);
    if (close == std::string::npos || (eol != std::string::npos && eol < close)) {
      out.append(m, i, open + 2 - i);
      i = open + 2;
      continue;
    }
    out.append(m, i, open - i);
    out += std::string(kPlaceholder) + "expression";
    i = close + 2;
  }
  out.append(m, i, std::string::npos);
  return out;
}

bool valid_action(const std::string& a) {
  return a == "get" || a == "create" || a == "apply" || a == "delete" || a == "replace" || a == "patch";
}

}  // namespace

void Validator::check_resource(const J& t, const J& r, const std::string& tp, const std::string& label, Base& base) {
  std::string action = text(get(r, "action"));
  // validate.go:825: an action that was a variable ({{inputs.parameters.action}}) is a placeholder by now.
  if (!is_placeholder(action) && !valid_action(action))
    report("E0708", tp + "/resource/action", label + ".resource.action must be one of: get, create, apply, delete, replace, patch", &base);
  if (action == "delete" || action == "get") return;  // validate.go:833: no manifest needed
  std::string manifest = text(get(r, "manifest"));
  const J* from = get(r, "manifestFrom");
  if (manifest.empty() && !from)
    report("E0708", tp + "/resource", "either " + label + ".resource.manifest or " + label + ".resource.manifestFrom must be specified", &base);
  if (!manifest.empty() && from)
    report("E0708", tp + "/resource", label + ": shouldn't have both `manifest` and `manifestFrom` specified in `Manifest` for resource template", &base);
  // validate.go:840-851: manifestFrom's artifact is one of the template's inputs.
  if (const J* art = get(from, "artifact")) {
    std::string name = text(art, "name");
    if (!named_in(get(get(t, "inputs"), "artifacts"), name))
      report("E0502", tp + "/resource/manifestFrom/artifact",
             label + ".resource.manifestFrom: artifact " + name + " in `manifestFrom` refer to a non-exist artifact (not one of " +
                 label + ".inputs.artifacts)",
             &base);
  }
  // validate.go:852-863: the manifest parses as YAML, once its expressions are placeholders.
  if (!manifest.empty() && !is_placeholder(manifest))
    if (auto e = rules::yaml_error(substitute_manifest_expressions(manifest)); !e.empty())
      report("E0502", tp + "/resource/manifest", label + ".resource.manifest must be a valid yaml: " + e, &base);
}

}  // namespace flowc::validation
