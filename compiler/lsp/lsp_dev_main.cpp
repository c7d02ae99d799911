// flowc-lsp-dev: runs the language server on stdin/stdout until the native
// `flowc lsp` subcommand exists (compiler/cli); removed then.
#include <iostream>

#include "lsp/server.h"

int main() {
  std::ios::sync_with_stdio(false);
  return flowc::lsp::serve(std::cin, std::cout);
}
