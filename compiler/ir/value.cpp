#include "ir/value.h"

#include <charconv>

#include <nlohmann/json.hpp>

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

std::string to_json_text(const Value& v) { return as_json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string scalar_text(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Int: return std::to_string(v.integer);
    case Value::Kind::Bool: return v.boolean ? "true" : "false";
    case Value::Kind::Float: {
      char buf[64];
      auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v.number);
      std::string s(buf, p);
      if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
      return s;
    }
    case Value::Kind::String: return v.text;
    default: return to_json_text(v);
  }
}

}  // namespace flowc
