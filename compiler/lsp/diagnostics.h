// Diagnostics of an open document: the driver's compile (Python) or lint
// (Argo YAML) on the document's text, under its real file name so that base
// classes imported from other files of the workspace resolve as they do for
// `flowc compile`; then each Diagnostic as LSP's, with its code, its notes
// (related information, or in the message when they have no place) and its
// fixes (kept in the diagnostic's `data`, which the client hands back with
// a code action request).
#pragma once
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lsp/document.h"

namespace flowc::lsp {

// What the document's project says (its pyproject.toml, as `flowc compile`
// reads it: cli/project.h): the Python version it is read as and the Argo
// version it is checked for ("": the defaults); `error`: the project's
// setting is broken (a diagnostic on the document's first line says so).
struct FileSettings {
  std::string python_version;
  std::string argo_version;
  std::string error;
};

// The LSP Diagnostic[] of the document as it is now, under `settings`. `unsaved`: the texts of
// the other open documents by path (an imported module is read from there);
// `dependencies`, if given, gets every path the compile read or looked for
// (imported base classes and WorkflowTemplates): when one of them changes,
// the document's diagnostics are due again (issue 23).
nlohmann::json diagnose(const Document& doc, const std::map<std::string, std::string>* unsaved = nullptr,
                        std::vector<std::string>* dependencies = nullptr, const FileSettings& settings = {});

// True for a document flowc has diagnostics for: Python, or YAML that
// looks like an Argo document.
bool is_python(const std::string& uri, const std::string& language_id);
bool is_argo_yaml(const std::string& uri, const std::string& language_id, const std::string& text);

}  // namespace flowc::lsp
