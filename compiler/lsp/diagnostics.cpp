#include "lsp/diagnostics.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "driver/compile.h"
#include "ir/argo_version.h"
#include "lint/lint.h"
#include "project/template_index.h"
#include "lsp/uri.h"

namespace flowc::lsp {

namespace {

bool ends_with(const std::string& s, std::string_view tail) { return s.size() >= tail.size() && s.ends_with(tail); }

// The compiler reads a normalized text (BOM dropped, CRLF -> LF): its offsets
// map back to the document's by counting what was dropped before them.
class OffsetMap {
 public:
  explicit OffsetMap(const std::string& text) {
    size_t i = 0;
    if (text.starts_with("\xEF\xBB\xBF")) bom_ = 3, i = 3;
    for (; i + 1 < text.size(); ++i)
      if (text[i] == '\r' && text[i + 1] == '\n') dropped_.push_back(static_cast<uint32_t>(i - bom_ - dropped_.size()));
  }
  uint32_t original(uint32_t normalized) const {
    uint32_t before = 0;
    while (before < dropped_.size() && dropped_[before] < normalized) ++before;
    return normalized + bom_ + before;
  }

 private:
  uint32_t bom_ = 0;
  std::vector<uint32_t> dropped_;  // normalized offsets where a CR was dropped
};

nlohmann::json range_json(const Document& doc, const OffsetMap& map, Span span) {
  Position a = doc.position(map.original(span.begin)), b = doc.position(map.original(span.end));
  return {{"start", {{"line", a.line}, {"character", a.character}}}, {"end", {{"line", b.line}, {"character", b.character}}}};
}

// A place in another file (a base class's module): line and column from its own text.
nlohmann::json other_location(const SourceFile& file, Span span) {
  Document other(path_to_uri(file.name()), file.text(), 0, false);
  Position a = other.position(span.begin), b = other.position(span.end);
  return {{"uri", other.uri()},
          {"range", {{"start", {{"line", a.line}, {"character", a.character}}},
                     {"end", {{"line", b.line}, {"character", b.character}}}}}};
}

int severity(Severity s) { return s == Severity::Error ? 1 : s == Severity::Warning ? 2 : 3; }

nlohmann::json convert(const Diagnostic& d, const SourceFile* compiled, const Document& doc, const OffsetMap& map) {
  nlohmann::json out;
  out["severity"] = severity(d.severity);
  out["code"] = d.code;
  out["source"] = "flowc";
  std::string message = d.message;
  const SourceFile* file = d.file ? d.file : compiled;
  bool here = file == compiled;
  nlohmann::json related = nlohmann::json::array();
  if (here) {
    out["range"] = range_json(doc, map, d.span);
  } else {
    // Reported in an imported module: shown at the top of this document, pointing there.
    out["range"] = range_json(doc, map, Span{0, 0});
    LineCol lc = file->position(d.span.begin);
    message = file->name() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.col) + ": " + message;
    related.push_back({{"location", other_location(*file, d.span)}, {"message", d.message}});
  }
  for (const Note& n : d.notes) {
    if (n.span) {
      nlohmann::json loc = n.file && n.file != compiled ? other_location(*n.file, *n.span)
                           : here ? nlohmann::json{{"uri", doc.uri()}, {"range", range_json(doc, map, *n.span)}}
                                  : other_location(*file, *n.span);
      related.push_back({{"location", loc}, {"message", n.message}});
    } else {
      message += "\nnote: " + n.message;
    }
  }
  out["message"] = message;
  if (!related.empty()) out["relatedInformation"] = related;
  if (here && !d.fixes.empty()) {
    nlohmann::json fixes = nlohmann::json::array();
    for (const Fix& f : d.fixes)
      fixes.push_back({{"title", f.message}, {"range", range_json(doc, map, f.span)}, {"newText", f.replacement}});
    out["data"] = {{"fixes", fixes}};
  }
  return out;
}

}  // namespace

bool is_python(const std::string& uri, const std::string& language_id) {
  return language_id == "python" || ends_with(uri, ".py") || ends_with(uri, ".pyi");
}

bool is_argo_yaml(const std::string& uri, const std::string& language_id, const std::string& text) {
  bool yaml = language_id == "yaml" || ends_with(uri, ".yaml") || ends_with(uri, ".yml");
  return yaml && text.find("argoproj.io/") != std::string::npos;
}

namespace {

constexpr size_t kMaxFolderFiles = 256;  // an editor's folder of thousands is not compiled on each keystroke

// The WorkflowTemplates of the document's folder (issue 23), Python or YAML,
// the editor's text of an open file first: a reference to one of them is
// checked against it as `flowc compile`/`flowc lint` of the folder would
// (the set is not complete: a reference to another may be in the cluster).
// Each file read is a dependency: its change re-diagnoses the document.
std::vector<nlohmann::ordered_json> folder_templates(const std::string& path,
                                                     const std::map<std::string, std::string>* unsaved,
                                                     std::vector<std::string>* dependencies) {
  namespace fs = std::filesystem;
  TemplateIndex index;
  std::error_code ec;
  fs::path self = fs::path(path).lexically_normal();
  std::vector<fs::path> files;
  for (fs::directory_iterator it(self.parent_path().empty() ? "." : self.parent_path(), ec), end;
       !ec && it != end && files.size() < kMaxFolderFiles; it.increment(ec)) {
    std::string ext = it->path().extension().string();
    std::error_code file_ec;
    if (it->is_regular_file(file_ec) && (ext == ".py" || ext == ".yaml" || ext == ".yml") &&
        it->path().lexically_normal() != self)
      files.push_back(it->path().lexically_normal());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::string text;
    auto open = unsaved ? unsaved->find(f.string()) : std::map<std::string, std::string>::const_iterator{};
    if (unsaved && open != unsaved->end()) {
      text = open->second;
    } else {
      std::ifstream in(f, std::ios::binary);
      text.assign(std::istreambuf_iterator<char>(in), {});
    }
    if (text.find("WorkflowTemplate") == std::string::npos) continue;
    if (dependencies) dependencies->push_back(f.string());
    if (f.extension() != ".py") {
      index.add_yaml(f.string(), text);
      continue;
    }
    CompileOptions o;
    o.filename = f.string();
    o.load_imports = true;
    o.unsaved_files = unsaved;
    CompileResult r = compile(text, o);
    if (r.ok)
      for (const auto& d : r.documents) index.add(d);
  }
  return index.documents();
}

}  // namespace

nlohmann::json diagnose(const Document& doc, const std::map<std::string, std::string>* unsaved,
                        std::vector<std::string>* dependencies, const FileSettings& settings) {
  std::string path = uri_to_path(doc.uri());
  nlohmann::json out = nlohmann::json::array();
  OffsetMap map(doc.text());
  if (!settings.error.empty())  // as `flowc compile` reports it, without compiling under a guessed setting
    out.push_back({{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
                   {"severity", 1},
                   {"source", "flowc"},
                   {"code", settings.error.find("] python-version = ") != std::string::npos ? "E0043" : "E0054"},
                   {"message", settings.error}});
  if (!settings.error.empty()) return out;
  if (!doc.python()) {
    LintOptions lo;
    if (!path.empty()) lo.compiled_templates = folder_templates(path, unsaved, dependencies);
    if (auto v = parse_argo_version(settings.argo_version)) lo.argo_version = *v;
    auto result = lint({{path.empty() ? doc.uri() : path, doc.text()}}, lo);
    const SourceFile* file = result.files.empty() ? nullptr : result.files.front().get();
    for (const Diagnostic& d : result.diagnostics) out.push_back(convert(d, file, doc, map));
    return out;
  }
  CompileOptions options;
  options.filename = path.empty() ? doc.uri() : path;
  options.python_version = settings.python_version;
  options.argo_version = settings.argo_version;
  options.load_imports = !path.empty();  // an unsaved buffer has no folder
  options.previous_tree = doc.tree();   // the document's tree is this text's: the parse reuses all of it
  options.unsaved_files = unsaved;
  std::vector<nlohmann::ordered_json> known;
  if (!path.empty() && doc.text().find("emplateRef") != std::string::npos) {
    known = folder_templates(path, unsaved, dependencies);
    options.known_templates = &known;
  }
  CompileResult result = compile(doc.text(), options);
  if (dependencies)
    for (auto& p : result.import_probes) dependencies->push_back(std::filesystem::path(p).lexically_normal().string());
  for (const Diagnostic& d : result.diagnostics) {
    // A Python file without workflow classes (a helper module, a test) is
    // normal in an editor's workspace: no warning on every such file.
    if (d.code == "W0001") continue;
    out.push_back(convert(d, result.file.get(), doc, map));
  }
  return out;
}

}  // namespace flowc::lsp
