#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "ir/json_text.h"
#include "ir/number_text.h"

using flowc::python_float_repr;

TEST_CASE("floats are written as Python's repr writes them") {
  // python3 -c 'print(repr(x))' for each
  CHECK(python_float_repr(0.0001) == "0.0001");
  CHECK(python_float_repr(0.00001) == "1e-05");
  CHECK(python_float_repr(1.5e-05) == "1.5e-05");
  CHECK(python_float_repr(1e15) == "1000000000000000.0");
  CHECK(python_float_repr(1e16) == "1e+16");
  CHECK(python_float_repr(1.2345e16) == "1.2345e+16");
  CHECK(python_float_repr(123456789012345678.0) == "1.2345678901234568e+17");
  CHECK(python_float_repr(0.1 + 0.2) == "0.30000000000000004");
  CHECK(python_float_repr(5.0) == "5.0");
  CHECK(python_float_repr(-0.0) == "-0.0");
  CHECK(python_float_repr(-2.5) == "-2.5");
  CHECK(python_float_repr(5e-324) == "5e-324");
  CHECK(python_float_repr(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(python_float_repr(1e100) == "1e+100");
}

TEST_CASE("json_text: nlohmann's layout, Python's floats") {
  auto doc = nlohmann::ordered_json::parse(R"({"a": [1, 2.5, "x\n\u00e9"], "b": {}, "c": [], "d": {"e": null, "f": true}})");
  doc["g"] = 1e15;
  CHECK(flowc::json_text(doc, 2) == doc.dump(2).replace(doc.dump(2).find("1e+15"), 5, "1000000000000000.0"));
  CHECK(flowc::json_text(doc, -1) == R"({"a":[1,2.5,"x\né"],"b":{},"c":[],"d":{"e":null,"f":true},"g":1000000000000000.0})");
  CHECK(flowc::json_text(nlohmann::ordered_json(0.0001), 2) == "0.0001");
}
