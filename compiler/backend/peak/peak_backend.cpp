#include "backend/peak/peak_backend.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "ir/names.h"
#include "ir/number_text.h"
#include "passes/suggest.h"

namespace flowc {

namespace {

// Placeholders the user meant are kept as "\x01<inner>\x02" until the
// document is finalized (see peak_file_document / peak_dict_document).
constexpr char kOpen = '\x01';
constexpr char kClose = '\x02';
// A whole number or bool field that is a placeholder: written unquoted in the
// file ("imageId: {{ image_id }}"), so that the rendered value is a number.
constexpr char kRawOpen = '\x03';
constexpr char kRawClose = '\x04';
constexpr std::string_view kRawMarker = "flowc-raw-value-7f3a9c-";

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

bool is_identifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// What a `{{ ... }}` holds.
enum class Expr { Argo, Placeholder, Other };
Expr classify(std::string_view inner) {
  std::string t = trim(inner);
  static const char* argo_prefixes[] = {"inputs.", "outputs.", "tasks.", "steps.", "workflow.", "pod.", "node.",
                                        "item.", "lastRetry.", "=", "cronworkflow."};
  for (const char* p : argo_prefixes)
    if (t.starts_with(p)) return Expr::Argo;
  if (t == "item" || t == "retries") return Expr::Argo;
  if (is_identifier(t)) return Expr::Placeholder;
  return Expr::Other;
}

// A string cut into literal text, intended placeholders, and references to
// environment variables set at run time (a parent's output, through `inherit`).
struct Piece {
  enum Kind { Text, Placeholder, Env } kind;
  std::string text;  // Text: the text; Placeholder: what is between the braces; Env: the variable
};
using Pieces = std::vector<Piece>;

void add_text(Pieces& out, std::string_view s) {
  if (s.empty()) return;
  if (!out.empty() && out.back().kind == Piece::Text) out.back().text += s;
  else out.push_back({Piece::Text, std::string(s)});
}

std::string pieces_to_string(const Pieces& p) {  // placeholders as sentinels; no Env allowed
  std::string out;
  for (auto& x : p) {
    if (x.kind == Piece::Text) out += x.text;
    else if (x.kind == Piece::Placeholder) out += kOpen + x.text + kClose;
  }
  return out;
}

bool has_env(const Pieces& p) {
  for (auto& x : p)
    if (x.kind == Piece::Env) return true;
  return false;
}

bool shell_safe(unsigned char c) {
  return std::isalnum(c) || std::string_view("@%+=:,./-_").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string single_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  out += '\'';
  return out;
}

// One shell word from pieces: text quoted, placeholders inside quotes (Jinja
// puts the value there), run-time variables as "$NAME".
std::string shell_word(const Pieces& p) {
  bool plain = true;
  for (auto& x : p)
    if (x.kind != Piece::Text) plain = false;
  if (plain) return shell_quote(p.empty() ? "" : p[0].text);
  std::string out;
  for (auto& x : p) {
    if (x.kind == Piece::Text) out += shell_quote(x.text);
    else if (x.kind == Piece::Placeholder) out += std::string("'") + kOpen + x.text + kClose + "'";
    else out += "\"$" + x.text + "\"";
  }
  return out;
}

std::string env_name(std::string_view param) {
  std::string out;
  for (char c : param) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "_" + out;
  return out;
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

// Seconds in an Argo duration ("30", 30, "90s", "5m", "1h", "1h30m").
std::optional<double> seconds_of(const Document& v) {
  if (v.is_number()) return v.get<double>();
  if (!v.is_string()) return std::nullopt;
  std::string s = v.get<std::string>();
  if (s.empty()) return std::nullopt;
  double total = 0;
  size_t i = 0;
  bool any_unit = false;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
    if (j == i) return std::nullopt;
    double n = 0;
    try {
      n = std::stod(s.substr(i, j - i));
    } catch (...) {
      return std::nullopt;
    }
    if (j == s.size()) {
      if (any_unit) return std::nullopt;
      return n;
    }
    char u = s[j];
    double mult = u == 's' ? 1 : u == 'm' ? 60 : u == 'h' ? 3600 : u == 'd' ? 86400 : -1;
    if (mult < 0) return std::nullopt;
    total += n * mult;
    any_unit = true;
    i = j + 1;
  }
  return total;
}

Document number_doc(double d) {
  if (std::floor(d) == d && std::fabs(d) < 1e15) return static_cast<int64_t>(d);
  return d;
}

// ---------------------------------------------------------------- settings

// The shape of a Peak setting as written in the DSL (snake_case keys; the
// camelCase JSON name is accepted too) and its JSON name.
struct Shape {
  enum Kind { Int, Bool, Num, Str, StrMap, StrList, List, Obj } kind;
  std::vector<std::tuple<std::string, std::string, Shape>> fields;  // Obj: snake, json, shape
  std::vector<Shape> item;                                           // List: one element
};
Shape S(Shape::Kind k) { return Shape{k, {}, {}}; }
Shape obj(std::vector<std::tuple<std::string, std::string, Shape>> f) { return Shape{Shape::Obj, std::move(f), {}}; }
Shape list_of(Shape s) { return Shape{Shape::List, {}, {std::move(s)}}; }

const Shape& retry_shape() {
  static const Shape s = obj({{"duration", "duration", S(Shape::Num)},
                              {"exit_codes", "exitCodes", list_of(S(Shape::Int))},
                              {"exponential_backoff", "exponentialBackoff", S(Shape::Bool)},
                              {"number_of_retries", "numberOfRetries", S(Shape::Num)}});
  return s;
}
const Shape& repository_shape() {
  static const Shape s = obj({{"url", "url", S(Shape::Str)}, {"branch", "branch", S(Shape::Str)},
                              {"token", "token", S(Shape::Str)}});
  return s;
}
const Shape& trigger_shape() {
  static const Shape s = obj({{"cron", "cron", S(Shape::Str)}, {"webhook", "webhook", S(Shape::Bool)},
                              {"webhook_policy", "webhookPolicy", S(Shape::Str)}});
  return s;
}
const Shape& watcher_shape() {
  static const Shape s = obj({
      {"user", "user", S(Shape::Str)},
      {"webhook", "webhook", obj({{"name", "name", S(Shape::Str)}, {"url", "url", S(Shape::Str)},
                                  {"payload", "payload", S(Shape::Str)}})},
      {"email", "email", obj({{"name", "name", S(Shape::Str)},
                              {"recipients", "recipients", obj({{"to", "to", S(Shape::StrList)}})}})},
      {"events", "events", obj({{"success", "success", S(Shape::Bool)}, {"fail", "fail", S(Shape::Bool)},
                                {"runtime_exceeded", "runtimeExceeded", S(Shape::Num)}})},
  });
  return s;
}
const Shape& conditional_shape() {
  static const Shape s = obj({{"condition", "condition", S(Shape::Str)}, {"param_name", "paramName", S(Shape::Str)},
                              {"step_name", "stepName", S(Shape::Str)}, {"value", "value", S(Shape::Str)}});
  return s;
}
const Shape& parent_status_shape() {
  static const Shape s = obj({{"condition", "condition", S(Shape::Str)}, {"parents", "parents", S(Shape::StrList)},
                              {"status", "status", S(Shape::StrList)}});
  return s;
}

// Settings common to @peak.workflow (defaults) and @peak.step.
const std::vector<std::tuple<std::string, std::string, Shape>>& step_setting_shapes() {
  static const std::vector<std::tuple<std::string, std::string, Shape>> s = {
      {"image_id", "imageId", S(Shape::Int)},
      {"image_version_id", "imageVersionId", S(Shape::Int)},
      {"instance_type_id", "instanceTypeId", S(Shape::Int)},
      {"storage", "storage", S(Shape::Str)},
      {"step_timeout", "stepTimeout", S(Shape::Num)},
      {"clear_image_cache", "clearImageCache", S(Shape::Bool)},
      {"repository", "repository", repository_shape()},
      {"env", "env", S(Shape::StrMap)},
      {"secrets", "secrets", S(Shape::StrList)},
      {"retry_options", "retryOptions", retry_shape()},
  };
  return s;
}

const std::vector<std::tuple<std::string, std::string, Shape>>& workflow_setting_shapes() {
  static const std::vector<std::tuple<std::string, std::string, Shape>> s = [] {
    auto v = step_setting_shapes();
    v.emplace_back("name", "name", S(Shape::Str));
    v.emplace_back("triggers", "triggers", list_of(trigger_shape()));
    v.emplace_back("watchers", "watchers", list_of(watcher_shape()));
    v.emplace_back("tags", "tags", S(Shape::StrList));
    return v;
  }();
  return s;
}

const std::vector<std::tuple<std::string, std::string, Shape>>& task_setting_shapes() {
  static const std::vector<std::tuple<std::string, std::string, Shape>> s = [] {
    auto v = step_setting_shapes();
    v.emplace_back("command", "command", S(Shape::Str));
    v.emplace_back("output_parameters", "outputParameters", S(Shape::StrMap));
    v.emplace_back("conditional", "conditional", list_of(conditional_shape()));
    v.emplace_back("parent_status", "parentStatus", list_of(parent_status_shape()));
    v.emplace_back("skip", "skip", S(Shape::Bool));
    v.emplace_back("skip_dag", "skipDAG", S(Shape::Bool));
    return v;
  }();
  return s;
}

bool placeholder_only(const std::string& s) {
  if (!s.starts_with("{{") || !s.ends_with("}}") || s.size() < 5) return false;
  std::string_view inner = std::string_view(s).substr(2, s.size() - 4);
  return inner.find("{{") == std::string_view::npos && classify(inner) == Expr::Placeholder;
}

// Placeholders in a setting's string become sentinels; other `{{` stay text.
std::string mark_placeholders(const std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find("{{", i);
    if (open == std::string::npos) break;
    size_t close = s.find("}}", open + 2);
    if (close == std::string::npos) break;
    std::string_view inner = std::string_view(s).substr(open + 2, close - open - 2);
    out += s.substr(i, open - i);
    if (inner.find("{{") == std::string_view::npos && classify(inner) == Expr::Placeholder) {
      out += kOpen + std::string(inner) + kClose;
    } else {
      out += s.substr(open, close + 2 - open);
    }
    i = close + 2;
  }
  out += s.substr(i);
  return out;
}

class Settings {
 public:
  explicit Settings(DiagnosticSink& sink) : sink_(sink) {}

  // A Dict of settings -> {json name: value}, checking names and types.
  Document read(const Value& v, const std::vector<std::tuple<std::string, std::string, Shape>>& shapes,
                const std::string& what) {
    Document out = Document::object();
    if (!v.is_dict()) return out;
    for (size_t i = 0; i < v.fields.size(); ++i) {
      auto& [key, val] = v.fields[i];
      const std::tuple<std::string, std::string, Shape>* found = nullptr;
      for (auto& f : shapes)
        if (std::get<0>(f) == key || std::get<1>(f) == key) found = &f;
      if (!found) {
        std::vector<std::string> names;
        for (auto& f : shapes) names.push_back(std::get<0>(f));
        std::sort(names.begin(), names.end());
        auto& d = sink_.error("E0604", v.fields[i].second.span, "unknown Peak setting '" + key + "' in " + what);
        std::string near = closest(key, names);
        if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
        else {
          std::string all;
          for (auto& n : names) all += (all.empty() ? "" : ", ") + n;
          d.notes.push_back({"the settings are: " + all, std::nullopt});
        }
        continue;
      }
      if (auto j = convert(val, std::get<2>(*found), "'" + key + "' in " + what)) out[std::get<1>(*found)] = *j;
    }
    return out;
  }

  std::optional<Document> convert(const Value& v, const Shape& shape, const std::string& what) {
    auto bad = [&](const char* want) -> std::optional<Document> {
      sink_.error("E0604", v.span, what + " must be " + want + ", got " + v.type_name());
      return std::nullopt;
    };
    if (v.is_string() && placeholder_only(v.text) && shape.kind != Shape::Str && shape.kind != Shape::Obj &&
        shape.kind != Shape::List && shape.kind != Shape::StrMap)
      return Document(kRawOpen + v.text.substr(2, v.text.size() - 4) + kRawClose);
    switch (shape.kind) {
      case Shape::Int:
        if (v.kind == Value::Kind::Int) return Document(v.integer);
        return bad("an int (or a \"{{ name }}\" placeholder)");
      case Shape::Num:
        if (v.kind == Value::Kind::Int) return Document(v.integer);
        if (v.kind == Value::Kind::Float) return Document(v.number);
        return bad("a number (or a \"{{ name }}\" placeholder)");
      case Shape::Bool:
        if (v.kind == Value::Kind::Bool) return Document(v.boolean);
        return bad("a bool (or a \"{{ name }}\" placeholder)");
      case Shape::Str:
        if (v.is_string()) return Document(mark_placeholders(v.text));
        return bad("a str");
      case Shape::StrList: {
        if (!v.is_list()) return bad("a list of str");
        Document a = Document::array();
        for (auto& item : v.items) {
          if (!item.is_string()) {
            sink_.error("E0604", item.span, "items of " + what + " must be str, got " + item.type_name());
            return std::nullopt;
          }
          a.push_back(mark_placeholders(item.text));
        }
        return a;
      }
      case Shape::StrMap: {
        if (!v.is_dict()) return bad("a dict of str");
        Document o = Document::object();
        for (size_t i = 0; i < v.fields.size(); ++i) {
          auto& [k, item] = v.fields[i];
          if (item.is_string()) o[k] = mark_placeholders(item.text);
          else if (item.kind == Value::Kind::Int) o[k] = std::to_string(item.integer);
          else if (item.kind == Value::Kind::Bool) o[k] = item.boolean ? "true" : "false";
          else if (item.kind == Value::Kind::Float) o[k] = item.text.empty() ? std::to_string(item.number) : item.text;
          else {
            sink_.error("E0604", item.span, "values of " + what + " must be str, got " + item.type_name());
            return std::nullopt;
          }
        }
        return o;
      }
      case Shape::List: {
        if (!v.is_list()) return bad("a list");
        Document a = Document::array();
        for (auto& item : v.items) {
          auto j = convert(item, shape.item[0], "an item of " + what);
          if (!j) return std::nullopt;
          a.push_back(*j);
        }
        return a;
      }
      case Shape::Obj: {
        if (!v.is_dict()) return bad("a dict");
        return read(v, shape.fields, what);
      }
    }
    return std::nullopt;
  }

 private:
  DiagnosticSink& sink_;
};

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
        sink_.error("E0604", v.span, "'@" + k + "' does not apply to a workflow class")
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
    return Document{{"body", body}};
  }

 private:
  // ---- places for diagnostics
  Span spec_span(const std::string& key) const {
    if (auto* v = wf_.spec.get(key)) return v->span;
    return wf_.span;
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
  Span template_span(const std::string& name) const {
    const Template* t = ir_template(name);
    return t ? t->span : wf_.span;
  }
  Span template_field_span(const std::string& name, const std::string& key) const {
    const Template* t = ir_template(name);
    if (!t) return wf_.span;
    if (auto* v = t->body.get(key)) return v->span;
    for (const char* inner : {"container", "script"})
      if (auto* b = t->body.get(inner))
        if (auto* v = b->get(key)) return v->span;
    return t->span;
  }

  Diagnostic& unsupported(Span span, const std::string& construct) {
    auto& d = sink_.error("E0601", span, construct + " has no equivalent in a Peak workflow (target peak)");
    return d;
  }

  void read_metadata() {
    for (size_t i = 0; i < wf_.metadata.fields.size(); ++i) {
      auto& [k, v] = wf_.metadata.fields[i];
      if (k == "name" || k == "generateName") continue;
      auto& d = unsupported(wf_.metadata.fields[i].second.span, "workflow metadata '" + k + "'");
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
      auto& d = unsupported(spec_span(k), "workflow spec field '" + k + "'");
      if (k == "arguments")
        d.notes.push_back({"a Peak file takes values when it is created: write a \"{{ name }}\" placeholder and pass "
                           "-v params.yaml or -p name=value",
                           std::nullopt});
      if (k == "activeDeadlineSeconds")
        d.notes.push_back({"Peak limits each step: @peak.workflow(step_timeout=<minutes>)", std::nullopt});
    }
    if (entry.empty()) {
      sink_.error("E0603", wf_.span, "workflow '" + wf_.class_name + "' has no entrypoint; a Peak workflow needs steps");
      return;
    }
    auto it = templates.find(entry);
    if (it == templates.end()) return;  // reported by the DAG pass
    const Document& main = *it->second;
    if (auto* dag = member(main, "dag")) {
      for (auto& [k, v] : dag->items())
        if (k != "tasks") unsupported(wf_.span, "DAG field '" + k + "'");
      for (auto& [k, v] : main.items())
        if (k != "name" && k != "dag") unsupported(wf_.span, "field '" + k + "' of the DAG template '" + entry + "'");
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
    Span span;
    std::vector<std::string> parents;
    Document inherit = Document::object();
  };

  void add_step(const std::string& name, const Document* task, const std::string& tmpl_name) {
    Ctx c;
    c.step = name;
    c.task = task;
    c.ir_task = ir_task(name);
    c.tmpl = tmpl_name;
    c.span = c.ir_task ? c.ir_task->span : template_span(tmpl_name);
    Step step;
    step.name = name;
    Document& s = step.doc;

    const Template* irt = ir_template(tmpl_name);
    Document tset = Document::object(), kset = Document::object();
    if (irt) {
      for (auto& [k, v] : irt->extensions.fields) {
        if (k == "peak.step") tset = settings_.read(v, task_setting_shapes(), "peak.step");
        else sink_.error("E0604", v.span, "'@" + k + "' does not apply to a template");
      }
    }
    if (c.ir_task) {
      for (auto& [k, v] : c.ir_task->extensions.fields) {
        if (k == "peak.step") kset = settings_.read(v, task_setting_shapes(), "peak.step");
        else sink_.error("E0604", v.span, "'@" + k + "' does not apply to a task");
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
      sink_.error("E0603", c.span, "step '" + name + "' has no Peak image")
          .notes.push_back({"set image_id (and image_version_id) with @peak.step(...) on the task or template, "
                            "or for every step with @peak.workflow(...) on the class",
                            std::nullopt});
    if (set.contains("command")) command = set["command"].get<std::string>();
    if (command.empty() && tit != templates_.end() && !sink_.has_errors())
      sink_.error("E0603", template_span(tmpl_name), "step '" + name + "' has no command to run")
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
    else if (timeout_minutes) s["stepTimeout"] = number_doc(*timeout_minutes);
    if (set.contains("clearImageCache")) s["clearImageCache"] = set["clearImageCache"];

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
    auto& d = sink_.error("E0604", c.span, "step '" + c.step + "' names unknown step '" + r + "' in its peak.step settings");
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
          sink_.error("E0605", c.span, "the condition of task '" + c.step + "' cannot be written as a Peak condition: " + r.error)
              .notes.push_back({"Peak compares a parent's output parameter with equals / not-equals, joined by &&", std::nullopt});
          continue;
        }
        for (auto& e : r.value) {
          std::string p = e["stepName"].get<std::string>();
          if (!task_names_.count(p)) {
            sink_.error("E0605", c.span, "the condition of task '" + c.step + "' names unknown task '" + p + "'");
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
          sink_.error("E0605", c.span, "'depends' of task '" + c.step + "' cannot be written in Peak: " + r.error)
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
  std::optional<Pieces> input_value(Ctx& c, const std::string& p, Span use) {
    const Document* value = nullptr;
    Span span = use;
    if (c.task)
      if (auto* args = member(*c.task, "arguments"))
        if (auto* ps = member(*args, "parameters"))
          for (auto& a : *ps)
            if (a.value("name", "") == p && a.contains("value")) {
              value = &a["value"];
              if (c.ir_task)
                for (auto& item : c.ir_task->parameters.items)
                  if (auto* n = item.get("name"); n && n->text == p) {
                    if (auto* vv = item.get("value")) span = vv->span;
                    else span = item.span;
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
      sink_.error("E0606", use, "input parameter '" + p + "' of template '" + c.tmpl + "' has no value in step '" + c.step + "'")
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
      Expr e = classify(inner);
      if (e == Expr::Placeholder) out.push_back({Piece::Placeholder, s.substr(open + 2, close - open - 2)});
      else if (e == Expr::Other) add_text(out, std::string_view(s).substr(open, close + 2 - open));
      else if (auto env = parent_output(c, p, inner, span)) out.push_back({Piece::Env, *env});
      else ok = false;
      i = close + 2;
    }
    add_text(out, std::string_view(s).substr(i));
    if (!ok) return std::nullopt;
    return out;
  }

  // {{tasks.P.outputs.parameters.q}} -> an environment variable that Peak sets from P's output q.
  std::optional<std::string> parent_output(Ctx& c, const std::string& input, const std::string& expr, Span span) {
    static const std::string pre = "tasks.";
    size_t mid = expr.find(".outputs.parameters.");
    if (expr.starts_with(pre) && mid != std::string::npos) {
      std::string parent = expr.substr(pre.size(), mid - pre.size());
      std::string out = expr.substr(mid + 20);
      auto pit = step_outputs_.find(parent);
      if (pit == step_outputs_.end() || !pit->second.contains(out)) {
        sink_.error("E0602", span, "'{{" + expr + "}}': step '" + parent + "' has no Peak output parameter '" + out + "'")
            .notes.push_back({"a Peak output parameter is read from a file: outputs.parameter(name=..., value_from={\"path\": ...})", std::nullopt});
        return std::nullopt;
      }
      for (auto& other : c.parents)
        if (other != parent && step_outputs_[other].contains(out)) {
          sink_.error("E0602", span, "'{{" + expr + "}}': parents '" + parent + "' and '" + other +
                                         "' both have an output parameter '" + out + "'; Peak passes outputs by name only");
          return std::nullopt;
        }
      std::string env = env_name(input);
      if (c.inherit.contains(env) && c.inherit[env] != out) {
        sink_.error("E0602", span, "'{{" + expr + "}}': environment variable " + env + " is already taken in step '" + c.step + "'");
        return std::nullopt;
      }
      c.inherit[env] = out;
      return env;
    }
    auto& d = sink_.error("E0602", span, "'{{" + expr + "}}' has no equivalent in a Peak workflow (target peak)");
    if (expr.starts_with("tasks.") && expr.ends_with(".outputs.result"))
      d.notes.push_back({"Peak passes values between steps only as output parameters read from files", std::nullopt});
    else if (expr.starts_with("workflow.parameters."))
      d.notes.push_back({"write a \"{{ name }}\" placeholder and pass -v params.yaml or -p name=value", std::nullopt});
    return std::nullopt;
  }

  // A template-level string -> pieces: {{inputs.parameters.x}} replaced by the
  // step's value of x; `placeholders` says whether {{ name }} is a placeholder
  // (not in script sources, where `{{` is code).
  std::optional<Pieces> template_string(Ctx& c, const std::string& s, bool placeholders, Span span) {
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
      Expr e = classify(inner);
      if (e == Expr::Placeholder && placeholders) out.push_back({Piece::Placeholder, raw});
      else if (e != Expr::Argo) add_text(out, std::string_view(s).substr(open, close + 2 - open));
      else if (inner.starts_with("inputs.parameters.")) {
        auto v = input_value(c, inner.substr(18), span);
        if (!v) ok = false;
        else
          for (auto& p : *v) {
            if (p.kind == Piece::Text) add_text(out, p.text);
            else out.push_back(p);
          }
      } else {
        auto& d = sink_.error("E0602", span, "'{{" + inner + "}}' in template '" + c.tmpl + "' has no equivalent in a Peak workflow (target peak)");
        if (inner.starts_with("workflow.parameters."))
          d.notes.push_back({"write a \"{{ name }}\" placeholder and pass -v params.yaml or -p name=value", std::nullopt});
        ok = false;
      }
      i = close + 2;
    }
    add_text(out, std::string_view(s).substr(i));
    if (!ok) return std::nullopt;
    return out;
  }

  void retry_options(const Document& rs, Span span, Document& out) {
    for (auto& [k, v] : rs.items()) {
      if (k == "limit") {
        if (v.is_number_integer()) out["numberOfRetries"] = v;
        else if (v.is_string() && !v.get<std::string>().empty() &&
                 std::all_of(v.get<std::string>().begin(), v.get<std::string>().end(), ::isdigit))
          out["numberOfRetries"] = std::stoll(v.get<std::string>());
        else unsupported(span, "a retry limit of " + v.dump());
      } else if (k == "backoff" && v.is_object()) {
        for (auto& [bk, bv] : v.items()) {
          if (bk == "duration") {
            auto sec = seconds_of(bv);
            if (sec) out["duration"] = number_doc(*sec);
            else unsupported(span, "a retry backoff duration of " + bv.dump());
          } else if (bk == "factor") {
            double f = bv.is_number() ? bv.get<double>() : bv.is_string() ? std::atof(bv.get<std::string>().c_str()) : 0;
            if (f == 2) out["exponentialBackoff"] = true;
            else if (f == 1) out["exponentialBackoff"] = false;
            else unsupported(span, "a retry backoff factor of " + scalar_text(bv))
                     .notes.push_back({"Peak's exponential backoff doubles the wait (factor 2)", std::nullopt});
          } else {
            unsupported(span, "the retry backoff field '" + bk + "'");
          }
        }
      } else if (k == "retryPolicy" && v.is_string() && v.get<std::string>() == "OnFailure") {
        // Peak retries failed steps: the same
      } else {
        unsupported(span, "the retry field '" + k + "'" + (v.is_string() ? " (" + v.get<std::string>() + ")" : ""));
      }
    }
  }

  void read_template(Ctx& c, const Document& t, std::string& command, Document& env, Document& secrets,
                     Document& outputs, Document& retry, std::optional<double>& timeout) {
    const std::string& tn = c.tmpl;
    Span tspan = template_span(tn);
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
        auto sec = seconds_of(v);
        if (!sec) {
          unsupported(template_field_span(tn, k), "a " + k + " of " + v.dump());
          continue;
        }
        double minutes = std::ceil(*sec / 60);
        if (minutes * 60 != *sec)
          sink_.warning("W0602", template_field_span(tn, k),
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

  void env_vars(Ctx& c, const Document& list, Document& env, Document& secrets, Span span) {
    for (auto& e : list) {
      std::string n = e.value("name", "");
      if (auto* vf = member(e, "valueFrom")) {
        if (member(*vf, "secretKeyRef") && vf->size() == 1) {
          secrets.push_back(n);
          continue;
        }
        unsupported(span, "environment variable '" + n + "' read from " + (vf->empty() ? "nothing" : vf->begin().key()));
        continue;
      }
      auto p = template_string(c, scalar_text(e.value("value", Document(""))), true, span);
      if (!p) continue;
      if (p->size() == 1 && (*p)[0].kind == Piece::Env) {  // all of it is a parent's output
        std::string var = (*p)[0].text;
        Document out = c.inherit[var];
        c.inherit.erase(var);
        c.inherit[n] = out;
        continue;
      }
      if (has_env(*p)) {
        sink_.error("E0602", span, "environment variable '" + n + "' mixes a parent's output with other text; "
                                   "Peak sets a variable to an output parameter as it is");
        continue;
      }
      env[n] = pieces_to_string(*p);
    }
  }

  void container(Ctx& c, const Document& ct, std::string& command, Document& env, Document& secrets) {
    const std::string& tn = c.tmpl;
    std::vector<std::string> words;
    std::string workdir;
    bool ok = true;
    for (auto& [k, v] : ct.items()) {
      Span span = template_field_span(tn, k);
      if (k == "name" || k == "image") continue;
      if (k == "command" || k == "args") continue;
      if (k == "env") env_vars(c, v, env, secrets, span);
      else if (k == "workingDir") workdir = scalar_text(v);
      else if (k == "imagePullPolicy" || k == "resources")
        sink_.warning("W0601", span, "container field '" + k + "' of template '" + tn + "' is ignored by Peak (target peak)")
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
      Span span = template_field_span(tn, k);
      if (k == "name" || k == "image" || k == "command" || k == "args" || k == "source") continue;
      if (k == "env") env_vars(c, v, env, secrets, span);
      else if (k == "imagePullPolicy" || k == "resources")
        sink_.warning("W0601", span, "script field '" + k + "' of template '" + tn + "' is ignored by Peak (target peak)");
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
};

// The end of a sentinel-marked placeholder starting at s[i], or npos if s[i]
// is just a character of the user's text.
size_t sentinel_end(const std::string& s, size_t i) {
  char want = s[i] == kOpen ? kClose : kRawClose;
  size_t close = s.find(want, i + 1);
  if (close == std::string::npos) return close;
  std::string_view inner = std::string_view(s).substr(i + 1, close - i - 1);
  return classify(inner) == Expr::Placeholder && inner.find_first_of("\x01\x02\x03\x04") == std::string_view::npos
             ? close
             : std::string::npos;
}

Document map_strings(const Document& d, const std::function<std::string(const std::string&)>& f) {
  if (d.is_string()) return f(d.get<std::string>());
  if (d.is_array()) {
    Document a = Document::array();
    for (auto& x : d) a.push_back(map_strings(x, f));
    return a;
  }
  if (d.is_object()) {
    Document o = Document::object();
    for (auto& [k, v] : d.items()) o[f(k)] = map_strings(v, f);
    return o;
  }
  return d;
}

// ---------------------------------------------------------------- depends / when

struct DepNode {
  enum Kind { Atom, And, Or } kind = Atom;
  std::string name, status;
  std::vector<DepNode> kids;
};

class DependsParser {
 public:
  explicit DependsParser(std::string_view s) : s_(s) {}
  std::optional<DepNode> parse(std::string& err) {
    auto n = parse_or(err);
    skip();
    if (n && i_ < s_.size()) {
      err = "unexpected '" + std::string(s_.substr(i_)) + "'";
      return std::nullopt;
    }
    return n;
  }

 private:
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool eat(std::string_view t) {
    skip();
    if (s_.substr(i_).starts_with(t)) {
      i_ += t.size();
      return true;
    }
    return false;
  }
  std::optional<DepNode> parse_or(std::string& err) {
    auto a = parse_and(err);
    if (!a) return a;
    DepNode n{DepNode::Or, "", "", {*a}};
    while (eat("||")) {
      auto b = parse_and(err);
      if (!b) return b;
      n.kids.push_back(*b);
    }
    return n.kids.size() == 1 ? n.kids[0] : n;
  }
  std::optional<DepNode> parse_and(std::string& err) {
    auto a = parse_unary(err);
    if (!a) return a;
    DepNode n{DepNode::And, "", "", {*a}};
    while (eat("&&")) {
      auto b = parse_unary(err);
      if (!b) return b;
      n.kids.push_back(*b);
    }
    return n.kids.size() == 1 ? n.kids[0] : n;
  }
  std::optional<DepNode> parse_unary(std::string& err) {
    // Parentheses recurse: bound the depth so hostile input cannot exhaust the stack.
    if (++depth_ > 256) {
      err = "expression is nested too deeply";
      return std::nullopt;
    }
    struct Leave {
      int& d;
      ~Leave() { --d; }
    } leave{depth_};
    if (eat("!")) {
      err = "negation (!) has no Peak equivalent";
      return std::nullopt;
    }
    if (eat("(")) {
      auto n = parse_or(err);
      if (!n) return n;
      if (!eat(")")) {
        err = "missing ')'";
        return std::nullopt;
      }
      return n;
    }
    skip();
    size_t b = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-' || s_[i_] == '_' || s_[i_] == '.'))
      ++i_;
    if (b == i_) {
      err = i_ < s_.size() ? "unexpected '" + std::string(character_at(i_)) + "'" : "a task name is missing";
      return std::nullopt;
    }
    std::string word(s_.substr(b, i_ - b));
    DepNode n;
    size_t dot = word.rfind('.');
    if (dot != std::string::npos) {
      n.name = word.substr(0, dot);
      n.status = word.substr(dot + 1);
    } else {
      n.name = word;
    }
    return n;
  }
  // The whole character at s_[i] (a message quoting one byte of a UTF-8
  // sequence would not be text).
  std::string_view character_at(size_t i) const {
    size_t len = 1;
    while (i + len < s_.size() && (static_cast<unsigned char>(s_[i + len]) & 0xC0) == 0x80 && len < 4) ++len;
    return s_.substr(i, len);
  }
  std::string_view s_;
  size_t i_ = 0;
  int depth_ = 0;
};

}  // namespace

std::string shell_quote(std::string_view word) {
  if (word.empty()) return "''";
  bool safe = true;
  for (char c : word)
    if (!shell_safe(static_cast<unsigned char>(c))) safe = false;
  return safe ? std::string(word) : single_quote(word);
}

std::string shell_join(const std::vector<std::string>& words) {
  std::string out;
  for (auto& w : words) out += (out.empty() ? "" : " ") + shell_quote(w);
  return out;
}

std::string jinja_escape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 1 < text.size() && (text[i + 1] == '{' || text[i + 1] == '%' || text[i + 1] == '#')) {
      out += "{% raw %}";
      out += text.substr(i, 2);
      out += "{% endraw %}";
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

Document peak_file_document(const Document& doc, std::vector<std::string>* raw) {
  return map_strings(doc, [raw](const std::string& s) {
    if (s.size() >= 2 && s.front() == kRawOpen && sentinel_end(s, 0) == s.size() - 1) {
      raw->push_back("{{" + s.substr(1, s.size() - 2) + "}}");
      return std::string(kRawMarker) + std::to_string(raw->size() - 1);
    }
    std::string out, text;
    size_t i = 0;
    while (i < s.size()) {
      size_t close;
      if (s[i] == kOpen && (close = sentinel_end(s, i)) != std::string::npos) {
        out += jinja_escape(text) + "{{" + s.substr(i + 1, close - i - 1) + "}}";
        text.clear();
        i = close + 1;
      } else {
        text += s[i++];
      }
    }
    return out + jinja_escape(text);
  });
}

std::string peak_restore_raw(const std::string& text, const std::vector<std::string>& raw) {
  std::string out;
  size_t i = 0;
  while (true) {
    size_t m = text.find(kRawMarker, i);
    if (m == std::string::npos) break;
    size_t e = m + kRawMarker.size();
    size_t n = 0;
    while (e < text.size() && std::isdigit(static_cast<unsigned char>(text[e]))) n = n * 10 + (text[e++] - '0');
    size_t b = m;
    if (b > i && (text[b - 1] == '"' || text[b - 1] == '\'')) {  // drop the quotes around it
      --b;
      if (e < text.size() && text[e] == text[b]) ++e;
    }
    out += text.substr(i, b - i);
    out += n < raw.size() ? raw[n] : "";
    i = e;
  }
  out += text.substr(i);
  return out;
}

Document peak_dict_document(const Document& doc) {
  return map_strings(doc, [](const std::string& s) {
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
      size_t close;
      if ((s[i] == kOpen || s[i] == kRawOpen) && (close = sentinel_end(s, i)) != std::string::npos) {
        out += "{{" + s.substr(i + 1, close - i - 1) + "}}";
        i = close + 1;
      } else {
        out += s[i++];
      }
    }
    return out;
  });
}

PeakTranslation when_to_peak(std::string_view expr) {
  PeakTranslation r;
  r.value = Document::array();
  std::string s(expr);
  if (s.find("||") != std::string::npos) {
    r.error = "'||' (Peak's conditions must all hold)";
    return r;
  }
  std::vector<std::string> clauses;
  size_t i = 0;
  while (true) {
    size_t a = s.find("&&", i);
    clauses.push_back(trim(std::string_view(s).substr(i, a == std::string::npos ? std::string::npos : a - i)));
    if (a == std::string::npos) break;
    i = a + 2;
  }
  for (auto c : clauses) {
    while (c.size() >= 2 && c.front() == '(' && c.back() == ')') c = trim(std::string_view(c).substr(1, c.size() - 2));
    size_t op = c.find("!=");
    std::string cond = "not-equals";
    if (op == std::string::npos) {
      op = c.find("==");
      cond = "equals";
    }
    if (op == std::string::npos) {
      r.error = "'" + c + "' is not a comparison (== or !=)";
      return r;
    }
    std::string lhs = trim(std::string_view(c).substr(0, op)), rhs = trim(std::string_view(c).substr(op + 2));
    auto ref = [](const std::string& side) -> std::optional<std::pair<std::string, std::string>> {
      std::string t = side;
      if (t.size() >= 2 && (t.front() == '"' || t.front() == '\'') && t.back() == t.front()) t = t.substr(1, t.size() - 2);
      if (!t.starts_with("{{") || !t.ends_with("}}")) return std::nullopt;
      std::string inner = trim(std::string_view(t).substr(2, t.size() - 4));
      size_t mid = inner.find(".outputs.parameters.");
      if (!inner.starts_with("tasks.") || mid == std::string::npos) return std::pair<std::string, std::string>{inner, ""};
      return std::pair<std::string, std::string>{inner.substr(6, mid - 6), inner.substr(mid + 20)};
    };
    auto l = ref(lhs), rr = ref(rhs);
    if (l && rr) {
      r.error = "'" + c + "' compares two expressions; Peak compares an output parameter with a value";
      return r;
    }
    auto side = l ? l : rr;
    std::string value = l ? rhs : lhs;
    if (!side) {
      r.error = "'" + c + "' does not compare a parent's output parameter ({{tasks.NAME.outputs.parameters.PARAM}})";
      return r;
    }
    if (side->second.empty()) {
      r.error = "'{{" + side->first + "}}' is not a parent's output parameter";
      return r;
    }
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    if (value.find("{{") != std::string::npos) {
      r.error = "the value '" + value + "' is an expression; Peak compares with a fixed value";
      return r;
    }
    r.value.push_back(Document{{"condition", cond}, {"paramName", side->second}, {"stepName", side->first}, {"value", value}});
    if (std::find(r.parents.begin(), r.parents.end(), side->first) == r.parents.end()) r.parents.push_back(side->first);
  }
  return r;
}

PeakTranslation depends_to_peak(std::string_view expr) {
  PeakTranslation r;
  r.value = Document::array();
  std::string err;
  auto root = DependsParser(expr).parse(err);
  if (!root) {
    r.error = err;
    return r;
  }
  std::vector<DepNode> conj;
  std::function<void(const DepNode&)> flat_and = [&](const DepNode& n) {
    if (n.kind == DepNode::And)
      for (auto& k : n.kids) flat_and(k);
    else conj.push_back(n);
  };
  flat_and(*root);
  struct Clause {
    std::vector<std::string> parents;
    std::vector<std::string> status;
  };
  std::vector<Clause> clauses;
  auto status_of = [&](const DepNode& a) -> std::optional<std::string> {
    if (a.status.empty() || a.status == "Succeeded") return "success";
    if (a.status == "Failed") return "failure";
    err = "'" + a.name + "." + a.status + "' (Peak knows a parent's success and failure only)";
    return std::nullopt;
  };
  for (auto& n : conj) {
    std::vector<DepNode> atoms;
    std::function<bool(const DepNode&)> flat_or = [&](const DepNode& x) {
      if (x.kind == DepNode::Or) {
        for (auto& k : x.kids)
          if (!flat_or(k)) return false;
        return true;
      }
      if (x.kind == DepNode::And) return false;
      atoms.push_back(x);
      return true;
    };
    if (!flat_or(n)) {
      r.error = "'&&' inside '||'";
      return r;
    }
    Clause c;
    std::set<std::string> names;
    for (auto& a : atoms) {
      auto st = status_of(a);
      if (!st) {
        r.error = err;
        return r;
      }
      if (std::find(c.parents.begin(), c.parents.end(), a.name) == c.parents.end()) c.parents.push_back(a.name);
      if (std::find(c.status.begin(), c.status.end(), *st) == c.status.end()) c.status.push_back(*st);
      if (std::find(r.parents.begin(), r.parents.end(), a.name) == r.parents.end()) r.parents.push_back(a.name);
    }
    // One parent with several statuses, or several parents with one status.
    if (c.parents.size() > 1 && c.status.size() > 1) {
      r.error = "a '||' over different tasks with different statuses";
      return r;
    }
    if (c.parents.size() > 1) {
      for (auto& a : atoms) {
        auto st = status_of(a);
        if (*st != c.status[0]) {
          r.error = "a '||' over different tasks with different statuses";
          return r;
        }
      }
    }
    clauses.push_back(c);
  }
  bool plain = std::all_of(clauses.begin(), clauses.end(), [](const Clause& c) {
    return c.parents.size() == 1 && c.status.size() == 1 && c.status[0] == "success";
  });
  if (plain) return r;  // every parent must succeed: Peak's default
  // Single-parent clauses with the same statuses merge into one all-of.
  std::vector<std::pair<Clause, bool>> merged;  // clause, is a conjunction
  for (auto& c : clauses) {
    if (c.parents.size() == 1) {
      bool done = false;
      for (auto& [m, conj_] : merged)
        if ((conj_ || m.parents.size() == 1) && m.status == c.status) {
          m.parents.push_back(c.parents[0]);
          conj_ = true;
          done = true;
          break;
        }
      if (done) continue;
    }
    merged.push_back({c, false});
  }
  for (auto& [c, conj_] : merged) {
    Document e = Document::object();
    e["condition"] = conj_ ? "all-of" : "one-of";
    e["parents"] = c.parents;
    e["status"] = c.status;
    r.value.push_back(e);
  }
  return r;
}

Document to_peak(const Workflow& wf, const Document& argo, DiagnosticSink& sink) {
  // A template called by several steps is read once per step: report each problem once.
  DiagnosticSink local(static_cast<size_t>(-1));
  Document doc = PeakBackend(wf, argo, local).run();
  std::set<std::tuple<uint32_t, uint32_t, std::string>> seen;
  for (auto& d : local.take())
    if (seen.insert({d.span.begin, d.span.end, d.message}).second) sink.add(std::move(d));
  return doc;
}

}  // namespace flowc
