#include <doctest/doctest.h>

#include "backend/peak/jinja_text.h"
#include "ir/verbatim.h"

using namespace flowc;

TEST_CASE("peak: jinja escaping keeps text and leaves no delimiter") {
  CHECK(jinja_escape("a {{ b }} {% c {# d") ==
        "a {% raw %}{{{% endraw %} b }} {% raw %}{%{% endraw %} c {% raw %}{#{% endraw %} d");
  CHECK(jinja_escape("{ } }}") == "{ } }}");
}

TEST_CASE("peak: what a {{ }} holds") {
  CHECK(classify_braces(" image_id ") == JinjaExpr::Placeholder);
  CHECK(classify_braces("inputs.parameters.x") == JinjaExpr::Argo);
  CHECK(classify_braces("=asInt(x)") == JinjaExpr::Argo);
  CHECK(classify_braces(".Go") == JinjaExpr::Other);
  CHECK(placeholder_only("{{ n }}"));
  CHECK_FALSE(placeholder_only("{{ n }} x"));
  CHECK_FALSE(placeholder_only("{{inputs.parameters.x}}"));
}

TEST_CASE("peak: a marked tree becomes the file and the body") {
  Document marked = {{"command", "echo '" + marked_placeholder(" greeting ") + "' {{.Go}}"},
                     {"imageId", marked_raw_placeholder(" image_id ")},
                     {mark_placeholders("{{ key }}"), mark_placeholders("{% not jinja")}};
  Document file = finish_file(marked);
  CHECK(file["command"] == "echo '{{ greeting }}' {% raw %}{{{% endraw %}.Go}}");
  REQUIRE(verbatim_text(file["imageId"]).has_value());
  CHECK(*verbatim_text(file["imageId"]) == "{{ image_id }}");  // written unquoted: renders as a number
  CHECK(file["{{ key }}"] == "{% raw %}{%{% endraw %} not jinja");
  Document body = finish_body(marked);
  CHECK(body.dump() == R"({"command":"echo '{{ greeting }}' {{.Go}}","imageId":"{{ image_id }}","{{ key }}":"{% not jinja"})");
}

TEST_CASE("peak: a user's control characters are not taken for markers") {
  // \x01 in the user's text without a placeholder after it stays text.
  Document marked = {{"a", std::string("x\x01y")}};
  CHECK(finish_body(marked)["a"] == std::string("x\x01y"));
}
