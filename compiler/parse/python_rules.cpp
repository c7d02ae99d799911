#include "parse/python_rules.h"

#include "parse/python_rules/walk.h"

namespace flowc {

size_t check_python_rules(const SyntaxTree& tree, DiagnosticSink& sink, PythonVersion version) {
  return python_rules::RuleWalk(tree, sink, version).run();
}

}  // namespace flowc
