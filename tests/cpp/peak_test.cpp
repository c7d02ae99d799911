#include <doctest/doctest.h>

#include "backend/argo/argo_backend.h"
#include "backend/peak/peak_backend.h"
#include "driver/compile.h"

using namespace flowc;

TEST_CASE("peak: shell quoting") {
  CHECK(shell_quote("") == "''");
  CHECK(shell_quote("abc-1.2/x=y") == "abc-1.2/x=y");
  CHECK(shell_quote("it's") == "'it'\\''s'");
  CHECK(shell_join({"echo", "a b", "$HOME"}) == "echo 'a b' '$HOME'");
}

TEST_CASE("peak: jinja escaping keeps text and leaves no delimiter") {
  CHECK(jinja_escape("a {{ b }} {% c {# d") ==
        "a {% raw %}{{{% endraw %} b }} {% raw %}{%{% endraw %} c {% raw %}{#{% endraw %} d");
  CHECK(jinja_escape("{ } }}") == "{ } }}");
}

TEST_CASE("peak: when -> conditional") {
  auto r = when_to_peak("{{tasks.step-1.outputs.parameters.out}} == 'yes' && {{tasks.b.outputs.parameters.n}} != 3");
  REQUIRE(r.error.empty());
  CHECK(r.value.dump() ==
        R"([{"condition":"equals","paramName":"out","stepName":"step-1","value":"yes"},)"
        R"({"condition":"not-equals","paramName":"n","stepName":"b","value":"3"}])");
  CHECK(r.parents == std::vector<std::string>{"step-1", "b"});
  CHECK(when_to_peak("{{tasks.a.outputs.parameters.x}} == 1 || {{tasks.a.outputs.parameters.x}} == 2").error ==
        "'||' (Peak's conditions must all hold)");
  CHECK(when_to_peak("{{tasks.a.outputs.result}} == 1").error == "'{{tasks.a.outputs.result}}' is not a parent's output parameter");
  CHECK(when_to_peak("{{tasks.a.outputs.parameters.x}} > 1").error == "'{{tasks.a.outputs.parameters.x}} > 1' is not a comparison (== or !=)");
  CHECK(when_to_peak("true == true").error.find("does not compare a parent's output") != std::string::npos);
}

TEST_CASE("peak: depends -> parents and parentStatus") {
  auto plain = depends_to_peak("a && b.Succeeded");
  CHECK(plain.error.empty());
  CHECK(plain.value.empty());
  CHECK(plain.parents == std::vector<std::string>{"a", "b"});
  auto r = depends_to_peak("step-1.Succeeded || step-1.Failed");
  CHECK(r.value.dump() == R"([{"condition":"one-of","parents":["step-1"],"status":["success","failure"]}])");
  r = depends_to_peak("(a || b) && c.Failed && d.Failed");
  CHECK(r.value.dump() == R"([{"condition":"one-of","parents":["a","b"],"status":["success"]},)"
                          R"({"condition":"all-of","parents":["c","d"],"status":["failure"]}])");
  CHECK(depends_to_peak("!a").error == "negation (!) has no Peak equivalent");
  CHECK(depends_to_peak("a.Skipped").error == "'a.Skipped' (Peak knows a parent's success and failure only)");
  CHECK(depends_to_peak("a.Succeeded || b.Failed").error == "a '||' over different tasks with different statuses");
  CHECK(depends_to_peak("(a && b) || c").error == "'&&' inside '||'");
  CHECK(depends_to_peak("(a").error == "missing ')'");
}

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
  Document out = to_peak(wf, argo, sink);
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
