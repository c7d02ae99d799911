#include <doctest/doctest.h>

#include "backend/argo/argo_backend.h"
#include "backend/peak/peak_backend.h"
#include "driver/compile.h"

using namespace flowc;

namespace {
// Compiles for Argo, adds Argo task fields the frontend may not read yet, then maps to Peak.
std::pair<Document, std::string> with_task_fields(const std::string& field, const std::string& value) {
  const char* src = R"(from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    @task
    def a(self):
        return self.make()

    @task
    def b(self):
        return self.make()

    @template
    @outputs.parameter(name="out", value_from={"path": "/tmp/out"})
    def make(self) -> V1Container:
        return V1Container(image="alpine", command=["date"])
)";
  CompileOptions o;
  o.filename = "wf.py";
  auto r = compile(src, o);
  REQUIRE(r.ok);
  Document argo = r.documents[0];
  argo["spec"]["templates"][0]["dag"]["tasks"][1][field] = Document::parse(value);
  // The IR again, for to_peak's places and settings.
  o.target = "peak";
  auto p = compile(src, o);
  REQUIRE(p.ok);
  DiagnosticSink sink;
  Workflow wf;  // spans are not needed for these checks: an empty IR with the settings
  wf.name = "w";
  Value set = Value::dict();
  set.set("image_id", Value::of_int(1));
  wf.extensions.set("peak.workflow", set);
  Document out = to_peak(wf, argo, sink).dict;
  std::string msgs;
  for (auto& d : sink.all()) msgs += d.message + "\n";
  return {out, msgs};
}
}  // namespace

TEST_CASE("peak: when and depends on a task, and loops, read from the Argo document") {
  auto [doc, msgs] = with_task_fields("when", R"("{{tasks.a.outputs.parameters.out}} == done")");
  CHECK(msgs == "");
  auto& b = doc["body"]["steps"]["b"];
  CHECK(b["parents"].dump() == R"(["a"])");
  CHECK(b["executionParameters"].dump() ==
        R"({"conditional":[{"condition":"equals","paramName":"out","stepName":"a","value":"done"}]})");

  auto [doc2, msgs2] = with_task_fields("depends", R"("a.Failed")");
  CHECK(msgs2 == "");
  CHECK(doc2["body"]["steps"]["b"]["executionParameters"].dump() ==
        R"({"parentStatus":[{"condition":"one-of","parents":["a"],"status":["failure"]}]})");

  auto [doc3, msgs3] = with_task_fields("withItems", R"([1, 2])");
  CHECK(msgs3 == "the loop 'withItems' of task 'b' has no equivalent in a Peak workflow (target peak)\n");
  auto [doc4, msgs4] = with_task_fields("depends", R"("a.Daemoned")");
  CHECK(msgs4 == "'depends' of task 'b' cannot be written in Peak: 'a.Daemoned' (Peak knows a parent's success and failure only)\n");
  auto [doc5, msgs5] = with_task_fields("when", R"("{{tasks.zz.outputs.parameters.out}} == x")");
  CHECK(msgs5 == "the condition of task 'b' names unknown task 'zz'\n");
  auto [doc6, msgs6] = with_task_fields("continueOn", R"({"failed": true})");
  CHECK(msgs6 == "field 'continueOn' of task 'b' has no equivalent in a Peak workflow (target peak)\n");
}

TEST_CASE("peak: to_peak hands over finished documents: the file for the writers, the body for the SDK") {
  const char* src = R"(from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id="{{ image_id }}")
class W(Workflow):
    entrypoint = "run"

    @template
    def run(self) -> V1Container:
        return V1Container(image="alpine", command=["echo", "{{ who }}", "{{.Go}}"])
)";
  CompileOptions o;
  o.filename = "wf.py";
  o.target = "peak";
  auto r = compile(src, o);
  REQUIRE(r.ok);
  // The body keeps the placeholders as written, as strings.
  CHECK(r.documents[0]["body"]["steps"]["run"]["imageId"] == "{{ image_id }}");
  CHECK(r.documents[0]["body"]["steps"]["run"]["command"] == "echo '{{ who }}' '{{.Go}}'");
  // The file: the number field's placeholder unquoted, other braces escaped for Jinja.
  CHECK(r.output.find("imageId: {{ image_id }}\n") != std::string::npos);
  CHECK(r.output.find("command: echo '{{ who }}' '{% raw %}{{{% endraw %}.Go}}'\n") != std::string::npos);
  o.format = "json";
  CHECK(compile(src, o).output.find("\"imageId\": {{ image_id }},") != std::string::npos);
}
