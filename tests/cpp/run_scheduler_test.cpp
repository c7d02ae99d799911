// flowc run's scheduler and expressions, without processes: a fake executor
// stands in for the host one (compiler/run/executor.h), so each test checks
// the node states Argo's controller gives (the cited controller function).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "run/expression/depends.h"
#include "run/expression/expr.h"
#include "run/expression/govaluate.h"
#include "run/plan.h"
#include "run/scheduler.h"
#include "run/status.h"
#include "run/variables.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using namespace flowc::run;
using flowc::testing::TempDir;

namespace {

// A fake process: argv[0] picks the behaviour.
//   echo A B      stdout "A B\n", exit 0
//   exit N        exit N (stdout "bye\n")
//   write P V     the output path P holds V; exit 0
//   sleep MS      sleeps, exit 0 (cancellable)
//   count         exit 1 on the first call for a node name, 0 after (retries)
class FakeExecutor : public Executor {
 public:
  explicit FakeExecutor(std::string dir) : dir_(std::move(dir)) {}
  std::string check() override { return {}; }
  ProcessResult run(const ProcessSpec& spec, const std::atomic<bool>& cancel, const OutputSink&) override {
    ProcessResult r;
    r.started_at = std::chrono::system_clock::now();
    fs::path node = fs::path(dir_) / (spec.node_id + "-" + std::to_string(counter_++));
    fs::create_directories(node);
    std::string out;
    std::map<std::string, std::string> files;
    const auto& a = spec.argv;
    {
      std::lock_guard<std::mutex> lock(mu_);
      calls_.push_back(a);
    }
    if (a.empty()) {
      r.error = "no command";
    } else if (a[0] == "echo") {
      for (size_t i = 1; i < a.size(); ++i) out += (i > 1 ? " " : "") + a[i];
      out += "\n";
      r.exit_code = 0;
    } else if (a[0] == "exit") {
      out = "bye\n";
      r.exit_code = std::stoi(a.at(1));
    } else if (a[0] == "write") {
      files[a.at(1)] = a.at(2);
      r.exit_code = 0;
    } else if (a[0] == "sleep") {
      auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::stoi(a.at(1)));
      while (std::chrono::steady_clock::now() < until && !cancel) std::this_thread::sleep_for(std::chrono::milliseconds(2));
      r.cancelled = cancel.load();
      r.exit_code = r.cancelled ? 137 : 0;
    } else if (a[0] == "count") {
      std::lock_guard<std::mutex> lock(mu_);
      r.exit_code = seen_[a.at(1)]++ < std::stoi(a.at(2)) ? 1 : 0;
    } else {
      r.error = "unknown fake command " + a[0];
    }
    r.stdout_path = (node / "stdout").string();
    std::ofstream(r.stdout_path) << out;
    r.stderr_path = (node / "stderr").string();
    std::ofstream(r.stderr_path) << "";
    for (auto& p : spec.output_paths) {
      CollectedPath c;
      c.container_path = p;
      auto it = files.find(p);
      if (it != files.end()) {
        c.host_path = (node / ("out" + std::to_string(r.outputs.size()))).string();
        std::ofstream(c.host_path) << it->second;
        c.exists = true;
      }
      r.outputs.push_back(c);
    }
    r.finished_at = std::chrono::system_clock::now();
    return r;
  }
  std::vector<std::vector<std::string>> calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }

 private:
  std::string dir_;
  std::atomic<int> counter_{0};
  std::mutex mu_;
  std::map<std::string, int> seen_;
  std::vector<std::vector<std::string>> calls_;
};

struct Ran {
  Phase phase;
  std::unique_ptr<WorkflowStatus> status;
  Plan plan;
  std::vector<std::vector<std::string>> calls;
  Node node(const std::string& display) const {
    for (auto& n : status->nodes())
      if (n.display_name == display) return n;
    FAIL("no node " << display);
    return {};
  }
  std::string out_param(const std::string& display, const std::string& name) const {
    Node n = node(display);
    for (auto& p : n.outputs["parameters"])
      if (p["name"] == name) return p["value"].get<std::string>();
    return "<none>";
  }
};

Ran run_yaml(const std::string& yaml, std::vector<std::pair<std::string, std::string>> params = {},
             std::set<std::string> skip = {}) {
  TempDir dir("flowc-run-test");
  dir.write("wf.yaml", yaml);
  PlanOptions po;
  po.path = dir.file("wf.yaml");
  po.parameters = std::move(params);
  po.skip = std::move(skip);
  po.check_host_programs = false;  // the fake executor's commands
  Ran r;
  r.plan = make_plan(po);
  if (!r.plan.ok) {
    std::string msgs;
    for (auto& d : r.plan.diagnostics) msgs += d.code + " " + d.message + "\n";
    FAIL("plan refused: " << msgs);
  }
  FakeExecutor ex(dir.file("nodes"));
  r.status = std::make_unique<WorkflowStatus>(r.plan.workflow_name);
  RunOptions ro;
  ro.work_dir = dir.file("work");
  Scheduler s(r.plan, ex, ro, *r.status);
  std::atomic<bool> interrupt{false};
  r.phase = s.run(interrupt);
  r.calls = ex.calls();
  return r;
}

const char* kHeader = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: wf\nspec:\n";

}  // namespace

TEST_CASE("run: node IDs are Argo's (workflow_types.go NodeID: fnv32a)") {
  WorkflowStatus st("wf");
  CHECK(fnv32a("hello") == 0x4f9f2cabu);  // the FNV-1a test vector
  CHECK(st.node_id("wf") == "wf");
  CHECK(st.node_id("wf[0].a") == "wf-" + std::to_string(fnv32a("wf[0].a")));
}

TEST_CASE("run: when is govaluate with bare words as strings (operator.go shouldExecute)") {
  CHECK(evaluate_when("heads == heads").value);
  CHECK_FALSE(evaluate_when("tails == heads").value);
  CHECK(evaluate_when("5 > 3 && 1 == 1.0").value);
  CHECK(evaluate_when("!(1 > 2) || false").value);
  CHECK(evaluate_when("'a b' == \"a b\"").value);
  CHECK(evaluate_when("foo =~ '^f'").value);
  CHECK(evaluate_when("foo !~ '^g'").value);
  CHECK(evaluate_when("8 >= 8 && 2 + 2 == 4").value);
  WhenResult bad = evaluate_when("3 + 4");
  CHECK_FALSE(bad.ok);
  CHECK(bad.error == "Expected boolean evaluation for '3 + 4'. Got 7");
  CHECK_FALSE(evaluate_when("a in (a, b)").ok);  // refused, not guessed
}

TEST_CASE("run: depends logic (dag.go evaluateDependsLogic / expandDependency)") {
  std::map<std::string, TaskResults> r;
  r["A"].succeeded = true;
  r["B"].failed = true;
  r["C-1"].skipped = true;
  auto none = [](const std::string&, const char*) { return false; };
  CHECK(evaluate_depends("A && C-1", r, none));           // bare: Succeeded || Skipped || Daemoned
  CHECK_FALSE(evaluate_depends("A && B", r, none));
  CHECK(evaluate_depends("A && B.Failed", r, none));
  CHECK(evaluate_depends("(A.Failed || B.Failed) && !C-1.Succeeded", r, none));
  auto b_continues = [](const std::string& t, const char* what) { return t == "B" && std::string(what) == "failed"; };
  CHECK(evaluate_depends("A && B", r, b_continues));      // continueOn widens a bare name
  DependsParse p = parse_depends("A.Succeeded && (B || C-1.Omitted)");
  REQUIRE(p.ok);
  CHECK(p.tasks == std::vector<std::string>{"A", "B", "C-1"});
  CHECK_FALSE(parse_depends("A.Finished").ok);
}

TEST_CASE("run: expr subset for expression fields") {
  nlohmann::json env = {{"inputs", {{"parameters", {{"x", "3"}}}}}, {"item", {{"k", "v"}}}};
  CHECK(evaluate_expr("asInt(inputs.parameters.x) * 2", env).value == 6);
  CHECK(evaluate_expr("inputs.parameters.x == '3' ? 'yes' : 'no'", env).value == "yes");
  CHECK(evaluate_expr("item.k + '!'", env).value == "v!");
  CHECK(evaluate_expr("jsonpath('{\"a\":[1,2]}', '$.a[1]')", env).value == 2);
  CHECK_FALSE(evaluate_expr("sprig.nosuchfn(1)", env).ok);
  CHECK(go_json(nlohmann::json::array({"a<b", 1})) == "[\"a\\u003cb\",1]");
}

TEST_CASE("run: variables substitute {{...}} and refuse unresolved ones") {
  Scope s{{"inputs.parameters.m", "hi"}, {"item", nlohmann::json{{"a", 1}}}};
  Substitution sub;
  CHECK(substitute("say {{inputs.parameters.m}} {{ item }}", s, false, sub) == "say hi {\"a\":1}");
  CHECK(sub.ok);
  substitute("{{steps.x.outputs.result}}", s, false, sub);
  CHECK_FALSE(sub.ok);
  CHECK(sub.error == "failed to resolve {{steps.x.outputs.result}}");
  Substitution sub2;
  CHECK(substitute("{{=asInt('4') + 1}}", s, false, sub2) == "5");
}

TEST_CASE("run: steps run group by group; a failed group stops the rest (steps.go executeStepGroup)") {
  Ran r = run_yaml(std::string(kHeader) + R"(  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, template: ok}
      - {name: b, template: bad}
    - - {name: c, template: ok}
  - name: ok
    container: {image: x, command: [echo, hi]}
  - name: bad
    container: {image: x, command: [exit, "3"]}
)");
  CHECK(r.phase == Phase::Failed);
  Node b = r.node("b");
  CHECK(b.phase == Phase::Failed);
  CHECK(b.message == "Error (exit code 3)");
  CHECK(b.outputs["exitCode"] == "3");
  Node g0 = r.node("[0]");
  CHECK(g0.type == "StepGroup");
  CHECK(g0.message == "child '" + b.id + "' failed");
  CHECK(r.node("wf").message == g0.message);
  CHECK(r.status->find_by_name("wf[1]") == std::nullopt);  // the later group never ran
  CHECK(r.node("a").name == "wf[0].a");
  CHECK(r.node("a").outputs["result"] == "hi");  // one trailing newline trimmed (CaptureScriptResult)
}

TEST_CASE("run: continueOn, when and Skipped (steps.go, operator.go shouldExecute)") {
  Ran r = run_yaml(std::string(kHeader) + R"(  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: flip, template: heads}
    - - {name: bad, template: bad, continueOn: {failed: true}}
    - - {name: h, template: ok, when: "{{steps.flip.outputs.result}} == heads"}
      - {name: t, template: ok, when: "{{steps.flip.outputs.result}} == tails"}
  - name: heads
    container: {image: x, command: [echo, heads]}
  - name: ok
    container: {image: x, command: [echo, ok]}
  - name: bad
    container: {image: x, command: [exit, "1"]}
)");
  CHECK(r.phase == Phase::Succeeded);
  CHECK(r.node("bad").phase == Phase::Failed);
  CHECK(r.node("h").phase == Phase::Succeeded);
  Node t = r.node("t");
  CHECK(t.phase == Phase::Skipped);
  CHECK(t.type == "Skipped");
  CHECK(t.message == "when 'heads == tails' evaluated false");
}

TEST_CASE("run: loops name children name(i:item) and aggregate outputs (processAggregateNodeOutputs)") {
  Ran r = run_yaml(std::string(kHeader) + R"(  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: gen
        template: say
        arguments: {parameters: [{name: m, value: "{{item}}"}]}
        withItems: [1, two, {k: v}]
    - - name: seq
        template: say
        arguments: {parameters: [{name: m, value: "n{{item}}"}]}
        withSequence: {count: "2", start: "3"}
    - - name: use
        template: say
        arguments: {parameters: [{name: m, value: "{{steps.gen.outputs.result}}"}]}
    - - name: each
        template: say
        arguments: {parameters: [{name: m, value: "{{item}}"}]}
        withParam: "{{steps.seq.outputs.result}}"
  - name: say
    inputs: {parameters: [{name: m}]}
    container: {image: x, command: [echo, "{{inputs.parameters.m}}"]}
)");
  CHECK(r.phase == Phase::Succeeded);
  CHECK(r.node("gen(0:1)").name == "wf[0].gen(0:1)");
  CHECK(r.node("gen(1:two)").phase == Phase::Succeeded);
  CHECK(r.node("gen(2:{\"k\":\"v\"})").outputs["result"] == "{\"k\":\"v\"}");
  CHECK(r.node("seq(0:3)").outputs["result"] == "n3");
  CHECK(r.node("seq(1:4)").outputs["result"] == "n4");
  // results that are JSON stay JSON values: [1,"two",{"k":"v"}]
  CHECK(r.node("use").outputs["result"] == "[1,\"two\",{\"k\":\"v\"}]");
  CHECK(r.node("each(0:n3)").outputs["result"] == "n3");
}

TEST_CASE("run: DAG depends, Omitted and the DAG's phase (dag.go assessDAGPhase)") {
  Ran r = run_yaml(std::string(kHeader) + R"(  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: A, template: bad}
      - {name: B, template: ok, depends: A}
      - {name: C, template: ok, depends: A.Failed}
      - {name: D, template: ok, depends: B || C}
  - name: ok
    container: {image: x, command: [echo, ok]}
  - name: bad
    container: {image: x, command: [exit, "2"]}
)");
  Node b = r.node("B");
  CHECK(b.phase == Phase::Omitted);
  CHECK(b.type == "Skipped");
  CHECK(b.message == "omitted: depends condition not met");
  CHECK(r.node("C").phase == Phase::Succeeded);
  CHECK(r.node("D").phase == Phase::Succeeded);
  // The target D's branch: A Failed -> B Omitted (inherits Failed) -> D
  // Succeeded; D completed, so its own phase wins: the DAG Succeeded.
  CHECK(r.phase == Phase::Succeeded);
  Node a = r.node("A");
  CHECK(r.node("wf").children == std::vector<std::string>{a.id});
  CHECK(a.children.size() == 2);
}

TEST_CASE("run: a failed DAG target fails the DAG; failFast stops new tasks") {
  Ran r = run_yaml(std::string(kHeader) + R"(  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: A, template: bad}
      - {name: B, template: ok, dependencies: [A]}
  - name: ok
    container: {image: x, command: [echo, ok]}
  - name: bad
    container: {image: x, command: [exit, "1"]}
)");
  CHECK(r.phase == Phase::Failed);
  CHECK(r.node("B").phase == Phase::Omitted);
  CHECK(r.node("wf").phase == Phase::Failed);
}

TEST_CASE("run: retries: name(i) children, limit, No more retries left (operator.go processNodeRetries)") {
  Ran r = run_yaml(std::string(kHeader) + R"(  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: flaky, template: flaky}
    - - {name: never, template: never}
  - name: flaky
    retryStrategy: {limit: 3}
    container: {image: x, command: [count, flaky, "2"]}
  - name: never
    retryStrategy: {limit: "1"}
    container: {image: x, command: [exit, "1"]}
)");
  Node f = r.node("flaky");
  CHECK(f.type == "Retry");
  CHECK(f.phase == Phase::Succeeded);
  CHECK(f.children.size() == 3);
  CHECK(r.node("flaky(0)").phase == Phase::Failed);
  CHECK(r.node("flaky(2)").phase == Phase::Succeeded);
  CHECK(r.node("flaky(2)").name == "wf[0].flaky(2)");
  Node n = r.node("never");
  CHECK(n.phase == Phase::Failed);
  CHECK(n.message == "No more retries left");
  CHECK(n.children.size() == 2);
  CHECK(r.phase == Phase::Failed);
}

TEST_CASE("run: parameters, outputs, globalName and the exit handler (exit_handler.go)") {
  Ran r = run_yaml(std::string(kHeader) + R"(  entrypoint: main
  onExit: bye
  arguments:
    parameters:
    - {name: who, value: world}
    - {name: mode, value: a, enum: [a, b]}
  templates:
  - name: main
    steps:
    - - {name: w, template: writer}
    - - name: r
        template: say
        arguments: {parameters: [{name: m, value: "{{steps.w.outputs.parameters.out}}-{{workflow.parameters.who}}"}]}
    outputs:
      parameters:
      - name: final
        valueFrom: {parameter: "{{steps.r.outputs.result}}"}
  - name: writer
    container: {image: x, command: [write, /tmp/o.txt, "v1\n"]}
    outputs:
      parameters:
      - {name: out, globalName: gout, valueFrom: {path: /tmp/o.txt}}
  - name: say
    inputs: {parameters: [{name: m}]}
    container: {image: x, command: [echo, "{{inputs.parameters.m}}"]}
  - name: bye
    container: {image: x, command: [echo, "{{workflow.status}} {{workflow.outputs.parameters.gout}}"]}
)",
                   {{"mode", "b"}});
  CHECK(r.phase == Phase::Succeeded);
  CHECK(r.out_param("w", "out") == "v1");
  CHECK(r.node("r").outputs["result"] == "v1-world");
  CHECK(r.out_param("wf", "final") == "v1-world");
  Node exit = r.node("wf.onExit");
  CHECK(exit.name == "wf.onExit");
  CHECK(exit.hooked);
  CHECK(exit.outputs["result"] == "Succeeded v1");
  CHECK(r.status->outputs["parameters"][0]["name"] == "gout");
  CHECK(r.plan.parameters[1].second == "b");
}

TEST_CASE("run: the plan refuses before anything runs") {
  TempDir dir("flowc-run-test");
  dir.write("wf.yaml", std::string(kHeader) + R"(  entrypoint: main
  arguments:
    parameters:
    - {name: need}
    - {name: mode, value: a, enum: [a, b]}
  templates:
  - name: main
    steps:
    - - {name: k, template: k8s}
      - {name: n, template: nocmd}
  - name: k8s
    resource: {action: create, manifest: "x"}
  - name: nocmd
    container: {image: alpine}
)");
  PlanOptions po;
  po.path = dir.file("wf.yaml");
  // -p mode=c: Argo's validator, which runs first, sees the parameter as
  // argo submit replaces it (no enum: ApplySubmitOpts); the run checks the
  // value against the enum written in the file (E1203).
  po.parameters = {{"mode", "c"}};
  Plan p = make_plan(po);
  CHECK_FALSE(p.ok);
  std::set<std::string> codes;
  for (auto& d : p.diagnostics) codes.insert(d.code);
  CHECK(codes == std::set<std::string>{"E1202", "E1203", "E1204", "E1205"});
  for (auto& d : p.diagnostics) CHECK(p.file->position(d.span.begin).line > 1);  // at the YAML's place
  po.skip = {"k8s"};
  po.parameters = {{"need", "1"}, {"mode", "a"}};
  Plan p2 = make_plan(po);
  REQUIRE(p2.diagnostics.size() == 1);
  CHECK(p2.diagnostics[0].code == "E1205");
}

TEST_CASE("run: --skip marks a template's nodes Skipped") {
  Ran r = run_yaml(std::string(kHeader) + R"(  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: k, template: k8s}
  - name: k8s
    resource: {action: create, manifest: "x"}
)",
                   {}, {"k8s"});
  CHECK(r.phase == Phase::Succeeded);
  CHECK(r.node("k").phase == Phase::Skipped);
  CHECK(r.calls.empty());
}

TEST_CASE("run: the report is Argo's Workflow JSON") {
  Ran r = run_yaml(std::string(kHeader) + R"(  entrypoint: main
  templates:
  - name: main
    container: {image: x, command: [echo, hi]}
)");
  auto j = r.status->to_json(r.plan.workflow);
  CHECK(j["metadata"]["name"] == "wf");
  CHECK(j["status"]["phase"] == "Succeeded");
  auto& n = j["status"]["nodes"]["wf"];
  CHECK(n["type"] == "Pod");
  CHECK(n["templateName"] == "main");
  CHECK(n["templateScope"] == "local/wf");
  CHECK(n["outputs"]["exitCode"] == "0");
  CHECK(n["outputs"]["result"] == "hi");
}

TEST_CASE("run: Argo's validator refuses a YAML document before the run's own checks (validate_yaml.h)") {
  TempDir dir("flowc-run-test");
  // A template with two types (validate.go validateTemplateType) and a
  // parameter value outside its enum (validateArgumentsValues).
  dir.write("wf.yaml", std::string(kHeader) + R"(  entrypoint: main
  arguments:
    parameters:
    - {name: mode, value: c, enum: [a, b]}
  templates:
  - name: main
    steps:
    - - {name: a, template: main}
    container: {image: alpine, command: [echo]}
)");
  PlanOptions po;
  po.path = dir.file("wf.yaml");
  Plan p = make_plan(po);
  CHECK_FALSE(p.ok);
  std::set<std::string> codes;
  for (auto& d : p.diagnostics) {
    codes.insert(d.code);
    REQUIRE(d.file);  // the validator's file: the same text, so the same lines
    CHECK(d.file->name() == po.path);
    CHECK(d.file->position(d.span.begin).line > 1);
  }
  CHECK(codes.count("E0708") == 1);  // not the run's own E1240 as well
  CHECK(codes.count("E1240") == 0);
  CHECK(codes.count("E1203") == 0);
}
