// The answers of the language server's requests, each from the document's
// text, its tree and its outline (lsp/outline.h). One function per request;
// each in its own file (completion.cpp, hover.cpp, definition.cpp,
// symbols.cpp, code_actions.cpp). They return LSP JSON and never throw on
// any text: a half-typed file gives fewer answers, not errors.
#pragma once
#include <nlohmann/json.hpp>

#include "lsp/document.h"
#include "lsp/outline.h"
#include "lsp/template_variables.h"

namespace flowc::lsp {

class Workspace;  // lsp/workspace.h: classes of other files (null: this document only)

// CompletionList at `pos`.
nlohmann::json complete(const Document& doc, const Outline& outline, Position pos, Workspace* ws = nullptr);
// Hover or null.
nlohmann::json hover(const Document& doc, const Outline& outline, Position pos, Workspace* ws = nullptr);
// Location or null.
nlohmann::json definition(const Document& doc, const Outline& outline, Position pos, Workspace* ws = nullptr);
// DocumentSymbol[].
nlohmann::json document_symbols(const Document& doc, const Outline& outline);
// CodeAction[] for the diagnostics of a codeAction request's context.
nlohmann::json code_actions(const Document& doc, const nlohmann::json& params);

// Shared by the features.
Place place_at(const Outline& outline, uint32_t offset);
nlohmann::json range_json(const Document& doc, Span span);
// The class's members and those of its bases defined in the same file
// (nearest first), as the compiler resolves `self.<name>`.
std::vector<const Member*> members_with_bases(const Outline& outline, const ClassInfo& cls);
// The description of a model field or model as Markdown: type and Argo's text.
std::string field_markdown(const char* model, std::string_view python_keyword);
std::string model_markdown(std::string_view model);

}  // namespace flowc::lsp
