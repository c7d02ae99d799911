#include "emit/json_writer.h"

#include "emit/verbatim.h"

namespace flowc {

namespace {

using Json = nlohmann::ordered_json;

std::string scalar(const Json& v) { return v.dump(-1, ' ', false, Json::error_handler_t::replace); }

void write(std::string& out, const Json& v, int indent) {
  if (auto text = verbatim_text(v)) {
    out += *text;
    return;
  }
  std::string pad(static_cast<size_t>(indent) + 2, ' ');
  if (v.is_object() && !v.empty()) {
    out += "{\n";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!first) out += ",\n";
      first = false;
      out += pad + scalar(Json(it.key())) + ": ";
      write(out, it.value(), indent + 2);
    }
    out += "\n" + std::string(static_cast<size_t>(indent), ' ') + "}";
  } else if (v.is_array() && !v.empty()) {
    out += "[\n";
    bool first = true;
    for (auto& item : v) {
      if (!first) out += ",\n";
      first = false;
      out += pad;
      write(out, item, indent + 2);
    }
    out += "\n" + std::string(static_cast<size_t>(indent), ' ') + "]";
  } else {
    out += scalar(v);  // also {} and []
  }
}

}  // namespace

std::string to_json(const nlohmann::ordered_json& doc) {
  std::string out;
  write(out, doc, 0);
  return out;
}

}  // namespace flowc
