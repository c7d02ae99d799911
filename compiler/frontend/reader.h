// The frontend: reads a parsed module into the IR. Finds the DSL imports,
// module and class constants, workflow classes and their decorated methods,
// and evaluates the static parts (decorator arguments, template bodies).
#pragma once
#include "ir/argo_version.h"
#include <string>

#include "diag/diagnostic.h"
#include "ir/workflow.h"
#include "parse/syntax_tree.h"

namespace flowc {

// Gives the reader workflow classes defined in other files of the compiled
// tree (a base class imported with `from .base import Base`).
class ModuleLoader {
 public:
  virtual ~ModuleLoader() = default;
  // The workflow class `name` of `module` ("base", ".base", "..pkg.base"), or
  // null: not a local module (a third-party class), or an error was reported.
  virtual const Workflow* load_class(const std::string& module, const std::string& name, Span at,
                                     DiagnosticSink& sink) = 0;
  // The file that holds `module` in the compiled tree, or "".
  virtual std::string module_file(const std::string& module) const = 0;
  // False when compiling a string: no folder to import from.
  virtual bool reads_files() const = 0;
  // A copy of `wf` (a class of the compiled file that a typed reference
  // calls) that lives as long as the compile; null if the loader keeps none.
  virtual const Workflow* keep(const Workflow& wf) {
    (void)wf;
    return nullptr;
  }
};

struct ValueBudget;  // ir/value_budget.h

struct ReadOptions {
  ModuleLoader* loader = nullptr;
  // Treat every DSL name as imported (a notebook cell whose imports ran in
  // another cell).
  bool implicit_dsl = false;
  // Read only the workflow class with this name (empty: all of them).
  std::string only_class;
  // ... and only the module-level one whose lines (decorators included) hold
  // this line (0: any); flowc.compile(cls) finds a class by place, not name.
  uint32_t only_line = 0;
  // Bounds what evaluation and inheritance copy, shared by the files of one
  // compile (null: the reader's own).
  ValueBudget* budget = nullptr;
  // The Argo version compiled for (--argo-version): what fields exist, and
  // how renamed settings are written (frontend/version_rules.h).
  ArgoVersion argo_version;
};

Module read_module(const SyntaxTree& tree, const ReadOptions& options, DiagnosticSink& sink);

}  // namespace flowc
