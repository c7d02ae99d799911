// flowc-lsp-dev: runs the language server on stdin/stdout until the native
// `flowc lsp` subcommand exists (compiler/cli); removed then.
#include <cstdlib>
#include <iostream>

#include "lsp/server.h"

int main() {
  std::ios::sync_with_stdio(false);
  int code = flowc::lsp::serve(std::cin, std::cout);
  // The reader thread may be blocked reading stdin: end without running
  // static destructors under it (std::cin's among them).
  std::cout.flush();
  std::_Exit(code);
}
