// The passes: DAG resolution and checks, closure assembly.
#include <doctest/doctest.h>

#include "frontend/reader.h"
#include "passes/closure.h"
#include "passes/dag.h"

using namespace flowc;

namespace {
struct Run {
  SourceFile file;
  SyntaxTree tree;
  DiagnosticSink sink;
  Module module;
  explicit Run(std::string src) : file("t.py", std::move(src)), tree(file) {
    module = read_module(tree, {}, sink);
    for (auto& wf : module.workflows) {
      resolve_dag(wf, sink);
      assemble_closures(tree, wf, module.scopes, sink);
    }
  }
  std::string messages() const {
    std::string out;
    for (auto& d : sink.all()) out += d.code + " " + d.message + "\n";
    return out;
  }
};

std::string chain(int n) {
  std::string src = "from flowc.dsl import *\nclass C(Workflow):\n";
  for (int i = 0; i < n; ++i) {
    src += "    @task\n";
    src += "    @dependencies([\"t" + std::to_string((i + 1) % n) + "\"])\n";
    src += "    def t" + std::to_string(i) + "(self):\n        return self.e()\n";
  }
  src += "    @template\n    def e(self) -> V1Container:\n        return V1Container(image='a')\n";
  return src;
}
}  // namespace

TEST_CASE("dependencies are resolved by task or method name; implicit ones are added with a warning") {
  Run r(R"(from flowc.dsl import *
class W(Workflow):
    @task
    def make_it(self):
        return self.e()
    @task
    @dependencies(["make_it"])
    def use_it(self):
        return self.e(x="{{tasks.make-it.outputs.result}}")
    @task
    def late(self):
        return self.e(x="{{tasks.use-it.outputs.result}}")
    @template
    @inputs.parameter(name="x", default="")
    def e(self, x) -> V1Container:
        return V1Container(image="a")
)");
  CHECK(r.messages() == "W0301 task 'late' uses an output of 'use-it' without depending on it; adding the dependency\n");
  auto& tasks = r.module.workflows[0].tasks;
  CHECK(tasks[1].dependencies[0].task == "make-it");
  REQUIRE(tasks[2].implicit_dependencies.size() == 1);
  CHECK(tasks[2].implicit_dependencies[0].task == "use-it");
}

TEST_CASE("a cycle is reported once, with its path") {
  Run r(chain(3));
  CHECK(r.messages() == "E0304 dependency cycle: t0 -> t1 -> t2 -> t0\n");
}

TEST_CASE("a long dependency cycle does not exhaust the stack") {
  Run r(chain(20000));
  REQUIRE(r.sink.error_count() == 1);
  CHECK(r.sink.all()[0].code == "E0304");
}

TEST_CASE("closure source: body dedented, scopes injected, imports hoisted, docstring kept") {
  Run r(R"(from flowc.dsl import *
class W(Workflow):
    entrypoint = "go"
    @scope(name="s")
    def f():
        import os
        return os.sep
    @closure(image="python", scope="s")
    def go(s):
        """doc"""
        import sys
        from os import path
        from os import sep
        print(s.f(), sys, path, sep)
)");
  REQUIRE(r.sink.all().empty());
  CHECK(r.module.workflows[0].templates[0].closure->source ==
        "import os\n"
        "import sys\n"
        "\n"
        "from os import path, sep\n"
        "class s:\n"
        "    \"\"\"Scoped objects injected from scope 's'.\"\"\"\n"
        "    @staticmethod\n"
        "    def f():\n"
        "        return os.sep\n"
        "\"\"\"doc\"\"\"\n"  // the docstring stays, as argo-python-dsl keeps it
        "print(s.f(), sys, path, sep)");
}
