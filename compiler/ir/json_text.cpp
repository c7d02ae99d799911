#include "ir/json_text.h"

#include <cmath>
#include <vector>

#include "ir/number_text.h"
#include "ir/verbatim.h"

namespace flowc {

namespace {

using Json = nlohmann::ordered_json;

void write_scalar(std::string& out, const Json& v) {
  if (auto text = verbatim_text(v)) {  // the tree says: write it as it is
    out += *text;
  } else if (v.is_number_float()) {
    double d = v.get<double>();
    out += std::isfinite(d) ? python_float_repr(d) : "null";  // JSON has no inf or nan (nlohmann: null)
  } else {
    out += v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

// Iterative: documents can nest as deeply as the source allows.
void write(std::string& out, const Json& root, int indent) {
  struct Frame {
    const Json* node;
    Json::const_iterator it;
    size_t depth;
    bool first;
  };
  const bool pretty = indent >= 0;
  auto newline = [&](size_t depth) {
    if (!pretty) return;
    out += '\n';
    out.append(depth * static_cast<size_t>(indent), ' ');
  };
  // Writes `v` if it is a scalar or empty; otherwise writes its opening bracket
  // and pushes it, to be written member by member.
  std::vector<Frame> stack;
  auto open = [&](const Json& v, size_t depth) {
    if (v.is_object() || v.is_array()) {
      if (v.empty()) {
        out += v.is_object() ? "{}" : "[]";
        return;
      }
      out += v.is_object() ? '{' : '[';
      stack.push_back({&v, v.cbegin(), depth, true});
      return;
    }
    write_scalar(out, v);
  };
  open(root, 0);
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.it == f.node->cend()) {
      newline(f.depth);
      out += f.node->is_object() ? '}' : ']';
      stack.pop_back();
      continue;
    }
    if (!f.first) out += ',';
    f.first = false;
    newline(f.depth + 1);
    const Json& child = *f.it;
    if (f.node->is_object()) {
      out += Json(f.it.key()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      out += pretty ? ": " : ":";
    }
    size_t depth = f.depth + 1;
    ++f.it;  // before open(), which may grow the stack and move `f`
    open(child, depth);
  }
}

}  // namespace

std::string json_text(const nlohmann::ordered_json& doc, int indent) {
  std::string out;
  write(out, doc, indent);
  return out;
}

}  // namespace flowc
