// The driver: source text in, documents and diagnostics out. The one entry
// point the CLI, the Python API and the notebook helpers all go through.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <tree_sitter/api.h>

#include "diag/diagnostic.h"
#include "diag/source.h"
#include "parse/python_version.h"

namespace flowc {

// The largest source compile() reads (docs/limits.md); larger is error E0006.
inline constexpr size_t kMaxSourceBytes = size_t{64} << 20;

struct CompileOptions {
  std::string filename = "<string>";
  std::string target = "argo";  // "argo" | "peak"
  std::string format = "yaml";  // "yaml" | "json"
  bool implicit_dsl = false;    // every DSL name visible without imports (notebooks)
  std::string only_class;       // compile just this workflow class
  uint32_t only_line = 0;       // ... the module-level one whose lines hold this line (0: any)
  bool warnings_as_errors = false;
  // Read base classes imported from files beside `filename` (compiling a
  // file); off when compiling a string, which has no folder.
  bool load_imports = false;
  size_t error_limit = 50;
  // Run the validation stage (compiler/validate) on Argo documents; off only
  // to measure its cost.
  bool validate = true;
  // --- argo-version (issue 11) ---
  // The Argo version to write for, "X.Y" as the user gave it ("" : the newest,
  // 4.1). The driver parses it (an unknown one is error E0054) and hands the
  // parsed ArgoVersion to the frontend; a document-level check (validator,
  // lint) must take its rules from the same version. The Peak target ignores it.
  std::string argo_version;
  // --- python-version (issue 20): the Python the source is read as, "X.Y"
  // ("" : the newest, 3.14; parse/python_version.h). Unknown: error E0043.
  // Syntax newer than it is error E0041, as that Python's compile() refuses it.
  std::string python_version;
  // --- lsp (issue 15): an earlier tree-sitter tree of this source, with the
  // edits since applied (ts_tree_edit): the parse reuses its unchanged parts.
  // The language server passes the tree it keeps per open document. Used only
  // when the source needs no normalizing (no BOM, no CR), so its offsets are
  // the tree's. Not taken over; may be null.
  const TSTree* previous_tree = nullptr;
  // --- project-wide checks (issue 23)
  // WorkflowTemplate / ClusterWorkflowTemplate names deployed elsewhere
  // ([tool.flowc] external-templates, --external-template): a templateRef or
  // workflowTemplateRef to one that is not in scope is a note.
  std::vector<std::string> external_templates;
  // The WorkflowTemplates defined by the other inputs of a project-wide
  // compile (compiled documents; cli/project_templates.h): in scope for
  // templateRef, and then the set is complete: a reference to any other name
  // is an error. Null: a compile of one file, where others may exist in the cluster.
  const std::vector<nlohmann::ordered_json>* project_templates = nullptr;
  // WorkflowTemplates known to exist but not the whole set (the language
  // server's: those of the document's folder, Python or YAML): a reference to
  // one is checked against it, a reference to another is not (it may be in
  // the cluster).
  const std::vector<nlohmann::ordered_json>* known_templates = nullptr;
  // --- lsp (issue 23): the texts of files open in the editor, by absolute
  // path (lexically normal): an imported module that is open is read from
  // here, unsaved edits included, so its callers' diagnostics follow them.
  const std::map<std::string, std::string>* unsaved_files = nullptr;
};

// A WorkflowTemplate of another module that a typed reference calls (issue 23).
struct ReferencedTemplate {
  nlohmann::ordered_json document;  // compiled, as `flowc compile` of its file writes it
  std::string file;                 // the module it was read from
  std::string class_name;
};

struct CompileResult {
  bool ok = false;
  // One per workflow class. Argo: the manifests. Peak: the files' content,
  // {"body": ...}, with placeholders as written and no Jinja escaping (the
  // SDK's create_workflow() takes documents[i]["body"] as it is).
  std::vector<nlohmann::ordered_json> documents;
  std::vector<std::string> document_texts;    // each document alone, in the requested format
  std::vector<std::string> workflow_classes;  // one per document
  // One per document, the class's name in the source.
  std::vector<Span> class_spans;
  std::string output;                         // documents in the requested format
  std::vector<Diagnostic> diagnostics;        // sorted by position
  std::shared_ptr<const SourceFile> file;     // for rendering the diagnostics
  std::vector<std::shared_ptr<const SourceFile>> imported_files;  // modules read for base classes
  // Every path the import loader looked at for a module, found or not (in the
  // order looked at, once each): the content cache (compiler/batch) checks
  // each again, so a base-class file that changes, appears or disappears
  // makes the cached result stale.
  std::vector<std::string> import_probes;
  // The WorkflowTemplates typed references call (`return Shared.echo(...)`),
  // compiled: what `flowc run` needs to resolve their templateRefs without --templates.
  std::vector<ReferencedTemplate> referenced_templates;

  std::string render_diagnostics() const;
};

CompileResult compile(std::string source, const CompileOptions& options);

// Only the syntax verdict: the bytes read, parsed and checked as compile() of
// Python `version` reads them (driver/python_source.h), nothing of the DSL.
// For the comparison with CPython on real code (scripts/compare_cpython.py).
struct SyntaxCheckResult {
  bool ok = false;
  std::vector<Diagnostic> diagnostics;
  std::shared_ptr<const SourceFile> file;
};
SyntaxCheckResult check_python_syntax(std::string source, const std::string& filename, PythonVersion version);

// Documents -> text: YAML documents separated by "---", or JSON (an object
// for one document, an array for several).
std::string format_documents(const std::vector<nlohmann::ordered_json>& docs, const std::string& format);
// One document alone: format_documents({doc}, format) without copying it.
std::string format_document(const nlohmann::ordered_json& doc, const std::string& format);

const char* version();

// What compile() does to the source before reading it: a UTF-8 BOM dropped,
// CRLF and lone CR made LF (as Python's reader does). Diagnostics' offsets
// are into this text.
std::string normalize_source(std::string source);

}  // namespace flowc
