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
  std::string model;                                  // "V1Container" for V1Container(...), else empty
  Span span;

  static Value none(Span s = {}) { Value v; v.span = s; return v; }
  static Value of_bool(bool b, Span s = {}) { Value v; v.kind = Kind::Bool; v.boolean = b; v.span = s; return v; }
  static Value of_int(int64_t i, Span s = {}) { Value v; v.kind = Kind::Int; v.integer = i; v.span = s; return v; }
  static Value of_string(std::string t, Span s = {}) { Value v; v.kind = Kind::String; v.text = std::move(t); v.span = s; return v; }
  static Value list(Span s = {}) { Value v; v.kind = Kind::List; v.span = s; return v; }
  static Value dict(Span s = {}) { Value v; v.kind = Kind::Dict; v.span = s; return v; }

  bool is_none() const { return kind == Kind::None; }
  bool is_string() const { return kind == Kind::String; }
  bool is_list() const { return kind == Kind::List; }
  bool is_dict() const { return kind == Kind::Dict; }

  const Value* get(std::string_view key) const {
    for (const auto& [k, v] : fields)
      if (k == key) return &v;
    return nullptr;
  }
  Value* get(std::string_view key) {
    for (auto& [k, v] : fields)
      if (k == key) return &v;
    return nullptr;
  }
  void set(std::string key, Value v) {
    if (Value* old = get(key)) *old = std::move(v);
    else fields.emplace_back(std::move(key), std::move(v));
  }
  // Python's name for the kind, for messages ("expected a string, got int").
  const char* type_name() const;
};

}  // namespace flowc
