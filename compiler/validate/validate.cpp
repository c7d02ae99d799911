#include "validate/validate.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "validate/depends.h"
#include "validate/rules.h"

namespace flowc {

namespace {

using J = nlohmann::ordered_json;

// ---- reading the document as Go's structs would ----------------------------

const J* get(const J* o, std::string_view key) {
  if (!o || !o->is_object()) return nullptr;
  auto it = o->find(key);
  return it == o->end() || it->is_null() ? nullptr : &*it;
}
const J* get(const J& o, std::string_view key) { return get(&o, key); }

// A string field (Go's string): numbers and booleans as their text, else "".
std::string text(const J* j) {
  if (!j) return "";
  if (j->is_string()) return j->get<std::string>();
  if (j->is_number() || j->is_boolean()) return j->dump();
  return "";
}
std::string text(const J& o, std::string_view key) { return text(get(o, key)); }
std::string text(const J* o, std::string_view key) { return text(get(o, key)); }
bool nonempty(const J& o, std::string_view key) { return !text(o, key).empty(); }
size_t length(const J* j) { return j && (j->is_array() || j->is_object()) ? j->size() : 0; }

const char* const kTemplateTypes[] = {"container", "containerSet", "steps", "script", "resource",
                                      "dag",       "suspend",      "data",  "http",   "plugin"};

std::string template_type(const J& t) {
  for (const char* k : kTemplateTypes)
    if (get(t, k)) return k;
  return "";
}
bool is_leaf(const std::string& type) {
  return type == "container" || type == "containerSet" || type == "script" || type == "resource" || type == "data" ||
         type == "http" || type == "plugin";
}
bool is_pod_type(const std::string& type) {
  return type == "container" || type == "containerSet" || type == "script" || type == "resource" || type == "data";
}
bool has_output(const std::string& type) {
  return type == "container" || type == "containerSet" || type == "script" || type == "data" || type == "http" ||
         type == "plugin";
}

// Go's Artifact.HasLocationOrKey(): a location with its required field, or a key.
const char* const kLocations[] = {"s3", "git", "http", "artifactory", "hdfs", "raw", "oss", "gcs", "azure", "plugin"};
bool location_complete(const std::string& kind, const J& loc) {
  if (kind == "s3" || kind == "oss" || kind == "gcs") return nonempty(loc, "key");
  if (kind == "git") return nonempty(loc, "repo");
  if (kind == "http" || kind == "artifactory") return nonempty(loc, "url");
  if (kind == "hdfs") return nonempty(loc, "path");
  if (kind == "raw") return get(loc, "data") != nullptr;
  if (kind == "azure") return nonempty(loc, "blob");
  if (kind == "plugin") return nonempty(loc, "key");
  return true;
}
bool has_location_or_key(const J& art) {
  if (nonempty(art, "key")) return true;
  for (const char* k : kLocations)
    if (const J* loc = get(art, k); loc && location_complete(k, *loc)) return true;
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// ---- where templates come from ---------------------------------------------

// The document whose templates a name resolves in (Argo's template context
// base): the validated workflow, or a WorkflowTemplate reached by templateRef.
struct Base {
  SourcedDocument src;
  const J* spec = nullptr;
  std::string spec_ptr;  // JSON pointer of the spec in its document
  std::string id;        // "" for the validated document, else "wft/NAME" or "cwft/NAME"
  std::unordered_map<std::string, size_t> by_name;  // template name -> index
  bool indexed = false;

  const J* templates() const { return get(spec, "templates"); }
  const J* find(const std::string& name, size_t* index) {
    const J* ts = templates();
    if (!ts || !ts->is_array()) return nullptr;
    if (!indexed) {
      for (size_t i = 0; i < ts->size(); ++i) by_name.emplace(text((*ts)[i], "name"), i);
      indexed = true;
    }
    auto it = by_name.find(name);
    if (it == by_name.end()) return nullptr;
    *index = it->second;
    return &(*ts)[it->second];
  }
};

// The variables a field may use (Argo's scope map), with its magic "any" flags.
// A task or step whose outputs a field may name ({{tasks.X.outputs.result}}):
// asked on demand rather than written out as names (a DAG may have 100,000 tasks).
struct NodeRef {
  const J* tmpl = nullptr;  // the template it calls
  bool unknown = false;     // its template is not known here: anything goes
  bool aggregate = false;   // looped: its outputs are aggregated
  bool status = false;      // {{X.status}} is known
};

struct Scope {
  std::unordered_set<std::string> keys;
  bool any_item = false;
  std::unordered_map<std::string, NodeRef> nodes;  // "tasks.X" / "steps.X"
};

bool named_in(const J* list, std::string_view name) {
  if (!list || !list->is_array()) return false;
  for (auto& x : *list)
    if (const J* n = get(x, "name"); n && n->is_string() && n->get_ref<const std::string&>() == name) return true;
  return false;
}

// Argo's addOutputsToScope, asked: whether `tag` names something of a known task or step.
bool node_resolves(const std::string& tag, const Scope& scope) {
  size_t d1 = tag.find('.');
  size_t d2 = d1 == std::string::npos ? d1 : tag.find('.', d1 + 1);
  if (d2 == std::string::npos) return false;
  auto it = scope.nodes.find(tag.substr(0, d2));
  if (it == scope.nodes.end()) return false;
  const NodeRef& n = it->second;
  std::string_view rest = std::string_view(tag).substr(d2);
  if (n.unknown || rest == ".id" || rest == ".startedAt" || rest == ".finishedAt" || rest == ".hostNodeName") return true;
  if (rest == ".status") return n.status;
  if (!n.tmpl) return false;
  std::string type = template_type(*n.tmpl);
  if (rest == ".ip") return get(*n.tmpl, "daemon") && get(*n.tmpl, "daemon")->is_boolean() && get(*n.tmpl, "daemon")->get<bool>();
  if (rest == ".outputs.result" || rest == ".exitCode")
    return has_output(type) || (n.aggregate && (type == "script" || type == "containerSet"));
  if (rest == ".outputs.parameters") return n.aggregate;
  const J* outputs = get(*n.tmpl, "outputs");
  if (rest.starts_with(".outputs.parameters.")) return named_in(get(outputs, "parameters"), rest.substr(20));
  if (rest.starts_with(".outputs.artifacts.")) return named_in(get(outputs, "artifacts"), rest.substr(19));
  return false;
}

// Extra names one task or step sees (ancestors, its own loop), asked on demand
// so that a DAG's scope is never copied per task.
using Extra = std::function<bool(const std::string&)>;

// Arguments a template is called with (Argo's ArgumentsProvider): a call's
// `arguments`, or any value at all (FakeArguments) when validating a template alone.
struct Args {
  const J* arguments = nullptr;  // null: fake, everything supplied
  const J* param(const std::string& name) const { return find("parameters", name); }
  const J* artifact(const std::string& name) const { return find("artifacts", name); }
  const J* find(const char* list, const std::string& name) const {
    const J* l = get(arguments, list);
    if (!l || !l->is_array()) return nullptr;
    for (auto& p : *l)
      if (text(p, "name") == name) return &p;
    return nullptr;
  }
};

// What a substituted variable becomes (Argo's placeholders): valid in names.
constexpr const char* kPlaceholder = "flowc-placeholder-";

class Validator {
 public:
  Validator(const SourcedDocument& doc, const ValidateOptions& o, DiagnosticSink& sink) : doc_(doc), o_(o), sink_(sink) {}

  void run() {
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

 private:
  // ---- reporting ----
  void report(const char* code, const std::string& ptr, std::string message, const Base* base = nullptr) {
    error_at(code, ptr, std::move(message), base);
  }
  Diagnostic& error_at(const char* code, const std::string& ptr, std::string message, const Base* base) {
    const SourcedDocument& src = base ? base->src : doc_;
    Place p = src.spans ? src.spans->find(ptr) : Place{};
    auto& d = sink_.error(code, p.span, std::move(message));
    d.file = p.file ? p.file : src.file;
    return d;
  }
  void warn(const char* code, const std::string& ptr, std::string message, const Base* base = nullptr) {
    const SourcedDocument& src = base ? base->src : doc_;
    Place p = src.spans ? src.spans->find(ptr) : Place{};
    auto& d = sink_.warning(code, p.span, std::move(message));
    d.file = p.file ? p.file : src.file;
  }

  // ---- metadata (Kubernetes' rules, and Argo's name lengths) ----
  void check_metadata(const std::string& entry) {
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

  // ---- CronWorkflow's own fields ----
  bool check_cron(const J* spec) {
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

  // ---- Argo's Workflow() ----
  void run_workflow(const J* spec, const std::string& spec_ptr, bool ignore_entrypoint, bool wft) {
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
  void check_spec_extras(const J& spec, const std::string& sp) {
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
  }

  // ---- WorkflowTemplates reached by reference ----
  Base* template_base(const std::string& name, bool cluster, const std::string& at, const Base* from = nullptr) {
    std::string id = std::string(cluster ? "cwft/" : "wft/") + name;
    if (auto it = bases_.find(id); it != bases_.end()) return it->second.get();
    const SourcedDocument* found = nullptr;
    if (o_.templates) {
      auto& m = cluster ? o_.templates->cluster : o_.templates->namespaced;
      if (auto it = m.find(name); it != m.end()) found = &it->second;
    }
    if (!found) {
      unknown_refs_ = true;
      std::string what = std::string(cluster ? "ClusterWorkflowTemplate" : "WorkflowTemplate") + " '" + name + "'";
      if (o_.templates && o_.templates->complete) report("E0703", at, what + " not found", from);
      else if (o_.warn_unchecked_refs && warned_refs_.insert(name).second)
        warn("W0701", at, what + " is not among the given files: what it is called with is not checked "
                              "(give its file too, or --all-templates if it does not exist)", from);
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

  void collect_global_outputs(Base& base) {
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

  // ---- Argo's validateTemplateHolder ----
  // Resolves what a task, step, hook or entrypoint calls and validates it with
  // the call's arguments. Returns the template (null: unknown, reported or not ours to know).
  const J* holder_template(const J& holder, const std::string& ptr, Base& base, const Args& args, const std::string& where,
                           Base** resolved_base = nullptr) {
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

  // ---- Argo's validateTemplate ----
  void validate_template(const J& t, const std::string& tp, Base& base, const Args& args, const std::string& where) {
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
    if (get(t, "retryStrategy"))
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
      if (!is_leaf(type)) report("E0716", tp + "/timeout", label + ": " + type + " template doesn't support timeout field", &base);
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
  bool substitute(const J& t, const Scope& scope, J& out) {
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

  void check_inputs(const J& t, const std::string& tp, const std::string& type, Base& base, const std::string& label) {
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

  void check_clean_path(const std::string& path, const std::string& ptr, const std::string& ref, Base& base) {
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
  void check_location(const J& a, const std::string& ap, const std::string& ref, Base& base) {
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
  void check_supplied(const J& t, const std::string& tp, const Args& args, Base& base, const std::string& label,
                      const std::string& where) {
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
  void report_at_call(const std::string& fallback, Base& base, std::string message) {
    std::string at = call_ptr_.empty() ? fallback : call_ptr_ + "/template";
    if (call_ptr_.empty()) report("E0704", at, std::move(message), &base);
    else report("E0704", at, std::move(message), call_base_);
  }

  // ---- names ----
  // Argo's validateWorkflowFieldNames: non-empty, valid, unique.
  void check_field_names(const J* list, const std::string& ptr, const std::string& label, bool params, Base* base) {
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
  void check_arguments(const J& args, const std::string& ptr, const std::string& prefix, bool allow_empty, Base* base) {
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

  // ---- {{variables}} ----
  // Argo's resolveAllVariables over every string (and key) of `node`.
  void check_vars(const J& node, std::string& ptr, const Scope& scope, const Extra* extra, Base& base, const std::string& where) {
    if (node.is_string()) {
      check_text(node.get_ref<const std::string&>(), ptr, scope, extra, base, where);
    } else if (node.is_array()) {
      size_t n = ptr.size();
      for (size_t i = 0; i < node.size(); ++i) {
        ptr += "/" + std::to_string(i);
        check_vars(node[i], ptr, scope, extra, base, where);
        ptr.resize(n);
      }
    } else if (node.is_object()) {
      size_t n = ptr.size();
      for (auto it = node.begin(); it != node.end(); ++it) {
        ptr += pointer_token(it.key());
        if (it.key().find("{{") != std::string::npos) check_text(it.key(), ptr, scope, extra, base, where);
        check_vars(it.value(), ptr, scope, extra, base, where);
        ptr.resize(n);
      }
    }
  }

  void check_text(const std::string& s, const std::string& ptr, const Scope& scope, const Extra* extra, Base& base,
                  const std::string& where) {
    size_t pos = 0;
    while ((pos = s.find("{{", pos)) != std::string::npos) {
      size_t end = s.find("}}", pos + 2);
      if (end == std::string::npos) return;  // no closing braces: plain text to Argo's template engine
      std::string tag(trim(std::string_view(s).substr(pos + 2, end - pos - 2)));
      pos = end + 2;
      if (!resolves(tag, scope, extra)) {
        std::string msg = where + ": failed to resolve {{" + tag + "}}";
        if (tag == "item" || tag.starts_with("item.")) msg += " (only a task or step with withItems, withParam or withSequence has an item)";
        else if (tag.starts_with("tasks.")) msg += " (tasks.X is known in a DAG task, for X an ancestor of the task when it asks for its status)";
        else if (tag.starts_with("steps.")) msg += " (steps.X is known in a step of a later group than X's)";
        else if (tag == "retries" || tag.starts_with("lastRetry.")) msg += " (only a template with a retryStrategy has retries)";
        report("E0705", ptr, msg, &base);
      }
    }
  }

  bool resolves(const std::string& tag, const Scope& scope, const Extra* extra) const {
    if (tag.starts_with("=")) return true;  // an expression, evaluated by Argo at run time
    static const char* const checked[] = {"item.", "steps.", "inputs.", "outputs.", "pod.", "workflow.", "tasks.", "lastRetry."};
    bool check = tag == "item" || tag == "retries";
    for (const char* p : checked) check = check || tag.starts_with(p);
    if (!check) return true;  // a variable Argo does not check (custom, node.name, ...)
    if (scope.keys.count(tag) || globals_.count(tag)) return true;
    if ((tag.starts_with("tasks.") || tag.starts_with("steps.")) && node_resolves(tag, scope)) return true;
    if (extra && (*extra)(tag)) return true;
    if ((tag == "item" || tag.starts_with("item.")) && scope.any_item) return true;
    if (tag.starts_with("workflow.outputs.parameters.") && any_wf_out_params_) return true;
    if (tag.starts_with("workflow.outputs.artifacts.") && any_wf_out_artifacts_) return true;
    if (tag.starts_with("outputs.")) return true;  // a template's own outputs (metrics)
    for (const char* p : {"workflow.creationTimestamp", "workflow.scheduledTime", "workflow.duration", "tasks.name",
                          "steps.name", "node.name"})
      if (tag.starts_with(p)) return true;
    if (wft_ && tag.starts_with("workflow.parameters")) return true;  // given by the workflow that uses the template
    return false;
  }

  // Argo's addItemsToScope.
  bool add_items(const J& task, const std::string& tp, Scope& scope, Base& base, const std::string& label) {
    const J* items = get(task, "withItems");
    bool param = nonempty(task, "withParam");
    const J* seq = get(task, "withSequence");
    int defined = (length(items) > 0) + param + (seq != nullptr);
    if (defined > 1) {
      report("E0718", tp, label + " only one of withItems, withParam, withSequence can be specified", &base);
      return false;
    }
    if (length(items) > 0) {
      for (auto& it : *items) {
        if (it.is_object())
          for (auto kv = it.begin(); kv != it.end(); ++kv) scope.keys.insert("item." + kv.key());
        else if (it.is_array())
          for (size_t i = 0; i < it.size(); ++i) scope.keys.insert("item.[" + std::to_string(i) + "]");
        else scope.keys.insert("item");
      }
    } else if (param) {
      scope.keys.insert("item");
      scope.any_item = true;
    } else if (seq) {
      if (get(seq, "count") && get(seq, "end")) {
        report("E0718", tp + "/withSequence", label + " only one of count or end can be defined in withSequence", &base);
        return false;
      }
      scope.keys.insert("item");
    }
    return true;
  }

  // Argo's addOutputsToScope: what {{tasks.X...}} / {{steps.X...}} may name (see node_resolves).
  void add_outputs(const J* tmpl, const char* kind, const std::string& name, Scope& scope, bool aggregate) {
    NodeRef& n = scope.nodes[std::string(kind) + "." + name];
    n.tmpl = tmpl;
    n.unknown = tmpl == nullptr;
    n.aggregate = n.aggregate || aggregate;
  }

  void check_hooks(const J* hooks, const std::string& ptr, const std::string& label, Base& base) {
    if (!hooks || !hooks->is_object()) return;
    for (auto it = hooks->begin(); it != hooks->end(); ++it) {
      std::string hp = ptr + pointer_token(it.key());
      if (it.key() != "exit" && !nonempty(it.value(), "expression"))
        report("E0719", hp, label + "." + it.key() + " Expression required", &base);
      if (it.value().is_object() && (get(it.value(), "template") || get(it.value(), "templateRef")))
        holder_template(it.value(), hp, base, Args{get(it.value(), "arguments") ? get(it.value(), "arguments") : &kEmptyArgs},
                        label + "." + it.key());
    }
  }

  // ---- steps ----
  void validate_steps(const J& t, const std::string& tp, Scope& scope, Base& base, const std::string& label) {
    if (get(t, "activeDeadlineSeconds"))
      report("E0708", tp + "/activeDeadlineSeconds", label + ".activeDeadlineSeconds is only valid for leaf templates", &base);
    for (auto& g : globals_) scope.keys.insert(g);
    const J& groups = *get(t, "steps");
    if (!groups.is_array()) return report("E0708", tp + "/steps", label + ".steps must be a list of lists of steps", &base);
    std::unordered_set<std::string> names;
    for (size_t i = 0; i < groups.size(); ++i) {
      const J* group = &groups[i];
      std::string gp = tp + "/steps/" + std::to_string(i);
      if (group->is_object() && get(*group, "steps")) group = get(*group, "steps"), gp += "/steps";
      if (!group->is_array()) {
        report("E0708", gp, label + ".steps[" + std::to_string(i) + "] must be a list of steps", &base);
        continue;
      }
      for (size_t j = 0; j < group->size(); ++j) {
        const J& step = (*group)[j];
        std::string sp = gp + "/" + std::to_string(j);
        std::string name = text(step, "name");
        std::string sl = label + ".steps[" + std::to_string(i) + "]." + name;
        if (name.empty()) {
          report("E0701", sp, label + ".steps[" + std::to_string(i) + "].name is required", &base);
          continue;
        }
        if (!names.insert(name).second) report("E0702", sp + "/name", label + ".steps[" + std::to_string(i) + "].name '" + name + "' is not unique", &base);
        if (auto e = rules::workflow_field_name_error(name); !e.empty())
          report("E0701", sp + "/name", label + ".steps[" + std::to_string(i) + "].name '" + name + "' is invalid: " + e, &base);
        scope.nodes["steps." + name].status = true;
        add_items(step, sp, scope, base, sl);
        static const J none = J::object();
        const J* args = get(step, "arguments") ? get(step, "arguments") : &none;
        check_arguments(*args, sp + "/arguments", sl + ".arguments.", false, &base);
        call_ptr_ = sp;
        call_base_ = &base;
        const J* resolved = holder_template(step, sp, base, Args{args}, sl);
        call_ptr_.clear();
        check_hooks(get(step, "hooks"), sp + "/hooks", sl + ".hooks", base);
        if (get(get(step, "hooks"), "exit")) add_outputs(resolved, "steps", name, scope, false);  // the exit hook sees them
        Scope* use = &scope;
        Scope with_inline;
        if (const J* in = get(get(step, "inline"), "inputs"); in && get(in, "parameters")) {
          with_inline = scope;
          for (auto& p : *get(in, "parameters")) with_inline.keys.insert("inputs.parameters." + text(p, "name"));
          use = &with_inline;
        }
        std::string ptr = sp;
        if (get(step, "inline")) {  // an inline template is checked as a template
          J without_inline = step;
          without_inline.erase("inline");
          check_vars(without_inline, ptr, *use, nullptr, base, label + ".steps");
        } else {
          check_vars(step, ptr, *use, nullptr, base, label + ".steps");
        }
        bool aggregate = length(get(step, "withItems")) > 0 || nonempty(step, "withParam");
        add_outputs(resolved, "steps", name, scope, aggregate);
        if (!resolved && !get(step, "template") && !get(step, "templateRef") && !get(step, "inline"))
          report("E0703", sp, sl + " calls no template (template, templateRef or inline)", &base);
      }
    }
  }

  // ---- DAG ----
  struct DagTask {
    const J* json;
    std::string name, ptr;
    std::vector<DependsRef> deps;  // from depends or dependencies
    const J* resolved = nullptr;
    std::vector<int> dep_index;    // indexes of known dependencies
  };

  void validate_dag(const J& t, const std::string& tp, Scope& scope, Base& base, const std::string& label) {
    if (get(t, "activeDeadlineSeconds"))
      report("E0708", tp + "/activeDeadlineSeconds", label + ".activeDeadlineSeconds is only valid for leaf templates", &base);
    for (auto& g : globals_) scope.keys.insert(g);
    const J* dag = get(t, "dag");
    const J* tasks = get(dag, "tasks");
    if (!tasks || !tasks->is_array() || tasks->empty())
      return report("E0707", tp + "/dag", label + " must have at least one task", &base);
    check_field_names(tasks, tp + "/dag/tasks", label + ".tasks", false, &base);
    std::vector<DagTask> ts(tasks->size());
    std::unordered_map<std::string, int> index;
    bool using_depends = false;
    for (size_t i = 0; i < tasks->size(); ++i) {
      ts[i].json = &(*tasks)[i];
      ts[i].name = text(*ts[i].json, "name");
      ts[i].ptr = tp + "/dag/tasks/" + std::to_string(i);
      index.emplace(ts[i].name, static_cast<int>(i));
      using_depends = using_depends || nonempty(*ts[i].json, "depends");
    }
    bool mixed_reported = false, continue_reported = false;
    for (auto& task : ts) {
      const J& tj = *task.json;
      std::string tl = label + ".tasks." + task.name;
      const J* dl = get(tj, "dependencies");
      bool has_deps = length(dl) > 0;
      if ((using_depends || has_deps) && !task.name.empty() && task.name[0] >= '0' && task.name[0] <= '9')
        report("E0707", task.ptr + "/name", tl + " name cannot begin with a digit when using either 'depends' or 'dependencies'", &base);
      if (using_depends && has_deps && !mixed_reported) {
        mixed_reported = true;
        report("E0707", task.ptr + "/dependencies", label + " cannot use both 'depends' and 'dependencies' in the same DAG template", &base);
      }
      if (using_depends && get(tj, "continueOn") && !continue_reported) {
        continue_reported = true;
        report("E0707", task.ptr + "/continueOn",
               label + " cannot use 'continueOn' when using 'depends'. Instead use 'dep-task.Failed'/'dep-task.Errored'", &base);
      }
      if (std::string dep = text(tj, "depends"); !dep.empty()) {
        DependsParse parsed = parse_depends(dep);
        if (!parsed.error.empty())
          report("E0706", task.ptr + "/depends", tl + ".depends '" + dep + "' is malformed: " + parsed.error + " (at offset " + std::to_string(parsed.error_offset) + ")", &base);
        for (auto& r : parsed.refs)
          if (!r.result.empty() && !is_task_result(r.result))
            report("E0706", task.ptr + "/depends", tl + " task result '" + r.result + "' for task '" + r.task +
                                                       "' is invalid (Succeeded, Failed, Errored, Skipped, Omitted, Daemoned, AnySucceeded or AllFailed)", &base);
        task.deps = std::move(parsed.refs);
      } else if (dl && dl->is_array()) {
        for (auto& d : *dl) task.deps.push_back({text(&d), "", 0});
      }
      static const J none = J::object();
      const J* args = get(tj, "arguments") ? get(tj, "arguments") : &none;
      call_ptr_ = task.ptr;
      call_base_ = &base;
      task.resolved = holder_template(tj, task.ptr, base, Args{args}, tl);
      call_ptr_.clear();
      if (!task.resolved && !get(tj, "template") && !get(tj, "templateRef") && !get(tj, "inline"))
        report("E0703", task.ptr, tl + " calls no template (template, templateRef or inline)", &base);
      bool aggregate = length(get(tj, "withItems")) > 0 || nonempty(tj, "withParam");
      add_outputs(task.resolved, "tasks", task.name, scope, aggregate);
      for (auto& d : task.deps) {
        auto it = index.find(d.task);
        if (it == index.end()) {
          report("E0707", task.ptr + (using_depends ? "/depends" : "/dependencies"), tl + " dependency '" + d.task + "' not defined", &base);
          continue;
        }
        task.dep_index.push_back(it->second);
        const J& dj = *ts[it->second].json;
        if (is_items_result(d.result) && length(get(dj, "withItems")) == 0 && !nonempty(dj, "withParam") && !get(dj, "withSequence"))
          report("E0707", task.ptr + "/depends", tl + " dependency '" + d.task +
                                                     "' uses an items-based condition such as .AnySucceeded or .AllFailed but does not contain any items", &base);
      }
    }
    if (!check_cycles(ts, label, base)) return;
    std::string target = text(get(dag, "target"));
    if (!target.empty()) {
      std::string ptr = tp + "/dag/target";
      check_text(target, ptr, scope, nullptr, base, label + ".targets");
      size_t start = 0;
      while (start <= target.size()) {
        size_t sp = target.find(' ', start);
        std::string name = target.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
        if (!rules::has_parameter(name) && !index.count(name))
          report("E0707", ptr, label + ".targets: target '" + name + "' is not defined", &base);
        if (sp == std::string::npos) break;
        start = sp + 1;
      }
    }
    for (size_t i = 0; i < ts.size(); ++i) {
      auto& task = ts[i];
      const J& tj = *task.json;
      std::string tl = label + ".tasks." + task.name;
      if (get(tj, "hooks")) scope.nodes["tasks." + task.name].status = true;
      Scope own;  // this task's loop and inline inputs
      if (!add_items(tj, task.ptr, own, base, tl)) continue;
      if (const J* in = get(get(tj, "inline"), "inputs"); in && get(in, "parameters"))
        for (auto& p : *get(in, "parameters")) own.keys.insert("inputs.parameters." + text(p, "name"));
      Extra extra = [&](const std::string& tag) {
        if (own.keys.count(tag) || ((tag == "item" || tag.starts_with("item.")) && own.any_item)) return true;
        // tasks.X.status and tasks.X.outputs.parameters (X looped): X an ancestor.
        if (!tag.starts_with("tasks.")) return false;
        size_t dot = tag.find('.', 6);
        if (dot == std::string::npos) return false;
        auto it = index.find(tag.substr(6, dot - 6));
        if (it == index.end()) return false;
        std::string rest = tag.substr(dot);
        const J& aj = *ts[it->second].json;
        bool looped = length(get(aj, "withItems")) > 0 || nonempty(aj, "withParam");
        bool ok = rest == ".status" || (looped && rest == ".outputs.parameters") ||
                  (looped && (rest == ".outputs.result" || rest == ".exitCode"));
        return ok && is_ancestor(ts, static_cast<int>(i), it->second);
      };
      std::string ptr = task.ptr;
      if (get(tj, "inline")) {  // an inline template is checked as a template
        J without_inline = tj;
        without_inline.erase("inline");
        check_vars(without_inline, ptr, scope, &extra, base, tl);
      } else {
        check_vars(tj, ptr, scope, &extra, base, tl);
      }
      check_hooks(get(tj, "hooks"), task.ptr + "/hooks", tl + ".hooks", base);
      if (const J* a = get(tj, "arguments")) check_arguments(*a, task.ptr + "/arguments", tl + ".arguments.", false, &base);
      // Argo's validateDAGTaskArgumentDependency: {{tasks.X...}} arguments need X as an ancestor.
      const J* args = get(tj, "arguments");
      for (const char* kind : {"parameters", "artifacts"}) {
        const J* list = get(args, kind);
        if (!list || !list->is_array()) continue;
        for (size_t k = 0; k < list->size(); ++k) {
          std::string v = text((*list)[k], std::string_view(kind) == "parameters" ? "value" : "from");
          if (!v.starts_with("{{tasks.")) continue;
          size_t dot = v.find('.', 8);
          std::string ref = v.substr(8, dot == std::string::npos ? std::string::npos : dot - 8);
          auto it = index.find(ref);
          if (it != index.end() && is_ancestor(ts, static_cast<int>(i), it->second)) continue;
          report("E0707", task.ptr + "/arguments/" + kind + "/" + std::to_string(k),
                 tl + " missing dependency '" + ref + "' for " + (std::string_view(kind) == "parameters" ? "parameter" : "artifact") +
                     " '" + text((*list)[k], "name") + "'", &base);
        }
      }
    }
  }

  // Whether `anc` is an ancestor of `task` (direct dependencies first: the common case).
  bool is_ancestor(const std::vector<DagTask>& ts, int task, int anc) {
    for (int d : ts[task].dep_index)
      if (d == anc) return true;
    std::vector<int> stack(ts[task].dep_index.begin(), ts[task].dep_index.end());
    ++stamp_;
    if (mark_.size() < ts.size()) mark_.assign(ts.size(), 0);
    while (!stack.empty()) {
      int n = stack.back();
      stack.pop_back();
      if (n == anc) return true;
      if (mark_[n] == stamp_) continue;
      mark_[n] = stamp_;
      for (int d : ts[n].dep_index) stack.push_back(d);
    }
    return false;
  }

  // Iterative depth-first search (a DAG may be a chain of 100,000 tasks).
  bool check_cycles(const std::vector<DagTask>& ts, const std::string& label, Base& base) {
    std::vector<uint8_t> state(ts.size(), 0);  // 0 new, 1 on the path, 2 done
    for (size_t root = 0; root < ts.size(); ++root) {
      if (state[root]) continue;
      std::vector<std::pair<int, size_t>> path{{static_cast<int>(root), 0}};
      state[root] = 1;
      while (!path.empty()) {
        auto& [n, next] = path.back();
        if (next < ts[n].dep_index.size()) {
          int d = ts[n].dep_index[next++];
          if (state[d] == 1) {
            std::string cycle;
            for (auto& [p, _] : path) cycle += ts[p].name + "->";
            report("E0707", ts[n].ptr, label + ".tasks dependency cycle detected: " + cycle + ts[d].name, &base);
            return false;
          }
          if (state[d] == 0) {
            state[d] = 1;
            path.push_back({d, 0});
          }
        } else {
          state[n] = 2;
          path.pop_back();
        }
      }
    }
    return true;
  }

  // ---- leaf templates ----
  void validate_leaf(const J& t, const std::string& tp, const std::string& type, Scope& scope, Base& base, const std::string& label) {
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
    if (const J* cs = get(t, "containerSet")) {
      const J* cl = get(cs, "containers");
      bool main = false;
      if (cl && cl->is_array())
        for (size_t i = 0; i < cl->size(); ++i) {
          std::string n = text((*cl)[i], "name");
          main = main || n == "main";
          if (n == "init" || n == "wait" || n == "supervisor")
            report("E0708", tp + "/containerSet/containers/" + std::to_string(i) + "/name",
                   label + ".containerSet.containers[" + std::to_string(i) + "].name '" + n + "' is a reserved Argo container name", &base);
          if (!nonempty((*cl)[i], "image") && !default_image(base, "container"))
            report("E0708", tp + "/containerSet/containers/" + std::to_string(i), label + ".containerSet.containers[" + std::to_string(i) + "].image may not be empty", &base);
        }
      if (length(cl) == 0) report("E0708", tp + "/containerSet", label + ".containerSet.containers must have at least one container", &base);
      const J* out = get(t, "outputs");
      if ((length(get(get(t, "inputs"), "artifacts")) > 0 || length(get(out, "parameters")) > 0 || length(get(out, "artifacts")) > 0) && !main)
        report("E0708", tp + "/containerSet", label + ".containerSet.containers must have a container named \"main\" for input or output", &base);
    }
    if (const J* r = get(t, "resource")) {
      std::string action = text(get(r, "action"));
      if (action.find("{{") == std::string::npos && action != "get" && action != "create" && action != "apply" &&
          action != "delete" && action != "replace" && action != "patch")
        report("E0708", tp + "/resource/action", label + ".resource.action must be one of: get, create, apply, delete, replace, patch", &base);
      if (action != "delete" && action != "get") {
        bool manifest = nonempty(*r, "manifest"), from = get(r, "manifestFrom") != nullptr;
        if (!manifest && !from)
          report("E0708", tp + "/resource", "either " + label + ".resource.manifest or " + label + ".resource.manifestFrom must be specified", &base);
        if (manifest && from) report("E0708", tp + "/resource", label + ": shouldn't have both `manifest` and `manifestFrom` specified in `Manifest` for resource template", &base);
      }
    }
    if (const J* s = get(t, "script"); s && !nonempty(*s, "image") && !default_image(base, "script"))
      report("E0708", tp + "/script", label + ".script.image may not be empty", &base);
    if (const J* h = get(t, "http"); h && !nonempty(*h, "url"))
      report("E0708", tp + "/http", label + ".http.url is required", &base);
    if (const J* ads = get(t, "activeDeadlineSeconds")) {
      std::string s = text(ads);
      bool var = s.find("{{") != std::string::npos;
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
    check_containers(t, tp, label, base);
    (void)type;
  }

  bool default_image(const Base& base, const char* kind) {
    return nonempty(get(get(base.spec, "templateDefaults"), kind) ? *get(get(base.spec, "templateDefaults"), kind) : J::object(), "image");
  }

  // imagePullPolicy of every container of a template (or of templateDefaults).
  void check_containers(const J& t, const std::string& tp, const std::string& label, Base& base) {
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

  // ---- outputs ----
  void validate_outputs(const J& t, const std::string& tp, const std::string& type, const Scope& scope, Base& base, const std::string& label) {
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
          report("E0710", pp + "/valueFrom", ref + ".path must be specified for " + type + " templates", &base);
        else if (type == "resource" && !nonempty(*vf, "jqFilter") && !nonempty(*vf, "jsonPath"))
          report("E0710", pp + "/valueFrom", ref + " .jqFilter or jsonPath must be specified for resource templates", &base);
        else if ((type == "dag" || type == "steps") && !nonempty(*vf, "parameter") && !nonempty(*vf, "expression"))
          report("E0710", pp + "/valueFrom", ref + ".parameter or expression must be specified for " + type + " templates", &base);
        std::string g = text(p, "globalName");
        if (!g.empty() && !rules::has_parameter(g) && !rules::is_param_or_artifact_name(g))
          report("E0701", pp + "/globalName", ref + ".globalName: Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-'", &base);
      }
  }

  // ---- metrics, retry, synchronization ----
  static bool metric_name(std::string_view n) {
    if (n.empty() || std::isdigit(static_cast<unsigned char>(n[0]))) return false;
    for (char c : n)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    return true;
  }

  void check_metrics(const J& t, const std::string& tp, Base& base, const std::string& label) {
    const J* list = get(get(t, "metrics"), "prometheus");
    if (!list || !list->is_array()) return;
    for (size_t i = 0; i < list->size(); ++i) {
      const J& m = (*list)[i];
      std::string mp = tp + "/metrics/prometheus/" + std::to_string(i);
      std::string name = text(m, "name");
      if (!metric_name(name)) {
        report("E0713", mp + "/name", label + " metric name '" + name + "' is invalid. Metric names must contain alphanumeric characters or '_'", &base);
        continue;
      }
      if (const J* ls = get(m, "labels"); ls && ls->is_array())
        for (size_t k = 0; k < ls->size(); ++k) {
          std::string key = text((*ls)[k], "key");
          if (!metric_name(key)) report("E0713", mp + "/labels/" + std::to_string(k), label + " metric '" + name + "' label key '" + key + "' is invalid", &base);
          if (!nonempty((*ls)[k], "value")) report("E0713", mp + "/labels/" + std::to_string(k), label + " metric '" + name + "' label '" + key + "' has an empty value", &base);
        }
      if (!nonempty(m, "help")) {
        report("E0713", mp, label + " metric '" + name + "' must contain a help string under 'help: ' field", &base);
        continue;
      }
      int kinds = 0;
      std::string kind;
      for (const char* k : {"gauge", "counter", "histogram"})
        if (get(m, k)) ++kinds, kind = k;
      if (kinds != 1) {
        report("E0713", mp, label + " metric '" + name + "' error: " + (kinds ? "more than one" : "no") + " metric type specified (gauge, counter or histogram)", &base);
        continue;
      }
      const J& v = *get(m, kind);
      if (!nonempty(v, "value")) report("E0713", mp + "/" + kind, label + " metric '" + name + "' error: missing " + kind + ".value", &base);
      if (kind == "histogram" && length(get(v, "buckets")) == 0)
        report("E0713", mp + "/histogram", label + " metric '" + name + "' error: histogram must have at least one bucket", &base);
    }
  }

  void check_retry(const J& rs, const std::string& rp, const std::string& label, Base& base) {
    if (const J* lim = get(rs, "limit")) {
      std::string s = text(lim);
      bool ok = s.find("{{") != std::string::npos ||
                (!s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }));
      if (!ok) report("E0711", rp + "/limit", label + ".limit must be a non-negative integer or an argo variable, got '" + s + "'", &base);
    }
    if (const J* b = get(rs, "backoff"))
      for (const char* k : {"duration", "maxDuration"}) {
        const J* d = get(b, k);
        if (!d) continue;
        std::string s = text(d);
        bool digits = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (s.find("{{") != std::string::npos || digits) continue;  // seconds, or resolved at run time
        if (auto e = rules::go_duration_error(s); !e.empty())
          report("E0716", rp + "/backoff/" + k, label + ".backoff." + k + ": " + e, &base);
      }
  }

  void check_synchronization(const J* sync, const std::string& sp, const std::string& label, Base& base) {
    if (!sync) return;
    // Only the forms the version has: mutex/semaphore up to 3.7, mutexes/semaphores from 3.6.
    bool single = o_.argo_version < ArgoVersion{4}, list = o_.argo_version >= kArgoListsSince;
    const J* sem = single ? get(sync, "semaphore") : nullptr;
    const J* mutex = single ? get(sync, "mutex") : nullptr;
    const J* sems = list ? get(sync, "semaphores") : nullptr;
    const J* mutexes = list ? get(sync, "mutexes") : nullptr;
    // A form the version lacks is reported where it is written (lint's field check), not as missing here.
    bool other_form = (!single && (get(sync, "semaphore") || get(sync, "mutex"))) ||
                      (!list && (get(sync, "semaphores") || get(sync, "mutexes")));
    if (!sem && !mutex && length(sems) == 0 && length(mutexes) == 0)
      return other_form ? void() : report("E0712", sp, label + " needs a semaphore or a mutex", &base);
    if (sem && mutex) report("E0712", sp, label + " has both a semaphore and a mutex; give one (or use semaphores/mutexes)", &base);
    auto check_sem = [&](const J& s, const std::string& p) {
      if (!get(s, "configMapKeyRef") && !get(s, "database"))
        report("E0712", p, label + ": a semaphore needs a configMapKeyRef (or database)", &base);
      else if (const J* c = get(s, "configMapKeyRef"); c && !nonempty(*c, "key"))
        report("E0712", p + "/configMapKeyRef", label + ": a semaphore's configMapKeyRef needs a key", &base);
    };
    auto check_mutex = [&](const J& m, const std::string& p) {
      if (!nonempty(m, "name")) report("E0712", p, label + ": a mutex needs a name", &base);
    };
    if (sem) check_sem(*sem, sp + "/semaphore");
    if (mutex) check_mutex(*mutex, sp + "/mutex");
    if (sems && sems->is_array())
      for (size_t i = 0; i < sems->size(); ++i) check_sem((*sems)[i], sp + "/semaphores/" + std::to_string(i));
    if (mutexes && mutexes->is_array())
      for (size_t i = 0; i < mutexes->size(); ++i) check_mutex((*mutexes)[i], sp + "/mutexes/" + std::to_string(i));
  }

  inline static const J kEmptyArgs = J::object();

  const SourcedDocument& doc_;
  const ValidateOptions& o_;
  DiagnosticSink& sink_;
  Base root_;
  std::unordered_map<std::string, std::unique_ptr<Base>> bases_;
  std::unordered_set<std::string> globals_;
  std::unordered_set<const J*> seen_;  // templates validated (each once; calls check their inputs)
  bool wft_ = false;
  bool any_wf_out_params_ = false, any_wf_out_artifacts_ = false;
  bool unknown_refs_ = false;
  std::unordered_set<std::string> warned_refs_;
  std::string call_ptr_;          // the task or step whose arguments are being checked
  Base* call_base_ = nullptr;
  std::vector<uint32_t> mark_;
  size_t placeholders_ = 0;
  std::unordered_map<std::string, std::string> placeholder_of_;  // a tag's placeholder, the same at every use
  std::unordered_map<std::string, std::string> global_values_;  // workflow parameters with a value
  uint32_t stamp_ = 0;
};

}  // namespace

std::string entry_for_kind(const std::string& kind) {
  if (kind == "Workflow") return "workflow";
  if (kind == "WorkflowTemplate") return "workflow_template";
  if (kind == "ClusterWorkflowTemplate") return "cluster_workflow_template";
  if (kind == "CronWorkflow") return "cron_workflow";
  return "";
}

void validate_document(const SourcedDocument& doc, const ValidateOptions& options, DiagnosticSink& sink) {
  if (!doc.doc) return;
  Validator(doc, options, sink).run();
}

}  // namespace flowc
