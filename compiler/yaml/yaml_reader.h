// The YAML reader of `flowc import`: YAML text -> documents as Values (JSON
// shaped, with spans) and the comments with their places. Built on the
// tree-sitter YAML grammar because it keeps comments (yaml-cpp drops them);
// scalar semantics are flowc's own (yaml/scalar.h).
#pragma once
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/source.h"
#include "ir/value.h"

namespace flowc::yaml {

struct Comment {
  uint32_t offset;  // where '#' is
  std::string text; // without the '#' and the blank after it
  bool own_line;    // nothing but blanks before it on its line
};

struct Stream {
  std::vector<Value> documents;  // in file order; empty documents skipped
  std::vector<Comment> comments;  // in file order
};

// Syntax errors, bad escapes, unsupported tags: errors E1001..E1003; a repeated
// key is a warning (W1041), the last one kept.
Stream read(const SourceFile& file, DiagnosticSink& sink);

}  // namespace flowc::yaml
