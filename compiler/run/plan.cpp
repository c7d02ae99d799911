#include "run/plan.h"

#include "run/http_template.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "driver/compile.h"
#include "lint/yaml_reader.h"
#include "run/semaphores.h"
#include "run/template_defaults.h"
#include "run/validate_yaml.h"
#include "run/variables.h"
#include "run/volumes.h"

namespace flowc::run {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

bool read_text(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  text = ss.str();
  return true;
}

std::string str(const ojson& v, const char* key) {
  if (!v.is_object()) return {};
  auto it = v.find(key);
  if (it == v.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return value_text(nlohmann::json::parse(it->dump()));
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The API server's generateName suffix: five characters of
// k8s.io/apimachinery/pkg/util/rand's alphabet (no vowels, no 0/1/3).
std::string name_suffix() {
  static const char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  std::mt19937 rng(std::random_device{}());
  std::string s;
  for (int i = 0; i < 5; ++i) s += kAlphabet[rng() % (sizeof kAlphabet - 1)];
  return s;
}

// Whether `command` names a program this machine has (an absolute path, or a
// name found on PATH): the host executor runs the host's programs.
bool on_host(const std::string& command) {
  if (command.find('/') != std::string::npos) return ::access(command.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t colon = dirs.find(':', start);
    std::string dir = dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (!dir.empty() && ::access((dir + "/" + command).c_str(), X_OK) == 0) return true;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return false;
}

class Planner {
 public:
  Planner(const PlanOptions& o, Plan& p) : opt(o), plan(p) {}

  void run() {
    std::string text;
    if (!read_text(opt.path, text)) {
      plan.file = std::make_shared<SourceFile>(opt.path, "");
      error("E1201", {}, "cannot read " + opt.path);
      return;
    }
    std::vector<ojson> docs;
    std::vector<SpanTable> spans;
    if (ends_with(opt.path, ".py")) {
      CompileOptions co;
      co.filename = opt.path;
      co.load_imports = true;
      CompileResult r = compile(text, co);
      plan.file = r.file;
      plan.extra_files = r.imported_files;
      plan.python_source = normalize_source(text);
      if (!r.ok) {
        plan.diagnostics = r.diagnostics;
        has_errors = true;
        return;
      }
      docs = r.documents;
      spans.resize(docs.size());
      // Typed references (issue 23): the WorkflowTemplates the file calls,
      // compiled from their own modules, resolve its templateRefs without --templates.
      for (auto& ref : r.referenced_templates) register_templates(ref.document);
    } else {
      auto file = std::make_shared<SourceFile>(opt.path, text);
      plan.file = file;
      DiagnosticSink sink;
      for (auto& d : read_yaml(*file, sink)) {
        docs.push_back(d.doc);
        spans.push_back(d.spans);
      }
      if (sink.has_errors()) {
        for (auto& d : sink.take()) plan.diagnostics.push_back(d);
        has_errors = true;
        return;
      }
      // Argo's validator first: what Argo's submission refuses never runs.
      YamlValidation v = validate_yaml(text, opt);
      if (!v.ok) {
        plan.extra_files.insert(plan.extra_files.end(), v.files.begin(), v.files.end());
        plan.diagnostics.insert(plan.diagnostics.end(), v.errors.begin(), v.errors.end());
        has_errors = true;
        return;
      }
    }
    for (auto& d : opt.project_templates) register_templates(d);
    for (auto& path : opt.template_files) read_templates(path);

    // The document to run: the first Workflow, WorkflowTemplate,
    // ClusterWorkflowTemplate or CronWorkflow (its workflowSpec).
    int chosen = -1;
    int workflows = 0;
    for (size_t i = 0; i < docs.size(); ++i) {
      std::string kind = docs[i].is_object() ? str(docs[i], "kind") : "";
      if (kind == "WorkflowTemplate" || kind == "ClusterWorkflowTemplate") register_templates(docs[i]);
      if (kind == "Workflow" || kind == "WorkflowTemplate" || kind == "ClusterWorkflowTemplate" || kind == "CronWorkflow") {
        ++workflows;
        if (chosen < 0 || (str(docs[chosen], "kind") != "Workflow" && kind == "Workflow")) chosen = static_cast<int>(i);
      }
    }
    if (chosen < 0) {
      error("E1201", {}, opt.path + " holds no Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow to run");
      return;
    }
    if (workflows > 1 && str(docs[chosen], "kind") == "Workflow") {
      int n = 0;
      for (auto& d : docs) n += str(d, "kind") == "Workflow";
      if (n > 1) {
        error("E1201", {}, opt.path + " holds " + std::to_string(n) + " workflows; flowc run runs one (put each in its own file)");
        return;
      }
    }
    plan.spans = spans[chosen];
    make_workflow(docs[chosen]);
    if (has_errors) return;
    apply_template_defaults();
    if (has_errors) return;
    bind_parameters();
    check_templates();
  }

  const PlanOptions& opt;
  Plan& plan;
  bool has_errors = false;

 private:
  // ---- diagnostics -------------------------------------------------------

  Diagnostic& error(const char* code, const std::string& pointer, const std::string& message,
                    const std::string& template_name = {}) {
    has_errors = true;
    Diagnostic d;
    d.code = code;
    d.message = message;
    d.span = place(pointer, template_name);
    plan.diagnostics.push_back(d);
    return plan.diagnostics.back();
  }

  // The YAML's place for a document pointer; in a .py, the `def` of the
  // template's method (or the first mention of its name), else the file's start.
  Span place(const std::string& pointer, const std::string& template_name) {
    if (!plan.spans.empty()) return plan.spans.find(pointer).span;
    const std::string& src = plan.python_source;
    if (!template_name.empty() && !src.empty()) {
      std::string py = template_name;
      for (auto& c : py)
        if (c == '-') c = '_';
      for (const std::string& needle : {"def " + py + "(", "\"" + template_name + "\"", "'" + template_name + "'"}) {
        size_t at = src.find(needle);
        if (at != std::string::npos) {
          size_t begin = needle.rfind("def ", 0) == 0 ? at + 4 : at;
          size_t len = needle.rfind("def ", 0) == 0 ? py.size() : needle.size();
          return Span{static_cast<uint32_t>(begin), static_cast<uint32_t>(begin + len)};
        }
      }
    }
    return Span{0, 0};
  }

  // ---- templates ----------------------------------------------------------

  void read_templates(const std::string& path) {
    std::string text;
    if (!read_text(path, text)) {
      error("E1201", {}, "cannot read --templates file " + path);
      return;
    }
    auto file = std::make_shared<SourceFile>(path, text);
    plan.extra_files.push_back(file);
    DiagnosticSink sink;
    for (auto& d : read_yaml(*file, sink)) register_templates(d.doc);
    if (sink.has_errors())
      for (auto& d : sink.take()) {
        d.file = file.get();
        plan.diagnostics.push_back(d);
        has_errors = true;
      }
  }

  void register_templates(const ojson& doc) {
    std::string kind = str(doc, "kind");
    std::string name = doc.contains("metadata") ? str(doc["metadata"], "name") : "";
    if (name.empty()) return;
    TemplateBase base;
    base.scope = (kind == "ClusterWorkflowTemplate" ? "cluster/" : "namespaced/") + name;
    if (doc.contains("spec") && doc["spec"].contains("templates"))
      for (auto& t : doc["spec"]["templates"]) base.templates[str(t, "name")] = t;
    if (doc.contains("spec") && doc["spec"].contains("arguments")) base.arguments = doc["spec"]["arguments"];
    (kind == "ClusterWorkflowTemplate" ? plan.cluster : plan.namespaced)[name] = base;
  }

  void make_workflow(const ojson& doc) {
    std::string kind = str(doc, "kind");
    ojson wf;
    wf["apiVersion"] = "argoproj.io/v1alpha1";
    wf["kind"] = "Workflow";
    ojson meta = doc.value("metadata", ojson::object());
    ojson spec = doc.value("spec", ojson::object());
    if (kind == "CronWorkflow") spec = spec.value("workflowSpec", ojson::object());
    if (kind != "Workflow") {
      // argo submit --from: the Workflow takes the template's name as its generateName.
      std::string name = str(meta, "name");
      ojson m = ojson::object();
      m["generateName"] = (name.empty() ? std::string("workflow") : name) + "-";
      if (meta.contains("labels")) m["labels"] = meta["labels"];
      if (meta.contains("annotations")) m["annotations"] = meta["annotations"];
      meta = m;
    }
    // spec.workflowTemplateRef: the referenced template's spec, the
    // Workflow's own fields over it (operator.go setExecWorkflow / JoinWorkflowSpec).
    if (spec.contains("workflowTemplateRef")) {
      std::string ref = str(spec["workflowTemplateRef"], "name");
      bool cluster = spec["workflowTemplateRef"].value("clusterScope", false);
      auto& table = cluster ? plan.cluster : plan.namespaced;
      auto it = table.find(ref);
      if (it == table.end()) {
        error("E1206", "/spec/workflowTemplateRef", "workflowTemplateRef '" + ref + "' is not among the templates given (--templates FILE)");
        return;
      }
      ojson merged = ojson::object();
      merged["templates"] = ojson::array();
      for (auto& [n, t] : it->second.templates) merged["templates"].push_back(t);
      for (auto& [k, v] : spec.items())
        if (k != "workflowTemplateRef") merged[k] = v;
      if (!merged.contains("arguments") && !it->second.arguments.is_null()) merged["arguments"] = it->second.arguments;
      spec = merged;
    }
    wf["metadata"] = meta;
    wf["spec"] = spec;
    plan.workflow = wf;
    std::string name = str(meta, "name");
    if (name.empty() && !str(meta, "generateName").empty()) name = str(meta, "generateName") + name_suffix();
    if (name.empty()) name = "workflow-" + name_suffix();
    plan.workflow_name = name;
    plan.local.scope = "local/" + name;
    if (spec.contains("templates"))
      for (auto& t : spec["templates"]) plan.local.templates[str(t, "name")] = t;
    plan.entrypoint = opt.entrypoint.empty() ? str(spec, "entrypoint") : opt.entrypoint;
    if (plan.entrypoint.empty()) error("E1206", "/spec", "the workflow has no entrypoint; pass --entrypoint NAME");
    else if (!plan.local.templates.count(plan.entrypoint))
      error("E1206", opt.entrypoint.empty() ? "/spec/entrypoint" : "/spec",
            "entrypoint template '" + plan.entrypoint + "' is not defined");
  }

  // operator.go executeTemplate ("Merge Template defaults to template",
  // woc.mergedTemplateDefaultsInto): the workflow's spec.templateDefaults
  // under every template it executes, its own and those its templateRefs
  // name. Merged once here, so that the checks below and the scheduler see
  // the templates as Argo runs them; the report's spec stays as written.
  void apply_template_defaults() {
    const ojson& spec = plan.workflow["spec"];
    if (!spec.contains("templateDefaults") || !spec["templateDefaults"].is_object()) return;
    plan.template_defaults = spec["templateDefaults"];
    auto merge_all = [&](TemplateBase& base) {
      for (auto& [name, t] : base.templates) {
        std::string conflict;
        ojson merged = merge_template_defaults(plan.template_defaults, t, conflict);
        std::string ptr = pointer_of(&base, name);
        // Argo ends such a node in Error when it is reached; flowc says so
        // before anything runs.
        if (!conflict.empty()) error("E1220", ptr.empty() ? "/spec/templateDefaults" : ptr, conflict, name);
        t = merged;
      }
    };
    merge_all(plan.local);
    for (auto& [n, b] : plan.namespaced) merge_all(b);
    for (auto& [n, b] : plan.cluster) merge_all(b);
  }

  // ---- parameters (argo submit -p / --parameter-file; Argo's validation) ----

  void bind_parameters() {
    std::map<std::string, std::string> given;
    std::vector<std::string> order;
    if (!opt.parameter_file.empty()) {
      std::string text;
      if (!read_text(opt.parameter_file, text)) {
        error("E1212", {}, "cannot read --parameter-file " + opt.parameter_file);
        return;
      }
      auto file = std::make_shared<SourceFile>(opt.parameter_file, text);
      DiagnosticSink sink;
      auto docs = read_yaml(*file, sink);  // JSON is YAML
      if (sink.has_errors() || docs.size() != 1 || !docs[0].doc.is_object()) {
        error("E1212", {}, "--parameter-file " + opt.parameter_file + " must hold one map of parameter names to values");
        return;
      }
      for (auto& [k, v] : docs[0].doc.items()) {
        given[k] = v.is_string() ? v.get<std::string>() : value_text(nlohmann::json::parse(v.dump()));
        order.push_back(k);
      }
    }
    for (auto& [k, v] : opt.parameters) {
      if (!given.count(k)) order.push_back(k);
      given[k] = v;
    }
    const ojson& spec = plan.workflow["spec"];
    std::set<std::string> declared;
    if (spec.contains("arguments") && spec["arguments"].contains("parameters")) {
      const ojson& params = spec["arguments"]["parameters"];
      for (size_t i = 0; i < params.size(); ++i) {
        const ojson& p = params[i];
        std::string name = str(p, "name");
        std::string ptr = "/spec/arguments/parameters/" + std::to_string(i);
        declared.insert(name);
        std::optional<std::string> value;
        if (given.count(name)) value = given[name];
        else if (p.contains("value")) value = str(p, "value");
        else if (p.contains("valueFrom")) {
          const ojson& vf = p["valueFrom"];
          std::string cm_key = vf.contains("configMapKeyRef")
                                   ? str(vf["configMapKeyRef"], "name") + "/" + str(vf["configMapKeyRef"], "key")
                                   : "";
          if (!cm_key.empty() && opt.config_maps.count(cm_key)) {
            value = opt.config_maps.at(cm_key);
          } else if (!cm_key.empty() && !vf.contains("default")) {
            error("E1209", ptr, "workflow parameter '" + name + "' comes from the ConfigMap '" +
                                    str(vf["configMapKeyRef"], "name") + "', which flowc run cannot read; pass -p " + name +
                                    "=VALUE or --configmap " + cm_key + "=VALUE");
            continue;
          } else if (vf.contains("default")) {
            value = str(vf, "default");
          }
        } else if (p.contains("default")) {
          value = str(p, "default");
        }
        if (!value) {
          // validate.go: "spec.arguments.%s.value is required"
          error("E1202", ptr, "workflow parameter '" + name + "' has no value; pass -p " + name + "=VALUE");
          continue;
        }
        if (p.contains("enum") && p["enum"].is_array()) {
          bool found = false;
          std::string list;
          for (auto& e : p["enum"]) {
            std::string ev = e.is_string() ? e.get<std::string>() : value_text(nlohmann::json::parse(e.dump()));
            found = found || ev == *value;
            list += (list.empty() ? "" : ", ") + ev;
          }
          if (!found) {
            error("E1203", ptr + "/enum", "value '" + *value + "' of workflow parameter '" + name + "' is not in its enum (" + list + ")");
            continue;
          }
        }
        plan.parameters.emplace_back(name, *value);
      }
    }
    // A name the workflow does not declare: `argo submit -p` adds it to the
    // workflow's arguments (workflow/util/util.go ApplySubmitOpts ->
    // overrideParameters: every passed parameter, then the declared ones not
    // overridden), so {{workflow.parameters.NAME}} resolves; here it is also
    // a supplied value for a suspend node's output (--resume).
    for (auto& k : order)
      if (!declared.count(k)) {
        plan.supplied[k] = given[k];
        plan.parameters.emplace_back(k, given[k]);
      }
  }

  // ---- what cannot run here -------------------------------------------------

  void check_templates() {
    std::set<std::string> seen;
    const ojson& spec = plan.workflow["spec"];
    visit({{"template", plan.entrypoint}}, &plan.local, "/spec/entrypoint", seen);
    if (spec.contains("onExit")) visit({{"template", spec["onExit"]}}, &plan.local, "/spec/onExit", seen);
    if (spec.contains("hooks")) check_hooks(spec["hooks"], &plan.local, "/spec/hooks", seen);
    // The workflow's own artifact arguments go to the entrypoint's inputs
    // (operator.go: woc.execWf.Spec.Arguments): a remote one is as
    // unreachable as a template's.
    if (spec.contains("arguments") && spec["arguments"].contains("artifacts") && spec["arguments"]["artifacts"].is_array()) {
      const ojson& arts = spec["arguments"]["artifacts"];
      for (size_t i = 0; i < arts.size(); ++i) check_remote_artifact(arts[i], "/spec/arguments/artifacts/" + std::to_string(i), "");
    }
    for (auto& name : opt.skip) {
      bool found = plan.local.templates.count(name) > 0;
      for (auto& [n, b] : plan.namespaced) found = found || b.templates.count(name);
      if (!found) error("E1208", "/spec", "--skip " + name + ": no template has this name");
    }
  }

  // hooks.go: every hook's template is checked like any other; a hook other
  // than `exit` runs when its `expression` becomes true, and one without an
  // expression is an error in Argo ("Expression required for hook ...").
  void check_hooks(const ojson& hooks, const TemplateBase* base, const std::string& ptr, std::set<std::string>& seen) {
    for (auto& [k, h] : hooks.items()) {
      if (k != "exit" && (!h.contains("expression") || str(h, "expression").empty())) {
        error("E1224", ptr + "/" + k, "the hook '" + k + "' has no expression; a hook other than exit runs when its expression becomes true");
        continue;
      }
      visit(h, base, ptr + "/" + k, seen);
    }
  }

  std::string pointer_of(const TemplateBase* base, const std::string& name) {
    if (base != &plan.local) return {};
    const ojson& ts = plan.workflow["spec"]["templates"];
    for (size_t i = 0; i < ts.size(); ++i)
      if (str(ts[i], "name") == name) return "/spec/templates/" + std::to_string(i);
    return {};
  }

  void visit(const ojson& holder, const TemplateBase* base, const std::string& from_ptr, std::set<std::string>& seen) {
    ojson inline_store;
    std::string err;
    const TemplateBase* b = base;
    const ojson* t = resolve_template(plan, b, holder, inline_store, err);
    if (!t) {
      error("E1206", from_ptr, err);
      return;
    }
    std::string name = str(*t, "name");
    std::string key = b->scope + "/" + name + (holder.contains("inline") ? "/inline:" + from_ptr : "");
    if (!seen.insert(key).second) return;
    std::string ptr = holder.contains("inline") ? from_ptr + "/inline" : pointer_of(b, name);
    if (!ptr.empty() || b == &plan.local) check_template(*t, b, ptr.empty() ? from_ptr : ptr, name);
    else check_template(*t, b, from_ptr, name);
    std::string kind = template_kind(*t);
    if (kind == "steps") {
      const ojson& groups = (*t)["steps"];
      for (size_t g = 0; g < groups.size(); ++g)
        for (size_t s = 0; s < groups[g].size(); ++s) visit_step(groups[g][s], b, ptr + "/steps/" + std::to_string(g) + "/" + std::to_string(s), seen);
    } else if (kind == "dag") {
      const ojson& tasks = (*t)["dag"]["tasks"];
      for (size_t i = 0; i < tasks.size(); ++i) visit_step(tasks[i], b, ptr + "/dag/tasks/" + std::to_string(i), seen);
    }
  }

  void visit_step(const ojson& step, const TemplateBase* base, const std::string& ptr, std::set<std::string>& seen) {
    visit(step, base, ptr, seen);
    if (step.contains("onExit")) visit({{"template", step["onExit"]}}, base, ptr + "/onExit", seen);
    if (step.contains("hooks")) check_hooks(step["hooks"], base, ptr + "/hooks", seen);
    if (step.contains("arguments") && step["arguments"].contains("artifacts")) {
      const ojson& arts = step["arguments"]["artifacts"];
      for (size_t i = 0; i < arts.size(); ++i) check_remote_artifact(arts[i], ptr + "/arguments/artifacts/" + std::to_string(i), "");
    }
  }

  void check_remote_artifact(const ojson& a, const std::string& ptr, const std::string& tname) {
    std::string name = str(a, "name");
    if (plan.artifacts.count(name) || a.contains("from") || a.contains("fromExpression") || a.contains("raw")) return;
    for (const char* remote : {"s3", "gcs", "git", "http", "artifactory", "hdfs", "oss", "azure"})
      if (a.contains(remote)) {
        error("E1207", ptr,
              "input artifact '" + name + "' is in a remote " + std::string(remote) +
                  " location flowc run cannot reach; map a local file to it with --artifact " + name + "=PATH",
              tname);
        return;
      }
  }

  // A volumeMount flowc cannot give a folder (volumes.h): refused at the
  // volume, naming the option that maps a local folder to it.
  void check_volume_mount(const ojson& t, const ojson& vm, const std::string& tptr, const std::string& vm_ptr,
                          const std::string& tname) {
    std::string vname = str(vm, "name");
    VolumeInfo info;
    if (!find_volume(plan.workflow["spec"], t, vname, opt.volumes, info)) {
      // Kubernetes refuses the pod: "spec.containers[0].volumeMounts[0].name: Not found".
      error("E1221", vm_ptr, "template '" + tname + "': volumeMount '" + vname + "' names no volume of the workflow or the template", tname);
      return;
    }
    if (info.kind != VolumeKind::kUnavailable) return;
    // The diagnostic goes to the volume itself: the template's volumes first
    // (as find_volume looks), then the workflow's.
    auto volume_pointer = [&]() -> std::string {
      const std::pair<const ojson*, std::string> owners[] = {{&t, tptr}, {&plan.workflow["spec"], "/spec"}};
      for (const auto& owner : owners) {
        const ojson& o = *owner.first;
        if (!o.contains("volumes") || !o["volumes"].is_array()) continue;
        for (size_t i = 0; i < o["volumes"].size(); ++i)
          if (str(o["volumes"][i], "name") == vname) return owner.second + "/volumes/" + std::to_string(i);
      }
      return vm_ptr;
    };
    const std::string at = volume_pointer();
    error("E1221", at, "volume '" + vname + "' is a " + info.source + " volume, whose content is in the cluster (or on its node) and flowc run cannot read it; map a local folder to it with --volume " + vname + "=PATH (mounted read-only)", tname);
  }

  // common.ProcessArgs: an input parameter with valueFrom.configMapKeyRef
  // takes the ConfigMap's value (over any argument); its valueFrom.default
  // only when the ConfigMap is not found. flowc reads no ConfigMap: the
  // value comes from --configmap NAME/KEY=VALUE, or the default, or the run
  // is refused (Argo would end the node in Error: "unable to retrieve
  // inputs.parameters.X from ConfigMap").
  void check_config_map_input(const ojson& p, const std::string& ptr, const std::string& tname) {
    if (!p.contains("valueFrom") || !p["valueFrom"].contains("configMapKeyRef")) return;
    const ojson& vf = p["valueFrom"];
    std::string key = str(vf["configMapKeyRef"], "name") + "/" + str(vf["configMapKeyRef"], "key");
    if (opt.config_maps.count(key) || vf.contains("default")) return;
    error("E1222", ptr,
          "input parameter '" + str(p, "name") + "' of template '" + tname + "' comes from the ConfigMap '" +
              str(vf["configMapKeyRef"], "name") + "' (key '" + str(vf["configMapKeyRef"], "key") +
              "'), which flowc run cannot read; pass --configmap " + key + "=VALUE",
          tname);
  }

  // A template's semaphores need their limits, which Argo reads from a
  // ConfigMap or its database (semaphores.h): given by --semaphore (or
  // --configmap for a ConfigMap's), else the run is refused at the semaphore.
  void check_semaphores(const ojson& sync, const std::string& ptr, const std::string& tname) {
    std::vector<SemaphoreRef> refs = semaphores_of(sync);
    for (size_t i = 0; i < refs.size(); ++i) {
      const SemaphoreRef& r = refs[i];
      std::string at = sync.contains("semaphores") ? ptr + "/semaphores/" + std::to_string(i) : ptr + "/semaphore";
      if (r.table_key.empty()) {
        error("E1223", at, "template '" + tname + "': a semaphore names neither a configMapKeyRef nor a database key", tname);
        continue;
      }
      bool is_cm = r.table_key.rfind("configmap/", 0) == 0;
      std::optional<std::string> given;
      if (opt.semaphores.count(r.key)) given = opt.semaphores.at(r.key);
      else if (is_cm && opt.config_maps.count(r.key)) given = opt.config_maps.at(r.key);
      if (!given) {
        error("E1223", at,
              "template '" + tname + "': the limit of this semaphore is in " + r.described +
                  ", which flowc run cannot read; pass --semaphore " + r.key + "=N",
              tname);
        continue;
      }
      // semaphore.go: the limit is the value as an integer.
      char* end = nullptr;
      long n = std::strtol(given->c_str(), &end, 10);
      if (given->empty() || *end != '\0' || n < 0) {
        error("E1223", at, "template '" + tname + "': the limit '" + *given + "' given for semaphore " + r.key + " is not a whole number", tname);
        continue;
      }
      plan.semaphore_limits[r.table_key] = static_cast<int>(n);
    }
  }

  // A data template lists its source artifact's files (data_template.h):
  // the artifact is in a store flowc cannot list, so a local folder must be
  // mapped to it.
  void check_data_source(const ojson& t, const std::string& ptr, const std::string& tname) {
    const ojson& d = t["data"];
    if (!d.contains("source") || !d["source"].contains("artifactPaths")) {
      error("E1204", ptr, "template '" + tname + "': a data template needs source.artifactPaths", tname);
      return;
    }
    std::string art = str(d["source"]["artifactPaths"], "name");
    if (!plan.artifacts.count(art))
      error("E1207", ptr + "/data/source/artifactPaths",
            "the data template '" + tname + "' lists the files of artifact '" + art +
                "', in a store flowc run cannot list; map a local folder to it with --artifact " + art + "=PATH",
            tname);
  }

  // A daemon runs beside its scope (scheduler: start_daemon); what flowc run
  // cannot do as Argo does is refused (E1263): an exec, grpc or HTTPS
  // readinessProbe (readiness_probe.h runs httpGet and tcpSocket), a
  // containerSet daemon. (A retried daemon runs: scheduler/retries.cpp.)
  void check_daemon(const ojson& t, const std::string& kind, const std::string& ptr, const std::string& name) {
    auto refuse = [&](const std::string& why, const std::string& at) {
      error("E1263", at, "template '" + name + "': a daemon " + why + " (--skip " + name + " marks it Skipped)", name);
    };
    if (kind != "container" && kind != "script") refuse("of a " + kind + " template is not run by flowc run", ptr);
    // readiness_probe.h: httpGet (HTTP) and tcpSocket probes run; an exec
    // probe runs inside the running container, which the host executor
    // cannot enter, and grpc/HTTPS probes are not implemented.
    if (t.contains(kind) && t[kind].is_object() && t[kind].contains("readinessProbe") && t[kind]["readinessProbe"].is_object()) {
      const ojson& probe = t[kind]["readinessProbe"];
      const std::string at = ptr + "/" + kind + "/readinessProbe";
      if (probe.contains("exec"))
        refuse("with an exec readinessProbe is not run by flowc run: the probe's command runs inside the running container, which flowc cannot enter (httpGet and tcpSocket probes run)", at + "/exec");
      else if (probe.contains("grpc"))
        refuse("with a grpc readinessProbe is not run by flowc run (httpGet and tcpSocket probes run)", at + "/grpc");
      else if (probe.contains("httpGet") && probe["httpGet"].is_object() && probe["httpGet"].value("scheme", "HTTP") != "HTTP")
        refuse("with an HTTPS readinessProbe is not run by flowc run (HTTP httpGet and tcpSocket probes run)", at + "/httpGet/scheme");
    }
  }

  // An http template runs only to this machine (http_template.h): its url,
  // with the workflow's parameters put in, must be a loopback address before
  // anything runs; a url made of values known only while running cannot be
  // checked (E1261); a header from a Secret cannot be read (E1262).
  void check_http(const ojson& http, const std::string& ptr, const std::string& name) {
    std::string url = str(http, "url");
    for (const auto& [param, value] : plan.parameters) {
      const std::string tag = "{{workflow.parameters." + param + "}}";
      for (size_t at = url.find(tag); at != std::string::npos; at = url.find(tag, at + value.size()))
        url.replace(at, tag.size(), value);
    }
    const std::string skip = " (--skip " + name + " marks it Skipped)";
    if (url.find("{{") != std::string::npos) {
      error("E1261", ptr + "/url",
            "template '" + name + "': the url '" + str(http, "url") +
                "' is known only while running, and flowc run sends requests only to this machine, which it checks "
                "before running: write the url, or make it of workflow parameters" + skip,
            name);
    } else if (std::string why = local_url_problem(url); !why.empty()) {
      error("E1260", ptr + "/url", "template '" + name + "': flowc run sends http requests only to this machine: " + why + skip, name);
    }
    if (http.contains("headers") && http["headers"].is_array())
      for (size_t i = 0; i < http["headers"].size(); ++i)
        if (http["headers"][i].contains("valueFrom"))
          error("E1262", ptr + "/headers/" + std::to_string(i),
                "template '" + name + "': header '" + str(http["headers"][i], "name") +
                    "' takes its value from a Secret, which flowc run cannot read" + skip,
                name);
  }

  // validate.go validateContainerSetTemplate: every dependency names a
  // container of the set, and the dependencies have no cycle (E0504, as
  // flowc lint says it); the scheduler runs the containers in this order.
  void check_container_order(const ojson& cs, const std::string& ptr, const std::string& tname) {
    if (!cs.contains("containers") || !cs["containers"].is_array()) return;
    std::set<std::string> names, done;
    for (auto& c : cs["containers"]) names.insert(str(c, "name"));
    for (auto& c : cs["containers"])
      if (c.contains("dependencies") && c["dependencies"].is_array())
        for (auto& d : c["dependencies"])
          if (!d.is_string() || !names.count(d.get<std::string>())) {
            error("E0504", ptr, "template '" + tname + "': container '" + str(c, "name") + "' depends on '" +
                                    (d.is_string() ? d.get<std::string>() : d.dump()) + "', not a container of the set", tname);
            return;
          }
    for (bool progressed = true; progressed && done.size() < names.size();) {
      progressed = false;
      for (auto& c : cs["containers"]) {
        bool ready = !done.count(str(c, "name"));
        if (ready && c.contains("dependencies") && c["dependencies"].is_array())
          for (auto& d : c["dependencies"]) ready = ready && done.count(d.get<std::string>());
        if (ready) progressed = done.insert(str(c, "name")).second || progressed;
      }
    }
    if (done.size() < names.size())
      error("E0504", ptr, "template '" + tname + "': the containers' dependencies form a cycle (dependency cycle detected)", tname);
  }

  void check_template(const ojson& t, const TemplateBase*, const std::string& ptr, const std::string& name) {
    if (opt.skip.count(name)) return;
    std::string kind = template_kind(t);
    // validate.go validateTemplateType: "multiple template types specified";
    // running one of them would run what Argo refuses.
    std::string kinds;
    int count = 0;
    for (const char* k : {"container", "script", "containerSet", "steps", "dag", "suspend", "resource", "http", "plugin", "data"})
      if (t.contains(k) && !t[k].is_null()) kinds += std::string(count++ ? ", " : "") + k;
    if (count > 1) {
      error("E1240", ptr, "template '" + name + "' has more than one type (" + kinds + "); Argo refuses it: multiple template types specified", name);
      return;
    }
    auto refuse = [&](const std::string& why) { error("E1204", ptr, "template '" + name + "' cannot run on this machine: " + why, name); };
    if (kind == "resource") refuse("a resource template acts on a Kubernetes cluster, and flowc run has none (--skip " + name + " marks it Skipped)");
    else if (kind == "http") check_http(t["http"], ptr + "/http", name);
    else if (kind == "plugin") refuse("an executor plugin runs in the cluster (--skip " + name + " marks it Skipped)");
    else if (kind == "data") check_data_source(t, ptr, name);
    else if (kind.empty()) refuse("it has no container, script, steps, dag, suspend or other type");
    if (t.value("daemon", false)) check_daemon(t, kind, ptr, name);
    // Sidecars and init containers run in the main container's view
    // (pod_containers.h); a containerSet's pod is not given them here.
    if (kind == "containerSet" && (t.contains("sidecars") || t.contains("initContainers")))
      refuse("sidecars and initContainers beside a containerSet are not run by flowc run");
    if (t.contains("synchronization")) check_semaphores(t["synchronization"], ptr + "/synchronization", name);
    auto check_container = [&](const ojson& c, const std::string& what) {
      if (!c.contains("command") || c["command"].empty()) {
        error("E1205", ptr,
              "template '" + name + "': " + what + " has no command, and the default entrypoint of the image '" +
                  str(c, "image") + "' cannot be known without the image; write the command",
              name);
      } else {
        std::string cmd = c["command"][0].is_string() ? c["command"][0].get<std::string>() : "";
        if (opt.check_host_programs && cmd.find("{{") == std::string::npos && cmd != "python" && cmd != "python3" && !on_host(cmd))
          error("E1210", ptr,
                "template '" + name + "': the command '" + cmd + "' (from the image '" + str(c, "image") +
                    "') is not a program on this machine, and flowc run runs the host's programs",
                name);
      }
      if (c.contains("env"))
        for (auto& e : c["env"])
          if (e.contains("valueFrom"))
            refuse("env '" + str(e, "name") + "' takes its value from the cluster (valueFrom), which flowc run cannot read");
    };
    auto check_mounts = [&](const ojson& c, const std::string& cptr) {
      if (!c.contains("volumeMounts") || !c["volumeMounts"].is_array()) return;
      for (size_t i = 0; i < c["volumeMounts"].size(); ++i) check_volume_mount(t, c["volumeMounts"][i], ptr, cptr + "/volumeMounts/" + std::to_string(i), name);
    };
    if (kind == "container" || kind == "script") check_mounts(t[kind], ptr + "/" + kind);
    if (kind == "containerSet" && t["containerSet"].contains("containers"))
      for (size_t i = 0; i < t["containerSet"]["containers"].size(); ++i)
        check_mounts(t["containerSet"]["containers"][i], ptr + "/containerSet/containers/" + std::to_string(i));
    if (kind == "containerSet") check_mounts(t["containerSet"], ptr + "/containerSet");  // shared by every container
    if (kind == "containerSet") check_container_order(t["containerSet"], ptr + "/containerSet/containers", name);
    if (kind == "container") check_container(t["container"], "the container");
    if (kind == "script") check_container(t["script"], "the script");
    for (const char* list : {"initContainers", "sidecars"})
      if (kind != "containerSet" && t.contains(list) && t[list].is_array())
        for (auto& c : t[list]) check_container(c, std::string(list == std::string("sidecars") ? "sidecar" : "init container") + " '" + str(c, "name") + "'");
    if (kind == "containerSet" && t["containerSet"].contains("containers"))
      for (auto& c : t["containerSet"]["containers"]) check_container(c, "container '" + str(c, "name") + "'");
    if (t.contains("inputs") && t["inputs"].contains("parameters") && t["inputs"]["parameters"].is_array()) {
      const ojson& ps = t["inputs"]["parameters"];
      for (size_t i = 0; i < ps.size(); ++i) check_config_map_input(ps[i], ptr + "/inputs/parameters/" + std::to_string(i), name);
    }
    if (t.contains("inputs") && t["inputs"].contains("artifacts")) {
      const ojson& arts = t["inputs"]["artifacts"];
      for (size_t i = 0; i < arts.size(); ++i) check_remote_artifact(arts[i], ptr + "/inputs/artifacts/" + std::to_string(i), name);
    }
  }
};

}  // namespace

std::string template_kind(const ojson& tmpl) {
  for (const char* k : {"container", "script", "containerSet", "steps", "dag", "suspend", "resource", "http", "plugin", "data"})
    if (tmpl.contains(k) && !tmpl[k].is_null()) return k;
  return {};
}

const ojson* resolve_template(const Plan& plan, const TemplateBase*& base, const ojson& holder, ojson& inline_store,
                              std::string& error) {
  if (holder.contains("inline") && holder["inline"].is_object()) {
    inline_store = holder["inline"];
    if (!inline_store.contains("name")) inline_store["name"] = "";
    if (!plan.template_defaults.is_null()) {
      std::string conflict;  // operator.go executeTemplate merges inline templates too
      inline_store = merge_template_defaults(plan.template_defaults, inline_store, conflict);
      if (!conflict.empty()) {
        error = conflict;
        return nullptr;
      }
    }
    return &inline_store;
  }
  if (holder.contains("templateRef")) {
    const ojson& ref = holder["templateRef"];
    std::string name = str(ref, "name"), tmpl = str(ref, "template");
    bool cluster = ref.value("clusterScope", false);
    auto& table = cluster ? plan.cluster : plan.namespaced;
    auto it = table.find(name);
    if (it == table.end()) {
      error = std::string(cluster ? "ClusterWorkflowTemplate" : "WorkflowTemplate") + " '" + name +
              "' is not among the templates given (--templates FILE)";
      return nullptr;
    }
    auto t = it->second.templates.find(tmpl);
    if (t == it->second.templates.end()) {
      error = "template '" + tmpl + "' is not in WorkflowTemplate '" + name + "'";
      return nullptr;
    }
    base = &it->second;
    return &t->second;
  }
  std::string name = str(holder, "template");
  auto t = base->templates.find(name);
  if (t == base->templates.end()) {
    error = "template '" + name + "' is not defined";
    return nullptr;
  }
  return &t->second;
}

Plan make_plan(const PlanOptions& options) {
  Plan plan;
  plan.skip = options.skip;
  plan.artifacts = options.artifacts;
  plan.volumes = options.volumes;
  plan.config_maps = options.config_maps;
  plan.resume = options.resume;
  Planner p(options, plan);
  p.run();
  plan.ok = !p.has_errors;
  for (auto& d : plan.diagnostics)
    if (d.severity == Severity::Error) plan.ok = false;
  return plan;
}

}  // namespace flowc::run
