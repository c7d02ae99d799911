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
