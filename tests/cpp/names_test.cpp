#include <doctest/doctest.h>

#include "ir/names.h"

using namespace flowc;

TEST_CASE("class names become kebab case like argo-python-dsl") {
  CHECK(class_to_kebab("DagDiamond") == "dag-diamond");
  CHECK(class_to_kebab("HTTPServerFlow") == "http-server-flow");
  CHECK(class_to_kebab("HelloWorld") == "hello-world");
  CHECK(class_to_kebab("ScriptsPython") == "scripts-python");
  CHECK(class_to_kebab("Step2Flow") == "step2-flow");
  CHECK(class_to_kebab("already_snake") == "already-snake");
  CHECK(class_to_kebab("ABC") == "abc");
}

TEST_CASE("method names keep case and turn _ into -") {
  CHECK(method_to_name("generate_artifact") == "generate-artifact");
  CHECK(method_to_name("A") == "A");
}

TEST_CASE("snake_case keywords become camelCase fields") {
  CHECK(snake_to_camel("image_pull_policy") == "imagePullPolicy");
  CHECK(snake_to_camel("_from") == "from");
  CHECK(snake_to_camel("image") == "image");
  CHECK(snake_to_camel("value_from") == "valueFrom");
}

TEST_CASE("DNS names") {
  CHECK(is_valid_dns_name("dag-diamond"));
  CHECK_FALSE(is_valid_dns_name("-x"));
  CHECK_FALSE(is_valid_dns_name("a_b"));
  CHECK_FALSE(is_valid_dns_name(""));
}
