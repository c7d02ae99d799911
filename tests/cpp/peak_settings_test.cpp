#include <doctest/doctest.h>

#include "backend/peak/peak_settings.h"

using namespace flowc;

namespace {
Value dict_of(std::initializer_list<std::pair<const char*, Value>> fields) {
  Value d = Value::dict();
  for (auto& [k, v] : fields) d.set(k, v);
  return d;
}
}  // namespace

TEST_CASE("peak: settings read by shape, snake_case or JSON names") {
  DiagnosticSink sink;
  Settings settings(sink);
  Value retry = dict_of({{"exit_codes", [] {
                            Value l = Value::list();
                            l.items.push_back(Value::of_int(1));
                            return l;
                          }()},
                         {"numberOfRetries", Value::of_int(2)}});
  Value v = dict_of({{"image_id", Value::of_string("{{ image_id }}")}, {"storage", Value::of_string("10GB")},
                     {"retry_options", retry}});
  Document out = settings.read(v, step_setting_shapes(), "peak.step");
  CHECK(sink.all().empty());
  CHECK(out["storage"] == "10GB");
  CHECK(out["retryOptions"].dump() == R"({"exitCodes":[1],"numberOfRetries":2})");
  CHECK(out["imageId"].is_string());  // a marked placeholder, finished by jinja_text
}

TEST_CASE("peak: a wrong setting is reported where it is written, in its file") {
  DiagnosticSink sink;
  Settings settings(sink);
  SourceFile base("base.py", "x = 1\n");
  Value bad = Value::of_string("ten", Span{4, 5});
  bad.file = &base;
  Value v = dict_of({{"image_id", bad}, {"imag_id", Value::of_int(1)}});
  settings.read(v, workflow_setting_shapes(), "peak.workflow");
  REQUIRE(sink.all().size() == 2);
  CHECK(sink.all()[0].message == "'image_id' in peak.workflow must be an int (or a \"{{ name }}\" placeholder), got str");
  CHECK(sink.all()[0].file == &base);
  CHECK(sink.all()[1].message == "unknown Peak setting 'imag_id' in peak.workflow");
  CHECK(sink.all()[1].notes[0].message == "did you mean 'image_id'?");
}
