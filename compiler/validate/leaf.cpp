// Leaf templates (container, script, resource, ...) and outputs.
#include "validate/validator.h"

#include <algorithm>
#include <string_view>

#include "validate/rules.h"

namespace flowc::validation {

void Validator::validate_leaf(const J& t, const std::string& tp, const std::string& type, Scope& scope, Base& base, const std::string& label) {
  std::string ptr = tp;
  check_vars(t, ptr, scope, nullptr, base, label);
  if (const J* c = get(t, "container")) {
    std::unordered_map<std::string, std::string> mounts;
    if (const J* vms = get(c, "volumeMounts"); vms && vms->is_array())
      for (size_t i = 0; i < vms->size(); ++i) {
        std::string mp = text((*vms)[i], "mountPath");
        auto [it, fresh] = mounts.emplace(mp, "container.volumeMounts." + text((*vms)[i], "name"));
        if (!fresh)
          report("E0709", tp + "/container/volumeMounts/" + std::to_string(i) + "/mountPath",
                 label + ".container.volumeMounts[" + std::to_string(i) + "].mountPath '" + mp + "' already mounted in " + it->second, &base);
      }
    if (const J* as = get(get(t, "inputs"), "artifacts"); as && as->is_array())
      for (size_t i = 0; i < as->size(); ++i) {
        std::string path = text((*as)[i], "path");
        auto [it, fresh] = mounts.emplace(path, "inputs.artifacts." + text((*as)[i], "name"));
        if (!fresh)
          report("E0709", tp + "/inputs/artifacts/" + std::to_string(i) + "/path",
                 label + ".inputs.artifacts[" + std::to_string(i) + "].path '" + path + "' already mounted in " + it->second, &base);
      }
    if (!nonempty(*c, "image") && !default_image(base, "container"))
      report("E0708", tp + "/container", label + ".container.image may not be empty", &base);
  }
  if (const J* cs = get(t, "containerSet")) check_container_set(t, *cs, tp, label, base);
  if (const J* r = get(t, "resource")) check_resource(t, *r, tp, label, base);
  if (const J* s = get(t, "script"); s && !nonempty(*s, "image") && !default_image(base, "script"))
    report("E0708", tp + "/script", label + ".script.image may not be empty", &base);
  if (const J* h = get(t, "http"); h && !nonempty(*h, "url"))
    report("E0708", tp + "/http", label + ".http.url is required", &base);
  if (const J* ads = get(t, "activeDeadlineSeconds")) {
    std::string s = text(ads);
    // An argo variable, or one ProcessArgs already replaced by a placeholder (validate.go:885).
    bool var = s.find("{{") != std::string::npos || is_placeholder(s);
    bool integer = !s.empty() && std::all_of(s.begin() + (s[0] == '-'), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    if ((!var && !integer) || (integer && s[0] == '-'))
      report("E0716", tp + "/activeDeadlineSeconds", label + ".activeDeadlineSeconds must be a positive integer > 0 or an argo variable", &base);
  }
  if (get(t, "parallelism"))
    report("E0708", tp + "/parallelism", label + ".parallelism is only valid for steps and dag templates", &base);
  if (const J* ic = get(t, "initContainers"); ic && ic->is_array())
    for (size_t i = 0; i < ic->size(); ++i)
      if (!nonempty((*ic)[i], "name"))
        report("E0708", tp + "/initContainers/" + std::to_string(i), label + ": initContainers must all have container name", &base);
  check_reserved_names(t, tp, label, base);
  check_containers(t, tp, label, base);
  (void)type;
}

// Argo puts its own "init" (an init container) and "wait" containers in every
// pod it makes (workflow/controller/workflowpod.go), and Kubernetes refuses a
// pod with two containers of one name: a sidecar or init container may not
// take those names (TestReservedAuxContainerNames, validate_test.go:3074 at
// v4.1.2; containerSet containers: check_container_set).
void Validator::check_reserved_names(const J& t, const std::string& tp, const std::string& label, Base& base) {
  for (const char* k : {"initContainers", "sidecars"})
    if (const J* l = get(t, k); l && l->is_array())
      for (size_t i = 0; i < l->size(); ++i) {
        std::string n = text((*l)[i], "name");
        if (n == "init" || n == "wait")
          report("E0708", tp + "/" + k + "/" + std::to_string(i) + "/name",
                 label + "." + k + "[" + std::to_string(i) + "].name '" + n + "' is a reserved Argo container name", &base);
      }
}

bool Validator::default_image(const Base& base, const char* kind) {
  return nonempty(get(get(base.spec, "templateDefaults"), kind) ? *get(get(base.spec, "templateDefaults"), kind) : J::object(), "image");
}

// imagePullPolicy of every container of a template (or of templateDefaults).
void Validator::check_containers(const J& t, const std::string& tp, const std::string& label, Base& base) {
  auto one = [&](const J& c, const std::string& cp) {
    std::string p = text(get(c, "imagePullPolicy"));
    if (!p.empty() && p != "Always" && p != "Never" && p != "IfNotPresent")
      report("E0715", cp + "/imagePullPolicy", label + ": imagePullPolicy '" + p + "' is not one of Always, Never, IfNotPresent", &base);
  };
  for (const char* k : {"container", "script"})
    if (const J* c = get(t, k)) one(*c, tp + "/" + k);
  for (const char* k : {"initContainers", "sidecars"})
    if (const J* l = get(t, k); l && l->is_array())
      for (size_t i = 0; i < l->size(); ++i) one((*l)[i], tp + "/" + k + "/" + std::to_string(i));
  if (const J* l = get(get(t, "containerSet"), "containers"); l && l->is_array())
    for (size_t i = 0; i < l->size(); ++i) one((*l)[i], tp + "/containerSet/containers/" + std::to_string(i));
}

void Validator::validate_outputs(const J& t, const std::string& tp, const std::string& type, const Scope& scope, Base& base, const std::string& label) {
  const J* out = get(t, "outputs");
  if (!out) return;
  check_field_names(get(out, "parameters"), tp + "/outputs/parameters", label + ".outputs.parameters", true, &base);
  check_field_names(get(out, "artifacts"), tp + "/outputs/artifacts", label + ".outputs.artifacts", true, &base);
  if (type != "steps" && type != "dag") {
    // leaf templates checked their outputs with the whole template
  } else {
    std::string ptr = tp + "/outputs";
    check_vars(*out, ptr, scope, nullptr, base, label + ".outputs");
  }
  if (const J* as = get(out, "artifacts"); as && as->is_array())
    for (size_t i = 0; i < as->size(); ++i) {
      const J& a = (*as)[i];
      std::string ap = tp + "/outputs/artifacts/" + std::to_string(i);
      std::string ref = label + ".outputs.artifacts." + text(a, "name");
      if (is_leaf(type)) check_clean_path(text(a, "path"), ap + "/path", ref, base);
      else if (nonempty(a, "path")) report("E0709", ap + "/path", ref + ".path only valid in container/script templates", &base);
      std::string g = text(a, "globalName");
      if (!g.empty() && !rules::has_parameter(g) && !rules::is_param_or_artifact_name(g))
        report("E0701", ap + "/globalName", ref + ".globalName: Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-'", &base);
    }
  if (const J* ps = get(out, "parameters"); ps && ps->is_array())
    for (size_t i = 0; i < ps->size(); ++i) {
      const J& p = (*ps)[i];
      std::string pp = tp + "/outputs/parameters/" + std::to_string(i);
      std::string ref = label + ".outputs.parameters." + text(p, "name");
      const J* vf = get(p, "valueFrom");
      if (vf && get(p, "value")) {
        report("E0710", pp, ref + " has both valueFrom and value specified, choose one", &base);
        continue;
      }
      if (get(p, "value")) continue;
      if (!vf) {
        report("E0710", pp, ref + " does not have valueFrom or value specified", &base);
        continue;
      }
      int kinds = 0;
      for (const char* k : {"path", "jqFilter", "jsonPath", "parameter", "expression"}) kinds += nonempty(*vf, k);
      kinds += get(vf, "supplied") != nullptr;
      if (kinds == 0) report("E0710", pp + "/valueFrom", ref + ": valueFrom type unspecified. choose one of: path, jqFilter, jsonPath, parameter, raw, expression", &base);
      else if (kinds > 1) report("E0710", pp + "/valueFrom", ref + ": multiple valueFrom types specified. choose one of: path, jqFilter, jsonPath, parameter, raw", &base);
      else if ((type == "container" || type == "containerSet" || type == "script") && !nonempty(*vf, "path"))
        report("E0710", pp + "/valueFrom", ref + ".path must be specified for " + argo_type_name(type) + " templates", &base);
      else if (type == "resource" && !nonempty(*vf, "jqFilter") && !nonempty(*vf, "jsonPath"))
        report("E0710", pp + "/valueFrom", ref + " .jqFilter or jsonPath must be specified for Resource templates", &base);
      else if ((type == "dag" || type == "steps") && !nonempty(*vf, "parameter") && !nonempty(*vf, "expression"))
        report("E0710", pp + "/valueFrom", ref + ".parameter or expression must be specified for " + argo_type_name(type) + " templates", &base);
      std::string g = text(p, "globalName");
      if (!g.empty() && !rules::has_parameter(g) && !rules::is_param_or_artifact_name(g))
        report("E0701", pp + "/globalName", ref + ".globalName: Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-'", &base);
    }
}

}  // namespace flowc::validation
