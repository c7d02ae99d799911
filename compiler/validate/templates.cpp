// A template and its call: Argo's validateTemplateHolder and validateTemplate, inputs, arguments, artifact locations, names.
#include "validate/validator.h"

#include <algorithm>
#include <string_view>

#include "validate/rules.h"

namespace flowc::validation {

// Resolves what a task, step, hook or entrypoint calls and validates it with
// the call's arguments. Returns the template (null: unknown, reported or not ours to know).
const J* Validator::holder_template(const J& holder, const std::string& ptr, Base& base, const Args& args, const std::string& where, Base** resolved_base) {
  const J* ref = get(holder, "templateRef");
  std::string name = text(holder, "template");
  const J* inline_tmpl = get(holder, "inline");
  Base* target_base = &base;
  const J* tmpl = nullptr;
  std::string tmpl_ptr;
  if (ref) {
    if (!name.empty()) return report("E0703", ptr, where + ": template name cannot be specified with templateRef", &base), nullptr;
    std::string rn = text(get(ref, "name")), rt = text(get(ref, "template"));
    if (rn.empty()) return report("E0703", ptr + "/templateRef", where + ": templateRef needs a name (resource name is required)", &base), nullptr;
    if (rt.empty()) return report("E0703", ptr + "/templateRef", where + ": templateRef needs a template (template name is required)", &base), nullptr;
    if (rn.find("{{") != std::string::npos || rt.find("{{") != std::string::npos || rn.find(kPlaceholder) != std::string::npos ||
        rt.find(kPlaceholder) != std::string::npos)
      return nullptr;  // resolved at run time
    bool cluster = get(ref, "clusterScope") && get(ref, "clusterScope")->is_boolean() && get(ref, "clusterScope")->get<bool>();
    target_base = template_base(rn, cluster, ptr + "/templateRef/name", &base);
    if (!target_base) return nullptr;
    size_t index = 0;
    tmpl = target_base->find(rt, &index);
    if (!tmpl) {
      report("E0703", ptr + "/templateRef/template", where + ": template reference " + rn + "." + rt + " not found", &base);
      return nullptr;
    }
    tmpl_ptr = target_base->spec_ptr + "/templates/" + std::to_string(index);
  } else if (!name.empty()) {
    size_t index = 0;
    tmpl = base.find(name, &index);
    if (!tmpl) {
      report("E0703", ptr + (get(holder, "template") ? "/template" : ""), where + ": template name '" + name + "' undefined", &base);
      return nullptr;
    }
    tmpl_ptr = base.spec_ptr + "/templates/" + std::to_string(index);
  } else if (inline_tmpl) {
    tmpl = inline_tmpl;
    tmpl_ptr = ptr + "/inline";
  } else {
    return nullptr;  // nothing called: reported by the caller's structure checks
  }
  if (resolved_base) *resolved_base = target_base;
  if (const J* rs = get(*tmpl, "retryStrategy")) {
    std::string pol = text(get(rs, "retryPolicy"));
    if (!pol.empty() && pol != "Always" && pol != "OnError" && pol != "OnFailure" && pol != "OnTransientError")
      report("E0711", tmpl_ptr + "/retryStrategy/retryPolicy",
             "'" + pol + "' is not a valid RetryPolicy (Always, OnError, OnFailure or OnTransientError)", target_base);
  }
  validate_template(*tmpl, tmpl_ptr, *target_base, args, where);
  return tmpl;
}

void Validator::validate_template(const J& t, const std::string& tp, Base& base, const Args& args, const std::string& where) {
  std::string tname = text(t, "name");
  std::string label = "templates." + (tname.empty() ? std::string("<inline>") : tname);
  // Types, inputs and required inputs: for every call (arguments differ).
  int types = 0;
  for (const char* k : kTemplateTypes) types += get(t, k) ? 1 : 0;
  bool first = seen_.insert(&t).second;
  if (types != 1) {
    if (first)
      report("E0708", tp,
             label + (types == 0 ? " template type unspecified" : " multiple template types specified") +
                 ". choose one of: container, containerSet, steps, script, resource, dag, suspend, data, http, plugin",
             &base);
    return;
  }
  std::string type = template_type(t);
  if (first) check_inputs(t, tp, type, base, label);
  check_supplied(t, tp, args, base, label, where);
  if (!first) return;

  Scope scope;
  if (const J* ps = get(get(t, "inputs"), "parameters"); ps && ps->is_array()) {
    for (auto& p : *ps) scope.keys.insert("inputs.parameters." + text(p, "name"));
    if (!ps->empty()) scope.keys.insert("inputs.parameters");
  }
  if (const J* as = get(get(t, "inputs"), "artifacts"); as && as->is_array())
    for (auto& a : *as) {
      scope.keys.insert("inputs.artifacts." + text(a, "name"));
      if (is_leaf(type)) scope.keys.insert("inputs.artifacts." + text(a, "name") + ".path");
    }
  if (is_pod_type(type)) scope.keys.insert("pod.name");
  // validate.go:475-486 puts retries in scope for a template with a
  // retryStrategy; the controller merges spec.templateDefaults into the
  // template before it runs it (operator.go executeTemplate,
  // mergedTemplateDefaultsInto), so a retryStrategy from there gives the
  // node its retries too (Argo's validator does not check {{retries}} at
  // all: no prefix of common.GlobalVarValidWorkflowVariablePrefix).
  if (get(t, "retryStrategy") || get(get(base.spec, "templateDefaults"), "retryStrategy") ||
      get(get(root_.spec, "templateDefaults"), "retryStrategy"))
    for (const char* k : {"retries", "lastRetry.exitCode", "lastRetry.status", "lastRetry.duration", "lastRetry.message"})
      scope.keys.insert(k);
  if (is_leaf(type)) {
    if (const J* as = get(get(t, "outputs"), "artifacts"); as && as->is_array())
      for (auto& a : *as)
        if (nonempty(a, "path")) scope.keys.insert("outputs.artifacts." + text(a, "name") + ".path");
    if (const J* ps = get(get(t, "outputs"), "parameters"); ps && ps->is_array())
      for (auto& p : *ps)
        if (!text(get(p, "valueFrom"), "path").empty()) scope.keys.insert("outputs.parameters." + text(get(p, "name")) + ".path");
  }

  if (const J* to = get(t, "timeout")) {
    std::string s = text(to);
    if (!is_leaf(type)) report("E0716", tp + "/timeout", label + ": " + argo_type_name(type) + " template doesn't support timeout field", &base);
    else if (s.find("{{") == std::string::npos) {
      bool whole = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (whole || to->is_number()) report("E0716", tp + "/timeout", label + " has invalid duration format in timeout (a number needs a unit: '" + s + "s')", &base);
      else if (auto e = rules::go_duration_error(s); !e.empty()) report("E0716", tp + "/timeout", label + ".timeout: " + e, &base);
    }
  }

  // Argo validates the template after substituting its inputs and the
  // globals (ProcessArgs): a step named "run-{{inputs.parameters.d}}" is valid.
  J substituted;
  const J& st = substitute(t, scope, substituted) ? substituted : t;
  if (type == "steps") validate_steps(st, tp, scope, base, label);
  else if (type == "dag") validate_dag(st, tp, scope, base, label);
  else validate_leaf(st, tp, type, scope, base, label);
  validate_outputs(st, tp, type, scope, base, label);
  if (const J* al = get(t, "archiveLocation")) check_location(*al, tp + "/archiveLocation", label + ".archiveLocation", base);
  check_metrics(t, tp, base, label);
  if (const J* rs = get(t, "retryStrategy")) check_retry(*rs, tp + "/retryStrategy", label + ".retryStrategy", base);
  check_synchronization(get(t, "synchronization"), tp + "/synchronization", label + ".synchronization", base);
  if (const J* pr = get(t, "podResources")) {
    check_pod_resources(*pr, tp + "/podResources", label, base);
    if (type == "http") report("E0708", tp + "/podResources", label + ".podResources is not supported for HTTP templates", &base);
    else if (get(pr, "claims")) report("E0708", tp + "/podResources/claims", label + ".podResources.claims is not supported", &base);
  }
  if (get(t, "resourceClaims") && (type == "steps" || type == "dag" || type == "suspend"))
    report("E0708", tp + "/resourceClaims",
           label + ".resourceClaims is not supported for " + (type == "steps" ? std::string("Steps") : type == "dag" ? std::string("DAG") : std::string("Suspend")) +
               " templates, which do not create a pod", &base);
}

// Replaces {{inputs.parameters.X}}, globals, pod.name and retries by
// placeholders, innermost first; returns false (and leaves `out` alone) if
// nothing changes.
bool Validator::substitute(const J& t, const Scope& scope, J& out) {
  auto known = [&](std::string_view tag) {
    std::string s(trim(tag));
    return (s.starts_with("inputs.parameters.") && scope.keys.count(s)) || globals_.count(s) ||
           ((s == "pod.name" || s == "retries") && scope.keys.count(s));
  };
  bool changed = false;
  std::function<J(const J&)> walk = [&](const J& n) -> J {
    if (n.is_string()) {
      const std::string& s = n.get_ref<const std::string&>();
      if (s.find("{{") == std::string::npos) return n;
      std::string r;
      std::vector<size_t> open;
      for (size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 2, "{{") == 0) {
          open.push_back(r.size());
          r += "{{";
          ++i;
        } else if (s.compare(i, 2, "}}") == 0 && !open.empty()) {
          size_t at = open.back();
          open.pop_back();
          if (known(std::string_view(r).substr(at + 2))) {
            std::string tag(trim(std::string_view(r).substr(at + 2)));
            auto v = global_values_.find(tag);
            std::string with;
            if (v != global_values_.end()) with = v->second;
            else {
              auto [it, fresh] = placeholder_of_.emplace(tag, "");
              if (fresh) it->second = std::string(kPlaceholder) + std::to_string(++placeholders_);
              with = it->second;
            }
            r.resize(at);
            r += with;
            changed = true;
          } else {
            r += "}}";
          }
          ++i;
        } else {
          r += s[i];
        }
      }
      return r;
    }
    if (n.is_array()) {
      J a = J::array();
      for (auto& x : n) a.push_back(walk(x));
      return a;
    }
    if (n.is_object()) {
      J o = J::object();
      for (auto it = n.begin(); it != n.end(); ++it) o[it.key()] = walk(it.value());
      return o;
    }
    return n;
  };
  // Copy only templates that have something to substitute (a DAG of 100,000 tasks rarely does).
  std::function<bool(const J&)> any = [&](const J& n) -> bool {
    if (n.is_string()) {
      const std::string& s = n.get_ref<const std::string&>();
      for (size_t p = s.find("{{"); p != std::string::npos; p = s.find("{{", p + 2)) {
        size_t e = s.find("}}", p + 2);
        if (e == std::string::npos) break;
        std::string_view tag = std::string_view(s).substr(p + 2, e - p - 2);
        size_t inner = tag.rfind("{{");
        if (known(inner == std::string_view::npos ? tag : tag.substr(inner + 2))) return true;
      }
      return false;
    }
    if (n.is_array() || n.is_object())
      for (auto& x : n)
        if (any(x)) return true;
    return false;
  };
  if (!any(t)) return false;
  J r = walk(t);
  if (!changed) return false;
  out = std::move(r);
  return true;
}

void Validator::check_inputs(const J& t, const std::string& tp, const std::string& type, Base& base, const std::string& label) {
  const J* in = get(t, "inputs");
  check_field_names(get(in, "parameters"), tp + "/inputs/parameters", label + ".inputs.parameters", true, &base);
  check_field_names(get(in, "artifacts"), tp + "/inputs/artifacts", label + ".inputs.artifacts", true, &base);
  if (const J* as = get(in, "artifacts"); as && as->is_array())
    for (size_t i = 0; i < as->size(); ++i) {
      const J& a = (*as)[i];
      std::string ap = tp + "/inputs/artifacts/" + std::to_string(i);
      std::string ref = label + ".inputs.artifacts." + text(a, "name");
      std::string path = text(a, "path");
      if (!is_leaf(type) && !path.empty())
        report("E0709", ap + "/path", ref + ".path only valid in container/script templates", &base);
      if (is_leaf(type)) check_clean_path(path, ap + "/path", ref, base);
      if (nonempty(a, "from")) report("E0709", ap + "/from", ref + ".from not valid in inputs", &base);
      check_location(a, ap, ref, base);
    }
}

void Validator::check_clean_path(const std::string& path, const std::string& ptr, const std::string& ref, Base& base) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (path.substr(start, slash == std::string::npos ? std::string::npos : slash - start) == "..") {
      report("E0709", ptr, "error in " + ref + ": path '" + path + "' may not contain '..'", &base);
      return;
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
}

// An artifact location: at most one, each with its required field.
void Validator::check_location(const J& a, const std::string& ap, const std::string& ref, Base& base) {
  int n = 0;
  for (const char* k : kLocations) {
    const J* loc = get(a, k);
    if (!loc) continue;
    ++n;
    if (!location_complete(k, *loc)) {
      static const std::unordered_map<std::string, std::string> need = {
          {"s3", "key"}, {"oss", "key"}, {"gcs", "key"}, {"git", "repo"}, {"http", "url"}, {"artifactory", "url"},
          {"hdfs", "path"}, {"raw", "data"}, {"azure", "blob"}, {"plugin", "key"}};
      if (std::string_view(k) == "s3" || std::string_view(k) == "oss" || std::string_view(k) == "gcs" ||
          std::string_view(k) == "plugin")
        continue;  // the key may come from the artifact repository
      report("E0709", ap + "/" + k, ref + "." + k + "." + need.at(k) + " is required", &base);
    }
  }
  if (n > 1) report("E0709", ap, ref + " has more than one location (" + std::to_string(n) + "); an artifact has one", &base);
}

// Argo's ProcessArgs: every input has a value, a default or an argument.
void Validator::check_supplied(const J& t, const std::string& tp, const Args& args, Base& base, const std::string& label, const std::string& where) {
  const J* in = get(t, "inputs");
  if (const J* ps = get(in, "parameters"); ps && ps->is_array())
    for (size_t i = 0; i < ps->size(); ++i) {
      const J& p = (*ps)[i];
      if (get(p, "value") || get(p, "default") || get(p, "valueFrom")) continue;
      if (!args.arguments) continue;
      const J* a = args.param(text(p, "name"));
      if (a && (get(*a, "value") || get(*a, "valueFrom"))) continue;
      report_at_call(tp + "/inputs/parameters/" + std::to_string(i), base,
                     where + ": " + label + " inputs.parameters." + text(p, "name") + " was not supplied");
    }
  if (const J* as = get(in, "artifacts"); as && as->is_array())
    for (size_t i = 0; i < as->size(); ++i) {
      const J& a = (*as)[i];
      bool located = false;  // an incomplete location is reported as such (check_location)
      for (const char* k : kLocations) located = located || get(a, k);
      if (located || has_location_or_key(a) || (get(a, "optional") && get(a, "optional")->is_boolean() && get(a, "optional")->get<bool>()))
        continue;
      if (!args.arguments || args.artifact(text(a, "name"))) continue;
      report_at_call(tp + "/inputs/artifacts/" + std::to_string(i), base,
                     where + ": " + label + " inputs.artifacts." + text(a, "name") + " was not supplied");
    }
}

// A missing argument is the caller's fault: report at the call.
void Validator::report_at_call(const std::string& fallback, Base& base, std::string message) {
  std::string at = call_ptr_.empty() ? fallback : call_ptr_ + "/template";
  if (call_ptr_.empty()) report("E0704", at, std::move(message), &base);
  else report("E0704", at, std::move(message), call_base_);
}

// Argo's validateWorkflowFieldNames: non-empty, valid, unique.
void Validator::check_field_names(const J* list, const std::string& ptr, const std::string& label, bool params, Base* base) {
  if (!list || !list->is_array()) return;
  std::unordered_map<std::string, size_t> seen;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string name = text((*list)[i], "name");
    std::string ip = ptr + "/" + std::to_string(i);
    if (name.empty()) {
      report("E0701", ip, label + "[" + std::to_string(i) + "].name is required", base);
      continue;
    }
    std::string why = params ? (rules::is_param_or_artifact_name(name)
                                    ? ""
                                    : "Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, MY-PARAM-1")
                             : rules::workflow_field_name_error(name);
    if (!why.empty()) report("E0701", ip + "/name", label + "[" + std::to_string(i) + "].name: '" + name + "' is invalid: " + why, base);
    if (auto [it, fresh] = seen.emplace(name, i); !fresh) {
      auto& d = error_at("E0702", ip + "/name", label + "[" + std::to_string(i) + "].name '" + name + "' is not unique", base);
      const SourcedDocument& src = base ? base->src : doc_;
      // A note points into the diagnostic's own file.
      if (src.spans)
        if (Place first = src.spans->find(ptr + "/" + std::to_string(it->second) + "/name"); first.file == d.file || !first.file)
          d.notes.push_back({"first given here", first.span});
    }
  }
}

// Argo's validateArguments.
void Validator::check_arguments(const J& args, const std::string& ptr, const std::string& prefix, bool allow_empty, Base* base) {
  check_field_names(get(args, "parameters"), ptr + "/parameters", prefix + "parameters", true, base);
  check_field_names(get(args, "artifacts"), ptr + "/artifacts", prefix + "artifacts", true, base);
  if (const J* ps = get(args, "parameters"); ps && ps->is_array())
    for (size_t i = 0; i < ps->size(); ++i) {
      const J& p = (*ps)[i];
      std::string pp = ptr + "/parameters/" + std::to_string(i);
      std::string n = prefix + text(p, "name");
      const J* vf = get(p, "valueFrom");
      if (!vf && !get(p, "value") && !allow_empty) report("E0704", pp, n + ".value or " + n + ".valueFrom is required", base);
      if (vf) {
        bool allowed = get(vf, "configMapKeyRef") || nonempty(*vf, "event") || get(vf, "supplied");
        bool bad = nonempty(*vf, "path") || nonempty(*vf, "jsonPath") || nonempty(*vf, "parameter") || nonempty(*vf, "expression");
        if (!allowed || bad) report("E0704", pp + "/valueFrom", n + ".valueFrom only allows: default, configMapKeyRef and supplied", base);
      }
      if (const J* e = get(p, "enum")) {
        if (length(e) == 0) report("E0704", pp + "/enum", n + ".enum should contain at least one value", base);
        else if (!get(p, "value")) {
          if (!allow_empty) report("E0704", pp, n + ".value is required", base);
        } else {
          std::string v = text(get(p, "value"));
          bool in = false;
          for (auto& x : *e) in = in || text(&x) == v;
          if (!in) report("E0704", pp + "/value", n + ".value should be present in " + n + ".enum list", base);
        }
      }
    }
  if (const J* as = get(args, "artifacts"); as && as->is_array())
    for (size_t i = 0; i < as->size(); ++i) {
      const J& a = (*as)[i];
      std::string ap = ptr + "/artifacts/" + std::to_string(i);
      std::string n = prefix + text(a, "name");
      if (!nonempty(a, "from") && !nonempty(a, "fromExpression") && !has_location_or_key(a))
        report("E0709", ap, n + ".from, artifact location, or key is required", base);
      if (nonempty(a, "from") && nonempty(a, "fromExpression"))
        report("E0709", ap, n + " shouldn't have both `from` and `fromExpression` in Artifact", base);
      check_location(a, ap, n, base ? *base : root_);
    }
}

}  // namespace flowc::validation
