// `flowc graph`: compile for Argo, then picture each document's DAG and
// steps templates (compiler/graph). One entry point for the CLI, the Python
// API and the notebook display.
#pragma once
#include <string>

#include "driver/compile.h"

namespace flowc {

inline constexpr const char* kGraphFormats[] = {"svg", "dot", "mermaid"};

// Compiles `source` with `options` (the target is always argo: the picture
// is of the Argo document) and replaces the output with the picture in
// `format` ("svg" | "dot" | "mermaid"). Diagnostics are the compile's.
CompileResult compile_graph(std::string source, CompileOptions options, const std::string& format);

}  // namespace flowc
