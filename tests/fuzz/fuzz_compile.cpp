// libFuzzer target: the whole compilation, source bytes to documents, for
// every target and format. Besides "no crash, no sanitizer report", checks
// what must hold for any input:
//   - a failed compile has an error and no output; a successful one none;
//   - the output is valid UTF-8;
//   - every diagnostic message and note, and the rendered report, is valid
//     UTF-8 with no control character (the report: none but its newlines),
//     so no input can break a terminal, forge a line, or fail to decode;
//   - the JSON output parses back to exactly the documents;
//   - the YAML output parses (yaml-cpp) back to the same tree and strings.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "driver/compile.h"

namespace {

using Json = nlohmann::ordered_json;

[[noreturn]] void fail(const char* what, const std::string& detail = "") {
  std::fprintf(stderr, "flowc fuzz invariant broken: %s\n%s\n", what, detail.c_str());
  std::abort();
}

bool valid_utf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 (Python refuses them).
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

// Text a terminal shows as it is: valid UTF-8, and no C0/C1 control or DEL
// (newlines only where allowed: between the lines of a report).
bool printable_text(const std::string& s, bool newlines_allowed) {
  if (!valid_utf8(s)) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n' && newlines_allowed) continue;
    if (c < 0x20 || c == 0x7F) return false;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0) return false;  // U+0080-U+009F
  }
  return true;
}

// Same tree, same strings. Iterative: documents can nest deeply.
bool same(const Json& doc, const YAML::Node& root, std::string& where) {
  std::vector<std::pair<const Json*, YAML::Node>> todo{{&doc, root}};
  while (!todo.empty()) {
    auto [j, n] = todo.back();
    todo.pop_back();
    switch (j->type()) {
      case Json::value_t::object:
        if (!n.IsMap() || n.size() != j->size()) return where = "map " + j->dump().substr(0, 200), false;
        for (auto it = j->begin(); it != j->end(); ++it) {
          YAML::Node child;
          for (auto kv : n)
            if (kv.first.IsScalar() && kv.first.Scalar() == it.key()) child = kv.second;
          if (!child.IsDefined()) return where = "key " + it.key(), false;
          todo.push_back({&it.value(), child});
        }
        break;
      case Json::value_t::array:
        if (!n.IsSequence() || n.size() != j->size()) return where = "seq " + j->dump().substr(0, 200), false;
        for (size_t i = 0; i < j->size(); ++i) todo.push_back({&(*j)[i], n[i]});
        break;
      case Json::value_t::string:
        if (!n.IsScalar() || n.Scalar() != j->get_ref<const std::string&>())
          return where = "string " + j->dump() + " read as " + (n.IsScalar() ? n.Scalar() : "non-scalar"), false;
        break;
      case Json::value_t::null:
        if (!n.IsNull()) return where = "null", false;
        break;
      default: {  // numbers and booleans: the same text as JSON writes them
        if (!n.IsScalar()) return where = "scalar " + j->dump(), false;
        if (j->is_number_float()) {
          if (std::strtod(n.Scalar().c_str(), nullptr) != j->get<double>()) return where = "float " + j->dump(), false;
        } else if (n.Scalar() != j->dump()) {
          return where = "scalar " + j->dump() + " read as " + n.Scalar(), false;
        }
      }
    }
  }
  return true;
}

void check(const std::string& source, const char* target, const char* format) {
  flowc::CompileOptions o;
  o.filename = "<fuzz>";
  o.target = target;
  o.format = format;
  flowc::CompileResult r = flowc::compile(source, o);
  bool has_error = false;
  for (auto& d : r.diagnostics) {
    if (d.severity == flowc::Severity::Error) has_error = true;
    std::string shown = flowc::render(d, d.file ? *d.file : *r.file);  // must be safe for any span
    if (!printable_text(d.message, false)) fail("diagnostic message is not printable UTF-8", d.message);
    for (auto& n : d.notes)
      if (!printable_text(n.message, false)) fail("diagnostic note is not printable UTF-8", n.message);
    if (!printable_text(shown, true)) fail("rendered diagnostic is not printable UTF-8", shown);
  }
  if (r.ok == has_error) fail("ok disagrees with the diagnostics");
  if (!r.ok) {
    if (!r.output.empty() || !r.documents.empty()) fail("output despite errors");
    return;
  }
  if (!valid_utf8(r.output)) fail("output is not UTF-8", r.output);
  if (std::string(target) != "argo") return;  // peak: documents are the bodies, the output the files
  if (std::string(format) == "json") {
    Json back = Json::parse(r.output, nullptr, false);
    if (back.is_discarded()) fail("JSON output does not parse", r.output);
    Json expected = r.documents.size() == 1 ? r.documents[0] : Json(r.documents);
    if (back != expected) fail("JSON output reads back differently", r.output);
    return;
  }
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(r.output);
  } catch (const YAML::Exception& e) {
    fail("YAML output does not parse", std::string(e.what()) + "\n" + r.output);
  }
  if (docs.size() != r.documents.size()) fail("YAML document count", r.output);
  for (size_t i = 0; i < docs.size(); ++i) {
    std::string where;
    if (!same(r.documents[i], docs[i], where)) fail("YAML output reads back differently", where + "\n" + r.output);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string source(reinterpret_cast<const char*>(data), size);
  check(source, "argo", "yaml");
  check(source, "argo", "json");
  check(source, "peak", "yaml");
  check(source, "peak", "json");
  return 0;
}
