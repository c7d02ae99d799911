#include "driver/import.h"

#include <nlohmann/json.hpp>

#include "driver/compile.h"
#include "lint/lint.h"
#include "pywriter/python_writer.h"
#include "yaml/yaml_reader.h"

namespace flowc {

namespace {

using Json = nlohmann::ordered_json;

std::string normalize_newlines(std::string s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.erase(0, 3);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

struct Mismatch {
  std::string path;
  Span span;
  std::string what;
};

// The first place where the compiled document differs from the YAML, as
// data: same keys (in any order), values and types; lists in order.
std::optional<Mismatch> compare(const Value& y, const Json& j, const std::string& path) {
  auto differ = [&](std::string what) { return Mismatch{path.empty() ? "." : path, y.span, std::move(what)}; };
  switch (y.kind) {
    case Value::Kind::None:
      if (!j.is_null()) return differ("null became " + std::string(j.type_name()));
      return std::nullopt;
    case Value::Kind::Bool:
      if (!j.is_boolean() || j.get<bool>() != y.boolean) return differ("the boolean became " + j.dump());
      return std::nullopt;
    case Value::Kind::Int:
      if (!j.is_number_integer() || j.get<int64_t>() != y.integer) return differ("the integer became " + j.dump());
      return std::nullopt;
    case Value::Kind::Float:
      if (!j.is_number_float() || j.get<double>() != y.number) return differ("the number became " + j.dump());
      return std::nullopt;
    case Value::Kind::String:
      if (!j.is_string() || j.get_ref<const std::string&>() != y.text) return differ("the string became " + j.dump().substr(0, 80));
      return std::nullopt;
    case Value::Kind::List:
      if (!j.is_array() || j.size() != y.items.size())
        return differ("the list became " + (j.is_array() ? std::to_string(j.size()) + " items" : std::string(j.type_name())));
      for (size_t i = 0; i < y.items.size(); ++i)
        if (auto m = compare(y.items[i], j[i], path + "[" + std::to_string(i) + "]")) return m;
      return std::nullopt;
    case Value::Kind::Dict:
      if (!j.is_object()) return differ("the mapping became " + std::string(j.type_name()));
      for (size_t i = 0; i < y.fields.size(); ++i) {
        auto& [k, v] = y.fields[i];
        auto it = j.find(k);
        if (it == j.end()) return Mismatch{path + "." + k, y.key_span(i), "the field is lost"};
        if (auto m = compare(v, *it, path + "." + k)) return m;
      }
      for (auto it = j.begin(); it != j.end(); ++it)
        if (!y.get(it.key())) return Mismatch{path + "." + it.key(), y.span, "the field '" + it.key() + "' is added"};
      return std::nullopt;
  }
  return std::nullopt;
}

bool only_validation_errors(const CompileResult& r) {
  bool any = false;
  for (auto& d : r.diagnostics)
    if (d.severity == Severity::Error) {
      if (!d.code.starts_with("E07")) return false;
      any = true;
    }
  return any;
}

// The YAML as written is a document Argo refuses (fun-with-gifs.yaml: a
// label value ending in '-'). The import keeps it as written, which is what
// the user has; the validator's findings become warnings at the YAML's
// places (from `flowc lint` on the same text), and `flowc compile` of the
// imported file refuses it until it is fixed.
void warn_argo_rejects(const SourceFile& yaml, const CompileResult& r, const ImportOptions& options, DiagnosticSink& sink) {
  LintOptions lo;
  lo.argo_version = options.argo_version;
  LintResult l = lint({{yaml.name(), yaml.text()}}, lo);
  bool placed = false;
  for (auto& d : l.diagnostics)
    if (d.severity == Severity::Error && d.code.starts_with("E07")) {
      auto& w = sink.warning("W1042", d.span, "Argo refuses this document as written: " + d.message + " [" + d.code + "]");
      w.notes.push_back({"imported as written; `flowc compile` reports it until it is fixed", std::nullopt});
      placed = true;
    }
  if (placed) return;
  for (auto& d : r.diagnostics)
    if (d.severity == Severity::Error) {
      sink.warning("W1042", Span{0, 0}, "Argo refuses this document as written: " + d.message + " [" + d.code + "]");
      return;
    }
}

// Compiles the written Python and checks it gives back the documents.
void verify(const std::string& python, const yaml::Stream& stream, const SourceFile& yaml, const ImportOptions& options,
            DiagnosticSink& sink) {
  const std::string& filename = yaml.name();
  CompileOptions o;
  o.filename = filename + ".py";
  o.argo_version = options.argo_version_text;
  o.python_version = options.python_version;
  if (options.modules) {  // typed references: the other generated modules, not written yet
    o.load_imports = true;
    o.unsaved_files = options.modules;
  }
  CompileResult r = compile(python, o);
  if (!r.ok && only_validation_errors(r)) {
    CompileOptions unchecked = o;
    unchecked.validate = false;
    CompileResult as_written = compile(python, unchecked);
    if (as_written.ok) {
      warn_argo_rejects(yaml, r, options, sink);
      r = std::move(as_written);
    }
  }
  if (!r.ok) {
    std::string first;
    for (auto& d : r.diagnostics)
      if (d.severity == Severity::Error) {
        first = d.message + " [" + d.code + "]";
        break;
      }
    Span at = stream.documents.empty() ? Span{0, 0} : stream.documents[0].span;
    sink.error("E1090", at, "the imported Python does not compile: " + first);
    return;
  }
  if (r.documents.size() != stream.documents.size()) {
    sink.error("E1091", Span{0, 0}, "the imported Python gives " + std::to_string(r.documents.size()) +
                                       " documents, the YAML has " + std::to_string(stream.documents.size()));
    return;
  }
  for (size_t i = 0; i < r.documents.size(); ++i)
    if (auto m = compare(stream.documents[i], r.documents[i], "")) {
      auto& d = sink.error("E1091", m->span, "the DSL cannot express this yet: at " + m->path + ", " + m->what);
      (void)d;
    }
}

}  // namespace

std::string ImportResult::render_diagnostics() const {
  std::string out;
  for (const auto& d : diagnostics) out += render(d, *file);
  return out;
}

ImportResult import_yaml(std::string text, const std::string& filename, const ImportOptions& options) {
  ImportResult result;
  bool too_large = text.size() > kMaxSourceBytes;  // the compiler's limit (docs/limits.md)
  size_t size = text.size();
  if (too_large) text.clear();
  auto file = std::make_shared<SourceFile>(filename, normalize_newlines(std::move(text)));
  result.file = file;
  DiagnosticSink sink;
  sink.set_file(file.get());
  if (too_large) {
    sink.error("E1002", Span{0, 0}, "the YAML is " + std::to_string(size) + " bytes; flowc reads at most 64 MiB");
    result.diagnostics = sink.take();
    return result;
  }
  yaml::Stream stream = yaml::read(*file, sink);
  std::string python;
  if (!sink.has_errors()) {
    if (stream.documents.empty()) sink.error("E1013", Span{0, 0}, "no YAML document to import");
    else {
      pywriter::WriteOptions wo;
      wo.version = options.argo_version;
      wo.project = options.project;
      wo.classes = &result.template_classes;
      python = pywriter::write(stream, *file, sink, wo);
    }
  }
  if (!sink.has_errors()) verify(python, stream, *file, options, sink);
  sink.sort();
  result.ok = !sink.has_errors();
  result.draft = python;
  if (result.ok) result.output = std::move(python);
  result.diagnostics = sink.take();
  return result;
}

}  // namespace flowc
