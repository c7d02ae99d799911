#include "backend/peak/peak_settings.h"

#include <algorithm>

#include "backend/peak/jinja_text.h"
#include "passes/suggest.h"

namespace flowc {

namespace {

Shape S(Shape::Kind k) { return Shape{k, {}, {}}; }
Shape nonempty(Shape::Kind k) { return Shape{k, {}, {}, true}; }
Shape obj(std::vector<ShapeField> f) { return Shape{Shape::Obj, std::move(f), {}}; }
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
  static const Shape s = obj({{"cron", "cron", nonempty(Shape::Str)}, {"webhook", "webhook", S(Shape::Bool)},
                              {"webhook_policy", "webhookPolicy", S(Shape::Str)}});
  return s;
}
const Shape& watcher_shape() {
  static const Shape s = obj({
      {"user", "user", nonempty(Shape::Str)},
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
  static const Shape s = obj({{"condition", "condition", S(Shape::Str)}, {"param_name", "paramName", nonempty(Shape::Str)},
                              {"step_name", "stepName", S(Shape::Str)}, {"value", "value", S(Shape::Str)}});
  return s;
}
const Shape& parent_status_shape() {
  static const Shape s = obj({{"condition", "condition", S(Shape::Str)}, {"parents", "parents", S(Shape::StrList)},
                              {"status", "status", S(Shape::StrList)}});
  return s;
}

// Settings common to @peak.workflow (defaults) and @peak.step.
}  // namespace

const ShapeFields& step_setting_shapes() {
  static const ShapeFields s = {
      {"image_id", "imageId", S(Shape::Int)},
      {"image_version_id", "imageVersionId", S(Shape::Int)},
      {"instance_type_id", "instanceTypeId", S(Shape::Int)},
      {"storage", "storage", nonempty(Shape::Str)},
      {"step_timeout", "stepTimeout", S(Shape::Num)},
      {"clear_image_cache", "clearImageCache", S(Shape::Bool)},
      {"repository", "repository", repository_shape()},
      {"env", "env", S(Shape::StrMap)},
      {"secrets", "secrets", nonempty(Shape::StrList)},
      {"retry_options", "retryOptions", retry_shape()},
  };
  return s;
}

const ShapeFields& workflow_setting_shapes() {
  static const ShapeFields s = [] {
    auto v = step_setting_shapes();
    v.emplace_back("name", "name", nonempty(Shape::Str));
    v.emplace_back("triggers", "triggers", list_of(trigger_shape()));
    v.emplace_back("watchers", "watchers", list_of(watcher_shape()));
    v.emplace_back("tags", "tags", S(Shape::StrList));
    return v;
  }();
  return s;
}

const ShapeFields& task_setting_shapes() {
  static const ShapeFields s = [] {
    auto v = step_setting_shapes();
    v.emplace_back("command", "command", nonempty(Shape::Str));
    v.emplace_back("output_parameters", "outputParameters", nonempty(Shape::StrMap));
    v.emplace_back("conditional", "conditional", list_of(conditional_shape()));
    v.emplace_back("parent_status", "parentStatus", list_of(parent_status_shape()));
    v.emplace_back("skip", "skip", S(Shape::Bool));
    v.emplace_back("skip_dag", "skipDAG", S(Shape::Bool));
    return v;
  }();
  return s;
}


// A Dict of settings -> {json name: value}, checking names and types.
Document Settings::read(const Value& v, const ShapeFields& shapes, const std::string& what) {
  Document out = Document::object();
  if (!v.is_dict()) return out;
  for (size_t i = 0; i < v.fields.size(); ++i) {
    auto& [key, val] = v.fields[i];
    const ShapeField* found = nullptr;
    for (auto& f : shapes)
      if (std::get<0>(f) == key || std::get<1>(f) == key) found = &f;
    if (!found) {
      std::vector<std::string> names;
      for (auto& f : shapes) names.push_back(std::get<0>(f));
      std::sort(names.begin(), names.end());
      auto& d = error_at(sink_, "E0604", place_of(v.fields[i].second), "unknown Peak setting '" + key + "' in " + what);
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

std::optional<Document> Settings::convert(const Value& v, const Shape& shape, const std::string& what) {
  auto bad = [&](const char* want) -> std::optional<Document> {
    error_at(sink_, "E0604", place_of(v), what + " must be " + want + ", got " + v.type_name());
    return std::nullopt;
  };
  if (v.is_string() && placeholder_only(v.text) && shape.kind != Shape::Str && shape.kind != Shape::Obj &&
      shape.kind != Shape::List && shape.kind != Shape::StrMap)
    return Document(marked_raw_placeholder(v.text.substr(2, v.text.size() - 4)));
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
      if (v.is_string() && shape.nonempty && v.text.empty()) {
        error_at(sink_, "E0604", place_of(v), what + " must be a non-empty str, got ''");
        return std::nullopt;
      }
      if (v.is_string()) return Document(mark_placeholders(v.text));
      return bad("a str");
    case Shape::StrList: {
      if (!v.is_list()) return bad("a list of str");
      Document a = Document::array();
      for (auto& item : v.items) {
        if (!item.is_string() || (shape.nonempty && item.text.empty())) {
          error_at(sink_, "E0604", place_of(item), "items of " + what + " must be " +
                                                       (shape.nonempty ? "non-empty " : "") + "str, got " +
                                                       (item.is_string() ? "''" : item.type_name()));
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
        if (item.is_string() && shape.nonempty && item.text.empty()) {
          error_at(sink_, "E0604", place_of(item), "values of " + what + " must be non-empty");
          return std::nullopt;
        }
        if (item.is_string()) o[k] = mark_placeholders(item.text);
        else if (item.kind == Value::Kind::Int) o[k] = std::to_string(item.integer);
        else if (item.kind == Value::Kind::Bool) o[k] = item.boolean ? "true" : "false";
        else if (item.kind == Value::Kind::Float) o[k] = item.text.empty() ? std::to_string(item.number) : item.text;
        else {
          error_at(sink_, "E0604", place_of(item), "values of " + what + " must be str, got " + item.type_name());
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

}  // namespace flowc
