// flowc import (compiler/driver/import.h): suggested fixes and Argo versions.
#include <doctest/doctest.h>

#include "driver/import.h"

using namespace flowc;

namespace {

const char* kMisspelled =
    "apiVersion: argoproj.io/v1alpha1\n"
    "kind: Workflow\n"
    "metadata:\n"
    "  generateName: x-\n"
    "spec:\n"
    "  entrypoint: main\n"
    "  templates:\n"
    "  - name: main\n"
    "    container:\n"
    "      image: busybox\n"
    "      imagePullPolicty: Always\n";

}  // namespace

TEST_CASE("an unknown field with a close name carries a fix replacing the key") {
  ImportResult r = import_yaml(kMisspelled, "w.yaml");
  REQUIRE_FALSE(r.ok);
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics[0];
  CHECK(d.code == "E1012");
  REQUIRE(d.fixes.size() == 1);
  CHECK(d.fixes[0].replacement == "imagePullPolicy");
  std::string yaml = kMisspelled;
  CHECK(d.fixes[0].span.begin == yaml.find("imagePullPolicty"));
  CHECK(d.fixes[0].span.end == yaml.find("imagePullPolicty") + std::string("imagePullPolicty").size());
  CHECK(r.output.empty());
}

TEST_CASE("a quoted key is replaced quoted") {
  std::string yaml = kMisspelled;
  yaml.replace(yaml.find("imagePullPolicty"), 16, "\"imagePullPolicty\"");
  ImportResult r = import_yaml(yaml, "w.yaml");
  REQUIRE(r.diagnostics.size() == 1);
  REQUIRE(r.diagnostics[0].fixes.size() == 1);
  CHECK(r.diagnostics[0].fixes[0].replacement == "\"imagePullPolicy\"");
}

TEST_CASE("--argo-version selects the field tables: a field the version lacks is an error at its key") {
  // CronWorkflowSpec.schedules is new in Argo 3.6.
  std::string yaml =
      "apiVersion: argoproj.io/v1alpha1\n"
      "kind: CronWorkflow\n"
      "metadata:\n"
      "  name: c\n"
      "spec:\n"
      "  schedules: ['* * * * *']\n"
      "  workflowSpec:\n"
      "    entrypoint: main\n"
      "    templates:\n"
      "    - name: main\n"
      "      container:\n"
      "        image: busybox\n";
  ImportOptions newest;
  CHECK(import_yaml(yaml, "w.yaml", newest).ok);
  ImportOptions old;
  old.argo_version = *parse_argo_version("3.5");
  old.argo_version_text = "3.5";
  ImportResult r = import_yaml(yaml, "w.yaml", old);
  REQUIRE_FALSE(r.ok);
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics[0].span.begin == yaml.find("schedules"));
}
