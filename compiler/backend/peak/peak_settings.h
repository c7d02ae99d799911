// Peak's own settings as written in the DSL: @peak.workflow(...) / __peak__
// on the class, @peak.step(...) on a task or template. Each setting has a
// shape (int, str, a dict of fields, ...); keys are snake_case (the camelCase
// JSON name is accepted too). A value may be a "{{ name }}" placeholder,
// filled when the Peak file is created.
#pragma once
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "backend/peak/place.h"

namespace flowc {

using Document = nlohmann::ordered_json;

struct Shape;
using ShapeField = std::tuple<std::string, std::string, Shape>;  // snake name, JSON name, shape
using ShapeFields = std::vector<ShapeField>;
struct Shape {
  enum Kind { Int, Bool, Num, Str, StrMap, StrList, List, Obj } kind;
  ShapeFields fields;       // Obj
  std::vector<Shape> item;  // List: one element
  bool nonempty = false;    // Str, StrList items, StrMap values: "" is refused (the schema's minLength 1)
};

// Settings common to @peak.workflow (defaults for every step) and @peak.step.
const ShapeFields& step_setting_shapes();
const ShapeFields& workflow_setting_shapes();  // plus name, triggers, watchers, tags
const ShapeFields& task_setting_shapes();      // plus command, conditions, skips, outputs

class Settings {
 public:
  explicit Settings(DiagnosticSink& sink) : sink_(sink) {}
  // A Dict of settings -> {JSON name: value}, checking names and types
  // (E0604, with the nearest name). Strings keep their placeholders marked
  // (backend/peak/jinja_text.h).
  Document read(const Value& v, const ShapeFields& shapes, const std::string& what);
  std::optional<Document> convert(const Value& v, const Shape& shape, const std::string& what);

 private:
  DiagnosticSink& sink_;
};

}  // namespace flowc
