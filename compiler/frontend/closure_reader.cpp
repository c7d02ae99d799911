#include "frontend/closure_reader.h"

#include <algorithm>

#include "frontend/models.h"
#include "frontend/template_call.h"
#include "frontend/version_rules.h"
#include "ir/names.h"

namespace flowc {

std::optional<Template> ClosureReader::read(Template t, Value kwargs, Span decorator, TSNode def, const Env& env) {
  static const models::Model* script_model = models::find_model("V1alpha1ScriptTemplate");
  static const models::Model* template_model = models::find_model("V1alpha1Template");
  // argo-python-dsl's signature is closure(image, scope=None, ...): a
  // leading positional argument is the image.
  for (auto& [k, v] : kwargs.fields) {
    if (k != "__positional__" && k != "__positional_scope__") continue;
    const char* key = k == "__positional__" ? "image" : "scope";
    if (kwargs.get(key)) {
      sink.error("E0202", v.span, std::string("'@closure' got the ") + key + " twice (by position and as " + key +
                                       "=...)");
      return std::nullopt;
    }
    k = key;
  }
  Closure c;
  c.function = def;
  Value script = Value::dict(kwargs.span);
  script.model = "V1alpha1ScriptTemplate";
  script.set("name", Value::of_string(t.name));
  Value template_fields = Value::dict(kwargs.span);
  bool ok = true;
  for (size_t i = 0; i < kwargs.fields.size(); ++i) {
    auto& [k, v] = kwargs.fields[i];
    if (k == "scope" || k == "scopes") {
      std::vector<const Value*> names;
      if (v.is_string()) names.push_back(&v);
      else if (v.is_list())
        for (auto& item : v.items) names.push_back(&item);
      for (const Value* n : names) {
        if (!n->is_string() || n->text.empty()) {
          sink.error("E0105", n->span, "a scope is named by a non-empty str");
          return std::nullopt;
        }
        c.scopes.push_back(n->text);
        c.scope_spans.push_back(n->span);
      }
      if (names.empty()) {
        sink.error("E0105", v.span, std::string("'") + k + "' takes a str or a list of str");
        return std::nullopt;
      }
      continue;
    }
    if (k == "source") {
      sink.error("E0202", kwargs.key_span(i), "a closure's source is its body; 'source' cannot be given");
      ok = false;
      continue;
    }
    // Container settings go to the script; template settings (retry_strategy, ...) to the template.
    if (const models::Field* f = models::find_keyword(*script_model, k)) {
      Value val = v;
      if (!check_field_version(*f, *script_model, k, kwargs.key_span(i), checker.version(), sink)) ok = false;
      else if (!checker.check(val, models::type_in(*script_model, *f, checker.version()), "'" + k + "' of @closure")) ok = false;
      script.set(f->json, std::move(val), kwargs.key_span(i));
    } else if (models::find_keyword(*template_model, k) && k != "name") {
      template_fields.set(k, v, kwargs.key_span(i));
    } else {
      Value one = Value::dict();
      one.set(k, v, kwargs.key_span(i));
      checker.check_fields(one, *script_model, true);  // reports it, with the closest field
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  if (!template_fields.fields.empty() && !checker.check_fields(template_fields, *template_model, true))
    return std::nullopt;
  if (!read_inputs(t, c, def, env)) return std::nullopt;
  t.scope_params = c.scopes;
  if (!script.get("image")) {
    sink.error("E0202", decorator, "'@closure' needs an image: @closure(image=\"python:3.11\")");
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
  t.fields = std::move(template_fields);
  t.closure = std::move(c);
  return t;
}

// Closure parameters other than scope parameters are the template's inputs:
// `def train(epochs: int = 10, tags: list = [])` -> inputs epochs (default
// "10") and tags (default "[]"), converted by annotation in the script.
bool ClosureReader::read_inputs(Template& t, Closure& c, TSNode def, const Env& env) {
  TSNode params = field(def, "parameters");
  bool ok = true;
  for (uint32_t i = 0; i < named_count(params); ++i) {
    TSNode p = named_child(params, i);
    if (is(p, "comment")) continue;
    std::string name = param_name(tree, p);
    if (name.empty()) {
      sink.error("E0406", tree.span(p), "a closure's parameters are its inputs; '" + std::string(tree.text(p)) +
                                        "' cannot be passed from Argo (no *args, **kwargs or positional-only markers)");
      ok = false;
      continue;
    }
    if (std::find(c.scopes.begin(), c.scopes.end(), name) != c.scopes.end()) continue;
    // The earlier SDK wrote closures as methods (`def gen(self):`); its
    // `self` is never passed (the body runs as a script), so a leading one
    // is ignored as argo-python-dsl ignores it.
    if (name == "self" && i == 0) continue;
    if (name == "self") {
      sink.error("E0406", tree.span(p), "a closure is a plain function run as a script; only a first parameter may "
                                    "be 'self' (and it is ignored)");
      ok = false;
      continue;
    }
    TSNode type = field(p, "type");
    if (is(p, "typed_parameter") && ts_node_is_null(type)) type = named_count(p) > 1 ? named_child(p, 1) : TSNode{};
    std::string convert = "str";
    if (!ts_node_is_null(type)) {
      std::string ann = std::string(tree.text(type));
      std::string base = ann.substr(0, ann.find('['));
      if (base.starts_with("typing.")) base = base.substr(7);
      if (base == "int" || base == "float" || base == "bool" || base == "str") convert = base;
      else if (base == "list" || base == "dict" || base == "List" || base == "Dict") convert = "json";
      else {
        sink.error("E0406", tree.span(type), "flowc cannot convert a parameter's text to '" + ann +
                                             "'; annotate with int, float, bool, str, list or dict");
        ok = false;
        continue;
      }
    }
    c.inputs.push_back({name, convert});
    bool declared = false;
    for (auto& item : t.input_parameters.items)
      if (const Value* n = item.get("name"); n && n->text == name) declared = true;
    if (declared) continue;  // @inputs.parameter(name=...) already says more about it
    Value item = Value::dict(tree.span(p));
    item.model = "V1alpha1Parameter";
    item.set("name", Value::of_string(name, tree.span(p)));
    TSNode dflt = field(p, "value");
    if (!ts_node_is_null(dflt)) {
      auto v = eval.eval(dflt, env);
      if (!v) {
        ok = false;
        continue;
      }
      if (v->is_none()) {
        sink.error("E0407", v->span, "a default of None cannot pass through Argo, whose parameters are text; "
                                      "give a value of the parameter's type");
        ok = false;
        continue;
      }
      item.set("default", Value::of_string(convert == "json" ? to_json_text(*v) : scalar_text(*v), v->span));
    }
    t.input_parameters.items.push_back(std::move(item));
  }
  return ok;
}


}  // namespace flowc
