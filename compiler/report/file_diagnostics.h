// The diagnostics of one input, with the file they were reported against: what
// every report format takes. Several of them make one run (one JSON or SARIF
// document for a whole `flowc compile a.py b.py`).
#pragma once
#include <vector>

#include "diag/diagnostic.h"

namespace flowc {

struct FileDiagnostics {
  const SourceFile* file = nullptr;  // the compiled (or linted) input
  std::vector<Diagnostic> diagnostics;
};

// The file a diagnostic's spans point into: its own (an imported module, a
// linted file) if it names one, else the input's.
inline const SourceFile& file_of(const Diagnostic& d, const FileDiagnostics& input) {
  return d.file ? *d.file : *input.file;
}

}  // namespace flowc
