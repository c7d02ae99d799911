#include "ir/value.h"

namespace flowc {

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

}  // namespace flowc
