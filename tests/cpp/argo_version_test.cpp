// ir/argo_version, the versioned model tables and frontend/version_rules.
#include <doctest/doctest.h>

#include "driver/compile.h"
#include "frontend/models.h"
#include "frontend/version_rules.h"
#include "ir/argo_version.h"

using namespace flowc;

TEST_CASE("argo versions parse: X.Y, vX.Y, X.Y.Z; others are unknown") {
  CHECK(parse_argo_version("3.5")->name() == "3.5");
  CHECK(parse_argo_version("v4.0")->name() == "4.0");
  CHECK(parse_argo_version("3.6.19")->name() == "3.6");
  CHECK_FALSE(parse_argo_version("3.3"));
  CHECK_FALSE(parse_argo_version("3.5."));
  CHECK_FALSE(parse_argo_version("3.5.x"));
  CHECK_FALSE(parse_argo_version(""));
  CHECK(ArgoVersion{}.name() == "4.1");  // the default is the newest
  CHECK(argo_version_list() == "3.4, 3.5, 3.6, 3.7, 4.0, 4.1");
}

TEST_CASE("the union table knows which versions have a field") {
  const models::Model* sync = models::find_model("V1alpha1Synchronization");
  REQUIRE(sync);
  const models::Field* mutex = models::find_field(*sync, "mutex");
  const models::Field* mutexes = models::find_field(*sync, "mutexes");
  REQUIRE(mutex);
  REQUIRE(mutexes);
  CHECK(mutex->in(*parse_argo_version("3.7")));
  CHECK_FALSE(mutex->in(*parse_argo_version("4.0")));
  CHECK_FALSE(mutexes->in(*parse_argo_version("3.5")));
  CHECK(mutexes->in(*parse_argo_version("3.6")));
  const models::Model* stop = models::find_model("V1alpha1StopStrategy");
  REQUIRE(stop);
  CHECK_FALSE(stop->in(*parse_argo_version("3.5")));
  CHECK(stop->in(ArgoVersion{}));
}

namespace {
Value sync_with(const char* key, size_t count) {
  Value list = Value::list();
  for (size_t i = 0; i < count; ++i) {
    Value m = Value::dict();
    m.set("name", Value::of_string("m" + std::to_string(i)));
    list.items.push_back(m);
  }
  Value v = Value::dict();
  v.set(key, count == 1 && std::string(key) == "mutex" ? list.items[0] : list);
  return v;
}
}  // namespace

TEST_CASE("a synchronization is written the version's way") {
  DiagnosticSink sink(50);
  Value v = sync_with("mutex", 1);
  CHECK(shape_synchronization(v, *parse_argo_version("4.0"), sink));
  REQUIRE(v.get("mutexes"));
  CHECK(v.get("mutexes")->items.size() == 1);
  CHECK_FALSE(v.get("mutex"));

  Value back = sync_with("mutexes", 1);
  CHECK(shape_synchronization(back, *parse_argo_version("3.5"), sink));
  REQUIRE(back.get("mutex"));
  CHECK(back.get("mutex")->get("name")->text == "m0");

  Value two = sync_with("mutexes", 2);
  CHECK_FALSE(shape_synchronization(two, *parse_argo_version("3.5"), sink));
  CHECK(sink.has_errors());
}

TEST_CASE("an unknown version is E0054; the Peak target ignores the version") {
  CompileOptions o;
  o.argo_version = "2.0";
  auto r = compile("x = 1\n", o);
  REQUIRE_FALSE(r.ok);
  CHECK(std::string(r.diagnostics[0].code) == "E0054");
  o.target = "peak";
  r = compile("x = 1\n", o);
  CHECK(r.ok);
}
