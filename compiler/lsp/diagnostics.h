// Diagnostics of an open document: the driver's compile (Python) or lint
// (Argo YAML) on the document's text, under its real file name so that base
// classes imported from other files of the workspace resolve as they do for
// `flowc compile`; then each Diagnostic as LSP's, with its code, its notes
// (related information, or in the message when they have no place) and its
// fixes (kept in the diagnostic's `data`, which the client hands back with
// a code action request).
#pragma once
#include <nlohmann/json.hpp>

#include "lsp/document.h"

namespace flowc::lsp {

// The LSP Diagnostic[] of the document as it is now.
nlohmann::json diagnose(const Document& doc);

// True for a document flowc has diagnostics for: Python, or YAML that
// looks like an Argo document.
bool is_python(const std::string& uri, const std::string& language_id);
bool is_argo_yaml(const std::string& uri, const std::string& language_id, const std::string& text);

}  // namespace flowc::lsp
