#include "run/template_defaults.h"

#include <map>
#include <vector>

#include "run/plan.h"

namespace flowc::run {

using ojson = nlohmann::ordered_json;

namespace {

// The patchMergeKey of each list field whose Go type carries
// patchStrategy:"merge" (pkg/apis/workflow/v1alpha1/workflow_types.go for
// Template, Inputs, Outputs; k8s.io/api/core/v1 for Container and PodSpec
// parts). Keyed by the field's name under its parent's kind.
const std::map<std::string, std::map<std::string, std::string>>& merge_keys() {
  static const std::map<std::string, std::map<std::string, std::string>> keys = {
      {"template",
       {{"volumes", "name"}, {"initContainers", "name"}, {"sidecars", "name"}, {"tolerations", "key"},
        {"hostAliases", "ip"}}},
      {"io", {{"parameters", "name"}, {"artifacts", "name"}}},  // inputs, outputs
      {"container",
       {{"env", "name"}, {"volumeMounts", "mountPath"}, {"ports", "containerPort"}, {"volumeDevices", "devicePath"}}},
  };
  return keys;
}

// The kind of object a field's value is, for the merge keys of its lists.
std::string child_kind(const std::string& parent_kind, const std::string& field) {
  if (parent_kind == "template") {
    if (field == "inputs" || field == "outputs") return "io";
    if (field == "container" || field == "script") return "container";  // ScriptTemplate embeds Container
  }
  if ((parent_kind == "template" && (field == "initContainers" || field == "sidecars"))) return "container";
  return "";
}

ojson merge(const ojson& original, const ojson& patch, const std::string& kind);

// strategicpatch mergeSlice with a merge key: the original's elements in
// their order, each merged with the patch's element of the same key; then
// the patch's elements the original lacks, in their order.
ojson merge_list(const ojson& original, const ojson& patch, const std::string& key, const std::string& elem_kind) {
  ojson out = ojson::array();
  std::vector<bool> used(patch.size(), false);
  for (const auto& o : original) {
    ojson merged = o;
    if (o.is_object() && o.contains(key))
      for (size_t i = 0; i < patch.size(); ++i)
        if (!used[i] && patch[i].is_object() && patch[i].contains(key) && patch[i][key] == o[key]) {
          merged = merge(o, patch[i], elem_kind);
          used[i] = true;
          break;
        }
    out.push_back(merged);
  }
  for (size_t i = 0; i < patch.size(); ++i)
    if (!used[i]) out.push_back(patch[i]);
  return out;
}

// strategicpatch mergeMap: the patch's keys over the original's; a null in
// the patch deletes the key (a template read from YAML never carries one
// after Go's unmarshal drops it, so null means "absent" here).
ojson merge(const ojson& original, const ojson& patch, const std::string& kind) {
  if (!original.is_object() || !patch.is_object()) return patch.is_null() ? original : patch;
  ojson out = original;
  for (auto& [field, value] : patch.items()) {
    if (value.is_null()) continue;
    auto it = out.find(field);
    if (it == out.end()) {
      out[field] = value;
      continue;
    }
    std::string sub = child_kind(kind, field);
    if (it->is_object() && value.is_object()) {
      *it = merge(*it, value, sub);
      continue;
    }
    auto table = merge_keys().find(kind);
    if (it->is_array() && value.is_array() && table != merge_keys().end()) {
      auto key = table->second.find(field);
      if (key != table->second.end()) {
        *it = merge_list(*it, value, key->second, child_kind(kind, field));
        continue;
      }
    }
    *it = value;  // scalars and lists without a merge strategy: the template's
  }
  return out;
}

}  // namespace

ojson merge_template_defaults(const ojson& defaults, const ojson& tmpl, std::string& error) {
  if (!defaults.is_object() || defaults.empty()) return tmpl;
  ojson merged = merge(defaults, tmpl, "template");
  // operator.go mergedTemplateDefaultsInto: the merged template must keep
  // the original's type (GetType), else "template type mismatch".
  std::string before = template_kind(tmpl), after = template_kind(merged);
  if (before != after)
    error = "templateDefaults conflict: merging spec.templateDefaults changes the type of template '" +
            tmpl.value("name", "") + "' from " + (before.empty() ? "none" : before) + " to " + after;
  return merged;
}

}  // namespace flowc::run
