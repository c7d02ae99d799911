// argo-python-dsl compatibility in the frontend: class members
// (frontend/class_members), class bases (frontend/class_bases), template call
// arguments (frontend/template_call, passes/arguments), event bindings
// (frontend/event_binding), model modules (frontend/dsl_names) and client
// keyword spellings (frontend/models).
#include <doctest/doctest.h>

#include <algorithm>

#include "frontend/class_members.h"
#include "frontend/dsl_names.h"
#include "frontend/models.h"
#include "frontend/reader.h"
#include "passes/arguments.h"
#include "passes/dag.h"

using namespace flowc;

namespace {
struct Read {
  SourceFile file;
  SyntaxTree tree;
  DiagnosticSink sink;
  Module module;
  explicit Read(std::string src) : file("t.py", std::move(src)), tree(file) { module = read_module(tree, {}, sink); }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (auto& d : sink.all()) out.push_back(d.code);
    return out;
  }
};

std::string resolve_last(const std::string& src) {
  SourceFile file("t.py", src);
  SyntaxTree tree(file);
  DiagnosticSink sink;
  DslNames names;
  names.read_imports(tree, tree.root(), sink);
  TSNode root = tree.root();
  TSNode last = named_child(root, named_count(root) - 1);
  return names.resolve(tree, named_child(last, 0));
}

const char* kHeader = "from flowc.dsl import *\n";
}  // namespace

TEST_CASE("models resolve through an imported module of models") {
  CHECK(resolve_last("from argo.workflows import models\nmodels.V1Volume") == "V1Volume");
  CHECK(resolve_last("import argo.workflows.client.models as m\nm.V1Volume") == "V1Volume");
  CHECK(resolve_last("from argo.workflows.client import models\nmodels.V1Probe") == "V1Probe");
  CHECK(resolve_last("from kubernetes import client\nclient.V1Volume") == "V1Volume");
  CHECK(resolve_last("from kubernetes.client import V1Probe\nV1Probe") == "V1Probe");
  CHECK(resolve_last("from kubernetes.client.models import *\nV1Probe") == "V1Probe");
  CHECK(resolve_last("from kubernetes.client.models import *\nWorkflow") == "");  // models only
  CHECK(resolve_last("from argo.workflows import models\nmodels.helper") == "");
}

TEST_CASE("the SDK's arguments namespace names the argument decorators") {
  CHECK(resolve_last("from argo.workflows.sdk.tasks import *\narguments.parameter") == "parameter");
  CHECK(resolve_last("from argo.workflows.sdk.tasks import arguments\narguments.artifact") == "artifact");
}

TEST_CASE("the clients' escaped keywords name the field") {
  const models::Model* probe = models::find_model("V1Probe");
  REQUIRE(probe);
  REQUIRE(models::find_keyword(*probe, "_exec"));
  CHECK(std::string(models::find_keyword(*probe, "_exec")->json) == "exec");
  CHECK(models::find_keyword(*probe, "exec"));
  CHECK_FALSE(models::find_keyword(*probe, "_period_seconds"));  // only the words the clients escape
  // The only other keyword the Argo 4.0.1 client spells differently from
  // flowc's table (checked against its attribute_map): ArchiveStrategy's none.
  const models::Model* archive = models::find_model("V1alpha1ArchiveStrategy");
  REQUIRE(archive);
  CHECK(models::find_keyword(*archive, "_none"));
  CHECK(models::find_keyword(*archive, "none"));
}

TEST_CASE("positional arguments are named by the template's parameters") {
  Read r(std::string(kHeader) + R"(
class W(Workflow):
    @task
    def a(self):
        return self.pair("x", "y")

    @template
    def pair(self, first, second) -> V1Container:
        return V1Container(image="alpine")
)");
  REQUIRE(r.module.workflows.size() == 1);
  Workflow& wf = r.module.workflows[0];
  CHECK(wf.templates[0].params == std::vector<std::string>{"first", "second"});
  REQUIRE(wf.tasks[0].positional.size() == 2);
  resolve_dag(wf, r.sink);
  CHECK_FALSE(r.sink.has_errors());
  auto& items = wf.tasks[0].parameters.items;
  REQUIRE(items.size() == 2);
  CHECK(items[0].get("name")->text == "first");
  CHECK(items[1].get("value")->text == "y");
  CHECK(wf.tasks[0].positional.empty());
}

TEST_CASE("too many positional arguments is an error") {
  Task t;
  t.positional.resize(2);
  Template tpl;
  tpl.method = "echo";
  tpl.params = {"message"};
  DiagnosticSink sink;
  CHECK_FALSE(bind_positional_arguments(t, tpl, sink));
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].code == "E0214");
}

TEST_CASE("properties, static and class methods and helpers are ignored") {
  Read r(std::string(kHeader) + R"(
class W(Workflow):
    entrypoint = "echo"

    @property
    def id(self):
        return 1

    @id.setter
    def id(self, v):
        pass

    @staticmethod
    def s():
        return 2

    @classmethod
    def c(cls):
        return 3

    def helper(self):
        return 4

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine")
)");
  CHECK(r.codes().empty());
  REQUIRE(r.module.workflows.size() == 1);
  CHECK(r.module.workflows[0].templates.size() == 1);
}

TEST_CASE("the later of two members with one name wins, with a warning") {
  Read r(std::string(kHeader) + R"(
class W(Workflow):
    entrypoint = "clone"

    @task
    def clone(self):
        return self.clone()

    @template
    def clone(self) -> V1Container:
        return V1Container(image="git")
)");
  CHECK(r.codes() == std::vector<std::string>{"W0202"});
  REQUIRE(r.module.workflows.size() == 1);
  CHECK(r.module.workflows[0].tasks.empty());
  CHECK(r.module.workflows[0].templates.size() == 1);
}

TEST_CASE("an __init__ that sets a field is an error; one that calls the base's is not") {
  Read bad(std::string(kHeader) + R"(
class W(Workflow):
    def __init__(self):
        super().__init__()
        self.spec.parallelism = 2
)");
  CHECK(bad.codes() == std::vector<std::string>{"E0213"});
  Read good(std::string(kHeader) + R"(
class W(WorkflowTemplate):
    def __init__(self, *a, **kw):
        """Doc."""
        super().__init__(*a, **kw)
)");
  CHECK(good.codes().empty());
}

TEST_CASE("WorkflowEventBinding is a kind; a DSL-looking base that is not one is an error") {
  Read ok(std::string(kHeader) + R"(
class OnPush(WorkflowEventBinding):
    event = V1alpha1Event(selector="true")
    submit = {"workflowTemplateRef": {"name": "build"}}
)");
  CHECK(ok.codes().empty());
  REQUIRE(ok.module.workflows.size() == 1);
  CHECK(ok.module.workflows[0].kind == WorkflowKind::WorkflowEventBinding);
  CHECK(ok.module.workflows[0].spec.get("event"));

  Read typo("import argo.workflows.dsl as dsl\nclass W(dsl.WorkflowTemplat):\n    pass\n");
  CHECK(typo.codes() == std::vector<std::string>{"E0216"});

  Read missing("from flowc.dsl import *\nfrom base import Base\nclass W(Base):\n    @template\n    def t(self):\n"
               "        return V1Container(image='a')\n");
  CHECK(missing.codes() == std::vector<std::string>{"E0217"});

  Read unrelated("from pydantic import BaseModel\nclass Settings(BaseModel):\n    x: int = 1\n");
  CHECK(unrelated.codes().empty());
  CHECK(unrelated.module.workflows.empty());
}
