#include <doctest/doctest.h>

#include "backend/peak/peak_conditions.h"

using namespace flowc;

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
  // No status written: every parent must succeed, Peak's default; nothing to say.
  auto plain = depends_to_peak("a && b");
  CHECK(plain.error.empty());
  CHECK(plain.value.empty());
  CHECK(plain.parents == std::vector<std::string>{"a", "b"});
  // A status written is said, as the seed's documented example does.
  auto said = depends_to_peak("step-1.Succeeded");
  CHECK(said.value.dump() == R"([{"condition":"one-of","parents":["step-1"],"status":["success"]}])");
  CHECK(depends_to_peak("a && b.Succeeded").value.dump() ==
        R"([{"condition":"all-of","parents":["a","b"],"status":["success"]}])");
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
  CHECK(depends_to_peak("a && \xC3\xA9").error == "unexpected '\xC3\xA9'");  // a whole character, not a byte
}

