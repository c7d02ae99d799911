#include "ir/value.h"

#include <nlohmann/json.hpp>

#include "ir/json_text.h"
#include "ir/number_text.h"

namespace flowc {

Value::Value() = default;
Value::Value(const Value&) = default;
Value::Value(Value&&) noexcept = default;
Value& Value::operator=(const Value&) = default;
Value& Value::operator=(Value&&) noexcept = default;
Value::~Value() = default;

const char* Value::type_name() const {
  switch (kind) {
    case Kind::None: return "None";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::String: return "str";
    case Kind::List: return "list";
    case Kind::Dict: return model.empty() ? "dict" : model.c_str();
  }
  return "?";
}

namespace {
nlohmann::ordered_json as_json(const Value& v) {
  switch (v.kind) {
    case Value::Kind::None: return nullptr;
    case Value::Kind::Bool: return v.boolean;
    case Value::Kind::Int: return v.integer;
    case Value::Kind::Float: return v.number;
    case Value::Kind::String: return v.text;
    case Value::Kind::List: {
      auto a = nlohmann::ordered_json::array();
      for (auto& item : v.items) a.push_back(as_json(item));
      return a;
    }
    case Value::Kind::Dict: {
      auto o = nlohmann::ordered_json::object();
      for (auto& [k, item] : v.fields) o[k] = as_json(item);
      return o;
    }
  }
  return nullptr;
}
}  // namespace

std::string to_json_text(const Value& v) { return json_text(as_json(v), -1); }

std::string scalar_text(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Int: return std::to_string(v.integer);
    case Value::Kind::Bool: return v.boolean ? "true" : "false";
    case Value::Kind::Float: return python_float_repr(v.number);  // str(0.0001) in Python
    case Value::Kind::String: return v.text;
    default: return to_json_text(v);
  }
}

}  // namespace flowc
