// The frontend: DSL import resolution and reading classes into the IR.
#include <doctest/doctest.h>

#include "frontend/dsl_names.h"
#include "frontend/reader.h"

using namespace flowc;

namespace {
struct Read {
  SourceFile file;
  SyntaxTree tree;
  DiagnosticSink sink;
  Module module;
  explicit Read(std::string src) : file("t.py", std::move(src)), tree(file) { module = read_module(tree, {}, sink); }
};

std::string resolve_last(const std::string& src) {
  SourceFile file("t.py", src);
  SyntaxTree tree(file);
  DiagnosticSink sink;
  DslNames names;
  names.read_imports(tree, tree.root(), sink);
  TSNode root = tree.root();
  TSNode last = named_child(root, named_count(root) - 1);  // an expression statement
  return names.resolve(tree, named_child(last, 0));
}
}  // namespace

TEST_CASE("DSL names resolve through every import form") {
  CHECK(resolve_last("from argo.workflows.dsl import template\ntemplate") == "template");
  CHECK(resolve_last("from argo.workflows.sdk.tasks import *\nwith_items") == "with_items");
  CHECK(resolve_last("import argo.workflows.dsl as d\nd.inputs.parameter") == "inputs.parameter");
  CHECK(resolve_last("from flowc.dsl import inputs as i\ni.artifact") == "inputs.artifact");
  CHECK(resolve_last("import argo.workflows.dsl\nargo.workflows.dsl.task") == "task");
  CHECK(resolve_last("from argo.workflows.dsl.templates import *\nV1Container") == "V1Container");
  CHECK(resolve_last("from argo.workflows.client.models import V1EnvVar as Env\nEnv") == "V1EnvVar");
  CHECK(resolve_last("import textwrap\ntextwrap.dedent") == "textwrap.dedent");
  // @no_type_check on closures and scope functions: for type checkers only, skipped by the reader.
  CHECK(resolve_last("from typing import no_type_check\nno_type_check") == "typing.no_type_check");
  CHECK(resolve_last("import typing as t\nt.no_type_check") == "typing.no_type_check");
  CHECK(resolve_last("import typing_extensions\ntyping_extensions.no_type_check") == "typing.no_type_check");
  CHECK(resolve_last("from mylib import no_type_check\nno_type_check") == "");
  CHECK(resolve_last("from mylib import template\ntemplate") == "");
  CHECK(resolve_last("template") == "");
}

TEST_CASE("a workflow class becomes IR: templates, tasks, dependencies") {
  Read r(R"(from flowc.dsl import *

class Flow(Workflow):
    parallelism = 2

    @task
    @parameter(name="m", value="x")
    def first_task(self, m):
        return self.echo(m=m)

    @task
    @dependencies(["first_task"])
    def second(self):
        return self.echo(m="literal")

    @template
    @inputs.parameter(name="m")
    def echo(self, m) -> V1Container:
        return V1Container(image="alpine")

    def helper(self):
        pass
)");
  REQUIRE(r.sink.all().empty());
  REQUIRE(r.module.workflows.size() == 1);
  const Workflow& wf = r.module.workflows[0];
  CHECK(wf.name == "flow");
  CHECK(wf.spec.get("parallelism")->integer == 2);
  REQUIRE(wf.tasks.size() == 2);
  CHECK(wf.tasks[0].name == "first-task");
  CHECK(wf.tasks[0].template_name == "echo");
  CHECK(wf.tasks[0].parameters.items.size() == 1);
  CHECK(wf.tasks[1].dependencies[0].task == "first_task");
  CHECK(wf.tasks[1].parameters.items[0].get("value")->text == "literal");
  REQUIRE(wf.templates.size() == 1);
  CHECK(wf.templates[0].body_key == "container");
  CHECK(wf.templates[0].input_parameters.items.size() == 1);
}

TEST_CASE("classes that are not workflows are ignored; subclasses inherit") {
  Read r(R"(from flowc.dsl import *

class NotAWorkflow:
    @template
    def x(self): pass

class Base(Workflow):
    entrypoint = "a"
    @template
    def a(self) -> V1Container:
        return V1Container(image="one")

class Child(Base):
    @template
    def a(self) -> V1Container:
        return V1Container(image="two")
)");
  REQUIRE(r.sink.all().empty());
  REQUIRE(r.module.workflows.size() == 2);
  CHECK(r.module.workflows[1].class_name == "Child");
  REQUIRE(r.module.workflows[1].templates.size() == 1);
  CHECK(r.module.workflows[1].templates[0].body.get("image")->text == "two");
  CHECK(r.module.workflows[1].spec.get("entrypoint")->text == "a");
}
