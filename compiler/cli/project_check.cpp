#include "cli/project_check.h"

#include <algorithm>

#include "cli/file_io.h"
#include "diag/source.h"
#include "lint/yaml_reader.h"
#include "project/template_index.h"

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

}  // namespace

void check_project(const std::vector<Input>& inputs, std::vector<Compiled>& compiled, const CompileSettings& settings,
                   ProjectFinder& projects, const std::function<std::string(size_t)>& output_of) {
  if (settings.target != "argo") return;  // Peak has no templateRef
  // Nothing compiled this run touches a template or a reference (every input
  // up to date, or none of them mentions one): the last run's checks stand,
  // and the up-to-date outputs are not read (the warm run stays a stat per file).
  bool touched = false;
  for (const Compiled& c : compiled) {
    if (c.up_to_date || c.skipped) continue;
    if (c.status == Compiled::Status::Failed && c.problem == Compiled::Problem::None) touched = true;
    if (c.status != Compiled::Status::Ok) continue;
    if (!c.result.documents.empty()) {
      for (const J& d : c.result.documents) touched = touched || mentions_templates(d.dump());
    } else {
      touched = touched || mentions_templates(c.result.output);
    }
  }
  if (!touched) return;
  std::vector<std::vector<J>> docs(compiled.size());
  TemplateIndex index;
  for (size_t i = 0; i < compiled.size(); ++i) {
    const Compiled& c = compiled[i];
    if (c.status != Compiled::Status::Ok || c.skipped) continue;
    docs[i] = documents_of(c, settings.format, c.up_to_date ? output_of(i) : "");
    for (const J& d : docs[i]) index.add(d);
  }
  for (size_t i = 0; i < compiled.size(); ++i) {
    Compiled& c = compiled[i];
    // A failed compile may have failed on a reference the project resolves
    // (or fails better with the project in scope); a problem before the
    // compile (read error, size, project file) is not a compile's.
    bool again = c.status == Compiled::Status::Ok ? refers_outside(docs[i])
                                                  : c.status == Compiled::Status::Failed && c.problem == Compiled::Problem::None;
    if (!again || inputs[i].is_stdin) continue;
    ReadResult read = read_input(inputs[i].path);
    if (read.status != ReadResult::Status::Ok) continue;  // reported by the first pass
    std::string error;
    CompileOptions o = compile_options_for(inputs[i], settings, projects, error);
    if (!error.empty()) continue;
    o.project_templates = &index.documents();
    bool was_up_to_date = c.up_to_date;
    c.result = compile(std::move(read.data), o);
    c.status = c.result.ok ? Compiled::Status::Ok : Compiled::Status::Failed;
    c.up_to_date = was_up_to_date && c.result.ok;  // its output file already holds this result
    if (c.up_to_date) c.result.output.clear();
    if (inputs[i].from_folder && c.result.ok && c.result.output.empty() && !was_up_to_date) c.skipped = true;
  }
}

}  // namespace flowc::cli
