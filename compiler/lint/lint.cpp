#include "lint/lint.h"

#include <algorithm>

#include "lint/schema_check.h"
#include "lint/yaml_reader.h"
#include "validate/validate.h"
#include "validate/version_schema.h"

namespace flowc {

namespace {

struct ReadFile {
  std::shared_ptr<SourceFile> file;
  std::vector<YamlDocument> docs;
};

ReadFile read_file(const LintFile& f, DiagnosticSink& sink) {
  ReadFile r;
  std::string text = f.text;
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  r.file = std::make_shared<SourceFile>(f.name, std::move(text));
  const SourceFile* previous = sink.set_file(r.file.get());
  r.docs = read_yaml(*r.file, sink);
  sink.set_file(previous);
  return r;
}

// Indexes the file's WorkflowTemplates. A name already indexed is an error
// at the second definition (with a note at the first), when `sink` is given:
// a cluster holds one template of a name (kubectl apply keeps the last), so
// references checked against either could be checked against the wrong one.
void add_templates(const ReadFile& r, TemplateSet& set, DiagnosticSink* sink) {
  for (auto& d : r.docs) {
    if (!d.doc.is_object()) continue;
    std::string kind = d.doc.value("kind", "");
    if (kind != "WorkflowTemplate" && kind != "ClusterWorkflowTemplate") continue;
    const auto* meta = d.doc.contains("metadata") && d.doc["metadata"].is_object() ? &d.doc["metadata"] : nullptr;
    std::string name = meta && (*meta).contains("name") && (*meta)["name"].is_string() ? (*meta)["name"].get<std::string>() : "";
    SourcedDocument sd{&d.doc, &d.spans, r.file.get()};
    auto& table = kind == "WorkflowTemplate" ? set.namespaced : set.cluster;
    auto [it, added] = table.emplace(name, sd);
    if (added || !sink || name.empty()) continue;
    const SourceFile* previous = sink->set_file(r.file.get());
    auto& e = sink->error("E0702", d.spans.find("/metadata/name").span,
                          kind + " '" + name + "' is defined twice in the inputs; a cluster holds one " + kind +
                              " of a name, so rename one");
    e.file = r.file.get();
    if (it->second.spans && it->second.file)
      e.notes.push_back({"the other definition", it->second.spans->find("/metadata/name").span, it->second.file});
    else
      e.notes.push_back({"the other definition is compiled from a Python file of the folder", std::nullopt, nullptr});
    sink->set_file(previous);
  }
}

// Label and annotation keys of the workflow defaults' spec.workflowMetadata.
void read_defaults(const std::string& text, ValidateOptions& vo, DiagnosticSink& sink, LintResult& result) {
  if (text.empty()) return;
  ReadFile r = read_file({"<defaults>", text}, sink);
  result.files.push_back(r.file);
  for (auto& d : r.docs) {
    if (!d.doc.is_object() || !d.doc.contains("spec") || !d.doc["spec"].is_object()) continue;
    const auto& spec = d.doc["spec"];
    if (!spec.contains("workflowMetadata") || !spec["workflowMetadata"].is_object()) continue;
    const auto& wm = spec["workflowMetadata"];
    for (const char* k : {"labels", "labelsFrom", "annotations"})
      if (wm.contains(k) && wm[k].is_object())
        for (auto it = wm[k].begin(); it != wm[k].end(); ++it)
          (std::string_view(k) == "annotations" ? vo.default_annotations : vo.default_labels).push_back(it.key());
  }
}

// The Workflow as `argo submit --entrypoint E -p NAME=VALUE` sends it to be
// validated (workflow/util/util.go ApplySubmitOpts): the entrypoint set, and
// each passed parameter replacing the declared one of its name whole (a bare
// name and value: its enum and valueFrom go) or added. In place here, so that
// the other parameters keep their places in the YAML.
nlohmann::ordered_json as_submitted(const nlohmann::ordered_json& doc, const LintOptions& options) {
  nlohmann::ordered_json d = doc;
  if (!d.contains("spec") || !d["spec"].is_object()) return d;
  auto& spec = d["spec"];
  if (!options.entrypoint.empty()) spec["entrypoint"] = options.entrypoint;
  if (options.parameters.empty()) return d;
  if (!spec.contains("arguments") || !spec["arguments"].is_object()) spec["arguments"] = nlohmann::ordered_json::object();
  auto& args = spec["arguments"];
  if (!args.contains("parameters") || !args["parameters"].is_array()) args["parameters"] = nlohmann::ordered_json::array();
  auto& params = args["parameters"];
  for (auto& [name, value] : options.parameters) {
    nlohmann::ordered_json passed = {{"name", name}, {"value", value}};
    bool found = false;
    for (auto& p : params)
      if (p.is_object() && p.contains("name") && p["name"] == name) p = passed, found = true;
    if (!found) params.push_back(passed);
  }
  return d;
}

}  // namespace

std::string LintResult::render_diagnostics() const {
  std::string out;
  for (const auto& d : diagnostics)
    if (d.file) out += render(d, *d.file);
  return out;
}

LintResult lint(const std::vector<LintFile>& files, const LintOptions& options) {
  LintResult result;
  DiagnosticSink sink(options.error_limit);
  std::vector<ReadFile> read, extra;
  for (auto& f : files) read.push_back(read_file(f, sink));
  for (auto& f : options.template_files) extra.push_back(read_file(f, sink));
  TemplateSet templates;
  templates.complete = options.templates_complete;
  templates.external.insert(options.external_templates.begin(), options.external_templates.end());  // issue 23
  for (auto& r : read) add_templates(r, templates, &sink);
  for (auto& r : extra) add_templates(r, templates, nullptr);  // --templates: the cluster's, not the inputs'
  static const SpanTable kNoSpans;  // compiled from Python: no YAML places
  for (auto& doc : options.compiled_templates) {
    std::string kind = doc.value("kind", "");
    std::string name = doc.contains("metadata") ? doc["metadata"].value("name", "") : "";
    SourcedDocument sd{&doc, &kNoSpans, nullptr};
    auto* table = kind == "WorkflowTemplate" ? &templates.namespaced
                  : kind == "ClusterWorkflowTemplate" ? &templates.cluster : nullptr;
    if (!table) continue;
    auto [it, added] = table->emplace(name, sd);
    // A YAML input and a Python file of the folder define the same name.
    if (!added && it->second.file && it->second.spans) {
      const SourceFile* previous = sink.set_file(it->second.file);
      auto& e = sink.error("E0702", it->second.spans->find("/metadata/name").span,
                           kind + " '" + name + "' is also defined by a Python file of the folder; a cluster holds one " +
                               kind + " of a name, so rename one");
      e.file = it->second.file;
      sink.set_file(previous);
    }
  }

  ValidateOptions vo;
  vo.entry = options.entry;
  vo.lint = options.argo_lint;
  vo.submit = options.submit;
  vo.templates = &templates;
  vo.template_refs_must_resolve = true;
  vo.argo_version = options.argo_version;
  read_defaults(options.defaults, vo, sink, result);

  for (auto& r : read) {
    const SourceFile* previous = sink.set_file(r.file.get());
    for (auto& d : r.docs) {
      if (d.doc.is_null()) continue;  // an empty document ("---" at the end)
      std::string kind = d.doc.is_object() ? d.doc.value("kind", "") : "";
      if (options.entry.empty() && entry_for_kind(kind).empty()) {
        auto& w = sink.warning("W0801", d.spans.find("/kind").span,
                               kind.empty() ? std::string("document has no kind; not checked")
                                            : "'" + kind + "' is not a kind flowc lint checks (Workflow, WorkflowTemplate, "
                                                           "ClusterWorkflowTemplate, CronWorkflow)");
        w.file = r.file.get();
        continue;
      }
      ++result.documents;
      check_fields(d.doc, d.keys, options.argo_version, sink);
      const nlohmann::ordered_json* doc = &d.doc;
      nlohmann::ordered_json submitted;
      if (kind == "Workflow" && (!options.entrypoint.empty() || !options.parameters.empty())) {
        submitted = as_submitted(d.doc, options);
        doc = &submitted;
      }
      validate_document({doc, &d.spans, r.file.get()}, vo, sink);
      // The values the version's schema lists (E1053), after the validator,
      // which says some of it first. Not the required fields (E1052): Argo
      // accepts documents without some (version_schema.h).
      check_version_schema(d.doc, d.spans, options.argo_version, sink, r.file.get(), /*required=*/false);
    }
    sink.set_file(previous);
  }
  if (options.warnings_as_errors) sink.promote_warnings();
  result.ok = !sink.has_errors();
  result.diagnostics = sink.take();
  for (auto& r : read) result.files.push_back(r.file);
  for (auto& r : extra) result.files.push_back(r.file);
  // By file (in the order given), then by place.
  auto rank = [&](const SourceFile* f) {
    for (size_t i = 0; i < result.files.size(); ++i)
      if (result.files[i].get() == f) return i;
    return result.files.size();
  };
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    size_t ra = rank(a.file), rb = rank(b.file);
    return ra != rb ? ra < rb : a.span.begin < b.span.begin;
  });
  return result;
}

}  // namespace flowc
