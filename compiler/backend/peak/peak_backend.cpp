#include "backend/peak/peak_backend.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "backend/peak/jinja_text.h"
#include "backend/peak/peak_conditions.h"
#include "backend/peak/peak_retry.h"
#include "backend/peak/peak_settings.h"
#include "backend/peak/place.h"
#include "backend/peak/shell_quote.h"
#include "ir/names.h"
#include "ir/number_text.h"
#include "passes/suggest.h"

namespace flowc {

namespace {

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

const Document* member(const Document& d, const char* key) {
  if (!d.is_object()) return nullptr;
  auto it = d.find(key);
  return it == d.end() ? nullptr : &*it;
}

std::string scalar_text(const Document& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_null()) return "";
  if (v.is_number_float()) return python_float_repr(v.get<double>());
  return v.dump();
}

// ---------------------------------------------------------------- backend

struct Step {
  std::string name;
  Document doc = Document::object();
};

class PeakBackend {
 public:
  PeakBackend(const Workflow& wf, const Document& argo, DiagnosticSink& sink)
      : wf_(wf), argo_(argo), sink_(sink), settings_(sink) {}

  Document run() {
    Document body = Document::object();
    const Value* wf_ext = wf_.extensions.get("peak.workflow");
    Document wset = wf_ext ? settings_.read(*wf_ext, workflow_setting_shapes(), "peak.workflow") : Document::object();
    for (auto& [k, v] : wf_.extensions.fields)
      if (k != "peak.workflow")
        error("E0604", place_of(v), "'@" + k + "' does not apply to a workflow class")
            .notes.push_back({"use @peak.workflow(...) on the class, @peak.step(...) on a task or template", std::nullopt});
    defaults_ = wset;

    std::string name = wf_.name;
    if (auto* n = wf_.metadata.get("name"); n && n->is_string()) name = n->text;
    if (wset.contains("name")) name = wset["name"].get<std::string>();
    body["name"] = name;

    const Document* spec = member(argo_, "spec");
    Document empty = Document::object();
    if (!spec) spec = &empty;
    const Document* wspec = spec;
    Document triggers = Document::array();
    if (argo_.value("kind", "") == "CronWorkflow") {
      if (auto* ws = member(*spec, "workflowSpec")) wspec = ws;
      read_cron(*spec, wspec != spec, triggers);
    }
    if (wset.contains("triggers"))
      for (auto& t : wset["triggers"]) triggers.push_back(t);
    if (!triggers.empty()) body["triggers"] = triggers;
    if (wset.contains("watchers")) body["watchers"] = wset["watchers"];
    read_metadata();

    Document wretry = Document::object();
    read_spec(*wspec, wretry);
    if (wset.contains("retryOptions"))
      for (auto& [k, v] : wset["retryOptions"].items()) wretry[k] = v;
    if (!wretry.empty()) body["retryOptions"] = wretry;
    if (wset.contains("tags")) {
      Document tags = Document::array();
      for (auto& t : wset["tags"]) tags.push_back(Document{{"name", t}});
      body["tags"] = tags;
    }

    Document steps = Document::object();
    for (auto& s : steps_) steps[s.name] = s.doc;
    body["steps"] = steps;
    for (auto& [n, wp] : wf_params_)
      if (!wp.used && wp.value)
        warning("W0603", wp.place, "workflow parameter '" + n + "' is used by no step; Peak has no "
                                                 "workflow-level parameters, so the Peak file does not have it");
    return Document{{"body", body}};
  }

 private:
  // ---- places for diagnostics
  Place spec_span(const std::string& key) const {
    if (auto* v = wf_.spec.get(key)) return place_of(*v);
    return {wf_.span};
  }
  const Template* ir_template(const std::string& name) const {
    for (auto& t : wf_.templates)
      if (t.name == name) return &t;
    return nullptr;
  }
  const Task* ir_task(const std::string& name) const {
    for (auto& t : wf_.tasks)
      if (t.name == name) return &t;
    return nullptr;
  }
  Place template_span(const std::string& name) const {
    const Template* t = ir_template(name);
    return t ? Place{t->span, t->file} : Place{wf_.span};
  }
  Place template_field_span(const std::string& name, const std::string& key) const {
    const Template* t = ir_template(name);
    if (!t) return {wf_.span};
    if (auto* v = t->body.get(key)) return place_of(*v);
    if (auto* v = t->fields.get(key)) return place_of(*v);  // @template(retry_strategy=...)
    for (const char* inner : {"container", "script"})
      if (auto* b = t->body.get(inner))
        if (auto* v = b->get(key)) return place_of(*v);
    return {t->span, t->file};
  }

  Diagnostic& error(const char* code, Place p, std::string message) { return error_at(sink_, code, p, std::move(message)); }
  Diagnostic& warning(const char* code, Place p, std::string message) {
    return warning_at(sink_, code, p, std::move(message));
  }
  Diagnostic& unsupported(Place p, const std::string& construct) {
    return error("E0601", p, construct + " has no equivalent in a Peak workflow (target peak)");
  }

  void read_metadata() {
    for (size_t i = 0; i < wf_.metadata.fields.size(); ++i) {
      auto& [k, v] = wf_.metadata.fields[i];
      if (k == "name" || k == "generateName") continue;
      auto& d = unsupported(place_of(wf_.metadata.fields[i].second), "workflow metadata '" + k + "'");
      if (k == "labels") d.notes.push_back({"Peak workflows take tags: @peak.workflow(tags=[...])", std::nullopt});
    }
  }

  void read_cron(const Document& spec, bool nested, Document& triggers) {
    for (auto& [k, v] : spec.items()) {
      if (nested && k == "workflowSpec") continue;
      if (k == "schedule" || k == "schedules") {
        if (v.is_string()) triggers.push_back(Document{{"cron", mark_placeholders(v.get<std::string>())}});
        else if (v.is_array())
          for (auto& s : v) triggers.push_back(Document{{"cron", mark_placeholders(scalar_text(s))}});
        continue;
      }
      if (!nested && !cron_field(k)) continue;  // a flat spec: workflow fields are read by read_spec
      unsupported(spec_span(k), "CronWorkflow field '" + k + "'");
    }
  }
  static bool cron_field(const std::string& k) {
    static const std::set<std::string> f = {"concurrencyPolicy", "failedJobsHistoryLimit", "startingDeadlineSeconds",
                                            "successfulJobsHistoryLimit", "suspend", "timezone", "stopStrategy",
                                            "when"};
    return f.count(k) > 0;
  }

  void read_spec(const Document& spec, Document& wretry) {
    std::string entry = spec.value("entrypoint", "");
    std::map<std::string, const Document*> templates;
    if (auto* ts = member(spec, "templates"))
      for (auto& t : *ts) templates[t.value("name", "")] = &t;
    templates_ = templates;
    for (auto& [k, v] : spec.items()) {
      if (k == "entrypoint" || k == "templates" || k == "schedule" || k == "schedules" || cron_field(k)) continue;
      if (k == "templateDefaults" && v.is_object()) {
        for (auto& [tk, tv] : v.items()) {
          if (tk == "retryStrategy") retry_options(tv, spec_span(k), wretry);
          else unsupported(spec_span(k), "templateDefaults field '" + tk + "'");
        }
        continue;
      }
      if (k == "arguments" && v.is_object()) {
        read_arguments(v);
        continue;
      }
      auto& d = unsupported(spec_span(k), "workflow spec field '" + k + "'");
      if (k == "activeDeadlineSeconds")
        d.notes.push_back({"Peak limits each step: @peak.workflow(step_timeout=<minutes>)", std::nullopt});
    }
    if (entry.empty()) {
      error("E0603", {wf_.span}, "workflow '" + wf_.class_name + "' has no entrypoint; a Peak workflow needs steps");
      return;
    }
    auto it = templates.find(entry);
    if (it == templates.end()) return;  // reported by the DAG pass
    const Document& main = *it->second;
    if (auto* dag = member(main, "dag")) {
      for (auto& [k, v] : dag->items())
        if (k != "tasks") unsupported({wf_.span}, "DAG field '" + k + "'");
      for (auto& [k, v] : main.items())
        if (k != "name" && k != "dag") unsupported({wf_.span}, "field '" + k + "' of the DAG template '" + entry + "'");
      if (auto* tasks = member(*dag, "tasks")) {
        for (auto& t : *tasks) task_names_.insert(t.value("name", ""));
        // parents first, so that a child finds its parents' output parameters
        std::map<std::string, const Document*> by_name;
        for (auto& t : *tasks) by_name[t.value("name", "")] = &t;
        std::set<std::string> done;
        std::function<void(const Document&)> visit = [&](const Document& t) {
          std::string n = t.value("name", "");
          if (!done.insert(n).second) return;
          std::vector<std::string> deps;
          if (auto* d = member(t, "dependencies"))
            for (auto& x : *d) deps.push_back(scalar_text(x));
          if (auto* d = member(t, "depends"); d && d->is_string())
            for (auto& x : depends_to_peak(d->get<std::string>()).parents) deps.push_back(x);
          if (auto* d = member(t, "when"); d && d->is_string())
            for (auto& x : when_to_peak(d->get<std::string>()).parents) deps.push_back(x);
          for (auto& x : deps)
            if (auto it2 = by_name.find(x); it2 != by_name.end()) visit(*it2->second);
          add_step(n, &t, t.value("template", ""));
        };
        for (auto& t : *tasks) visit(t);
        std::vector<Step> ordered;
        for (auto& t : *tasks)
          for (auto& st : steps_)
            if (st.name == t.value("name", "")) ordered.push_back(st);
        steps_ = std::move(ordered);
      }
    } else if (member(main, "steps")) {
      unsupported(template_span(entry), "the steps template '" + entry + "'")
          .notes.push_back({"Peak runs a DAG of steps: write the workflow with @task methods", std::nullopt});
    } else {
      task_names_.insert(entry);
      add_step(entry, nullptr, entry);
    }
  }

  // ---- one step
  struct Ctx {
    std::string step;
    const Document* task = nullptr;  // Argo DAG task, null for a lone entrypoint template
    const Task* ir_task = nullptr;
    std::string tmpl;
    Place span;
    std::vector<std::string> parents;
    Document inherit = Document::object();
    Document param_env = Document::object();  // workflow parameters it uses: variable -> default value
  };

  void add_step(const std::string& name, const Document* task, const std::string& tmpl_name) {
    Ctx c;
    c.step = name;
    c.task = task;
    c.ir_task = ir_task(name);
    c.tmpl = tmpl_name;
    c.span = c.ir_task ? Place{c.ir_task->span, c.ir_task->file} : template_span(tmpl_name);
    Step step;
    step.name = name;
    Document& s = step.doc;

    const Template* irt = ir_template(tmpl_name);
    Document tset = Document::object(), kset = Document::object();
    if (irt) {
      for (auto& [k, v] : irt->extensions.fields) {
        if (k == "peak.step") tset = settings_.read(v, task_setting_shapes(), "peak.step");
        else error("E0604", place_of(v), "'@" + k + "' does not apply to a template");
      }
    }
    if (c.ir_task) {
      for (auto& [k, v] : c.ir_task->extensions.fields) {
        if (k == "peak.step") kset = settings_.read(v, task_setting_shapes(), "peak.step");
        else error("E0604", place_of(v), "'@" + k + "' does not apply to a task");
      }
    }
    // the step's settings: workflow defaults, then the template's, then the task's
    Document set = Document::object();
    for (const Document* src : {&defaults_, &tset, &kset})
      for (auto& [k, v] : src->items()) {
        if (src == &defaults_ && (k == "name" || k == "triggers" || k == "watchers" || k == "tags" || k == "retryOptions"))
          continue;
        if ((k == "env" || k == "retryOptions") && set.contains(k) && v.is_object())
          for (auto& [kk, vv] : v.items()) set[k][kk] = vv;
        else if (k == "secrets" && set.contains(k))
          for (auto& x : v) set[k].push_back(x);
        else set[k] = v;
      }

    // parents, conditions
    Document conditional = Document::array(), parent_status = Document::array();
    if (task) read_task(c, *task, conditional, parent_status);

    auto tit = templates_.find(tmpl_name);
    Document env = Document::object();
    Document secrets = Document::array();
    Document outputs = Document::object();
    Document retry = Document::object();
    std::optional<double> timeout_minutes;
    std::string command;
    if (tit != templates_.end())
      read_template(c, *tit->second, command, env, secrets, outputs, retry, timeout_minutes);

    s["type"] = "standard";
    for (const char* k : {"imageId", "imageVersionId"}) {
      if (set.contains(k)) s[k] = set[k];
    }
    if (!set.contains("imageId"))
      error("E0603", c.span, "step '" + name + "' has no Peak image")
          .notes.push_back({"set image_id (and image_version_id) with @peak.step(...) on the task or template, "
                            "or for every step with @peak.workflow(...) on the class",
                            std::nullopt});
    if (set.contains("command")) command = set["command"].get<std::string>();
    if (command.empty() && tit != templates_.end() && !sink_.has_errors())
      error("E0603", template_span(tmpl_name), "step '" + name + "' has no command to run")
          .notes.push_back({"give the container a command, or the step @peak.step(command=\"...\")", std::nullopt});
    s["command"] = command;
    Document resources = Document::object();
    if (set.contains("instanceTypeId")) resources["instanceTypeId"] = set["instanceTypeId"];
    if (set.contains("storage")) resources["storage"] = set["storage"];
    if (!resources.empty()) s["resources"] = resources;
    Document parents = Document::array();
    for (auto& p : c.parents) parents.push_back(p);
    s["parents"] = parents;
    if (set.contains("stepTimeout")) s["stepTimeout"] = set["stepTimeout"];
    else if (timeout_minutes) s["stepTimeout"] = whole_number(*timeout_minutes);
    if (set.contains("clearImageCache")) s["clearImageCache"] = set["clearImageCache"];

    for (auto& [k, v] : c.param_env.items()) {
      if (env.contains(k) && env[k] != v) {
        error("E0607", c.span, "step '" + name + "' sets environment variable '" + k +
                                   "', which is also its workflow parameter '" + k + "'");
        continue;
      }
      env[k] = v;
    }
    if (set.contains("env"))
      for (auto& [k, v] : set["env"].items()) env[k] = v;
    if (set.contains("secrets"))
      for (auto& x : set["secrets"]) secrets.push_back(x);
    Document uniq = Document::array();
    for (auto& x : secrets)
      if (std::find(uniq.begin(), uniq.end(), x) == uniq.end()) uniq.push_back(x);
    Document params = Document::object();
    if (!env.empty()) params["env"] = env;
    if (!c.inherit.empty()) params["inherit"] = c.inherit;
    if (!uniq.empty()) params["secrets"] = uniq;
    if (!params.empty()) s["parameters"] = params;
    if (set.contains("repository")) s["repository"] = set["repository"];
    if (set.contains("outputParameters"))
      for (auto& [k, v] : set["outputParameters"].items()) outputs[k] = v;
    if (!outputs.empty()) s["outputParameters"] = outputs;
    step_outputs_[name] = outputs;

    if (set.contains("conditional"))
      for (auto x : set["conditional"]) {
        if (x.contains("stepName")) x["stepName"] = step_ref(x["stepName"], c);
        conditional.push_back(x);
      }
    if (set.contains("parentStatus"))
      for (auto x : set["parentStatus"]) {
        if (x.contains("parents"))
          for (auto& p : x["parents"]) p = step_ref(p, c);
        parent_status.push_back(x);
      }
    Document exec = Document::object();
    if (!conditional.empty()) exec["conditional"] = conditional;
    if (!parent_status.empty()) exec["parentStatus"] = parent_status;
    if (!exec.empty()) s["executionParameters"] = exec;

    if (set.contains("retryOptions"))
      for (auto& [k, v] : set["retryOptions"].items()) retry[k] = v;
    Document run = Document::object();
    if (!retry.empty()) run["retryOptions"] = retry;
    Document skip = Document::object();
    if (set.contains("skip")) skip["skip"] = set["skip"];
    if (set.contains("skipDAG")) skip["skipDAG"] = set["skipDAG"];
    if (!skip.empty()) run["skipConfiguration"] = skip;
    if (!run.empty()) s["runConfiguration"] = run;
    steps_.push_back(std::move(step));
  }

  // A step named in a Peak setting: a task's name or its method's.
  Document step_ref(const Document& ref, const Ctx& c) {
    if (!ref.is_string()) return ref;
    std::string r = ref.get<std::string>();
    if (task_names_.count(r)) return r;
    if (task_names_.count(method_to_name(r))) return method_to_name(r);
    std::vector<std::string> names(task_names_.begin(), task_names_.end());
    auto& d = error("E0604", c.span, "step '" + c.step + "' names unknown step '" + r + "' in its peak.step settings");
    std::string near = closest(r, names);
    if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
    return r;
  }

  void read_task(Ctx& c, const Document& task, Document& conditional, Document& parent_status) {
    auto add_parent = [&](const std::string& p) {
      if (std::find(c.parents.begin(), c.parents.end(), p) == c.parents.end()) c.parents.push_back(p);
    };
    if (auto* deps = member(task, "dependencies"))
      for (auto& d : *deps) add_parent(d.get<std::string>());
    for (auto& [k, v] : task.items()) {
      if (k == "name" || k == "template" || k == "dependencies" || k == "arguments") continue;
      if (k == "when" && v.is_string()) {
        auto r = when_to_peak(v.get<std::string>());
        if (!r.error.empty()) {
          error("E0605", c.span, "the condition of task '" + c.step + "' cannot be written as a Peak condition: " + r.error)
              .notes.push_back({"Peak compares a parent's output parameter with equals / not-equals, joined by &&", std::nullopt});
          continue;
        }
        for (auto& e : r.value) {
          std::string p = e["stepName"].get<std::string>();
          if (!task_names_.count(p)) {
            error("E0605", c.span, "the condition of task '" + c.step + "' names unknown task '" + p + "'");
            continue;
          }
          add_parent(p);
          conditional.push_back(e);
        }
        continue;
      }
      if (k == "depends" && v.is_string()) {
        auto r = depends_to_peak(v.get<std::string>());
        if (!r.error.empty()) {
          error("E0605", c.span, "'depends' of task '" + c.step + "' cannot be written in Peak: " + r.error)
              .notes.push_back({"Peak takes, per group of parents, all-of / one-of with success / failure", std::nullopt});
          continue;
        }
        for (auto& p : r.parents) add_parent(p);
        for (auto& e : r.value) parent_status.push_back(e);
        continue;
      }
      std::string what;
      if (k == "withItems" || k == "withParam" || k == "withSequence") what = "the loop '" + k + "' of task '" + c.step + "'";
      else if (k == "templateRef") what = "task '" + c.step + "' calling a template of another workflow (templateRef)";
      else what = "field '" + k + "' of task '" + c.step + "'";
      unsupported(c.span, what);
    }
    if (auto* args = member(task, "arguments")) {
      for (auto& [k, v] : args->items())
        if (k != "parameters") unsupported(c.span, "the argument " + k + " of task '" + c.step + "'");
    }
  }

  // The value of input parameter `p` for this step, as pieces (task level: a
  // parent's output becomes an environment variable through `inherit`).
  std::optional<Pieces> input_value(Ctx& c, const std::string& p, Place use) {
    const Document* value = nullptr;
    Place span = use;
    if (c.task)
      if (auto* args = member(*c.task, "arguments"))
        if (auto* ps = member(*args, "parameters"))
          for (auto& a : *ps)
            if (a.value("name", "") == p && a.contains("value")) {
              value = &a["value"];
              if (c.ir_task)
                for (auto& item : c.ir_task->parameters.items)
                  if (auto* n = item.get("name"); n && n->text == p) {
                    if (auto* vv = item.get("value")) span = place_of(*vv);
                    else span = place_of(item);
                  }
            }
    if (!value) {
      auto tit = templates_.find(c.tmpl);
      if (tit != templates_.end())
        if (auto* in = member(*tit->second, "inputs"))
          if (auto* ps = member(*in, "parameters"))
            for (auto& a : *ps)
              if (a.value("name", "") == p) {
                if (a.contains("value")) value = &a["value"];
                else if (a.contains("default")) value = &a["default"];
              }
    }
    if (!value) {
      error("E0606", use, "input parameter '" + p + "' of template '" + c.tmpl + "' has no value in step '" + c.step + "'")
          .notes.push_back({"give it a value or a default; a Peak step's command is fixed when the workflow is created", std::nullopt});
      return std::nullopt;
    }
    std::string s = scalar_text(*value);
    Pieces out;
    size_t i = 0;
    bool ok = true;
    while (i < s.size()) {
      size_t open = s.find("{{", i);
      size_t close = open == std::string::npos ? open : s.find("}}", open + 2);
      if (close == std::string::npos) break;
      add_text(out, std::string_view(s).substr(i, open - i));
      std::string inner = trim(std::string_view(s).substr(open + 2, close - open - 2));
      JinjaExpr e = classify_braces(inner);
      if (e == JinjaExpr::Placeholder) out.push_back({Piece::Placeholder, s.substr(open + 2, close - open - 2)});
      else if (e == JinjaExpr::Other) add_text(out, std::string_view(s).substr(open, close + 2 - open));
      else if (inner.starts_with("workflow.parameters.")) {
        if (auto env = workflow_parameter(c, inner, span)) out.push_back({Piece::Env, *env});
        else ok = false;
      } else if (auto env = parent_output(c, p, inner, span)) out.push_back({Piece::Env, *env});
      else ok = false;
      i = close + 2;
    }
    add_text(out, std::string_view(s).substr(i));
    if (!ok) return std::nullopt;
    return out;
  }

  // {{tasks.P.outputs.parameters.q}} -> an environment variable that Peak sets from P's output q.
  std::optional<std::string> parent_output(Ctx& c, const std::string& input, const std::string& expr, Place span) {
    static const std::string pre = "tasks.";
    size_t mid = expr.find(".outputs.parameters.");
    if (expr.starts_with(pre) && mid != std::string::npos) {
      std::string parent = expr.substr(pre.size(), mid - pre.size());
      std::string out = expr.substr(mid + 20);
      auto pit = step_outputs_.find(parent);
      if (pit == step_outputs_.end() || !pit->second.contains(out)) {
        error("E0602", span, "'{{" + expr + "}}': step '" + parent + "' has no Peak output parameter '" + out + "'")
            .notes.push_back({"a Peak output parameter is read from a file: outputs.parameter(name=..., value_from={\"path\": ...})", std::nullopt});
        return std::nullopt;
      }
      for (auto& other : c.parents)
        if (other != parent && step_outputs_[other].contains(out)) {
          error("E0602", span, "'{{" + expr + "}}': parents '" + parent + "' and '" + other +
                                         "' both have an output parameter '" + out + "'; Peak passes outputs by name only");
          return std::nullopt;
        }
      std::string env = env_name(input);
      if (c.inherit.contains(env) && c.inherit[env] != out) {
        error("E0602", span, "'{{" + expr + "}}': environment variable " + env + " is already taken in step '" + c.step + "'");
        return std::nullopt;
      }
      c.inherit[env] = out;
      return env;
    }
    auto& d = error("E0602", span, "'{{" + expr + "}}' has no equivalent in a Peak workflow (target peak)");
    if (expr.starts_with("tasks.") && expr.ends_with(".outputs.result"))
      d.notes.push_back({"Peak passes values between steps only as output parameters read from files", std::nullopt});
    return std::nullopt;
  }

  // ---- workflow parameters
  // Peak's run-time parameters are environment variables: a step's
  // parameters.env holds their values, and `peak workflows execute` may set
  // others (params.global / params.stepWise). So workflow parameter `x` with
  // value v becomes the variable x (default v) of every step that uses it,
  // and {{workflow.parameters.x}} the shell's "$x".
  struct WorkflowParameter {
    Place place;
    std::optional<std::string> value;
    bool used = false;
  };

  // Where the i-th workflow parameter is written.
  Place parameter_place(size_t i) const {
    const Value* args = wf_.spec.get("arguments");
    const Value* ps = args ? args->get("parameters") : nullptr;
    if (ps && ps->is_list() && i < ps->items.size()) return place_of(ps->items[i]);
    return spec_span("arguments");
  }

  void read_arguments(const Document& args) {
    for (auto& [k, v] : args.items()) {
      if (k != "parameters" || !v.is_array()) {
        unsupported(spec_span("arguments"), "the workflow argument " + k);
        continue;
      }
      size_t index = 0;
      for (auto& p : v) {
        Place at = parameter_place(index++);
        std::string name = p.value("name", "");
        for (auto& [pk, pv] : p.items())
          if (pk != "name" && pk != "value" && pk != "description")
            unsupported(at, "field '" + pk + "' of workflow parameter '" + name + "'");
        if (!is_env_name(name)) {
          error("E0607", at, "workflow parameter '" + name + "' cannot be an environment variable, which is how Peak "
                             "passes parameters to steps")
              .notes.push_back({"name it with letters, digits and '_' (" + env_name(name) + ")", std::nullopt});
          continue;
        }
        WorkflowParameter wp;
        wp.place = at;
        if (auto* val = member(p, "value")) wp.value = scalar_text(*val);
        wf_params_.emplace_back(name, wp);
      }
    }
  }

  static bool is_env_name(const std::string& s) {
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
    return std::all_of(s.begin(), s.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; });
  }

  // {{workflow.parameters.x}} -> the variable x of this step, or nullopt (reported).
  std::optional<std::string> workflow_parameter(Ctx& c, const std::string& expr, Place span) {
    std::string name = expr.substr(std::string_view("workflow.parameters.").size());
    for (auto& [n, wp] : wf_params_) {
      if (n != name) continue;
      if (!wp.value) {
        error("E0607", span, "workflow parameter '" + name + "' has no value; a Peak step needs its variable's value "
                             "when the workflow is created")
            .notes.push_back({"give it a value (the default); `peak workflows execute` can pass another one in "
                              "params.global",
                              std::nullopt});
        return std::nullopt;
      }
      wp.used = true;
      c.param_env[name] = mark_placeholders(*wp.value);
      return name;
    }
    auto& d = error("E0602", span, "'{{" + expr + "}}' names no parameter of the workflow's arguments");
    d.notes.push_back({"declare it in the workflow's arguments, or write a \"{{ name }}\" placeholder that "
                       "`peak workflows create -v params.yaml` / `-p name=value` fills",
                       std::nullopt});
    return std::nullopt;
  }

  // A template-level string -> pieces: {{inputs.parameters.x}} replaced by the
  // step's value of x; `placeholders` says whether {{ name }} is a placeholder
  // (not in script sources, where `{{` is code).
  std::optional<Pieces> template_string(Ctx& c, const std::string& s, bool placeholders, Place span) {
    Pieces out;
    size_t i = 0;
    bool ok = true;
    while (i < s.size()) {
      size_t open = s.find("{{", i);
      size_t close = open == std::string::npos ? open : s.find("}}", open + 2);
      if (close == std::string::npos) break;
      add_text(out, std::string_view(s).substr(i, open - i));
      std::string raw = s.substr(open + 2, close - open - 2);
      std::string inner = trim(raw);
      JinjaExpr e = classify_braces(inner);
      if (e == JinjaExpr::Placeholder && placeholders) out.push_back({Piece::Placeholder, raw});
      else if (e != JinjaExpr::Argo) add_text(out, std::string_view(s).substr(open, close + 2 - open));
      else if (inner.starts_with("inputs.parameters.")) {
        auto v = input_value(c, inner.substr(18), span);
        if (!v) ok = false;
        else
          for (auto& p : *v) {
            if (p.kind == Piece::Text) add_text(out, p.text);
            else out.push_back(p);
          }
      } else if (inner.starts_with("workflow.parameters.")) {
        if (auto env = workflow_parameter(c, inner, span)) out.push_back({Piece::Env, *env});
        else ok = false;
      } else {
        error("E0602", span, "'{{" + inner + "}}' in template '" + c.tmpl + "' has no equivalent in a Peak workflow (target peak)");
        ok = false;
      }
      i = close + 2;
    }
    add_text(out, std::string_view(s).substr(i));
    if (!ok) return std::nullopt;
    return out;
  }

  // Argo retryStrategy -> Peak retryOptions fields in `out`; the rest is reported.
  void retry_options(const Document& rs, Place span, Document& out) {
    RetryMapping m = retry_to_peak(rs);
    for (auto& [k, v] : m.options.items()) out[k] = v;
    for (auto& p : m.problems) {
      auto& d = unsupported(span, p.construct);
      for (auto& n : p.notes) d.notes.push_back({n, std::nullopt});
    }
  }

  void read_template(Ctx& c, const Document& t, std::string& command, Document& env, Document& secrets,
                     Document& outputs, Document& retry, std::optional<double>& timeout) {
    const std::string& tn = c.tmpl;
    Place tspan = template_span(tn);
    for (auto& [k, v] : t.items()) {
      if (k == "name") continue;
      if (k == "container") container(c, v, command, env, secrets);
      else if (k == "script") script(c, v, command, env, secrets);
      else if (k == "inputs") {
        for (auto& [ik, iv] : v.items())
          if (ik == "artifacts")
            for (auto& a : iv) {
              std::string src;
              for (const char* r : {"s3", "git", "http", "artifactory", "gcs", "oss", "hdfs", "raw", "azure", "hf"})
                if (a.contains(r)) src = r;
              unsupported(tspan, "the input artifact '" + a.value("name", "") + "'" +
                                     (src.empty() ? "" : " (from " + src + ")") + " of template '" + tn + "'")
                  .notes.push_back({"a Peak step gets its files from its image or its repository "
                                    "(@peak.step(repository={...}))",
                                    std::nullopt});
            }
      } else if (k == "outputs") {
        for (auto& [ok_, ov] : v.items()) {
          if (ok_ == "parameters") {
            for (auto& p : ov) {
              std::string pn = p.value("name", "");
              const Document* vf = member(p, "valueFrom");
              const Document* path = vf ? member(*vf, "path") : nullptr;
              if (path && path->is_string() && vf->size() == 1) {
                outputs[pn] = path->get<std::string>();
                for (auto& [pk, pv] : p.items())
                  if (pk != "name" && pk != "valueFrom")
                    unsupported(tspan, "field '" + pk + "' of output parameter '" + pn + "' of template '" + tn + "'");
              } else {
                unsupported(tspan, "output parameter '" + pn + "' of template '" + tn + "', not read from a file (valueFrom.path),");
              }
            }
          } else if (ov.is_array()) {
            for (auto& a : ov)
              unsupported(tspan, "the output " + std::string(ok_ == "artifacts" ? "artifact" : ok_) + " '" +
                                     a.value("name", "") + "' of template '" + tn + "'");
          } else {
            unsupported(tspan, "the output field '" + ok_ + "' of template '" + tn + "'");
          }
        }
      } else if (k == "retryStrategy" && v.is_object()) {
        retry_options(v, template_field_span(tn, k), retry);
      } else if (k == "activeDeadlineSeconds" || k == "timeout") {
        auto sec = argo_duration_seconds(v);
        if (!sec) {
          unsupported(template_field_span(tn, k), "a " + k + " of " + v.dump());
          continue;
        }
        double minutes = std::ceil(*sec / 60);
        if (minutes * 60 != *sec)
          warning("W0602", template_field_span(tn, k),
                        k + " of template '" + tn + "' is " + scalar_text(v) + "; Peak's step timeout is in whole minutes, so it becomes " +
                            std::to_string(static_cast<int64_t>(minutes)) + " minutes");
        timeout = minutes;
      } else {
        std::string what;
        if (k == "resource" || k == "suspend" || k == "http" || k == "containerSet" || k == "data" || k == "steps" ||
            k == "dag")
          what = "the " + k + " template '" + tn + "'";
        else what = "field '" + k + "' of template '" + tn + "'";
        auto& d = unsupported(k == "resource" || k == "suspend" || k == "steps" || k == "dag" ? tspan : template_field_span(tn, k), what);
        if (k == "dag" || k == "steps") d.notes.push_back({"Peak has one DAG of steps per workflow; call a container or closure template", std::nullopt});
      }
    }
  }

  // Where the i-th environment variable of template `tn` is written.
  Place env_item(const std::string& tn, size_t i, Place list) const {
    const Template* t = ir_template(tn);
    const Value* env = nullptr;
    if (t) env = t->body.get("env");
    for (const char* inner : {"container", "script"})
      if (t && !env)
        if (auto* b = t->body.get(inner)) env = b->get("env");
    if (env && env->is_list() && i < env->items.size()) return place_of(env->items[i]);
    return list;
  }

  void env_vars(Ctx& c, const Document& list, Document& env, Document& secrets, Place list_span) {
    size_t index = 0;
    for (auto& e : list) {
      Place span = env_item(c.tmpl, index++, list_span);
      std::string n = e.value("name", "");
      if (auto* vf = member(e, "valueFrom")) {
        if (auto* ref = member(*vf, "secretKeyRef"); ref && vf->size() == 1) {
          secret_env(c, n, *ref, secrets, span);
          continue;
        }
        unsupported(span, "environment variable '" + n + "' read from " + (vf->empty() ? "nothing" : vf->begin().key()));
        continue;
      }
      auto p = template_string(c, scalar_text(e.value("value", Document(""))), true, span);
      if (!p) continue;
      if (p->size() == 1 && (*p)[0].kind == Piece::Env && !c.inherit.contains((*p)[0].text)) {
        std::string var = (*p)[0].text;  // a workflow parameter's variable
        error("E0607", span, "environment variable '" + n + "' is set from workflow parameter '" + var +
                                 "'; Peak passes a workflow parameter as the variable '" + var + "' itself")
            .notes.push_back({"read $" + var + " in the step instead of $" + n, std::nullopt});
        continue;
      }
      if (p->size() == 1 && (*p)[0].kind == Piece::Env) {  // all of it is a parent's output
        std::string var = (*p)[0].text;
        Document out = c.inherit[var];
        c.inherit.erase(var);
        c.inherit[n] = out;
        continue;
      }
      if (has_env(*p)) {
        error("E0602", span, "environment variable '" + n + "' mixes a parent's output or a workflow parameter "
                                   "with other text; Peak sets a variable to an output parameter as it is");
        continue;
      }
      env[n] = marked_text(*p);
    }
  }

  // A variable read from a Kubernetes secret -> the Peak secret of the same
  // name, which Peak gives the step whole, as the variable named after it.
  void secret_env(Ctx& c, const std::string& var, const Document& ref, Document& secrets, Place span) {
    std::string secret = ref.value("name", "");
    for (auto& [k, v] : ref.items())
      if (k != "name" && k != "key") unsupported(span, "field '" + k + "' of the secret read by environment variable '" + var + "'");
    if (secret.empty()) {
      unsupported(span, "environment variable '" + var + "' read from a secret without a name");
      return;
    }
    if (secret != var) {
      error("E0608", span, "environment variable '" + var + "' reads secret '" + secret + "'; Peak gives step '" +
                               c.step + "' the secret as the variable '" + secret + "'")
          .notes.push_back({"name the variable '" + secret + "', and read the secret's value from it", std::nullopt});
      return;
    }
    if (auto* key = member(ref, "key"); key && key->is_string())
      warning("W0604", span, "Peak gives step '" + c.step + "' the whole secret '" + secret + "'; the key '" +
                                 key->get<std::string>() + "' has no Peak equivalent")
          .notes.push_back({"a Peak secret holds one value: store that key's value as the Peak secret '" + secret + "'",
                            std::nullopt});
    secrets.push_back(secret);
  }

  void container(Ctx& c, const Document& ct, std::string& command, Document& env, Document& secrets) {
    const std::string& tn = c.tmpl;
    std::vector<std::string> words;
    std::string workdir;
    bool ok = true;
    for (auto& [k, v] : ct.items()) {
      Place span = template_field_span(tn, k);
      if (k == "name" || k == "image") continue;
      if (k == "command" || k == "args") continue;
      if (k == "env") env_vars(c, v, env, secrets, span);
      else if (k == "workingDir") workdir = scalar_text(v);
      else if (k == "imagePullPolicy" || k == "resources")
        warning("W0601", span, "container field '" + k + "' of template '" + tn + "' is ignored by Peak (target peak)")
            .notes.push_back({k == "resources" ? "Peak sizes a step by instance type: @peak.step(instance_type_id=..., storage=\"10GB\")"
                                               : "Peak runs the image given by image_id / image_version_id",
                              std::nullopt});
      else unsupported(span, "container field '" + k + "' of template '" + tn + "'");
    }
    for (const char* k : {"command", "args"}) {
      if (auto* list = member(ct, k)) {
        for (auto& w : *list) {
          auto p = template_string(c, scalar_text(w), true, template_field_span(tn, k));
          if (!p) {
            ok = false;
            continue;
          }
          words.push_back(shell_word(*p));
        }
      }
    }
    if (!ok) return;
    if (!member(ct, "command") && member(ct, "args")) {
      unsupported(template_span(tn), "a container that runs its image's entrypoint (args without command) in template '" + tn + "'")
          .notes.push_back({"give the container its command, or the step @peak.step(command=\"...\")", std::nullopt});
      return;
    }
    std::string cmd;
    for (auto& w : words) cmd += (cmd.empty() ? "" : " ") + w;
    if (!workdir.empty() && !cmd.empty()) cmd = "cd " + shell_quote(workdir) + " && " + cmd;
    command = cmd;
  }

  void script(Ctx& c, const Document& sc, std::string& command, Document& env, Document& secrets) {
    const std::string& tn = c.tmpl;
    std::vector<std::string> cmd_words;
    for (auto& [k, v] : sc.items()) {
      Place span = template_field_span(tn, k);
      if (k == "name" || k == "image" || k == "command" || k == "args" || k == "source") continue;
      if (k == "env") env_vars(c, v, env, secrets, span);
      else if (k == "imagePullPolicy" || k == "resources")
        warning("W0601", span, "script field '" + k + "' of template '" + tn + "' is ignored by Peak (target peak)");
      else unsupported(span, "script field '" + k + "' of template '" + tn + "'");
    }
    std::vector<std::string> interp;
    if (auto* cmd = member(sc, "command"))
      for (auto& w : *cmd) interp.push_back(scalar_text(w));
    if (interp.empty()) interp.push_back("python");
    std::string prog = interp[0].substr(interp[0].rfind('/') + 1);
    const char* flag = nullptr;
    if (prog.starts_with("python") || prog == "sh" || prog == "bash" || prog == "dash" || prog == "zsh" || prog == "ksh")
      flag = "-c";
    else if (prog == "node" || prog == "perl" || prog == "ruby")
      flag = "-e";
    if (!flag) {
      unsupported(template_field_span(tn, "command"), "a script run by '" + interp[0] + "' in template '" + tn + "'")
          .notes.push_back({"flowc runs a script's source with `<interpreter> -c SOURCE` (python, sh, bash) or -e (node, perl, ruby)", std::nullopt});
      return;
    }
    auto src = template_string(c, sc.value("source", ""), false, template_field_span(tn, "source"));
    if (!src) return;
    std::string out;
    for (auto& w : interp) out += (out.empty() ? "" : " ") + shell_quote(w);
    out += std::string(" ") + flag + " " + shell_word(*src);
    if (auto* args = member(sc, "args"))
      for (auto& w : *args) {
        auto p = template_string(c, scalar_text(w), true, template_field_span(tn, "args"));
        if (p) out += " " + shell_word(*p);
      }
    command = out;
  }

  const Workflow& wf_;
  const Document& argo_;
  DiagnosticSink& sink_;
  Settings settings_;
  Document defaults_ = Document::object();
  std::map<std::string, const Document*> templates_;
  std::set<std::string> task_names_;
  std::map<std::string, Document> step_outputs_;
  std::vector<Step> steps_;
  std::vector<std::pair<std::string, WorkflowParameter>> wf_params_;  // in the order written
};

}  // namespace

PeakFile to_peak(const Workflow& wf, const Document& argo, DiagnosticSink& sink) {
  // A template called by several steps is read once per step: report each problem once.
  DiagnosticSink local(static_cast<size_t>(-1));
  Document marked = PeakBackend(wf, argo, local).run();
  std::set<std::tuple<const SourceFile*, uint32_t, uint32_t, std::string>> seen;
  for (auto& d : local.take())
    if (seen.insert({d.file, d.span.begin, d.span.end, d.message}).second) sink.add(std::move(d));
  return PeakFile{finish_file(marked), finish_body(marked)};
}

}  // namespace flowc
