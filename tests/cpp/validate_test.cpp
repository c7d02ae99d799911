// The validation stage: its text rules, depends expressions, and whole
// documents through validate_document.
#include <doctest/doctest.h>

#include "driver/compile.h"
#include "lint/lint.h"
#include "lint/yaml_reader.h"
#include "validate/depends.h"
#include "validate/rules.h"
#include "validate/validate.h"

using namespace flowc;

TEST_CASE("rules: Argo and Kubernetes names") {
  CHECK(rules::workflow_field_name_error("build-1").empty());
  CHECK(rules::workflow_field_name_error("1b").empty());  // a digit may start a name (not in a DAG with dependencies)
  CHECK(!rules::workflow_field_name_error("-a").empty());
  CHECK(!rules::workflow_field_name_error("a_b").empty());
  CHECK(!rules::workflow_field_name_error(std::string(129, 'a')).empty());
  CHECK(rules::is_param_or_artifact_name("my_param-1"));
  CHECK(!rules::is_param_or_artifact_name("my param"));
  CHECK(rules::dns1123_subdomain_error("a.b-c").empty());
  CHECK(!rules::dns1123_subdomain_error("Bad").empty());
  CHECK(rules::label_value_error("").empty());
  CHECK(!rules::label_value_error("a b").empty());
  CHECK(rules::qualified_name_error("app.kubernetes.io/name").empty());
  CHECK(!rules::qualified_name_error("a/b/c").empty());
  CHECK(rules::has_parameter("x {{inputs.parameters.a_b}} y"));
  CHECK(!rules::has_parameter("{{=x}}"));
}

TEST_CASE("rules: Go durations") {
  for (const char* ok : {"0", "10s", "1h30m", "1.5h", "-2m", "300ms", "2us"}) CHECK(rules::go_duration_error(ok).empty());
  for (const char* bad : {"", "10", "10 s", "1x", "h", ".s"}) CHECK_MESSAGE(!rules::go_duration_error(bad).empty(), bad);
}

TEST_CASE("rules: cron schedules as robfig/cron's ParseStandard reads them") {
  for (const char* ok : {"0 2 * * *", "*/5 * * * *", "0 0 1-15/2 jan-mar MON-FRI", "@daily", "@every 1h30m",
                         "CRON_TZ=UTC 0 * * * *", "0 0 ? * *"})
    CHECK_MESSAGE(rules::cron_schedule_error(ok).empty(), ok);
  for (const char* bad : {"", "0 25 * * *", "* * * *", "* * * * * *", "@often", "0 0 0 * *", "*/0 * * * *", "5-1 * * * *",
                          "0 0 * * 7", "TZ=No/Where 0 * * * *"})
    CHECK_MESSAGE(!rules::cron_schedule_error(bad).empty(), bad);
}

TEST_CASE("rules: resource manifests parse as YAML (validate.go:852-863)") {
  for (const char* ok : {"", "kind: ConfigMap\nmetadata:\n  name: x\n", "a: [1, 2]\n---\nnot: [checked", "flowc-placeholder-1"})
    CHECK_MESSAGE(rules::yaml_error(ok).empty(), ok);
  for (const char* bad : {"invalid-yaml-line\nkind: ConfigMap\n", "a: [1, 2", "a: b\n c: d\n"})
    CHECK_MESSAGE(!rules::yaml_error(bad).empty(), bad);
  CHECK(!rules::yaml_error(std::string(100000, '[')).empty());  // deep nesting is an error, not a crash
}

TEST_CASE("depends: Argo's expressions") {
  auto p = parse_depends("A && (B.Failed || !C.AnySucceeded)");
  CHECK(p.error.empty());
  REQUIRE(p.refs.size() == 3);
  CHECK(p.refs[1].task == "B");
  CHECK(p.refs[1].result == "Failed");
  for (const char* bad : {"A &&", "(A", "A)", "", "A B", "A.", "&& A", "!"}) CHECK_MESSAGE(!parse_depends(bad).error.empty(), bad);
  CHECK(is_task_result("Daemoned"));
  CHECK(!is_task_result("Bogus"));
  std::string deep(100000, '(');
  CHECK(!parse_depends(deep + "A").error.empty());  // no recursion: no stack overflow
  CHECK(parse_depends(deep + "A" + std::string(100000, ')')).error.empty());
}

TEST_CASE("yaml reader: Kubernetes' scalar types and spans") {
  CHECK(plain_scalar("1") == 1);
  CHECK(plain_scalar("0x10") == 16);
  CHECK(plain_scalar("010") == 8);
  CHECK(plain_scalar("1.5") == 1.5);
  CHECK(plain_scalar("yes") == true);
  CHECK(plain_scalar("Off") == false);
  CHECK(plain_scalar("~").is_null());
  CHECK(plain_scalar("1.2.3") == "1.2.3");
  SourceFile f("w.yaml", "a: \"1\"\nb: 1\nc:\n  - x\n");
  DiagnosticSink sink;
  auto docs = read_yaml(f, sink);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].doc["a"] == "1");
  CHECK(docs[0].doc["b"] == 1);
  CHECK(f.position(docs[0].spans.find("/c/0").span.begin).line == 4);
  CHECK(f.position(docs[0].spans.find("/c/5/x").span.begin).line == 3);  // nearest recorded ancestor: the key "c"
  SourceFile bad("b.yaml", "a: [1,\n");
  read_yaml(bad, sink);
  CHECK(sink.has_errors());
  CHECK(sink.all().back().code == "E0801");
}

namespace {
std::vector<std::string> lint_codes(const std::string& yaml) {
  LintResult r = lint({{"w.yaml", yaml}}, LintOptions{});
  std::vector<std::string> out;
  for (auto& d : r.diagnostics) out.push_back(d.code);
  return out;
}
const char* kHead = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: t-}\nspec:\n  entrypoint: main\n";
}  // namespace

TEST_CASE("validate: scopes of variables") {
  std::string dag = std::string(kHead) +
                    "  templates:\n  - name: main\n    dag:\n      tasks:\n"
                    "      - {name: a, template: echo}\n"
                    "      - {name: b, depends: a, template: echo, arguments: {parameters: [{name: m, value: '{{tasks.a.status}}'}]}}\n"
                    "      - {name: c, template: echo, arguments: {parameters: [{name: m, value: '{{tasks.b.status}}'}]}}\n"
                    "  - name: echo\n    inputs: {parameters: [{name: m, default: x}]}\n"
                    "    container: {image: alpine, args: ['{{inputs.parameters.m}}', '{{pod.name}}', '{{workflow.name}}']}\n";
  // c does not depend on b: its status is unknown there, and it takes an argument from it.
  CHECK(lint_codes(dag) == std::vector<std::string>{"E0707", "E0705"});
  std::string fixed = dag;
  fixed.replace(fixed.find("{name: c, "), 10, "{name: c, depends: b, ");
  CHECK(lint_codes(fixed).empty());
}

TEST_CASE("validate: a long chain is checked in linear time and without recursion") {
  std::string yaml = std::string(kHead) + "  templates:\n  - name: main\n    dag:\n      tasks:\n";
  for (int i = 0; i < 20000; ++i)
    yaml += "      - {name: t" + std::to_string(i) + ", template: echo" +
            (i ? ", dependencies: [t" + std::to_string(i - 1) + "]" : std::string()) + "}\n";
  yaml += "  - name: echo\n    container: {image: alpine}\n";
  CHECK(lint_codes(yaml).empty());
}

TEST_CASE("validate: the compile runs it on Argo output, at the Python place") {
  const char* src =
      "from flowc.dsl import *\n\nclass W(Workflow):\n    on_exit = \"cleanup\"\n\n    @task\n    def a(self):\n"
      "        return self.echo()\n\n    @template\n    def echo(self) -> V1Container:\n"
      "        return V1Container(image=\"alpine\", command=[\"echo\"])\n";
  CompileOptions o;
  CompileResult r = compile(src, o);
  CHECK(!r.ok);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "E0703");
  CHECK(r.file->position(r.diagnostics[0].span.begin).line == 4);  // on_exit = "cleanup"
  o.validate = false;
  CHECK(compile(src, o).ok);
  o.validate = true;
  o.target = "peak";  // Peak's document goes to Peak, not Argo: Argo's rules are not applied
  for (auto& d : compile(src, o).diagnostics) CHECK(d.code.rfind("E07", 0) != 0);
}
