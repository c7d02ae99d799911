#include "cli/project_check.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "cli/file_io.h"
#include "cli/project.h"
#include "cli/reporter.h"
#include "diag/source.h"
#include "lint/yaml_reader.h"
#include "project/template_index.h"
#include "validate/validate.h"

namespace flowc::cli {

namespace {

using J = nlohmann::ordered_json;

// Whether a compiled text may define a WorkflowTemplate or refer to one
// ("templateRef", "workflowTemplateRef"): a cheap test before parsing.
bool mentions_templates(const std::string& text) {
  return text.find("WorkflowTemplate") != std::string::npos || text.find("emplateRef") != std::string::npos;
}

// The documents an input compiled to: kept by the compile, else read back
// from its text (a cache hit keeps the text only) or, for an up-to-date
// input, from its output file.
std::vector<J> documents_of(const Compiled& c, const std::string& format, const std::string& output_file) {
  if (!c.result.documents.empty()) return c.result.documents;
  std::string text = c.result.output;
  if (text.empty() && c.up_to_date && !output_file.empty()) {
    ReadResult r = read_input(output_file);
    if (r.status == ReadResult::Status::Ok) text = std::move(r.data);
  }
  std::vector<J> out;
  if (!mentions_templates(text)) return out;  // most files: neither a template nor a reference, not parsed
  if (format == "json") {
    J j = J::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_array()) out.assign(j.begin(), j.end());
    else if (j.is_object()) out.push_back(std::move(j));
    return out;
  }
  SourceFile file(output_file.empty() ? "<output>" : output_file, text);
  DiagnosticSink quiet;  // flowc's own YAML: it reads back
  for (auto& d : read_yaml(file, quiet)) out.push_back(std::move(d.doc));
  return out;
}

// Whether a file's references reach outside its own documents.
bool refers_outside(const std::vector<J>& docs) {
  TemplateIndex own;
  for (const J& d : docs) own.add(d);
  for (const J& d : docs)
    for (const TemplateReference& r : template_references(d))
      if (!own.has(r)) return true;
  return false;
}

// Whether an up-to-date input's documents (read back from its output) are
// still valid against the project as it is now: its last compile checked its
// references against the project of then, and an edit elsewhere (a template
// removed, an input renamed, in Python or YAML) can undo that without
// touching the input's own stamps (issue 23). Argo's validator on the
// compiled documents decides, as it did in the compile; only an input it
// refuses is compiled again (to report at its source lines), so a warm run
// stays a read of the outputs that mention a template, not a compile.
bool still_valid(const std::vector<J>& docs, const TemplateIndex& index, const CompileOptions& o) {
  TemplateSet templates;
  static const SpanTable kNoSpans;
  for (const J& d : index.documents()) {
    std::string name = d["metadata"].value("name", "");
    (d.value("kind", "") == "ClusterWorkflowTemplate" ? templates.cluster : templates.namespaced)
        .emplace(name, SourcedDocument{&d, &kNoSpans, nullptr});
  }
  templates.complete = true;
  templates.external.insert(o.external_templates.begin(), o.external_templates.end());
  ValidateOptions vo;
  vo.templates = &templates;
  if (auto v = parse_argo_version(o.argo_version)) vo.argo_version = *v;
  DiagnosticSink quiet;  // the verdict only: a recompile reports at the source
  for (const J& d : docs) validate_document({&d, &kNoSpans, nullptr}, vo, quiet);
  return !quiet.has_errors();
}

// Where a WorkflowTemplate of the project is defined first: a YAML file
// (`yaml_file`), or document `doc` of input `input`.
struct Definition {
  std::string yaml_file;
  size_t input = 0;
  size_t doc = 0;
};

// A template an input defines again: document `doc` of input `input`.
struct Duplicate {
  size_t input = 0;
  size_t doc = 0;
  Definition first;
};

// (kind, name) of a WorkflowTemplate or ClusterWorkflowTemplate; ("", "") else.
std::pair<std::string, std::string> template_key(const J& d) {
  if (!d.is_object()) return {};
  std::string kind = d.value("kind", "");
  if (kind != "WorkflowTemplate" && kind != "ClusterWorkflowTemplate") return {};
  const J* meta = d.contains("metadata") && d["metadata"].is_object() ? &d["metadata"] : nullptr;
  const J name = meta ? meta->value("name", J()) : J();
  if (!name.is_string() || name.get<std::string>().empty()) return {};
  return {kind, name.get<std::string>()};
}

// Compiles input `i` again with the project's templates in scope.
void recompile(const Input& in, Compiled& c, CompileOptions o, const TemplateIndex& index) {
  ReadResult read = read_input(in.path);
  if (read.status != ReadResult::Status::Ok) return;  // reported by the first pass
  o.project_templates = &index.documents();
  bool was_up_to_date = c.up_to_date;
  c.result = compile(std::move(read.data), o);
  c.status = c.result.ok ? Compiled::Status::Ok : Compiled::Status::Failed;
  c.up_to_date = was_up_to_date && c.result.ok;  // its output file already holds this result
  if (c.up_to_date) c.result.output.clear();
  if (in.from_folder && c.result.ok && c.result.output.empty() && !was_up_to_date) c.skipped = true;
}

// E0702 at the class that defines `dup` again. An up-to-date input (not
// compiled this time: no source, no places) is compiled first to have them.
void report_duplicate(const Duplicate& dup, const std::vector<Input>& inputs, std::vector<Compiled>& compiled,
                      const std::vector<J>& documents, const CompileSettings& settings, ProjectFinder& projects,
                      const TemplateIndex& index) {
  Compiled& c = compiled[dup.input];
  if ((c.result.class_spans.size() <= dup.doc || !c.result.file) && !inputs[dup.input].is_stdin) {
    std::string error;
    CompileOptions o = compile_options_for(inputs[dup.input], settings, projects, error);
    if (error.empty()) recompile(inputs[dup.input], c, o, index);
  }
  auto [kind, name] = template_key(documents[dup.doc]);
  std::string where = dup.first.yaml_file.empty()
                          ? "by class " + compiled[dup.first.input].result.workflow_classes.at(dup.first.doc) + " in " +
                                shown(inputs[dup.first.input].name)
                          : "in " + shown(dup.first.yaml_file);
  Diagnostic d;
  d.code = "E0702";
  d.message = kind + " '" + name + "' is also defined " + where + "; a cluster holds one " + kind +
              " of a name, so references could be checked against the other: rename one";
  if (dup.doc < c.result.class_spans.size()) d.span = c.result.class_spans[dup.doc];
  const Compiled& other = compiled[dup.first.input];
  if (dup.first.yaml_file.empty() && dup.first.doc < other.result.class_spans.size() && other.result.file)
    d.notes.push_back({"the other definition", other.result.class_spans[dup.first.doc], other.result.file.get()});
  c.result.diagnostics.push_back(std::move(d));
  std::stable_sort(c.result.diagnostics.begin(), c.result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin < b.span.begin; });
  c.result.ok = false;
  c.result.output.clear();
  c.status = Compiled::Status::Failed;
  c.up_to_date = false;
  c.skipped = false;
}

}  // namespace

void check_project(const std::vector<Input>& inputs, std::vector<Compiled>& compiled, const CompileSettings& settings,
                   ProjectFinder& projects, const std::function<std::string(size_t)>& output_of,
                   const TemplateIndex& yaml_templates) {
  if (settings.target != "argo") return;  // Peak has no templateRef
  // Run even when every input is up to date: a shared template may have been
  // edited or removed in a YAML file, or its Python file deleted, and an
  // unchanged caller must then fail. The up-to-date inputs' documents are
  // read back from their outputs, and parsed only when they mention a template.
  std::vector<std::vector<J>> docs(compiled.size());
  TemplateIndex index;
  std::map<std::pair<std::string, std::string>, Definition> defined;
  std::vector<Duplicate> duplicates;
  for (size_t k = 0; k < yaml_templates.documents().size(); ++k) {
    const J& d = yaml_templates.documents()[k];
    index.add(d, yaml_templates.origin(k));
    defined.emplace(template_key(d), Definition{yaml_templates.origin(k)});
  }
  for (size_t i = 0; i < compiled.size(); ++i) {
    const Compiled& c = compiled[i];
    if (c.status != Compiled::Status::Ok || c.skipped) continue;
    docs[i] = documents_of(c, settings.format, c.up_to_date ? output_of(i) : "");
    for (size_t k = 0; k < docs[i].size(); ++k) {
      auto key = template_key(docs[i][k]);
      if (key.first.empty()) continue;
      auto [it, added] = defined.emplace(key, Definition{"", i, k});
      if (added) index.add(docs[i][k]);
      else duplicates.push_back({i, k, it->second});
    }
  }
  for (size_t i = 0; i < compiled.size(); ++i) {
    Compiled& c = compiled[i];
    // A failed compile may have failed on a reference the project resolves
    // (or fails better with the project in scope); a problem before the
    // compile (read error, size, project file) is not a compile's.
    bool again = c.status == Compiled::Status::Ok ? refers_outside(docs[i])
                                                  : c.status == Compiled::Status::Failed && c.problem == Compiled::Problem::None;
    if (!again || inputs[i].is_stdin) continue;
    std::string error;
    CompileOptions o = compile_options_for(inputs[i], settings, projects, error);
    if (!error.empty()) continue;
    if (c.up_to_date && still_valid(docs[i], index, o)) continue;
    recompile(inputs[i], c, o, index);
  }
  for (const Duplicate& dup : duplicates)
    report_duplicate(dup, inputs, compiled, docs[dup.input], settings, projects, index);
}

TemplateIndex yaml_templates_in(const std::vector<std::string>& args, InputOptions io,
                                const std::set<std::string>& outputs, const std::string& output_dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> folders;
  std::error_code ec;
  for (const std::string& a : args)
    if (a != "-" && fs::is_directory(a, ec)) folders.push_back(a);
  TemplateIndex index;
  if (folders.empty()) return index;
  io.include = {"*.yaml", "*.yml"};
  io.record_skipped = false;
  std::string below = output_dir.empty() ? "" : (fs::path(output_dir) / "").lexically_normal().string();
  for (const Input& in : collect_inputs(folders, io).inputs) {
    std::string path = absolute_path(in.path);
    if (outputs.count(path) || (!below.empty() && path.starts_with(below))) continue;
    ReadResult r = read_input(in.path);
    if (r.status == ReadResult::Status::Ok) index.add_yaml(in.name, r.data);
  }
  return index;
}

// The WorkflowTemplates the Python files of the folders among `args` define
// (issue 23): a YAML Workflow may call a template written in Python beside
// it. Each file is compiled as `flowc compile` would (its project's Argo
// version, imports followed); one that fails is said, as its templates are
// then not in scope.
std::vector<J> python_templates_in(const std::vector<std::string>& args, const std::string& argo_version,
                                   Reporter& reporter) {
  CompileSettings s;
  std::error_code ec;
  for (const std::string& a : args)
    if (a != "-" && std::filesystem::is_directory(a, ec)) s.files.push_back(a);
  if (s.files.empty()) return {};
  s.argo_version = argo_version;
  s.no_cache = true;
  InputList list = collect_inputs(s.files, s.inputs);  // *.py, the same excludes
  // Only the files that may define one are compiled (most of a folder does not).
  std::erase_if(list.inputs, [](const Input& in) {
    ReadResult r = read_input(in.path);
    return r.status != ReadResult::Status::Ok || r.data.find("WorkflowTemplate") == std::string::npos;
  });
  ProjectFinder projects;
  std::vector<Compiled> compiled = compile_all(list.inputs, s, projects);
  TemplateIndex index;
  for (size_t i = 0; i < compiled.size(); ++i) {
    const Compiled& c = compiled[i];
    if (c.status == Compiled::Status::Ok) {
      index.add_yaml(list.inputs[i].name, c.result.output);
    } else if (c.status == Compiled::Status::Failed) {
      reporter.warning(shown(list.inputs[i].name) + " does not compile (flowc compile " + shown(list.inputs[i].name) +
                       "): the WorkflowTemplates it defines are not in scope");
    }
  }
  return index.documents();
}

}  // namespace flowc::cli
