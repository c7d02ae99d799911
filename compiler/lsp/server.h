// The language server: JSON-RPC over a pair of streams (stdin/stdout for
// `flowc lsp`). Requests are answered in order from the documents as they
// are; diagnostics are computed after a quiet moment (debounced: typing does
// not compile on every key) and published per document.
#pragma once
#include <functional>
#include <istream>
#include <ostream>
#include <string>

#include "lsp/diagnostics.h"

namespace flowc::lsp {

struct ServerOptions {
  // How long a document must be left unchanged before it is compiled for
  // diagnostics. The client may set it with initializationOptions.debounceMs.
  int debounce_ms = 200;
  // The project settings of the file at a path (python-version,
  // requires-python, argo-version), asked before each compile so that an
  // edit to pyproject.toml counts at once. Unset: the defaults.
  std::function<FileSettings(const std::string& path)> settings_for;
};

// Serves until the client's `exit` notification or the end of `in`.
// Returns the process exit code LSP prescribes: 0 after shutdown, else 1.
// A thread reads `in`; it may still be blocked reading when serve() returns
// after `exit`, so `in` must outlive the process (stdin does).
int serve(std::istream& in, std::ostream& out, ServerOptions options = {});

}  // namespace flowc::lsp
