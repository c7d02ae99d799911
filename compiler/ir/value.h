// Value: what static evaluation of a DSL expression yields. JSON-shaped, with
// the source span it came from and, for model constructor calls, the model.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "diag/source.h"

namespace flowc {

struct Value {
  enum class Kind : uint8_t { None, Bool, Int, Float, String, List, Dict };

  Kind kind = Kind::None;
  bool boolean = false;
  int64_t integer = 0;
  double number = 0;
  std::string text;                                   // String; Float keeps its source spelling here
  std::vector<Value> items;                           // List
  std::vector<std::pair<std::string, Value>> fields;  // Dict, in source order
  std::vector<Span> key_spans;                        // where each key was written (if known)
  std::string model;                                  // "V1Container" for V1Container(...), else empty
  Span span;
  // The file `span` points into when it is not the compiled file: a value
  // inherited from a class in another file (set by the driver's loader).
  const SourceFile* file = nullptr;

  // Special members are defined in value.cpp, other members after the class:
  // clang 14 (with libstdc++ 12) otherwise rejects pair<string, Value> as
  // incomplete while Value's implicit members are being defined.
  Value();
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;
  ~Value();

  static Value none(Span s = {});
  static Value of_bool(bool b, Span s = {});
  static Value of_int(int64_t i, Span s = {});
  static Value of_string(std::string t, Span s = {});
  static Value list(Span s = {});
  static Value dict(Span s = {});

  bool is_none() const { return kind == Kind::None; }
  bool is_string() const { return kind == Kind::String; }
  bool is_list() const { return kind == Kind::List; }
  bool is_dict() const { return kind == Kind::Dict; }

  const Value* get(std::string_view key) const;
  Value* get(std::string_view key);
  void set(std::string key, Value v, Span key_span = {});
  // Where key i was written; its value's place if the key's is not known.
  Span key_span(size_t i) const;
  // Python's name for the kind, for messages ("expected a string, got int").
  const char* type_name() const;
};

inline Value Value::none(Span s) { Value v; v.span = s; return v; }
inline Value Value::of_bool(bool b, Span s) { Value v; v.kind = Kind::Bool; v.boolean = b; v.span = s; return v; }
inline Value Value::of_int(int64_t i, Span s) { Value v; v.kind = Kind::Int; v.integer = i; v.span = s; return v; }
inline Value Value::of_string(std::string t, Span s) { Value v; v.kind = Kind::String; v.text = std::move(t); v.span = s; return v; }
inline Value Value::list(Span s) { Value v; v.kind = Kind::List; v.span = s; return v; }
inline Value Value::dict(Span s) { Value v; v.kind = Kind::Dict; v.span = s; return v; }

inline const Value* Value::get(std::string_view key) const {
  for (const auto& [k, v] : fields)
    if (k == key) return &v;
  return nullptr;
}
inline Value* Value::get(std::string_view key) {
  for (auto& [k, v] : fields)
    if (k == key) return &v;
  return nullptr;
}
inline void Value::set(std::string key, Value v, Span key_span) {
  if (Value* old = get(key)) {
    *old = std::move(v);
    return;
  }
  key_spans.resize(fields.size());
  key_spans.push_back(key_span);
  fields.emplace_back(std::move(key), std::move(v));
}
inline Span Value::key_span(size_t i) const {
  return i < key_spans.size() && key_spans[i].end > 0 ? key_spans[i] : fields[i].second.span;
}

// A value as JSON text ("[1, 2]", "{\"a\": true}"), and a scalar as the
// text Argo's parameters carry (10 -> "10", True -> "true", 0.5 -> "0.5").
std::string to_json_text(const Value& v);
std::string scalar_text(const Value& v);

}  // namespace flowc
