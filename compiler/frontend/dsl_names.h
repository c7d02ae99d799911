// Which local names mean which DSL objects, from the module's imports.
//
//   from argo.workflows.dsl import Workflow          Workflow -> "Workflow"
//   from argo.workflows.dsl.tasks import *           task, parameter, ... -> themselves
//   import argo.workflows.dsl as dsl                 dsl.template -> "template"
//   from flowc.dsl import inputs as i                i.parameter -> "inputs.parameter"
//   import textwrap                                  textwrap.dedent -> "textwrap.dedent"
//   from typing import no_type_check                 no_type_check -> "typing.no_type_check"
//
// Resolution yields a canonical DSL name, or "" for anything else.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "parse/syntax_tree.h"

namespace flowc {

class DslNames {
 public:
  // Reads every import at module level (and only there).
  void read_imports(const SyntaxTree& tree, TSNode module, DiagnosticSink& sink);
  // Makes every DSL name visible as if `from flowc.dsl import *` were written
  // (notebook cells whose imports live in another cell).
  void import_all_dsl();

  // The canonical DSL name an expression refers to ("template",
  // "inputs.parameter", "V1Container", "textwrap.dedent"), or "".
  std::string resolve(const SyntaxTree& tree, TSNode expr) const;
  // True if `name` is a local binding made by an import (of anything).
  bool is_imported(std::string_view name) const { return bindings_.count(std::string(name)) > 0; }

  // For `from M import N as local`: ("M", "N"), M keeping its leading dots
  // if relative. Empty if `local` was not bound that way.
  std::pair<std::string, std::string> import_origin(const std::string& local) const;
  // The dotted path an imported name stands for, for `local.C.tpl(...)`
  // (issue 23): `import a.b` -> a: "a"; `import a.b as m` -> m: "a.b";
  // `from a import b` -> b: "a.b"; `from . import b` -> b: ".b". "" if
  // `local` is no import's (or the DSL's).
  std::string imported_path(const std::string& local) const;
  // The non-DSL modules of `from M import *` (whose names flowc does not
  // follow: a class used through one is reported, never guessed).
  const std::vector<std::string>& star_modules() const { return star_modules_; }
  // Whether an imported name is assigned again at module level (then it is no import's).
  bool is_rebound(const std::string& local) const { return rebound_.count(local) > 0; }

  // The module `expr` comes from when it is imported from one of the DSL's
  // modules, whatever the name (`dsl.Foo`, `from argo.workflows.dsl import
  // Foo`, a name a DSL star import might bind), else "". For class bases
  // that look like the DSL's but are not one of its workflow kinds.
  std::string dsl_module_of(const SyntaxTree& tree, TSNode expr) const;

  static bool is_dsl_module(std::string_view dotted);
  static bool is_model_name(std::string_view name);

 private:
  struct Binding {
    enum class Kind { Dsl, Module, Other } kind;
    std::string target;  // DSL name, or dotted module path
  };
  std::string resolve_dotted(std::string_view dotted) const;
  void note_rebinding(const SyntaxTree& tree, TSNode statement);
  std::unordered_map<std::string, Binding> bindings_;
  bool star_dsl_ = false;  // `from <dsl module> import *` seen: model names resolve too
  bool star_models_ = false;
  std::vector<std::string> star_modules_;
  std::unordered_set<std::string> rebound_;  // `from kubernetes.client import *`: model names only
};

}  // namespace flowc
