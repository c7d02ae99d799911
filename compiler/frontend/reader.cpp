#include "frontend/reader.h"

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "frontend/dsl_names.h"
#include "frontend/evaluator.h"
#include "ir/names.h"

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
  };
  for (auto& [m, k] : table)
    if (m == model) return k;
  return nullptr;
}

// Kinds of workflow class, by DSL base name.
std::optional<WorkflowKind> workflow_kind(std::string_view dsl) {
  if (dsl == "Workflow") return WorkflowKind::Workflow;
  if (dsl == "WorkflowTemplate") return WorkflowKind::WorkflowTemplate;
  if (dsl == "ClusterWorkflowTemplate") return WorkflowKind::ClusterWorkflowTemplate;
  if (dsl == "CronWorkflow") return WorkflowKind::CronWorkflow;
  return std::nullopt;
}

// The name a parameter binds: `x`, `x: int`, `x=1`, `x: int = 1` (not *args / **kw).
std::string param_name(const SyntaxTree& tree, TSNode p) {
  if (is(p, "identifier")) return std::string(tree.text(p));
  if (is(p, "default_parameter") || is(p, "typed_default_parameter")) return std::string(tree.text(field(p, "name")));
  if (is(p, "typed_parameter") && named_count(p) > 0 && is(named_child(p, 0), "identifier"))
    return std::string(tree.text(named_child(p, 0)));
  return "";
}

class Reader {
 public:
  Reader(const SyntaxTree& tree, const ReadOptions& options, DiagnosticSink& sink)
      : tree_(tree), options_(options), sink_(sink), eval_(tree, names_, sink) {}

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
    if (!options_.only_class.empty() && module_.workflows.empty() && !sink_.has_errors())
      sink_.error("E0201", Span{0, 0}, "no workflow class named '" + options_.only_class + "' in this source");
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
      out.push_back(dec);
    }
    return out;
  }

  // Keyword arguments of a decorator call, camelCased, as a Dict. A single
  // leading positional argument is taken as `name` (`@parameter("x", ...)`).
  std::optional<Value> decorator_kwargs(const Decorator& d, const Env& env, bool camel = true) {
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
        out.set(camel ? snake_to_camel(key) : key, std::move(*v));
      } else if (i == 0 && !is(a, "list_splat") && !is(a, "dictionary_splat")) {
        auto v = eval_.eval(a, env);
        if (!v) {
          ok = false;
          continue;
        }
        out.set("__positional__", std::move(*v));
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
    auto kw = decorator_kwargs(d, env, false);
    if (!kw) return;
    Value* old = ext.get(d.dsl);
    if (!old) {
      ext.set(d.dsl, std::move(*kw));
      return;
    }
    for (auto& [k, v] : kw->fields) old->set(k, v);
  }

  // @parameter / @artifact / @inputs.* / @outputs.* -> one parameter or artifact Dict.
  std::optional<Value> io_item(const Decorator& d, const Env& env) {
    auto kw = decorator_kwargs(d, env);
    if (!kw) return std::nullopt;
    Value item = Value::dict(kw->span);
    if (Value* pos = kw->get("__positional__")) item.set("name", *pos);
    for (auto& [k, v] : kw->fields)
      if (k != "__positional__") item.set(k, v);
    const Value* name = item.get("name");
    if (!name) {
      sink_.error("E0202", span(d.node), "'@" + d.dsl + "' needs a name (name=\"...\")");
      return std::nullopt;
    }
    if (!name->is_string()) {
      sink_.error("E0204", name->span, std::string("'name' must be a str, got ") + name->type_name());
      return std::nullopt;
    }
    // name first, as Argo writes it
    if (item.fields.front().first != "name") {
      Value sorted = Value::dict(item.span);
      sorted.set("name", *name);
      for (auto& [k, v] : item.fields)
        if (k != "name") sorted.set(k, v);
      item = std::move(sorted);
    }
    return item;
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
    auto kw = decorator_kwargs(d, env, false);
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
    TSNode supers = field(cls, "superclasses");
    std::optional<WorkflowKind> kind;
    std::vector<const Workflow*> bases;
    if (!ts_node_is_null(supers)) {
      for (uint32_t i = 0; i < named_count(supers); ++i) {
        TSNode b = named_child(supers, i);
        if (is(b, "keyword_argument") || is(b, "comment")) continue;
        std::string dsl = names_.resolve(tree_, b);
        if (auto k = workflow_kind(dsl)) {
          kind = k;
          continue;
        }
        if (is(b, "identifier")) {
          auto it = classes_.find(text(b));
          if (it != classes_.end()) {
            bases.push_back(it->second.get());
            if (!kind) kind = it->second->kind;
          }
        }
      }
    }
    if (!kind) return;  // not a workflow class
    auto wf = std::make_unique<Workflow>();
    wf->kind = *kind;
    wf->class_name = class_name;
    wf->span = span(field(cls, "name"));
    wf->name = class_to_kebab(class_name);
    for (const Workflow* base : bases) inherit(*wf, *base);
    for (auto& d : decs) {
      if (is_extension(d)) record_extension(wf->extensions, d, module_env_);
      else
        sink_.error("E0203", span(d.node), "class decorator '" + text(named_child(d.node, 0)) +
                                               "' is not part of the DSL; flowc cannot know what it does");
    }
    read_class_body(*wf, field(cls, "body"));
    const Workflow* done = wf.get();
    classes_[class_name] = std::move(wf);
    if (options_.only_class.empty() || options_.only_class == class_name) module_.workflows.push_back(*done);
  }

  // A subclass starts with its base's templates, tasks, scopes and settings;
  // its own definitions replace the base's of the same name.
  static void inherit(Workflow& wf, const Workflow& base) {
    for (auto& [k, v] : base.spec.fields) wf.spec.set(k, v);
    for (auto& [k, v] : base.metadata.fields) wf.metadata.set(k, v);
    for (auto& [k, v] : base.extensions.fields) wf.extensions.set(k, v);
    wf.templates.insert(wf.templates.end(), base.templates.begin(), base.templates.end());
    wf.tasks.insert(wf.tasks.end(), base.tasks.begin(), base.tasks.end());
    wf.scopes.insert(wf.scopes.end(), base.scopes.begin(), base.scopes.end());
  }

  void read_class_body(Workflow& wf, TSNode body) {
    auto class_env = std::make_unique<Env>(&module_env_);
    Env& env = *class_env;
    for (uint32_t i = 0; i < named_count(body); ++i) bind_statement(named_child(body, i), env);
    for (uint32_t i = 0; i < named_count(body) && !sink_.at_limit(); ++i) {
      TSNode st = named_child(body, i);
      if (is(st, "expression_statement") && named_count(st) == 1 && is(named_child(st, 0), "assignment")) {
        read_class_attribute(wf, named_child(st, 0), env);
      } else if (is(st, "decorated_definition")) {
        read_method(wf, st, env);
      }
    }
    class_envs_.push_back(std::move(class_env));
  }

  void read_class_attribute(Workflow& wf, TSNode assign, const Env& env) {
    TSNode left = field(assign, "left");
    TSNode right = field(assign, "right");
    if (!is(left, "identifier") || ts_node_is_null(right)) return;
    std::string name = text(left);
    if (name == "__metadata__") {
      auto v = eval_.eval(right, env);
      if (!v) return;
      if (!v->is_dict()) {
        sink_.error("E0204", v->span, std::string("__metadata__ must be a dict or V1ObjectMeta, got ") + v->type_name());
        return;
      }
      for (auto& [k, val] : v->fields) wf.metadata.set(v->model.empty() ? snake_to_camel(k) : k, val);
      return;
    }
    if (name == "__peak__") {  // workflow-wide Peak settings, as a dict
      auto v = eval_.eval(right, env);
      if (!v) return;
      if (!v->is_dict()) {
        sink_.error("E0204", v->span, std::string("__peak__ must be a dict, got ") + v->type_name());
        return;
      }
      Value* old = wf.extensions.get("peak.workflow");
      if (!old) wf.extensions.set("peak.workflow", std::move(*v));
      else
        for (auto& [k, val] : v->fields) old->set(k, val);
      return;
    }
    // Private names and CONSTANTS are the user's own; lower_snake names are spec fields.
    if (name.starts_with("_")) return;
    bool has_lower = false;
    for (char c : name)
      if (c >= 'a' && c <= 'z') has_lower = true;
    if (!has_lower) return;
    auto v = eval_.eval(right, env);
    if (!v) return;
    wf.spec.set(snake_to_camel(name), std::move(*v));
  }

  // Removes an earlier definition with the same name (an override in a subclass).
  template <typename T>
  static void replace_or_add(std::vector<T>& list, T item) {
    for (auto& old : list)
      if (old.method == item.method) {
        old = std::move(item);
        return;
      }
    list.push_back(std::move(item));
  }

  void read_method(Workflow& wf, TSNode decorated, const Env& env) {
    TSNode def = field(decorated, "definition");
    if (!is(def, "function_definition")) return;
    auto decs = decorators(decorated);
    const Decorator* main = nullptr;
    for (auto& d : decs) {
      if (d.dsl == "template" || d.dsl == "closure" || d.dsl == "task" || d.dsl == "scope") {
        if (main) {
          sink_.error("E0205", span(d.node), "'@" + d.dsl + "' cannot be combined with '@" + main->dsl + "' on one method");
          return;
        }
        main = &d;
      }
    }
    for (auto& d : decs) {
      if (d.dsl.empty() || d.dsl == "peak") {
        sink_.error("E0203", span(d.node),
                    "decorator '" + text(ts_node_is_null(d.call) ? named_child(d.node, 0) : field(d.call, "function")) +
                        "' is not part of the DSL; flowc cannot know what it does")
            .notes.push_back({"flowc reads workflows without running them; only DSL decorators are understood", std::nullopt});
      }
    }
    if (!main) return;  // a helper method; not part of the workflow
    if (main->dsl == "scope") {
      if (auto s = scope_function(*main, def, env)) wf.scopes.push_back(std::move(*s));
      return;
    }
    // A method that failed to read still takes its name, so later checks do
    // not report a second, consequential error about it.
    std::string method = text(field(def, "name"));
    if (main->dsl == "task") {
      auto t = read_task(def, decs, env);
      if (!t) {
        t.emplace();
        t->method = method;
        t->name = method_to_name(method);
        t->span = span(field(def, "name"));
        t->broken = true;
      }
      replace_or_add(wf.tasks, std::move(*t));
      return;
    }
    auto t = read_template(*main, def, decs, env);
    if (!t) {
      t.emplace();
      t->method = method;
      t->name = method_to_name(method);
      t->span = span(field(def, "name"));
      t->broken = true;
    }
    replace_or_add(wf.templates, std::move(*t));
  }

  // Collects @inputs.* / @outputs.* (and a bare @parameter / @artifact, the
  // argument form, which on a template means an input).
  bool read_template_io(Template& t, const std::vector<Decorator>& decs, const Env& env) {
    bool ok = true;
    for (auto& d : decs) {
      Value* list = nullptr;
      if (d.dsl == "inputs.parameter" || d.dsl == "parameter") list = &t.input_parameters;
      else if (d.dsl == "inputs.artifact" || d.dsl == "artifact") list = &t.input_artifacts;
      else if (d.dsl == "outputs.parameter") list = &t.output_parameters;
      else if (d.dsl == "outputs.artifact") list = &t.output_artifacts;
      else if (d.dsl == "template" || d.dsl == "closure" || d.dsl.empty()) continue;
      else if (is_extension(d)) {
        record_extension(t.extensions, d, env);
        continue;
      }
      else {
        sink_.error("E0205", span(d.node), "'@" + d.dsl + "' does not apply to a template");
        ok = false;
        continue;
      }
      if (auto item = io_item(d, env)) list->items.push_back(std::move(*item));
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
    if (!read_template_io(t, decs, env)) return std::nullopt;
    if (main.dsl == "closure") return read_closure(std::move(t), main, def, env);

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
    const char* key = template_body_key(result->model);
    if (result->model == "V1alpha1Template") {
      // A whole template: its fields are taken as given; name comes from the method.
      t.body_key.clear();
      t.body = std::move(*result);
      return t;
    }
    if (!key) {
      auto& d = sink_.error("E0207", result->span,
                            std::string("template '") + t.method + "' returns " + result->type_name() +
                                ", which is not a template body");
      d.notes.push_back({"return V1Container, V1alpha1ScriptTemplate, V1alpha1ResourceTemplate, "
                         "V1alpha1SuspendTemplate, V1alpha1HTTP, V1alpha1ContainerSetTemplate or V1alpha1Data",
                         std::nullopt});
      return std::nullopt;
    }
    t.body_key = key;
    t.body = std::move(*result);
    return t;
  }

  std::optional<Template> read_closure(Template t, const Decorator& main, TSNode def, const Env& env) {
    auto kw = decorator_kwargs(main, env);
    if (!kw) return std::nullopt;
    Closure c;
    c.function = def;
    Value script = Value::dict(kw->span);
    script.model = "V1alpha1ScriptTemplate";
    script.set("name", Value::of_string(t.name));
    for (auto& [k, v] : kw->fields) {
      if (k == "scope" || k == "scopes") {
        std::vector<const Value*> names;
        if (v.is_string()) names.push_back(&v);
        else if (v.is_list())
          for (auto& item : v.items) names.push_back(&item);
        for (const Value* n : names) {
          if (!n->is_string() || n->text.empty()) {
            sink_.error("E0204", n->span, "a scope is named by a non-empty str");
            return std::nullopt;
          }
          c.scopes.push_back(n->text);
          c.scope_spans.push_back(n->span);
        }
        if (names.empty()) {
          sink_.error("E0204", v.span, std::string("'") + k + "' takes a str or a list of str");
          return std::nullopt;
        }
        continue;
      }
      if (k == "__positional__") {
        sink_.error("E0202", v.span, "'@closure' takes keyword arguments (image=..., scope=...)");
        return std::nullopt;
      }
      script.set(k, v);
    }
    if (!script.get("image")) {
      sink_.error("E0202", span(main.node), "'@closure' needs an image: @closure(image=\"python:3.11\")");
      return std::nullopt;
    }
    if (!script.get("command")) {
      Value cmd = Value::list();
      cmd.items.push_back(Value::of_string("python"));
      // after image, as Argo's examples write it
      Value ordered = Value::dict(script.span);
      ordered.model = script.model;
      for (auto& [k, v] : script.fields) {
        ordered.set(k, v);
        if (k == "image") ordered.set("command", cmd);
      }
      script = std::move(ordered);
    }
    t.body_key = "script";
    t.body = std::move(script);
    t.closure = std::move(c);
    return t;
  }

  std::optional<Task> read_task(TSNode def, const std::vector<Decorator>& decs, const Env& env) {
    Task t;
    t.method = text(field(def, "name"));
    t.name = method_to_name(t.method);
    t.span = span(field(def, "name"));
    bool ok = true;
    for (auto& d : decs) {
      if (d.dsl == "task" || d.dsl.empty()) continue;
      if (is_extension(d)) {
        record_extension(t.extensions, d, env);
      } else if (d.dsl == "parameter" || d.dsl == "artifact") {
        auto item = io_item(d, env);
        if (!item) {
          ok = false;
          continue;
        }
        (d.dsl == "parameter" ? t.parameters : t.artifacts).items.push_back(std::move(*item));
      } else if (d.dsl == "dependencies") {
        auto kw = decorator_kwargs(d, env, false);
        if (!kw) {
          ok = false;
          continue;
        }
        const Value* deps = kw->get("__positional__");
        if (!deps) deps = kw->get("dependencies");
        if (!deps || !deps->is_list()) {
          sink_.error("E0202", span(d.node), "'@dependencies' takes a list of task names: @dependencies([\"a\", \"b\"])");
          ok = false;
          continue;
        }
        for (auto& item : deps->items) {
          if (!item.is_string()) {
            sink_.error("E0204", item.span, std::string("a dependency is a task name (str), got ") + item.type_name());
            ok = false;
            continue;
          }
          t.dependencies.push_back({item.text, item.span});
        }
      } else {
        sink_.error("E0205", span(d.node), "'@" + d.dsl + "' does not apply to a task");
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    // The body names the template: `return self.<template>(...)`.
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
    if (!is(fn, "attribute") || !is(field(fn, "object"), "identifier") || text(field(fn, "object")) != "self") {
      sink_.error("E0208", ts_node_is_null(ret) ? t.span : span(ret),
                  "task '" + t.method + "' must return a call to one of the workflow's templates: return self.<template>(...)");
      return std::nullopt;
    }
    t.template_name = text(field(fn, "attribute"));  // the method name; the DAG pass resolves it
    t.template_span = span(field(fn, "attribute"));
    TSNode args = field(call, "arguments");
    Env local(&env);
    for (auto& p : params) local.bind_opaque(p, "is a parameter of the task");
    for (uint32_t i = 0; i < named_count(args); ++i) {
      TSNode a = named_child(args, i);
      if (is(a, "comment")) continue;
      if (!is(a, "keyword_argument")) {
        sink_.error("E0202", span(a), "pass template arguments by keyword: self." + t.template_name + "(name=value)");
        return std::nullopt;
      }
      std::string key = text(field(a, "name"));
      TSNode val = field(a, "value");
      // `message=message` forwards a @parameter/@artifact of the task: already an argument.
      if (is(val, "identifier") && std::find(params.begin(), params.end(), text(val)) != params.end()) continue;
      auto v = eval_.eval(val, local);
      if (!v) return std::nullopt;
      Value item = Value::dict(v->span);
      item.set("name", Value::of_string(key, span(field(a, "name"))));
      item.set("value", std::move(*v));
      t.parameters.items.push_back(std::move(item));
    }
    return t;
  }

  const SyntaxTree& tree_;
  const ReadOptions& options_;
  DiagnosticSink& sink_;
  DslNames names_;
  Evaluator eval_;
  Env module_env_;
  std::vector<std::unique_ptr<Env>> class_envs_;
  std::unordered_map<std::string, std::unique_ptr<Workflow>> classes_;
  Module module_;
};

}  // namespace

Module read_module(const SyntaxTree& tree, const ReadOptions& options, DiagnosticSink& sink) {
  return Reader(tree, options, sink).run();
}

}  // namespace flowc
