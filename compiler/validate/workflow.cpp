// The workflow as a whole: metadata, CronWorkflow fields, Argo's Workflow(), WorkflowTemplates reached by reference, reporting.
#include "validate/validator.h"

#include <algorithm>
#include <string_view>

#include "validate/rules.h"

namespace flowc::validation {

void Validator::run() {
  const J& d = *doc_.doc;
  if (!d.is_object()) return report("E0721", "", "an Argo document is a mapping (apiVersion, kind, metadata, spec)");
  std::string entry = o_.entry.empty() ? entry_for_kind(text(d, "kind")) : o_.entry;
  if (entry.empty()) return;  // not a kind Argo validates
  check_metadata(entry);
  const J* spec = get(d, "spec");
  if (entry == "cron_workflow") {
    if (!check_cron(spec)) return;
    run_workflow(get(spec, "workflowSpec"), "/spec/workflowSpec", false, false);
    return;
  }
  bool wft = entry == "workflow_template" || entry == "cluster_workflow_template";
  bool ignore_entrypoint = wft && text(get(spec, "entrypoint")).empty();
  run_workflow(spec, "/spec", ignore_entrypoint, wft);
}

void Validator::report(const char* code, const std::string& ptr, std::string message, const Base* base) {
  error_at(code, ptr, std::move(message), base);
}

Diagnostic& Validator::error_at(const char* code, const std::string& ptr, std::string message, const Base* base) {
  const SourcedDocument& src = base ? base->src : doc_;
  Place p = src.spans ? src.spans->find(ptr) : Place{};
  auto& d = sink_.error(code, p.span, std::move(message));
  d.file = p.file ? p.file : src.file;
  return d;
}

void Validator::warn(const char* code, const std::string& ptr, std::string message, const Base* base) {
  const SourcedDocument& src = base ? base->src : doc_;
  Place p = src.spans ? src.spans->find(ptr) : Place{};
  auto& d = sink_.warning(code, p.span, std::move(message));
  d.file = p.file ? p.file : src.file;
}

void Validator::note(const std::string& ptr, std::string message, const Base* base) {
  const SourcedDocument& src = base ? base->src : doc_;
  Place p = src.spans ? src.spans->find(ptr) : Place{};
  Diagnostic d;
  d.severity = Severity::Note;
  d.span = p.span;
  d.message = std::move(message);
  d.file = p.file ? p.file : src.file;
  sink_.add(std::move(d));
}

void Validator::check_metadata(const std::string& entry) {
  const J* meta = get(*doc_.doc, "metadata");
  std::string name = text(get(meta, "name"));
  size_t max = entry == "cron_workflow" ? 52 : 63;
  const char* what = entry == "cron_workflow"               ? "cron workflow"
                     : entry == "workflow_template"         ? "workflow template"
                     : entry == "cluster_workflow_template" ? "cluster workflow template"
                                                            : "workflow";
  if (name.size() > max)
    report("E0717", "/metadata/name",
           std::string(what) + " name \"" + name + "\" must not be more than " + std::to_string(max) +
               " characters long (currently " + std::to_string(name.size()) + ")");
  else if (!name.empty())
    if (auto e = rules::dns1123_subdomain_error(name); !e.empty())
      report("E0717", "/metadata/name", "metadata.name '" + name + "' is invalid: " + e);
  std::string gen = text(get(meta, "generateName"));
  if (!gen.empty() && name.empty()) {
    std::string masked = gen;
    if (masked.size() > 1 && masked.back() == '-') masked.back() = 'a';
    if (auto e = rules::dns1123_subdomain_error(masked); !e.empty())
      report("E0717", "/metadata/generateName", "metadata.generateName '" + gen + "' is invalid: " + e);
  }
  for (const char* kind : {"labels", "annotations"}) {
    const J* m = get(meta, kind);
    if (!m || !m->is_object()) continue;
    for (auto it = m->begin(); it != m->end(); ++it) {
      std::string ptr = std::string("/metadata/") + kind + pointer_token(it.key());
      if (auto e = rules::qualified_name_error(it.key()); !e.empty())
        report("E0717", ptr, std::string("metadata.") + kind + " key '" + it.key() + "' is invalid: " + e);
      if (std::string_view(kind) == "labels")
        if (auto e = rules::label_value_error(text(&it.value())); !e.empty())
          report("E0717", ptr, "metadata.labels value '" + text(&it.value()) + "' of '" + it.key() + "' is invalid: " + e);
    }
  }
}

bool Validator::check_cron(const J* spec) {
  size_t before = sink_.error_count();
  std::vector<std::pair<std::string, std::string>> schedules;  // text, pointer
  // The forms the version has: `schedule` up to 3.7, `schedules` from 3.6 (the other is reported by lint's field check).
  ArgoVersion v = o_.argo_version;
  bool single = v < ArgoVersion{4}, list = v >= kArgoListsSince;
  if (const J* s = get(spec, "schedule"); single && s && !text(s).empty()) schedules.push_back({text(s), "/spec/schedule"});
  if (const J* ss = get(spec, "schedules"); list && ss && ss->is_array())
    for (size_t i = 0; i < ss->size(); ++i) schedules.push_back({text(&(*ss)[i]), "/spec/schedules/" + std::to_string(i)});
  if (single && list && get(spec, "schedule") && get(spec, "schedules"))  // as flowc's compile (E0053)
    report("E0714", "/spec/schedules", "cron workflow cannot have both 'schedule' and 'schedules'; write 'schedules'");
  if (schedules.empty())
    report("E0714", "/spec",
           std::string("cron workflow must have at least one schedule") +
               (!list ? " ('schedule', a string, for Argo " : !single ? " ('schedules', a list, for Argo " : "") +
               (single && list ? "" : std::string(v.name()) + ")"));
  for (auto& [s, ptr] : schedules)
    if (auto e = rules::cron_schedule_error(s); !e.empty())
      report("E0714", ptr, "cron schedule '" + s + "' is malformed: " + e);
  if (std::string tz = text(get(spec, "timezone")); !tz.empty() && !rules::is_time_zone(tz))
    report("E0714", "/spec/timezone", "invalid timezone \"" + tz + "\": unknown time zone " + tz);
  std::string cp = text(get(spec, "concurrencyPolicy"));
  if (!cp.empty() && cp != "Allow" && cp != "Forbid" && cp != "Replace")
    report("E0715", "/spec/concurrencyPolicy", "'" + cp + "' is not a valid concurrencyPolicy (Allow, Forbid or Replace)");
  if (const J* sd = get(spec, "startingDeadlineSeconds"); sd && sd->is_number() && sd->get<double>() < 0)
    report("E0714", "/spec/startingDeadlineSeconds", "startingDeadlineSeconds must be positive");
  if (!get(spec, "workflowSpec")) report("E0714", "/spec", "a CronWorkflow needs a workflowSpec");
  return sink_.error_count() == before;
}

void Validator::run_workflow(const J* spec, const std::string& spec_ptr, bool ignore_entrypoint, bool wft) {
  static const J empty = J::object();
  if (!spec) spec = &empty;
  wft_ = wft;
  root_.src = doc_;
  root_.spec = spec;
  root_.spec_ptr = spec_ptr;
  const std::string& sp = spec_ptr;

  // workflowTemplateRef: the spec comes from a WorkflowTemplate.
  Base* ref_base = nullptr;
  std::string entrypoint = text(get(spec, "entrypoint"));
  if (const J* ref = get(spec, "workflowTemplateRef")) {
    if (length(get(spec, "templates")) > 0)
      return report("E0721", sp + "/templates",
                    "Templates is invalid field in spec if workflow referred WorkflowTemplate reference");
    bool cluster = get(ref, "clusterScope") && get(ref, "clusterScope")->is_boolean() && get(ref, "clusterScope")->get<bool>();
    ref_base = template_base(text(get(ref, "name")), cluster, sp + "/workflowTemplateRef");
    if (!ref_base) {
      if (unknown_refs_) return;  // reported, or not ours to know
    } else if (entrypoint.empty()) {
      entrypoint = text(get(ref_base->spec, "entrypoint"));
    }
  }

  check_field_names(get(spec, "templates"), sp + "/templates", "spec.templates", false, nullptr);

  // Arguments: the workflow's, merged with its WorkflowTemplate's.
  J args = get(spec, "arguments") ? *get(spec, "arguments") : J::object();
  if (ref_base)
    for (const char* kind : {"parameters", "artifacts"})
      if (const J* more = get(get(ref_base->spec, "arguments"), kind); more && more->is_array()) {
        J& ps = args[kind];
        if (!ps.is_array()) ps = J::array();
        for (auto& p : *more) {
          bool have = false;
          for (auto& q : ps) have = have || text(q, "name") == text(p, "name");
          if (!have) ps.push_back(p);
        }
      }
  bool allow_empty = o_.lint || (wft && !o_.submit);
  check_arguments(args, sp + "/arguments", "spec.arguments.", allow_empty, nullptr);

  // Globals.
  for (const char* g : {"workflow.name", "workflow.namespace", "workflow.mainEntrypoint", "workflow.serviceAccountName",
                        "workflow.uid", "workflow.status", "workflow.annotations", "workflow.annotations.json",
                        "workflow.labels", "workflow.labels.json"})
    globals_.insert(g);
  if (const J* ps = get(args, "parameters"); ps && ps->is_array() && !ps->empty()) {
    globals_.insert("workflow.parameters");
    globals_.insert("workflow.parameters.json");
    for (auto& p : *ps)
      if (!text(p, "name").empty()) {
        globals_.insert("workflow.parameters." + text(p, "name"));
        if (get(p, "value")) global_values_["workflow.parameters." + text(p, "name")] = text(p, "value");
      }
  }
  auto keys_of = [&](const J* m, const char* prefix) {
    if (m && m->is_object())
      for (auto it = m->begin(); it != m->end(); ++it) globals_.insert(std::string(prefix) + it.key());
  };
  const J* meta = get(*doc_.doc, "metadata");
  keys_of(get(meta, "annotations"), "workflow.annotations.");
  keys_of(get(meta, "labels"), "workflow.labels.");
  for (const J* s : {spec, ref_base ? ref_base->spec : nullptr}) {
    const J* wm = get(s, "workflowMetadata");
    keys_of(get(wm, "annotations"), "workflow.annotations.");
    keys_of(get(wm, "labels"), "workflow.labels.");
    keys_of(get(wm, "labelsFrom"), "workflow.labels.");
  }
  for (auto& k : o_.default_labels) globals_.insert("workflow.labels." + k);
  for (auto& k : o_.default_annotations) globals_.insert("workflow.annotations." + k);
  if (get(spec, "priority")) globals_.insert("workflow.priority");
  collect_global_outputs(root_);
  if (ref_base) collect_global_outputs(*ref_base);

  if (!ignore_entrypoint && entrypoint.empty())
    return report("E0703", sp, "spec.entrypoint is required");

  if (!ignore_entrypoint) {
    Args a{wft ? nullptr : &args};
    J holder = J::object();
    if (ref_base) holder["templateRef"] = J{{"name", ref_base->id.substr(ref_base->id.find('/') + 1)}, {"template", entrypoint},
                                              {"clusterScope", ref_base->id.starts_with("cwft/")}};
    else holder["template"] = entrypoint;
    std::string at = get(spec, "entrypoint") ? sp + "/entrypoint" : sp;
    call_ptr_ = at;
    call_base_ = &root_;
    holder_template(holder, at, root_, a, "spec.entrypoint");
    call_ptr_.clear();
  }

  // onExit: {{workflow.failures}} exists from here on.
  std::string on_exit = text(get(spec, "onExit"));
  if (on_exit.empty() && ref_base) on_exit = text(get(ref_base->spec, "onExit"));
  if (!on_exit.empty()) {
    globals_.insert("workflow.failures");
    J holder = J::object();
    if (ref_base) holder["templateRef"] = J{{"name", ref_base->id.substr(ref_base->id.find('/') + 1)}, {"template", on_exit},
                                              {"clusterScope", ref_base->id.starts_with("cwft/")}};
    else holder["template"] = on_exit;
    J spec_args = get(spec, "arguments") ? *get(spec, "arguments") : J::object();
    holder_template(holder, get(spec, "onExit") ? sp + "/onExit" : sp, root_, Args{&spec_args}, "spec.onExit");
  }
  check_hooks(get(spec, "hooks"), sp + "/hooks", "hooks", root_);

  if (const J* gc = get(spec, "podGC")) {
    std::string s = text(get(gc, "strategy"));
    if (!s.empty() && s != "OnPodCompletion" && s != "OnPodSuccess" && s != "OnWorkflowCompletion" && s != "OnWorkflowSuccess")
      report("E0715", sp + "/podGC/strategy", "podGC.strategy unknown strategy '" + s +
                                                 "' (OnPodCompletion, OnPodSuccess, OnWorkflowCompletion or OnWorkflowSuccess)");
    check_pod_gc_selector(*gc, sp + "/podGC");
  }
  check_spec_extras(*spec, sp);

  // Every template, alone.
  Base& all = ref_base ? *ref_base : root_;
  if (const J* ts = all.templates(); ts && ts->is_array())
    for (size_t i = 0; i < ts->size(); ++i) {
      std::string name = text((*ts)[i], "name");
      if (name.empty()) continue;
      validate_template((*ts)[i], all.spec_ptr + "/templates/" + std::to_string(i), all, Args{}, name);
    }
}

// Fields Argo reads elsewhere (the controller, the CRD's schema): enums and durations.
void Validator::check_spec_extras(const J& spec, const std::string& sp) {
  if (const J* plugins = get(spec, "executorPlugins"); plugins && plugins->is_array())
    for (size_t i = 0; i < plugins->size(); ++i) {
      const J& p = (*plugins)[i];
      std::string pp = sp + "/executorPlugins/" + std::to_string(i);
      if (text(get(p, "metadata"), "name").empty())
        report("E0721", pp, "spec.executorPlugins: executor plugin metadata name is mandatory");
      const J* c = get(get(get(p, "spec"), "sidecar"), "container");
      if (length(get(c, "ports")) == 0)
        report("E0721", pp + "/spec/sidecar/container", "spec.executorPlugins: at least one port is mandatory");
    }
  if (const J* ads = get(spec, "activeDeadlineSeconds"); ads && ads->is_number() && ads->get<double>() <= 0)
    report("E0716", sp + "/activeDeadlineSeconds", "spec.activeDeadlineSeconds must be a positive integer > 0");
  check_synchronization(get(spec, "synchronization"), sp + "/synchronization", "spec.synchronization", root_);
  if (const J* rs = get(spec, "retryStrategy")) check_retry(*rs, sp + "/retryStrategy", "spec.retryStrategy", root_);
  if (const J* td = get(spec, "templateDefaults")) check_containers(*td, sp + "/templateDefaults", "spec.templateDefaults", root_);
  if (const J* pr = get(spec, "podResources")) check_pod_resources(*pr, sp + "/podResources", "spec", root_);
}

Base* Validator::template_base(const std::string& name, bool cluster, const std::string& at, const Base* from) {
  std::string id = std::string(cluster ? "cwft/" : "wft/") + name;
  if (auto it = bases_.find(id); it != bases_.end()) return it->second.get();
  const SourcedDocument* found = nullptr;
  if (o_.templates) {
    auto& m = cluster ? o_.templates->cluster : o_.templates->namespaced;
    if (auto it = m.find(name); it != m.end()) found = &it->second;
  }
  if (!found) {
    unknown_refs_ = true;
    // One report per place: a call is walked again when its template is validated alone.
    if (!missing_reported_.insert((from ? from->id : std::string()) + "#" + at).second) return nullptr;
    std::string what = std::string(cluster ? "ClusterWorkflowTemplate" : "WorkflowTemplate") + " '" + name + "'";
    if (o_.templates && o_.templates->external.count(name)) {  // declared deployed elsewhere (issue 23)
      if (external_noted_.insert(name).second)
        note(at, what + " is declared external (external-templates): it is not checked here", from);
      return nullptr;
    }
    // How to say the template is deployed elsewhere (issue 23), in both
    // messages: the user who meets one is the user who needs it.
    std::string declare = "; if it is deployed elsewhere, declare it: --external-template " + name +
                          " or [tool.flowc] external-templates = [\"" + name + "\"]";
    switch (template_ref_missing()) {
      case MissingRef::NotFound:
        report("E0703", at, what + " not found" + declare, from);
        break;
      case MissingRef::NotGiven:
        report("E0501", at,
               what + " not found: none of the given files defines it, and Argo refuses a reference to a template "
                      "it cannot find in the cluster (give the file that defines it, e.g. flowc lint -t "
                      "templates.yaml)" + declare,
               from);
        break;
      case MissingRef::Unchecked:
        break;
    }
    return nullptr;
  }
  auto b = std::make_unique<Base>();
  b->src = *found;
  b->spec = get(*found->doc, "spec");
  b->spec_ptr = "/spec";
  b->id = id;
  Base* raw = b.get();
  bases_.emplace(id, std::move(b));
  return raw;
}

// What a reference to a WorkflowTemplate or ClusterWorkflowTemplate that
// none of the given files defines is. Argo looks the template up in the
// cluster and refuses the workflow when it is not there (validate.go:165-170
// for workflowTemplateRef, :609-618 for templateRef), so flowc lint makes it
// an error. A compile does not check it (it emits references to templates
// deployed elsewhere as a matter of course) until the project can declare
// those: issue 23 adds an `external-templates` declaration, and a name
// declared there is to become a note here instead of an error. Keep that
// decision in this one function.
Validator::MissingRef Validator::template_ref_missing() const {
  if (o_.templates && o_.templates->complete) return MissingRef::NotFound;  // Argo's own words
  return o_.template_refs_must_resolve ? MissingRef::NotGiven : MissingRef::Unchecked;
}

void Validator::collect_global_outputs(Base& base) {
  const J* ts = base.templates();
  if (!ts || !ts->is_array()) return;
  for (auto& t : *ts)
    for (const char* kind : {"parameters", "artifacts"})
      if (const J* list = get(get(t, "outputs"), kind); list && list->is_array())
        for (auto& p : *list) {
          std::string g = text(p, "globalName");
          if (g.empty()) continue;
          if (rules::has_parameter(g)) (std::string_view(kind) == "parameters" ? any_wf_out_params_ : any_wf_out_artifacts_) = true;
          else globals_.insert(std::string("workflow.outputs.") + kind + "." + g);
        }
}

}  // namespace flowc::validation
