// What the text around the cursor is, read from the text itself: the user is
// typing, and a half-written line (`V1Container(im`, `"{{inputs.par`) is
// often not yet a tree tree-sitter can say much about.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "diag/source.h"

namespace flowc::lsp {

// An Argo reference `{{ ... }}` in a string around the cursor.
struct ReferenceAt {
  std::string expression;  // text between the braces up to the cursor (completion) or all of it (hover), trimmed
  Span span;               // of `expression` in the text
  Span word;               // the last dotted segment (what completion replaces)
};
// The reference the cursor is in: up to the cursor (`whole` false), or the
// whole `{{...}}` (`whole` true, for hover and definition).
std::optional<ReferenceAt> reference_at(std::string_view text, uint32_t offset, bool whole);

// The identifier ending at (or, with `around`, holding) the cursor.
Span word_at(std::string_view text, uint32_t offset, bool around = false);

// The call whose argument list the cursor is in, at a keyword's place
// (right after `(` or `,`, maybe with a partly typed name).
struct CallAt {
  std::string callee;  // as written, e.g. "V1Container", "inputs.parameter", "dsl.V1Container"
  Span word;           // the partly typed keyword
  uint32_t open = 0;   // offset of the '('
};
std::optional<CallAt> keyword_place(std::string_view text, uint32_t offset);

// The dotted name typed before the word at the cursor: "self" for `self.ec|`.
std::string qualifier(std::string_view text, Span word);

// True when the word at the cursor follows an '@' (a decorator being typed).
bool after_at_sign(std::string_view text, Span word);

}  // namespace flowc::lsp
