// The Argo backend: IR to documents in Argo's key order.
#include <doctest/doctest.h>

#include "backend/argo/argo_backend.h"

using namespace flowc;

TEST_CASE("a Workflow: generateName, main DAG first, name first in tasks and templates") {
  Workflow wf;
  wf.name = "my-flow";
  Template t;
  t.name = "echo";
  t.method = "echo";
  t.body_key = "container";
  t.body = Value::dict();
  t.body.set("image", Value::of_string("alpine"));
  Value p = Value::dict();
  p.set("name", Value::of_string("n"));
  p.set("default", Value::of_int(3));
  t.input_parameters.items.push_back(p);
  wf.templates.push_back(t);
  Task k;
  k.name = "a";
  k.template_name = "echo";
  wf.tasks.push_back(k);
  Document d = to_argo(wf);
  CHECK(d.dump() ==
        R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow","metadata":{"generateName":"my-flow-"},)"
        R"("spec":{"entrypoint":"main","templates":[{"name":"main","dag":{"tasks":[{"name":"a","template":"echo"}]}},)"
        R"({"name":"echo","inputs":{"parameters":[{"name":"n","default":"3"}]},"container":{"image":"alpine"}}]}})");
}

TEST_CASE("templates and cron workflows are named; a cron workflow nests its spec") {
  Workflow wf;
  wf.name = "nightly";
  wf.kind = WorkflowKind::CronWorkflow;
  Value sched = Value::list();
  sched.items.push_back(Value::of_string("0 1 * * *"));
  wf.cron.set("schedules", sched);
  wf.spec.set("entrypoint", Value::of_string("x"));
  Document d = to_argo(wf);
  CHECK(d["metadata"].dump() == R"({"name":"nightly"})");
  CHECK(d["spec"].dump() == R"({"schedules":["0 1 * * *"],"workflowSpec":{"entrypoint":"x"}})");
}
