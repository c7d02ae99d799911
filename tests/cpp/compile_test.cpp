#include <doctest/doctest.h>

#include "driver/compile.h"

using namespace flowc;

namespace {
CompileResult run(const std::string& src) {
  CompileOptions o;
  o.filename = "wf.py";
  return compile(src, o);
}
}  // namespace

TEST_CASE("hello world compiles") {
  auto r = run(R"(from argo.workflows.dsl import Workflow, template
from argo.workflows.dsl.templates import V1Container

class HelloWorld(Workflow):
    entrypoint = "whalesay"

    @template
    def whalesay(self) -> V1Container:
        container = V1Container(
            image="docker/whalesay:latest",
            name="whalesay",
            command=["cowsay"],
            args=["hello world"],
        )
        return container
)");
  CHECK(r.render_diagnostics() == "");
  REQUIRE(r.ok);
  auto& d = r.documents.at(0);
  CHECK(d["metadata"]["generateName"] == "hello-world-");
  CHECK(d["spec"]["entrypoint"] == "whalesay");
  CHECK(d["spec"]["templates"][0]["container"]["args"][0] == "hello world");
}

TEST_CASE("numbers given where Argo wants text keep their value") {
  auto r = run(R"(from flowc.dsl import *

class W(Workflow):
    entrypoint = "e"

    @template
    @inputs.parameter(name="tiny", value=1e-7)
    @inputs.parameter(name="ratio", default=0.1)
    def e(self, tiny, ratio) -> V1Container:
        return V1Container(image="a", resources={"requests": {"cpu": 0.25, "memory": 1e-7}})
)");
  REQUIRE(r.ok);
  auto& t = r.documents.at(0)["spec"]["templates"][0];
  CHECK(t["inputs"]["parameters"][0]["value"] == "1e-07");
  CHECK(t["inputs"]["parameters"][1]["default"] == "0.1");
  CHECK(t["container"]["resources"]["requests"]["cpu"] == "0.25");
  CHECK(t["container"]["resources"]["requests"]["memory"] == "1e-07");
}
