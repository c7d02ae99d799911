#include "frontend/reader.h"
#include "frontend/template_refs.h"

#include "frontend/manifest.h"

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "frontend/dsl_names.h"
#include "frontend/checker.h"
#include "frontend/version_rules.h"
#include "frontend/class_bases.h"
#include "frontend/class_members.h"
#include "frontend/closure_reader.h"
#include "frontend/evaluator.h"
#include "frontend/event_binding.h"
#include "frontend/models.h"
#include "frontend/template_call.h"
#include "ir/names.h"
#include "passes/suggest.h"

namespace flowc {

namespace {

// A decorator as written: `@inputs.parameter(name="x")` -> dsl "inputs.parameter".
struct Decorator {
  std::string dsl;   // canonical DSL name, "" if not a DSL decorator
  TSNode node{};     // the decorator node
  TSNode call{};     // the call expression, null for a bare `@task`
};

// Maps a model class to the template field it fills.
const char* template_body_key(std::string_view model) {
  static const std::pair<std::string_view, const char*> table[] = {
      {"V1Container", "container"},
      {"V1alpha1ScriptTemplate", "script"},
      {"V1alpha1ResourceTemplate", "resource"},
      {"V1alpha1SuspendTemplate", "suspend"},
      {"V1alpha1HTTP", "http"},
      {"V1alpha1ContainerSetTemplate", "containerSet"},
      {"V1alpha1Data", "data"},
      {"V1alpha1Plugin", "plugin"},
  };
  for (auto& [m, k] : table)
    if (m == model) return k;
  return nullptr;
}

class Reader {
 public:
  Reader(const SyntaxTree& tree, const ReadOptions& options, DiagnosticSink& sink)
      : tree_(tree), options_(options), sink_(sink), eval_(tree, names_, sink, options.budget), checker_(sink, options.argo_version) {
    eval_.argo_version = options.argo_version;
  }

  Module run() {
    TSNode root = tree_.root();
    names_.read_imports(tree_, root, sink_);
    if (options_.implicit_dsl) names_.import_all_dsl();
    bind_module_constants(root);
    for (uint32_t i = 0; i < named_count(root); ++i) {
      TSNode st = named_child(root, i);
      if (is(st, "class_definition")) read_class(st, {});
      else if (is(st, "decorated_definition")) read_module_decorated(st);
    }
    // Reading is done, so no later class needs these as bases any more: moved, not copied.
    module_.workflows.reserve(emitted_.size());
    for (Workflow* wf : emitted_) module_.workflows.push_back(std::move(*wf));
    if (!options_.only_class.empty() && module_.workflows.empty() && !sink_.has_errors()) {
      if (options_.only_line)
        sink_.error("E0201", Span{0, 0}, "no module-level workflow class '" + options_.only_class + "' at line " +
                                             std::to_string(options_.only_line) +
                                             " of this source; flowc compiles classes defined at the top level of a "
                                             "file or notebook cell (or was the file changed since?)");
      else
        sink_.error("E0201", Span{0, 0}, "no workflow class named '" + options_.only_class + "' in this source");
    }
    return std::move(module_);
  }

 private:
  std::string text(TSNode n) const { return std::string(tree_.text(n)); }
  Span span(TSNode n) const { return tree_.span(n); }

  void bind_module_constants(TSNode root) {
    for (uint32_t i = 0; i < named_count(root); ++i) bind_statement(named_child(root, i), module_env_);
  }

  // `NAME = expr` binds a constant; defs and classes bind opaque names.
  void bind_statement(TSNode st, Env& env) {
    if (is(st, "expression_statement") && named_count(st) == 1) {
      TSNode a = named_child(st, 0);
      if (is(a, "assignment")) {
        TSNode left = field(a, "left");
        TSNode right = field(a, "right");
        if (is(left, "identifier") && !ts_node_is_null(right) && !is(right, "assignment"))
          env.bind(text(left), right);
      }
    } else if (is(st, "function_definition") || is(st, "class_definition")) {
      env.bind_opaque(text(field(st, "name")), "is a function or class, not a constant");
    } else if (is(st, "decorated_definition")) {
      TSNode def = field(st, "definition");
      env.bind_opaque(text(field(def, "name")), "is a function or class, not a constant");
    }
  }

  std::vector<Decorator> decorators(TSNode decorated) {
    std::vector<Decorator> out;
    for (uint32_t i = 0; i < named_count(decorated); ++i) {
      TSNode d = named_child(decorated, i);
      if (!is(d, "decorator")) continue;
      TSNode expr = named_child(d, 0);
      Decorator dec;
      dec.node = d;
      if (is(expr, "call")) {
        dec.call = expr;
        dec.dsl = names_.resolve(tree_, field(expr, "function"));
      } else {
        dec.dsl = names_.resolve(tree_, expr);
      }
      // @typing.no_type_check speaks only to type checkers (closures and scope
      // functions have no `self`, which they cannot know); it changes nothing here.
      if (dec.dsl == "typing.no_type_check" && ts_node_is_null(dec.call)) continue;
      out.push_back(dec);
    }
    return out;
  }

  // Keyword arguments of a decorator call, as written, as a Dict (the model
  // tables map them to JSON names where a model applies). A single
  // leading positional argument is taken as `name` (`@parameter("x", ...)`).
  std::optional<Value> decorator_kwargs(const Decorator& d, const Env& env) {
    Value out = Value::dict(span(d.node));
    if (ts_node_is_null(d.call)) return out;
    TSNode args = field(d.call, "arguments");
    bool ok = true;
    for (uint32_t i = 0; i < named_count(args); ++i) {
      TSNode a = named_child(args, i);
      if (is(a, "comment")) continue;
      if (is(a, "keyword_argument")) {
        std::string key = text(field(a, "name"));
        auto v = eval_.eval(field(a, "value"), env);
        if (!v) {
          ok = false;
          continue;
        }
        out.set(key, std::move(*v), span(field(a, "name")));
      } else if (i == 0 && !is(a, "list_splat") && !is(a, "dictionary_splat")) {
        auto v = eval_.eval(a, env);
        if (!v) {
          ok = false;
          continue;
        }
        out.set("__positional__", std::move(*v));
      } else if (i == 1 && d.dsl == "closure" && !is(a, "list_splat") && !is(a, "dictionary_splat")) {
        // argo-python-dsl's closure(image, scope=None, ...): the second is the scope.
        auto v = eval_.eval(a, env);
        if (!v) {
          ok = false;
          continue;
        }
        out.set("__positional_scope__", std::move(*v));
      } else {
        sink_.error("E0202", span(a), "decorator '@" + d.dsl + "' takes keyword arguments");
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return out;
  }

  // A target's own decorator (`@peak.step(...)`): kept for that target's backend.
  bool is_extension(const Decorator& d) const { return d.dsl.starts_with("peak."); }
  void record_extension(Extensions& ext, const Decorator& d, const Env& env) {
    auto kw = decorator_kwargs(d, env);
    if (!kw) return;
    Value* old = ext.get(d.dsl);
    if (!old) {
      ext.set(d.dsl, std::move(*kw));
      return;
    }
    for (auto& [k, v] : kw->fields) old->set(k, v);
  }

  // @parameter / @artifact / @inputs.* / @outputs.* -> one parameter or
  // artifact Dict, checked as V1alpha1Parameter / V1alpha1Artifact.
  std::optional<Value> io_item(const Decorator& d, const Env& env, const char* model) {
    auto kw = decorator_kwargs(d, env);
    if (!kw) return std::nullopt;
    Value item = Value::dict(kw->span);
    if (Value* pos = kw->get("__positional__")) item.set("name", *pos);
    for (size_t i = 0; i < kw->fields.size(); ++i)
      if (kw->fields[i].first != "__positional__") item.set(kw->fields[i].first, kw->fields[i].second, kw->key_span(i));
    const Value* name = item.get("name");
    if (!name) {
      sink_.error("E0202", span(d.node), "'@" + d.dsl + "' needs a name (name=\"...\")");
      return std::nullopt;
    }
    if (!name->is_string()) {
      sink_.error("E0105", name->span, std::string("'name' must be a str, got ") + name->type_name());
      return std::nullopt;
    }
    if (!checker_.check_fields(item, *models::find_model(model), true)) return std::nullopt;
    item.model = model;
    return item;
  }

  // Keyword arguments of a decorator checked against a model's fields:
  // `@template(retry_strategy=...)` against V1alpha1Template, etc.
  std::optional<Value> model_kwargs(const Decorator& d, const Env& env, const char* model) {
    auto kw = decorator_kwargs(d, env);
    if (!kw) return std::nullopt;
    if (kw->get("__positional__")) {
      sink_.error("E0202", kw->get("__positional__")->span, "'@" + d.dsl + "' takes keyword arguments only");
      return std::nullopt;
    }
    if (!checker_.check_fields(*kw, *models::find_model(model), true)) return std::nullopt;
    kw->model = model;
    return kw;
  }

  void read_module_decorated(TSNode decorated) {
    TSNode def = field(decorated, "definition");
    auto decs = decorators(decorated);
    if (is(def, "class_definition")) {
      read_class(def, decs);
      return;
    }
    for (auto& d : decs) {
      if (d.dsl == "scope") {
        if (auto s = scope_function(d, def, module_env_)) module_.scopes.push_back(std::move(*s));
      }
    }
  }

  std::optional<ScopeFunction> scope_function(const Decorator& d, TSNode def, const Env& env) {
    auto kw = decorator_kwargs(d, env);
    if (!kw) return std::nullopt;
    const Value* name = kw->get("name");
    if (!name) name = kw->get("__positional__");
    if (!name || !name->is_string() || name->text.empty()) {
      sink_.error("E0202", span(d.node), "'@scope' needs a name: @scope(name=\"...\")");
      return std::nullopt;
    }
    ScopeFunction s;
    s.scope = name->text;
    s.name = text(field(def, "name"));
    s.function = def;
    s.span = span(field(def, "name"));
    return s;
  }

  // Which base classes make this a workflow class, and which local classes it extends.
  void read_class(TSNode cls, const std::vector<Decorator>& decs) {
    std::string class_name = text(field(cls, "name"));
    bool has_dsl_members = looks_like_workflow_body(tree_, names_, field(cls, "body"));
    BaseLookup lookup{names_,
                      [&](const std::string& n) -> const Workflow* {
                        auto it = classes_.find(n);
                        return it == classes_.end() ? nullptr : it->second;
                      },
                      [&](const std::string& n) { return module_env_.has_local(n); },
                      options_.loader};
    ClassBases found = read_class_bases(tree_, cls, lookup, has_dsl_members, sink_);  // (DSL members or workflow settings)
    std::optional<WorkflowKind> kind = found.kind;
    std::vector<const Workflow*>& bases = found.bases;
    if (!kind) return;  // not a workflow class
    auto wf = std::make_unique<Workflow>();
    wf->kind = *kind;
    wf->class_name = class_name;
    wf->span = span(field(cls, "name"));
    wf->name = class_to_kebab(class_name);
    for (const Workflow* base : bases) {
      // Each subclass copies its bases: bounded like evaluated values (E0120/E0121).
      if (!eval_.charge(wf->span, inherited_size(*base), "each subclass copies the templates and tasks of its bases"))
        return;
      inherit(*wf, *base);
    }
    for (auto& d : decs) {
      if (is_extension(d)) record_extension(wf->extensions, d, module_env_);
      else
        sink_.error("E0203", span(d.node), "class decorator '" + text(named_child(d.node, 0)) +
                                               "' is not part of the DSL; flowc cannot know what it does");
    }
    if (wf->kind == WorkflowKind::Manifest) {
      read_manifest_class(*wf, field(cls, "body"), module_env_, eval_, tree_, sink_);
    } else {
      read_class_body(*wf, field(cls, "body"));
    }
    if (wf->kind == WorkflowKind::WorkflowEventBinding) check_event_binding(*wf, sink_);
    if (wf->nameless && !wf->metadata.get("name") && !wf->metadata.get("generateName"))
      sink_.warning("W1040", *wf->nameless, "the document has neither 'name' nor 'generateName'; Kubernetes refuses it unnamed")
          .notes.push_back({"`name = None` / `generate_name = None` keep it nameless (an imported YAML may be)", std::nullopt});
    if (wf->kind != WorkflowKind::Manifest &&
        (!is_valid_dns_name(wf->name, 253) || wf->name.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos))
      sink_.error("E0210", wf->span,
                  "class name '" + class_name + "' gives the resource name '" + wf->name +
                      "', which Kubernetes rejects (lower case letters, digits and '-', starting and ending with a letter or digit)");
    classes_[class_name] = wf.get();
    if (options_.only_class.empty() || (options_.only_class == class_name && holds_only_line(cls)))
      emitted_.push_back(wf.get());
    owned_.push_back(std::move(wf));
  }

  // True if options_.only_line (if set) is a line of this class statement,
  // its decorators included.
  bool holds_only_line(TSNode cls) const {
    if (!options_.only_line) return true;
    TSNode outer = ts_node_parent(cls);
    TSNode first = is(outer, "decorated_definition") ? outer : cls;
    uint32_t from = ts_node_start_point(first).row + 1, to = ts_node_end_point(cls).row + 1;
    return from <= options_.only_line && options_.only_line <= to;
  }

  // A subclass starts with its base's templates, tasks, scopes and settings;
  // its own definitions replace the base's of the same name.
  static void inherit(Workflow& wf, const Workflow& base) {
    for (auto& [k, v] : base.spec.fields) wf.spec.set(k, v);
    for (auto& [k, v] : base.cron.fields) wf.cron.set(k, v);
    for (auto& [k, v] : base.metadata.fields) wf.metadata.set(k, v);
    for (auto& [k, v] : base.extensions.fields) wf.extensions.set(k, v);
    size_t t0 = wf.templates.size(), k0 = wf.tasks.size();
    wf.templates.insert(wf.templates.end(), base.templates.begin(), base.templates.end());
    wf.tasks.insert(wf.tasks.end(), base.tasks.begin(), base.tasks.end());
    // Their spans point into the base's file (validation reports there).
    for (size_t i = t0; i < wf.templates.size(); ++i)
      if (!wf.templates[i].file) wf.templates[i].file = base.file;
    for (size_t i = k0; i < wf.tasks.size(); ++i)
      if (!wf.tasks[i].file) wf.tasks[i].file = base.file;
    wf.scopes.insert(wf.scopes.end(), base.scopes.begin(), base.scopes.end());
    wf.helpers.insert(wf.helpers.end(), base.helpers.begin(), base.helpers.end());
  }

  void read_class_body(Workflow& wf, TSNode body) {
    auto class_env = std::make_unique<Env>(&module_env_);
    Env& env = *class_env;
    for (uint32_t i = 0; i < named_count(body); ++i) bind_statement(named_child(body, i), env);
    // Python keeps the later of two bindings of one name; so does the class.
    std::vector<bool> shadowed = shadowed_statements(tree_, names_, body, sink_);
    drop_overridden_inherited(tree_, names_, body, shadowed, wf);
    // At most one task or template per statement: reserved (address space,
    // not memory), a class of 10,000 tasks is not moved to ever larger buffers.
    wf.tasks.reserve(wf.tasks.size() + named_count(body));
    wf.templates.reserve(wf.templates.size() + named_count(body));
    for (uint32_t i = 0; i < named_count(body) && !sink_.at_limit(); ++i) {
      if (shadowed[i]) continue;
      TSNode st = named_child(body, i);
      if (is(st, "expression_statement") && named_count(st) == 1 && is(named_child(st, 0), "assignment")) {
        read_class_attribute(wf, named_child(st, 0), env);
      } else if (is(st, "decorated_definition")) {
        read_method(wf, st, env);
      } else if (is(st, "function_definition")) {
        // A plain method is a helper, ignored as argo-python-dsl ignores it;
        // __init__ is the exception: what it sets would be missing.
        if (text(field(st, "name")) == "__init__") {
          check_init_override(tree_, st, sink_);
          continue;
        }
        warn_if_member_like(tree_, names_, st, sink_);
        wf.helpers.emplace_back(text(field(st, "name")), span(field(st, "name")));
      }
    }
    class_envs_.push_back(std::move(class_env));
  }

  void read_class_attribute(Workflow& wf, TSNode assign, const Env& env) {
    TSNode left = field(assign, "left");
    TSNode right = field(assign, "right");
    if (!is(left, "identifier") || ts_node_is_null(right)) return;
    std::string name = text(left);
    Span name_span = span(left);
    if (name == "__metadata__") {
      auto v = eval_.eval(right, env);
      if (!v) return;
      if (!v->is_dict() || (!v->model.empty() && v->model != "V1ObjectMeta")) {
        sink_.error("E0105", v->span, std::string("__metadata__ must be a dict or V1ObjectMeta, got ") + v->type_name());
        return;
      }
      if (!checker_.check(*v, "V1ObjectMeta", "__metadata__")) return;
      for (auto& [k, val] : v->fields) wf.metadata.set(k, val);
      return;
    }
    if (name == "__peak__") {  // workflow-wide Peak settings, as a dict
      auto v = eval_.eval(right, env);
      if (!v) return;
      if (!v->is_dict()) {
        sink_.error("E0105", v->span, std::string("__peak__ must be a dict, got ") + v->type_name());
        return;
      }
      Value* old = wf.extensions.get("peak.workflow");
      if (!old) wf.extensions.set("peak.workflow", std::move(*v));
      else
        for (auto& [k, val] : v->fields) old->set(k, val);
      return;
    }
    // `name = None` / `generate_name = None`: no name from the class.
    if ((name == "name" || name == "generate_name") && is(right, "none")) {
      wf.nameless = name_span;
      return;
    }
    // Private names and CONSTANTS are the user's own; lower_snake names are settings.
    if (name.starts_with("_")) return;
    bool has_lower = false;
    for (char c : name)
      if (c >= 'a' && c <= 'z') has_lower = true;
    if (!has_lower) return;

    // Metadata by attribute: name, generate_name, namespace, labels, annotations.
    static const models::Model* meta = models::find_model("V1ObjectMeta");
    static const models::Model* workflow_spec = models::find_model("V1alpha1WorkflowSpec");
    static const models::Model* binding_spec = models::find_model("V1alpha1WorkflowEventBindingSpec");
    // A WorkflowEventBinding's settings are its spec's: event and submit.
    const models::Model* spec = wf.kind == WorkflowKind::WorkflowEventBinding ? binding_spec : workflow_spec;
    static const models::Model* cron = models::find_model("V1alpha1CronWorkflowSpec");
    const models::Field* f = nullptr;
    Value* target = nullptr;
    bool is_cron = wf.kind == WorkflowKind::CronWorkflow;
    if (is_cron && name == "schedule") {
      // Argo now takes a list (`schedules`); one schedule is a list of one.
      auto v = eval_.eval(right, env);
      if (!v || !checker_.check(*v, "str", "'schedule'")) return;
      if (wf.cron.get("schedules")) {
        sink_.error("E0211", name_span, "set either 'schedule' or 'schedules', not both");
        return;
      }
      Value list = Value::list(v->span);
      list.items.push_back(std::move(*v));
      wf.cron.set("schedules", std::move(list), name_span);
      return;
    }
    if (name == "name" || name == "generate_name" || name == "namespace" || name == "labels" || name == "annotations") {
      f = models::find_keyword(*meta, name);
      target = &wf.metadata;
    } else if (is_cron && name != "workflow_spec" && name != "workflow_metadata" && models::find_keyword(*cron, name)) {
      f = models::find_keyword(*cron, name);
      target = &wf.cron;
    } else if ((f = models::find_keyword(*spec, name))) {
      target = &wf.spec;
    }
    const models::Model* owner = target == &wf.metadata ? meta : target == &wf.cron ? cron : spec;
    if (f) {
      if (!check_field_version(*f, *owner, name, name_span, options_.argo_version, sink_)) {
        wf.broken_settings = true;
        return;
      }
    }
    if (!f) {
      std::vector<std::string> names;
      for (size_t k = 0; k < spec->field_count; ++k) names.push_back(spec->fields[k].python);
      if (is_cron)
        for (size_t k = 0; k < cron->field_count; ++k) names.push_back(cron->fields[k].python);
      if (is_cron) names.push_back("schedule");
      std::string near = closest(name, names);
      if (!near.empty()) {
        auto& d = sink_.error("E0211", name_span, "'" + name + "' is not a workflow setting");
        d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
        suggest_fix(d, name_span, name, near);
      } else {
        auto& d = sink_.warning("W0201", name_span, "class attribute '" + name + "' is not a workflow setting; ignored");
        d.notes.push_back({"constants are best written in UPPER_CASE; settings are fields of WorkflowSpec", std::nullopt});
      }
      return;
    }
    auto v = eval_.eval(right, env);
    if (!v || !checker_.check(*v, models::type_in(*owner, *f, options_.argo_version), "'" + name + "'")) {
      wf.broken_settings = true;
      return;
    }
    if (is_cron && name == "schedules" && wf.cron.get("schedules")) {
      sink_.error("E0211", name_span, "set either 'schedule' or 'schedules', not both");
      return;
    }
    target->set(f->json, std::move(*v), name_span);
  }

  // Replaces an earlier definition with the same name (an override in a
  // subclass, or a redefinition), else appends. Indexed: a class may have
  // 100,000 tasks.
  template <typename T>
  void replace_or_add(std::vector<T>& list, T item) {
    auto& index = method_index_[&list];
    if (index.size() != list.size()) {  // new list, or one filled by inheritance
      index.clear();
      for (size_t i = 0; i < list.size(); ++i) index[list[i].method] = i;
    }
    auto it = index.find(item.method);
    if (it != index.end()) {
      list[it->second] = std::move(item);
      return;
    }
    index.emplace(item.method, list.size());
    list.push_back(std::move(item));
  }

  static bool is_main_decorator(std::string_view dsl) {
    return dsl == "template" || dsl == "closure" || dsl == "task" || dsl == "scope" || dsl == "dag" ||
           dsl == "steps" || dsl == "step";
  }

  // The one decorator that says what a method is; reports unknown decorators.
  const Decorator* main_decorator(const std::vector<Decorator>& decs) {
    const Decorator* main = nullptr;
    for (auto& d : decs) {
      if (d.dsl.empty() || d.dsl == "peak") {
        sink_.error("E0203", span(d.node),
                    "decorator '" + text(ts_node_is_null(d.call) ? named_child(d.node, 0) : field(d.call, "function")) +
                        "' is not part of the DSL; flowc cannot know what it does")
            .notes.push_back({"flowc reads workflows without running them; only DSL decorators are understood", std::nullopt});
        continue;
      }
      if (!is_main_decorator(d.dsl)) continue;
      if (main) {
        sink_.error("E0205", span(d.node), "'@" + d.dsl + "' cannot be combined with '@" + main->dsl + "' on one method");
        return nullptr;
      }
      main = &d;
    }
    return main;
  }

  // Where a decorator line can go above `def` (lsp quick fixes): its line's
  // start after the indentation, if nothing but blanks precede it there.
  DecoratePoint decorate_point(TSNode def) {
    DecoratePoint p;
    std::string_view src = tree_.file().text();
    uint32_t at = ts_node_start_byte(def);
    uint32_t line = at;
    while (line > 0 && src[line - 1] != '\n') --line;
    std::string_view indent = src.substr(line, at - line);
    if (indent.find_first_not_of(" \t") != std::string_view::npos) return p;
    p.valid = true;
    p.at = at;
    p.indent = std::string(indent);
    return p;
  }

  template <typename T>
  T broken(TSNode def) {
    T t;
    t.method = text(field(def, "name"));
    t.name = method_to_name(t.method);
    t.span = span(field(def, "name"));
    t.broken = true;
    return t;
  }

  void read_method(Workflow& wf, TSNode decorated, const Env& env) {
    TSNode def = field(decorated, "definition");
    if (!is(def, "function_definition")) return;
    auto decs = decorators(decorated);
    // @property, @staticmethod, @classmethod, ...: not a DSL member, ignored
    // as argo-python-dsl ignores it.
    bool dsl = std::any_of(decs.begin(), decs.end(), [](const Decorator& d) { return is_main_decorator(d.dsl); });
    bool inert = std::all_of(decs.begin(), decs.end(), [&](const Decorator& d) {
      return is_inert_decorator(tree_, names_, named_child(d.node, 0));
    });
    if (!dsl && inert) {
      warn_if_member_like(tree_, names_, def, sink_);
      wf.helpers.emplace_back(text(field(def, "name")), span(field(def, "name")));
      return;
    }
    const Decorator* main = main_decorator(decs);
    if (!main) return;  // a helper method; not part of the workflow
    // A method that failed to read still takes its name, so later checks do
    // not report a second, consequential error about it.
    if (main->dsl == "scope") {
      if (auto s = scope_function(*main, def, env)) wf.scopes.push_back(std::move(*s));
    } else if (main->dsl == "task") {
      auto t = read_task(*main, def, decs, env, false);
      replace_or_add(wf.tasks, t ? std::move(*t) : broken<Task>(def));
    } else if (main->dsl == "step") {
      sink_.error("E0205", span(main->node), "a @step belongs inside a @steps template");
    } else {
      auto t = read_template(*main, def, decs, env);
      replace_or_add(wf.templates, t ? std::move(*t) : broken<Template>(def));
    }
  }

  // Collects @inputs.* / @outputs.* (and a bare @parameter / @artifact, the
  // argument form, which on a template means an input).
  bool read_template_io(Template& t, const std::vector<Decorator>& decs, const Env& env) {
    bool ok = true;
    for (auto& d : decs) {
      Value* list = nullptr;
      const char* model = "V1alpha1Parameter";
      if (d.dsl == "inputs.parameter" || d.dsl == "parameter") list = &t.input_parameters;
      else if (d.dsl == "inputs.artifact" || d.dsl == "artifact") list = &t.input_artifacts, model = "V1alpha1Artifact";
      else if (d.dsl == "outputs.parameter") list = &t.output_parameters;
      else if (d.dsl == "outputs.artifact") list = &t.output_artifacts, model = "V1alpha1Artifact";
      else if (is_main_decorator(d.dsl) || d.dsl.empty() || d.dsl == "peak") continue;
      else if (is_extension(d)) {
        record_extension(t.extensions, d, env);
        continue;
      } else {
        sink_.error("E0205", span(d.node), "'@" + d.dsl + "' does not apply to a template");
        ok = false;
        continue;
      }
      if (auto item = io_item(d, env, model)) list->items.push_back(std::move(*item));
      else ok = false;
    }
    return ok;
  }

  std::optional<Template> read_template(const Decorator& main, TSNode def, const std::vector<Decorator>& decs,
                                        const Env& env) {
    Template t;
    t.method = text(field(def, "name"));
    t.name = method_to_name(t.method);
    t.span = span(field(def, "name"));
    t.decorate = decorate_point(def);
    if (!has_name_keyword(main) && !check_name(t.name, t.span, "template")) return std::nullopt;
    t.params = positional_params(def, true);  // a closure's leading `self` is ignored too
    if (!read_template_io(t, decs, env)) return std::nullopt;
    if (main.dsl == "closure") {
      auto kw = decorator_kwargs(main, env);
      if (!kw) return std::nullopt;
      ClosureReader reader{tree_, eval_, checker_, sink_};
      return reader.read(std::move(t), std::move(*kw), span(main.node), def, env);
    }
    // @dag's own fields (fail_fast, target) belong to the DAG, not the template.
    Value dag_fields = Value::dict();
    if (main.dsl == "dag") {
      auto kw = decorator_kwargs(main, env);
      if (!kw) return std::nullopt;
      Value rest = Value::dict(kw->span);
      for (size_t i = 0; i < kw->fields.size(); ++i) {
        auto& [k, v] = kw->fields[i];
        if (k == "fail_fast" || k == "target") dag_fields.set(k, v, kw->key_span(i));
        else rest.set(k, v, kw->key_span(i));
      }
      if (!checker_.check_fields(dag_fields, *models::find_model("V1alpha1DAGTemplate"), true)) return std::nullopt;
      if (!checker_.check_fields(rest, *models::find_model("V1alpha1Template"), true)) return std::nullopt;
      t.fields = std::move(rest);
    } else if (auto kw = model_kwargs(main, env, "V1alpha1Template")) {
      t.fields = std::move(*kw);
    } else {
      return std::nullopt;
    }
    if (!take_name_override(t.fields, t.name, t.span, "template")) return std::nullopt;
    if (main.dsl == "dag" || main.dsl == "steps") {
      auto r = read_task_template(std::move(t), main, def, env);
      if (r && main.dsl == "dag") {
        // dag=V1alpha1DAGTemplate(...) given whole: its fields join the DAG (its tasks are the body's).
        if (Value* whole = r->fields.get("dag")) {
          for (auto& [k, v] : whole->fields)
            if (k != "tasks") r->body.set(k, v);
          r->fields.fields.erase(std::remove_if(r->fields.fields.begin(), r->fields.fields.end(),
                                                [](auto& f) { return f.first == "dag"; }),
                                 r->fields.fields.end());
          r->fields.key_spans.clear();
        }
        for (auto& [k, v] : dag_fields.fields) r->body.set(k, v);
      }
      return r;
    }

    // A template body is straight-line: local assignments, then `return <model>`.
    Env local(&env);
    TSNode params = field(def, "parameters");
    for (uint32_t i = 0; i < named_count(params); ++i) {
      std::string p = param_name(tree_, named_child(params, i));
      if (!p.empty())
        local.bind_opaque(p, "is a parameter of the template; refer to its value as {{inputs.parameters." + p + "}}");
    }
    TSNode body = field(def, "body");
    std::optional<Value> result;
    for (uint32_t i = 0; i < named_count(body); ++i) {
      TSNode st = named_child(body, i);
      if (is(st, "comment") || is(st, "pass_statement")) continue;
      if (i == 0 && is(st, "expression_statement") && named_count(st) == 1 && is(named_child(st, 0), "string")) continue;
      if (is(st, "expression_statement") && named_count(st) == 1 && is(named_child(st, 0), "assignment")) {
        TSNode a = named_child(st, 0);
        TSNode left = field(a, "left");
        if (!is(left, "identifier") || ts_node_is_null(field(a, "right"))) {
          sink_.error("E0206", span(st), "only simple assignments (name = value) can be read in a template body");
          return std::nullopt;
        }
        auto v = eval_.eval(field(a, "right"), local);
        if (!v) return std::nullopt;
        local.bind_value(text(left), std::move(*v));
        continue;
      }
      if (is(st, "return_statement")) {
        if (named_count(st) == 0) break;
        result = eval_.eval(named_child(st, 0), local);
        if (!result) return std::nullopt;
        break;
      }
      sink_.error("E0206", span(st),
                  "a template body may only assign names and return a model; this statement would need running code");
      return std::nullopt;
    }
    if (!result) {
      sink_.error("E0207", t.span, "template '" + t.method + "' does not return a model (for example V1Container(...))");
      return std::nullopt;
    }
    if (result->model == "V1alpha1Template") {
      // A whole template: its fields are taken as given; the name comes from the method.
      t.body_key.clear();
      t.body = std::move(*result);
      return t;
    }
    const char* key = template_body_key(result->model);
    if (!key) {
      auto& d = sink_.error("E0207", result->span,
                            std::string("template '") + t.method + "' returns " + result->type_name() +
                                ", which is not a template body");
      d.notes.push_back({"return V1Container, V1alpha1ScriptTemplate, V1alpha1ResourceTemplate, "
                         "V1alpha1SuspendTemplate, V1alpha1HTTP, V1alpha1ContainerSetTemplate, V1alpha1Data "
                         "or V1alpha1Template",
                         std::nullopt});
      return std::nullopt;
    }
    t.body_key = key;
    t.body = std::move(*result);
    return t;
  }

  // @dag: the body holds @task functions; @steps: @step functions, each in a
  // new group unless marked @parallel (then with the step before it).
  std::optional<Template> read_task_template(Template t, const Decorator& main, TSNode def, const Env& env) {
    bool is_steps = main.dsl == "steps";
    const char* member = is_steps ? "step" : "task";
    t.body_key = is_steps ? "steps" : "dag";
    t.body = Value::dict();
    TSNode body = field(def, "body");
    bool ok = true;
    for (uint32_t i = 0; i < named_count(body); ++i) {
      TSNode st = named_child(body, i);
      if (is(st, "comment") || is(st, "pass_statement")) continue;
      if (is(st, "expression_statement") && named_count(st) == 1 && is(named_child(st, 0), "string")) continue;
      if (is(st, "decorated_definition") && is(field(st, "definition"), "function_definition")) {
        TSNode fn = field(st, "definition");
        auto decs = decorators(st);
        const Decorator* m = main_decorator(decs);
        if (m && m->dsl == member) {
          auto task = read_task(*m, fn, decs, env, is_steps);
          Task item = task ? std::move(*task) : broken<Task>(fn);
          if (!task) ok = false;
          if (is_steps) {
            if (item.parallel && !t.steps.empty()) t.steps.back().push_back(std::move(item));
            else t.steps.push_back({std::move(item)});
          } else {
            t.tasks.push_back(std::move(item));
          }
          continue;
        }
      }
      sink_.error("E0209", span(st), std::string("the body of a @") + main.dsl + " template holds @" + member +
                                         " functions only");
      ok = false;
    }
    if (t.tasks.empty() && t.steps.empty() && ok) {
      sink_.error("E0209", t.span, std::string("@") + main.dsl + " template '" + t.method + "' has no @" + member +
                                       " functions");
      return std::nullopt;
    }
    (void)ok;
    return t;
  }

  // `name="pass"` on a decorator names the template or task when the method
  // cannot (a Python keyword, a name with characters Python does not allow).
  bool take_name_override(Value& fields, std::string& name, Span& at, const char* what) {
    for (size_t i = 0; i < fields.fields.size(); ++i) {
      if (fields.fields[i].first != "name") continue;
      const Value& v = fields.fields[i].second;
      if (!v.is_string()) {
        sink_.error("E0105", v.span, std::string("'name' must be a str, got ") + v.type_name());
        return false;
      }
      name = v.text;
      at = v.span;
      fields.fields.erase(fields.fields.begin() + static_cast<long>(i));
      if (i < fields.key_spans.size()) fields.key_spans.erase(fields.key_spans.begin() + static_cast<long>(i));
      return check_name(name, at, what);
    }
    return true;
  }

  bool check_name(const std::string& name, Span s, const char* what) {
    // Argo's rule for template, task and step names.
    bool ok = !name.empty() && name.size() <= 128;
    auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    if (ok && (!alnum(name.front()) || !alnum(name.back()))) ok = false;
    for (char c : name)
      if (!alnum(c) && c != '-') ok = false;
    if (!ok)
      sink_.error("E0210", s, std::string(what) + " name '" + name +
                                  "' is not valid in Argo (letters, digits and '-', starting and ending with a letter "
                                  "or digit, at most 128)");
    return ok;
  }

  std::vector<std::string> positional_params(TSNode def, bool method) const {
    return template_params(tree_, def, method);
  }

  bool has_name_keyword(const Decorator& d) const {
    if (ts_node_is_null(d.call)) return false;
    TSNode args = field(d.call, "arguments");
    for (uint32_t i = 0; i < named_count(args); ++i) {
      TSNode a = named_child(args, i);
      if (is(a, "keyword_argument") && tree_.text(field(a, "name")) == "name") return true;
    }
    return false;
  }

  // A single positional argument, or the keyword `key`, of a decorator.
  std::optional<Value> sole_argument(const Decorator& d, const Env& env, const char* key) {
    auto kw = decorator_kwargs(d, env);
    if (!kw) return std::nullopt;
    const Value* v = kw->get("__positional__");
    if (!v) v = kw->get(key);
    if (!v || kw->fields.size() != 1) {
      sink_.error("E0202", span(d.node), "'@" + d.dsl + "' takes one argument");
      return std::nullopt;
    }
    return *v;
  }

  std::optional<Task> read_task(const Decorator& main, TSNode def, const std::vector<Decorator>& decs, const Env& env,
                                bool is_step) {
    Task t;
    t.method = text(field(def, "name"));
    t.name = method_to_name(t.method);
    t.span = span(field(def, "name"));
    t.decorate = decorate_point(def);
    if (!has_name_keyword(main) && !check_name(t.name, t.span, is_step ? "step" : "task")) return std::nullopt;
    const char* model = is_step ? "V1alpha1WorkflowStep" : "V1alpha1DAGTask";
    bool ok = true;
    if (auto kw = model_kwargs(main, env, model)) t.fields = std::move(*kw);
    else ok = false;
    if (ok && !take_name_override(t.fields, t.name, t.span, is_step ? "step" : "task")) ok = false;
    auto set_field = [&](const char* key, std::optional<Value> v, const char* type) {
      if (!v) {
        ok = false;
        return;
      }
      if (!checker_.check(*v, type, std::string("'@") + key + "'")) {
        ok = false;
        return;
      }
      t.fields.set(snake_to_camel(key), std::move(*v));
    };
    for (auto& d : decs) {
      if (is_main_decorator(d.dsl) || d.dsl.empty() || d.dsl == "peak") continue;
      if (is_extension(d)) {
        record_extension(t.extensions, d, env);
      } else if (d.dsl == "parameter" || d.dsl == "artifact") {
        auto item = io_item(d, env, d.dsl == "parameter" ? "V1alpha1Parameter" : "V1alpha1Artifact");
        if (!item) {
          ok = false;
          continue;
        }
        (d.dsl == "parameter" ? t.parameters : t.artifacts).items.push_back(std::move(*item));
      } else if (d.dsl == "dependencies" && !is_step) {
        auto deps = sole_argument(d, env, "dependencies");
        if (!deps) {
          ok = false;
          continue;
        }
        if (!deps->is_list()) {
          sink_.error("E0105", deps->span, "'@dependencies' takes a list of task names: @dependencies([\"a\", \"b\"])");
          ok = false;
          continue;
        }
        for (auto& item : deps->items) {
          if (!item.is_string()) {
            sink_.error("E0105", item.span, std::string("a dependency is a task name (str), got ") + item.type_name());
            ok = false;
            continue;
          }
          t.dependencies.push_back({item.text, item.span});
        }
      } else if (d.dsl == "depends" && !is_step) {
        set_field("depends", sole_argument(d, env, "expression"), "str");
      } else if (d.dsl == "when") {
        set_field("when", sole_argument(d, env, "expression"), "str");
      } else if (d.dsl == "with_items") {
        set_field("with_items", sole_argument(d, env, "items"), "[any]");
      } else if (d.dsl == "with_param") {
        set_field("with_param", sole_argument(d, env, "param"), "str");
      } else if (d.dsl == "with_sequence") {
        set_field("with_sequence", model_kwargs(d, env, "V1alpha1Sequence"), "V1alpha1Sequence");
      } else if (d.dsl == "continue_on") {
        set_field("continue_on", model_kwargs(d, env, "V1alpha1ContinueOn"), "V1alpha1ContinueOn");
      } else if (d.dsl == "parallel" && is_step) {
        t.parallel = true;
      } else {
        sink_.error("E0205", span(d.node), "'@" + d.dsl + "' does not apply to a " + (is_step ? "step" : "task"));
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    // The body names the template: `return self.<template>(...)`, or a
    // template of another WorkflowTemplate: `return V1alpha1TemplateRef(...)`.
    std::vector<std::string> params;
    TSNode plist = field(def, "parameters");
    for (uint32_t i = 0; i < named_count(plist); ++i) {
      std::string p = param_name(tree_, named_child(plist, i));
      if (!p.empty()) params.push_back(p);
    }
    TSNode body = field(def, "body");
    TSNode ret{};
    for (uint32_t i = 0; i < named_count(body); ++i) {
      TSNode st = named_child(body, i);
      if (is(st, "return_statement")) {
        ret = st;
        break;
      }
    }
    TSNode call = !ts_node_is_null(ret) && named_count(ret) == 1 ? named_child(ret, 0) : TSNode{};
    TSNode fn = is(call, "call") ? field(call, "function") : TSNode{};
    Env local(&env);
    for (auto& p : params) local.bind_opaque(p, "is a parameter of the task");
    // An inline template (`@task(inline=V1alpha1Template(...))`) needs no return.
    if (t.fields.get("inline") && ts_node_is_null(ret)) return t;
    bool self_call = is(fn, "attribute") && is(field(fn, "object"), "identifier") && text(field(fn, "object")) == "self";
    if (!ts_node_is_null(call) && !self_call) {
      // A typed reference to a template of a WorkflowTemplate class: `Shared.echo(...)`.
      RefLookup refs{names_,
                     [&](const std::string& n) -> const Workflow* {
                       auto it = classes_.find(n);
                       if (it == classes_.end()) return nullptr;
                       // A copy that lives as long as the compile (this file's
                       // classes are moved out of the reader when reading is done).
                       return options_.loader ? options_.loader->keep(*it->second) : nullptr;
                     },
                     options_.loader};
      switch (read_typed_reference(tree_, fn, refs, sink_, t)) {
        case TypedRef::Found:
          if (!read_call_arguments(tree_, call, params, local, eval_, checker_, sink_, t)) return std::nullopt;
          return t;
        case TypedRef::Failed: return std::nullopt;
        case TypedRef::None: break;
      }
      // A template of another WorkflowTemplate: V1alpha1TemplateRef(...), written here or as a constant.
      DiagnosticSink quiet;
      Evaluator probe(tree_, names_, quiet);
      auto ref = probe.eval(call, local);
      if (ref && ref->model == "V1alpha1TemplateRef") {
        t.template_ref = std::move(*ref);
        t.template_span = span(call);
        return t;
      }
      if (!ts_node_is_null(fn) && names_.resolve(tree_, fn) == "V1alpha1TemplateRef") {
        eval_.eval(call, local);  // report why it failed
        return std::nullopt;
      }
    }
    if (!is(fn, "attribute") || !is(field(fn, "object"), "identifier") || text(field(fn, "object")) != "self") {
      sink_.error("E0208", ts_node_is_null(ret) ? t.span : span(ret),
                  std::string(is_step ? "step '" : "task '") + t.method +
                      "' must return a call to one of the workflow's templates: return self.<template>(...)");
      return std::nullopt;
    }
    t.template_name = text(field(fn, "attribute"));  // the method name; the DAG pass resolves it
    t.template_span = span(field(fn, "attribute"));
    if (!read_call_arguments(tree_, call, params, local, eval_, checker_, sink_, t)) return std::nullopt;
    return t;
  }

  const SyntaxTree& tree_;
  const ReadOptions& options_;
  DiagnosticSink& sink_;
  DslNames names_;
  Evaluator eval_;
  Checker checker_;
  Env module_env_;
  std::vector<std::unique_ptr<Env>> class_envs_;
  // Every workflow class read; classes_ names the latest of each name (the
  // bases of later classes), emitted_ those the module gives out, in order.
  std::vector<std::unique_ptr<Workflow>> owned_;
  std::unordered_map<std::string, const Workflow*> classes_;
  std::vector<Workflow*> emitted_;
  std::unordered_map<const void*, std::unordered_map<std::string, size_t>> method_index_;
  Module module_;
};

}  // namespace

Module read_module(const SyntaxTree& tree, const ReadOptions& options, DiagnosticSink& sink) {
  return Reader(tree, options, sink).run();
}

}  // namespace flowc
