#include "driver/compile.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>

#include "backend/argo/argo_backend.h"
#include "backend/peak/peak_backend.h"
#include "emit/yaml_writer.h"
#include "frontend/module_paths.h"
#include "frontend/reader.h"
#include "frontend/version_rules.h"
#include "ir/json_text.h"
#include "ir/value_budget.h"
#include "driver/python_source.h"
#include "parse/python_rules.h"
#include "parse/syntax_tree.h"
#include "passes/closure.h"
#include "passes/dag.h"
#include "passes/references.h"
#include "validate/validate.h"
#include "validate/version_schema.h"

#ifndef FLOWC_VERSION
#define FLOWC_VERSION "0.0.0"
#endif

namespace flowc {

const char* version() { return FLOWC_VERSION; }

namespace {

}  // namespace

// A BOM is dropped and CRLF / lone CR become LF, as Python's reader does.
std::string normalize_source(std::string s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.erase(0, 3);
  if (s.find('\r') == std::string::npos) return s;
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

namespace {

// Loads base classes from other files of the compiled tree: `from .base
// import Base` next to the compiled file reads base.py beside it; `from
// pkg.base import Base` reads pkg/base.py below the compiled file's folder.
// Each module is read once, with the same checks as the compiled file; its
// closures are assembled there, with its own scopes.
// Each imported module is read by a nested read_module(): bound the nesting.
constexpr size_t kMaxImportDepth = 64;

class FileLoader : public ModuleLoader {
 public:
  FileLoader(const std::string& compiled, ValueBudget* budget, const std::map<std::string, std::string>* unsaved)
      : budget_(budget), unsaved_(unsaved) {
    namespace fs = std::filesystem;
    if (!compiled.empty() && compiled.front() != '<') {
      enabled_ = true;
      dir_ = fs::path(compiled).parent_path();
      std::error_code ec;
      stack_.push_back(fs::weakly_canonical(fs::path(compiled), ec).string());
    }
  }

  std::vector<std::shared_ptr<const SourceFile>> files;  // kept for rendering diagnostics
  mutable std::vector<std::string> probes;  // paths looked at (CompileResult::import_probes)
  ArgoVersion argo_version;  // imported modules are read for the same version
  PythonVersion python_version;  // ... and as the same Python

  // The file of `module` in the compiled tree, or "" (not a module of this
  // tree, or compiling a string: no folder to import from).
  std::string module_file(const std::string& module) const override {
    if (!enabled_) return "";
    return find_module_file(dir_, module, [this](const std::filesystem::path& p) { return probe(p); });
  }

  bool reads_files() const override { return enabled_; }

  const Workflow* keep(const Workflow& wf) override {
    for (auto& k : kept_)
      if (k.class_name == wf.class_name && k.span.begin == wf.span.begin) return &k;
    kept_.push_back(wf);  // a deque: earlier copies stay where they are
    return &kept_.back();
  }

  // Whether `path` is a regular file; recorded, found or not.
  bool probe(const std::filesystem::path& path) const {
    std::string p = path.string();
    if (std::find(probes.begin(), probes.end(), p) == probes.end()) probes.push_back(p);
    if (unsaved_text(path)) return true;
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
  }

  const Workflow* load_class(const std::string& module, const std::string& name, Span at,
                             DiagnosticSink& sink) override {
    namespace fs = std::filesystem;
    std::string file = module_file(module);
    if (file.empty()) return nullptr;  // not a module of this tree
    fs::path path = file;
    std::error_code ec;
    std::string key = fs::weakly_canonical(path, ec).string();
    if (std::find(stack_.begin(), stack_.end(), key) != stack_.end()) {
      sink.error("E0212", at, "circular import: '" + module + "' imports, directly or not, the module importing it");
      return nullptr;
    }
    Loaded* mod = nullptr;
    for (auto& m : loaded_)
      if (m->key == key) mod = m.get();
    if (!mod && stack_.size() >= kMaxImportDepth) {
      sink.error("E0007", at, "imports of base classes nest more than " + std::to_string(kMaxImportDepth) + " files deep");
      return nullptr;
    }
    const std::string* unsaved = unsaved_text(path);
    if (!mod && (unsaved ? unsaved->size() : fs::file_size(path, ec)) > kMaxSourceBytes) {
      sink.error("E0006", at, "'" + path.string() + "' is larger than 64 MiB, the most flowc reads");
      return nullptr;
    }
    if (!mod) {
      std::string text;
      if (unsaved) {
        text = *unsaved;
      } else {
        std::ifstream in(path, std::ios::binary);
        text.assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      }
      auto loaded = std::make_unique<Loaded>();
      loaded->key = key;
      SourceText read = read_source_text(std::move(text), path.string());
      loaded->file = read.file;
      budget_->add_source(loaded->file->text().size());
      files.push_back(loaded->file);
      const SourceFile* previous = sink.set_file(loaded->file.get());
      stack_.push_back(key);
      loaded->tree = parse_python_source(read, python_version, sink);
      bool ok = loaded->tree != nullptr;
      if (ok) {
        ReadOptions ro;
        ro.argo_version = argo_version;
        ro.loader = this;
        ro.budget = budget_;
        loaded->module = read_module(*loaded->tree, ro, sink);
        for (auto& wf : loaded->module.workflows) wf.file = loaded->file.get();
        for (auto& wf : loaded->module.workflows)
          assemble_closures(*loaded->tree, wf, loaded->module.scopes, sink, budget_);
        // What a subclass inherits from these classes keeps pointing into this file.
        for (auto& wf : loaded->module.workflows) set_source_file(wf, loaded->file.get());
      }
      stack_.pop_back();
      sink.set_file(previous);
      loaded_.push_back(std::move(loaded));
      mod = loaded_.back().get();
    }
    for (auto& wf : mod->module.workflows)
      if (wf.class_name == name) return &wf;
    return nullptr;  // not a workflow class (or it failed, and said so)
  }

 private:
  // The editor's text of `path` if it is open there (lsp), else null.
  const std::string* unsaved_text(const std::filesystem::path& path) const {
    if (!unsaved_) return nullptr;
    auto it = unsaved_->find(path.lexically_normal().string());
    return it == unsaved_->end() ? nullptr : &it->second;
  }

  struct Loaded {
    std::string key;
    std::shared_ptr<SourceFile> file;
    std::unique_ptr<SyntaxTree> tree;
    Module module;
  };
  ValueBudget* budget_;  // one for the compile: modules read count too
  const std::map<std::string, std::string>* unsaved_;  // CompileOptions::unsaved_files
  bool enabled_ = false;
  std::filesystem::path dir_;  // the compiled file's folder ("" for the current one)
  std::vector<std::string> stack_;
  std::vector<std::unique_ptr<Loaded>> loaded_;
  std::deque<Workflow> kept_;  // keep(): classes of the compiled file that typed references call
};

// Argo's validator on the compiled documents (the Peak target is not
// validated: its document goes to Peak, not to Argo, and the Peak backend
// checks what Peak needs). The WorkflowTemplates of this compile are in scope
// for templateRef; others may exist in the cluster, so references to them are
// not checked.
void validate_compiled(const std::vector<nlohmann::ordered_json>& docs, const std::vector<SpanTable>& spans,
                       const std::vector<ReferencedTemplate>& referenced, const CompileOptions& options,
                       ArgoVersion argo_version, DiagnosticSink& sink) {
  TemplateSet templates;
  static const SpanTable kNoSpans;
  auto add = [&](const nlohmann::ordered_json& doc) {
    std::string kind = doc.value("kind", "");
    if (kind != "WorkflowTemplate" && kind != "ClusterWorkflowTemplate") return;
    const auto& meta = doc.contains("metadata") ? doc["metadata"] : nlohmann::ordered_json::object();
    (kind == "ClusterWorkflowTemplate" ? templates.cluster : templates.namespaced)
        .emplace(meta.value("name", ""), SourcedDocument{&doc, &kNoSpans, nullptr});
  };
  for (const auto& r : referenced) add(r.document);
  if (options.known_templates)
    for (const auto& doc : *options.known_templates) add(doc);
  if (options.project_templates) {
    for (const auto& doc : *options.project_templates) add(doc);
    templates.complete = true;  // the whole project is in scope
  }
  templates.external.insert(options.external_templates.begin(), options.external_templates.end());
  for (size_t i = 0; i < docs.size(); ++i) {
    std::string kind = docs[i].value("kind", "");
    std::string name = docs[i]["metadata"].value("name", "");
    if (kind == "WorkflowTemplate") templates.namespaced.emplace(name, SourcedDocument{&docs[i], &spans[i], nullptr});
    if (kind == "ClusterWorkflowTemplate") templates.cluster.emplace(name, SourcedDocument{&docs[i], &spans[i], nullptr});
  }
  ValidateOptions vo;
  vo.templates = &templates;
  vo.argo_version = argo_version;  // the document is in this version's shape
  for (size_t i = 0; i < docs.size(); ++i) {
    validate_document({&docs[i], &spans[i], nullptr}, vo, sink);
    // The version's schema: what it requires and its enums (issue 20: exit 0
    // once wrote a memoize cache 3.4-3.7 reject).
    check_version_schema(docs[i], spans[i], argo_version, sink);
  }
}

// The WorkflowTemplate classes of other modules that typed references call
// (frontend/template_refs.h), compiled: the validator looks their templates
// up as Argo would in the cluster, and `flowc run` can take them from here.
// A copy is resolved (the loader reads a module for its classes only; its own
// checks ran when it was read), once per class.
std::vector<ReferencedTemplate> referenced_templates(const Module& module) {
  std::vector<const Workflow*> seen;
  auto visit = [&](const Task& t) {
    if (t.ref_workflow && t.ref_workflow->file &&
        std::find(seen.begin(), seen.end(), t.ref_workflow) == seen.end())
      seen.push_back(t.ref_workflow);
  };
  for (const Workflow& wf : module.workflows) {
    for (const Task& t : wf.tasks) visit(t);
    for (const Template& tpl : wf.templates) {
      for (const Task& t : tpl.tasks) visit(t);
      for (const auto& group : tpl.steps)
        for (const Task& t : group) visit(t);
    }
  }
  std::vector<ReferencedTemplate> out;
  for (const Workflow* wf : seen) {
    Workflow copy = *wf;
    DiagnosticSink quiet;  // its diagnostics were reported when its module was read
    resolve_dag(copy, quiet);
    out.push_back({to_argo(copy), wf->file->name(), wf->class_name});
  }
  return out;
}

}  // namespace

std::string CompileResult::render_diagnostics() const {
  std::string out;
  for (const auto& d : diagnostics) out += render(d, *file);
  return out;
}

std::string format_document(const nlohmann::ordered_json& doc, const std::string& format) {
  return format == "json" ? json_text(doc, 2) + "\n" : to_yaml(doc);
}

namespace {

// The whole output from the documents' texts (each rendered once): YAML
// documents joined by "---", one JSON document as it is. Several JSON
// documents make one array, rendered anew (its members are indented deeper).
std::string join_documents(const std::vector<nlohmann::ordered_json>& docs, const std::vector<std::string>& texts,
                           const std::string& format) {
  if (format == "json" && docs.size() != 1) return format_documents(docs, format);
  std::string out;
  size_t size = 0;
  for (const auto& t : texts) size += t.size() + 4;
  out.reserve(size);
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i) out += "---\n";
    out += texts[i];
  }
  return out;
}

}  // namespace

std::string format_documents(const std::vector<nlohmann::ordered_json>& docs, const std::string& format) {
  if (format == "json") {
    if (docs.size() == 1) return json_text(docs[0], 2) + "\n";
    nlohmann::ordered_json all = docs;
    return json_text(all, 2) + "\n";
  }
  std::string out;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i) out += "---\n";
    out += to_yaml(docs[i]);
  }
  return out;
}

SyntaxCheckResult check_python_syntax(std::string source, const std::string& filename, PythonVersion version) {
  SyntaxCheckResult result;
  DiagnosticSink sink(1);  // the verdict needs one error
  if (source.size() > kMaxSourceBytes) {
    result.file = std::make_shared<SourceFile>(filename, std::string());
    sink.error("E0006", Span{0, 0}, "source is larger than 64 MiB, the most flowc reads");
  } else {
    SourceText read = read_source_text(std::move(source), filename);
    result.file = read.file;
    parse_python_source(read, version, sink);
  }
  result.ok = !sink.has_errors();
  result.diagnostics = sink.take();
  return result;
}

CompileResult compile(std::string source, const CompileOptions& options) {
  CompileResult result;
  DiagnosticSink sink(options.error_limit);
  // Spans are 32-bit offsets, and time and memory grow with the input (see
  // docs/limits.md): larger sources are refused before they are read.
  bool too_large = source.size() > kMaxSourceBytes;
  size_t size = source.size();
  if (too_large) source.clear();
  SourceText read = read_source_text(std::move(source), options.filename);
  auto file = read.file;
  result.file = file;

  auto finish = [&]() -> CompileResult& {
    if (options.warnings_as_errors) sink.promote_warnings();
    sink.sort();
    result.ok = !sink.has_errors();
    result.diagnostics = sink.take();
    if (!result.ok) {
      result.documents.clear();
      result.document_texts.clear();
      result.output.clear();
    }
    return result;
  };

  if (options.target != "argo" && options.target != "peak") {
    sink.error("E0005", Span{0, 0}, "unknown target '" + options.target + "' (argo or peak)");
    return finish();
  }
  // --- argo-version (issue 11): parsed once; the Peak target writes no Argo.
  ArgoVersion argo_version;
  if (!options.argo_version.empty() && options.target == "argo") {
    auto parsed = parse_argo_version(options.argo_version);
    if (!parsed) {
      sink.error("E0054", Span{0, 0},
                 "unknown Argo version '" + options.argo_version + "' (flowc writes for " + argo_version_list() + ")");
      return finish();
    }
    argo_version = *parsed;
  }
  // --- end argo-version
  if (too_large) {
    sink.error("E0006", Span{0, 0},
               "source is " + std::to_string(size) + " bytes; flowc reads at most " + std::to_string(kMaxSourceBytes) +
                   " bytes (64 MiB)");
    return finish();
  }
  // --- python-version (issue 20)
  PythonVersion python_version;
  if (!options.python_version.empty()) {
    auto parsed = parse_python_version(options.python_version);
    if (!parsed) {
      sink.error("E0043", Span{0, 0},
                 "unknown Python version '" + options.python_version + "' (flowc reads " + python_version_list() + ")");
      return finish();
    }
    python_version = *parsed;
  }
  // Normalizing changes a text with a BOM or a CR: then the previous tree is
  // not this text's (parse_python_source does not reuse it).
  auto tree = parse_python_source(read, python_version, sink, options.previous_tree);
  if (!tree) return finish();

  ValueBudget budget;  // what the compile may copy and build, in all files read (docs/limits.md)
  budget.add_source(file->text().size());
  FileLoader loader(options.load_imports ? options.filename : "<string>", &budget, options.unsaved_files);
  loader.argo_version = argo_version;
  loader.python_version = python_version;
  ReadOptions ropts;
  ropts.argo_version = argo_version;
  ropts.loader = &loader;
  ropts.budget = &budget;
  ropts.implicit_dsl = options.implicit_dsl;
  ropts.only_class = options.only_class;
  ropts.only_line = options.only_line;
  Module module = read_module(*tree, ropts, sink);
  result.imported_files = loader.files;
  result.import_probes = loader.probes;
  for (auto& wf : module.workflows) {
    resolve_dag(wf, sink);
    check_references(wf, sink);
    assemble_closures(*tree, wf, module.scopes, sink, &budget);
    dedupe_closures(wf);
    if (wf.kind == WorkflowKind::CronWorkflow) shape_schedules(wf.cron, argo_version, sink);  // argo-version
  }
  // Nothing below reads the syntax tree (the closures hold their source
  // now; their nodes are not used again). It is most of a compile's memory:
  // freed here, its pages hold the documents and the YAML instead of fresh
  // ones (page faults were a sixth of a 10,000-task compile's time).
  tree.reset();
  if (module.workflows.empty() && !sink.has_errors())
    sink.warning("W0001", Span{0, 0}, "no workflow classes found (classes that subclass Workflow from the DSL)");
  if (sink.has_errors()) return finish();

  if (options.target == "peak") {
    for (auto& wf : module.workflows)  // an Argo resource with no workflow in it
      if (wf.kind == WorkflowKind::WorkflowEventBinding)
        sink.error("E0220", wf.span, "Peak has no event bindings: compile WorkflowEventBinding '" + wf.class_name +
                                         "' with --target argo");
    if (sink.has_errors()) return finish();
    std::vector<nlohmann::ordered_json> files;
    for (auto& wf : module.workflows) {
      if (wf.kind == WorkflowKind::Manifest) {
        sink.error("E1030", wf.span, "class '" + wf.class_name + "' is a verbatim Kubernetes manifest, which Peak has no form for");
        continue;
      }
      PeakFile peak = to_peak(wf, to_argo(wf), sink);
      files.push_back(std::move(peak.file));
      result.documents.push_back(std::move(peak.dict));
      result.workflow_classes.push_back(wf.class_name);
      result.class_spans.push_back(wf.span);
      result.document_texts.push_back(format_document(files.back(), options.format));
    }
    result.output = join_documents(files, result.document_texts, options.format);
    return finish();
  }
  for (auto& wf : module.workflows) {
    result.documents.push_back(to_argo(wf));
    result.workflow_classes.push_back(wf.class_name);
    result.class_spans.push_back(wf.span);
  }
  result.referenced_templates = referenced_templates(module);
  if (options.validate) {
    // Where each field came from is needed only to report: validate without
    // spans first, and only if that finds something, again with them.
    std::vector<SpanTable> spans(module.workflows.size());
    DiagnosticSink scratch(options.error_limit);
    validate_compiled(result.documents, spans, result.referenced_templates, options, argo_version, scratch);
    if (!scratch.all().empty()) {
      std::vector<nlohmann::ordered_json> again;
      for (size_t i = 0; i < module.workflows.size(); ++i) again.push_back(to_argo(module.workflows[i], &spans[i]));
      validate_compiled(again, spans, result.referenced_templates, options, argo_version, sink);
    }
  }
  if (sink.has_errors()) return finish();
  // Each document is rendered once; the output joins those texts.
  for (auto& doc : result.documents) result.document_texts.push_back(format_document(doc, options.format));
  result.output = join_documents(result.documents, result.document_texts, options.format);
  return finish();
}

}  // namespace flowc
