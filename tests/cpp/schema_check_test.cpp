// lint's field check (compiler/lint/schema_check.h): keys against the model
// table, per Argo version, reported at the key.
#include <doctest/doctest.h>

#include <memory>

#include "lint/schema_check.h"
#include "lint/yaml_reader.h"

using namespace flowc;

namespace {

// The codes and messages of check_fields on `text` for `version` ("" = 4.1), and the line of the first.
struct Checked {
  std::vector<std::string> codes, messages;
  size_t first_line = 0;
};

Checked check(const std::string& text, std::string_view version = "") {
  static std::vector<std::unique_ptr<SourceFile>> keep;  // diagnostics point into the file
  keep.push_back(std::make_unique<SourceFile>("t.yaml", text));
  DiagnosticSink sink;
  sink.set_file(keep.back().get());
  auto docs = read_yaml(*keep.back(), sink);
  REQUIRE(docs.size() == 1);
  ArgoVersion v = version.empty() ? ArgoVersion{} : *parse_argo_version(version);
  check_fields(docs[0].doc, docs[0].keys, v, sink);
  Checked c;
  for (const auto& d : sink.all()) {
    c.codes.push_back(d.code);
    c.messages.push_back(d.message);
  }
  if (!sink.all().empty()) c.first_line = keep.back()->position(sink.all()[0].span.begin).line;
  return c;
}

const char* kWorkflow =
    "kind: Workflow\n"
    "metadata: {labels: {anyKey: x}, annotations: {a/b: c}}\n"
    "spec:\n"
    "  nodeSelector: {disk: ssd}\n"
    "  templates:\n"
    "  - name: main\n"
    "    container:\n"
    "      image: alpine\n"
    "      resources: {limits: {cpu: 1}}\n";

}  // namespace

TEST_CASE("known fields and free-form maps pass; a misspelled key is E0804 at the key, with a suggestion") {
  CHECK(check(kWorkflow).codes.empty());
  auto c = check(std::string(kWorkflow) + "      imagePullPolcy: Always\n");
  REQUIRE(c.codes == std::vector<std::string>{"E0804"});
  CHECK(c.messages[0] == "unknown field 'imagePullPolcy' in Container; did you mean 'imagePullPolicy'?");
  CHECK(c.first_line == 10);
}

TEST_CASE("a field the version lacks: E0805 too new, E0806 removed with its successor") {
  const char* cron = "kind: CronWorkflow\nspec:\n  schedules: ['* * * * *']\n";
  CHECK(check(cron, "3.6").codes.empty());
  auto c = check(cron, "3.5");
  REQUIRE(c.codes == std::vector<std::string>{"E0805"});
  CHECK(c.messages[0] == "'schedules' needs Argo 3.6 or later (linting for 3.5)");
  c = check("kind: Workflow\nspec:\n  synchronization: {mutex: {name: m}}\n", "4.0");
  REQUIRE(c.codes == std::vector<std::string>{"E0806"});
  CHECK(c.messages[0] == "'mutex' was removed in Argo 4.0; write 'mutexes'");
}

TEST_CASE("another kind is not checked") {
  CHECK(check("kind: ConfigMap\ndata: {anything: x}\nwhatever: 1\n").codes.empty());
}
