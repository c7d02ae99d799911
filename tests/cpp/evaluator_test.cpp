#include <doctest/doctest.h>

#include "frontend/evaluator.h"

using namespace flowc;

namespace {
// Evaluates the right-hand side of the last `x = ...` in `src`.
struct Eval {
  SourceFile file;
  SyntaxTree tree;
  DslNames names;
  DiagnosticSink sink;
  Env env;
  std::optional<Value> value;
  explicit Eval(std::string src) : file("t.py", std::move(src)), tree(file) {
    TSNode root = tree.root();
    names.read_imports(tree, root, sink);
    TSNode last{};
    for (uint32_t i = 0; i < named_count(root); ++i) {
      TSNode st = named_child(root, i);
      if (is(st, "expression_statement") && is(named_child(st, 0), "assignment")) {
        TSNode a = named_child(st, 0);
        env.bind(std::string(tree.text(field(a, "left"))), field(a, "right"));
        last = field(a, "right");
      }
    }
    Evaluator ev(tree, names, sink);
    value = ev.eval(last, env);
  }
  std::string error() const { return sink.all().empty() ? "" : sink.all()[0].message; }
};
}  // namespace

TEST_CASE("string literals decode like Python's") {
  CHECK(Eval("x = 'a\\nb'").value->text == "a\nb");
  CHECK(Eval("x = r'a\\nb'").value->text == "a\\nb");
  CHECK(Eval("x = 'ab' \"cd\"").value->text == "abcd");
  CHECK(Eval("x = '''l1\nl2'''").value->text == "l1\nl2");
  CHECK(Eval("x = '\\x41\\u00e9\\U0001F600\\101'").value->text == "A\xC3\xA9\xF0\x9F\x98\x80" "A");
  CHECK(Eval("x = 'a\\\nb'").value->text == "ab");
  CHECK(Eval("x = f'{{lit}}'").value->text == "{lit}");
  CHECK_FALSE(Eval("x = f'{y}'").value);
  CHECK_FALSE(Eval("x = b'bytes'").value);
}

TEST_CASE("numbers, containers and constants") {
  CHECK(Eval("x = 0x1F").value->integer == 31);
  CHECK(Eval("x = 1_000").value->integer == 1000);
  CHECK(Eval("x = -3").value->integer == -3);
  CHECK(Eval("x = 2.5").value->number == 2.5);
  auto v = Eval("A = 'img'\nx = {'image': A, 'args': [1, True, None, (2,)]}").value;
  REQUIRE(v);
  CHECK(v->get("image")->text == "img");
  CHECK(v->get("args")->items.size() == 4);
  CHECK(v->get("args")->items[1].boolean);
  CHECK(v->get("args")->items[2].is_none());
}

TEST_CASE("textwrap.dedent matches Python") {
  CHECK(Eval("import textwrap\nx = textwrap.dedent('''\\\n    a\n      b\n    c\n''')").value->text == "a\n  b\nc\n");
  CHECK(Eval("from textwrap import dedent\nx = dedent('  a\\n\\n  b')").value->text == "a\n\nb");
  CHECK(Evaluator::dedent("  a\n \n  b") == "a\n\nb");
  CHECK(Evaluator::dedent("\ta\n  b") == "\ta\n  b");
}

TEST_CASE("model constructors give camelCase fields") {
  auto v = Eval("from argo.workflows.dsl import V1Container\nx = V1Container(image='a', image_pull_policy='Always')").value;
  REQUIRE(v);
  CHECK(v->model == "V1Container");
  CHECK(v->fields[1].first == "imagePullPolicy");
}

TEST_CASE("what cannot be evaluated says what it is") {
  Eval e("x = os.getenv('HOME')");
  CHECK_FALSE(e.value);
  CHECK(e.error() == "call to 'os.getenv' cannot be evaluated without running code");
  Eval cyc("a = b\nb = a\nx = a");
  CHECK_FALSE(cyc.value);
  CHECK(cyc.error().find("defined in terms of itself") != std::string::npos);
  Eval undefined("x = y");
  CHECK(undefined.error() == "name 'y' is not defined as a constant in this file");
}

TEST_CASE("deep nesting is a diagnostic, not a crash") {
  std::string src = "x = " + std::string(5000, '[') + std::string(5000, ']');
  Eval e(src);
  CHECK_FALSE(e.value);
}

TEST_CASE("values doubled through constants are bounded (E0120/E0121), before they are built") {
  std::string src = "c0 = '" + std::string(1000, 'x') + "'\n";
  for (int i = 1; i <= 30; ++i) src += "c" + std::to_string(i) + " = c" + std::to_string(i - 1) + " + c" + std::to_string(i - 1) + "\n";
  src += "x = c30\n";
  Eval e(src);
  CHECK_FALSE(e.value);
  REQUIRE_FALSE(e.sink.all().empty());
  CHECK((e.sink.all()[0].code == "E0120" || e.sink.all()[0].code == "E0121"));
}

TEST_CASE("nested lists doubled through constants are bounded too") {
  std::string src = "l0 = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']\n";
  for (int i = 1; i <= 12; ++i) {
    std::string p = "l" + std::to_string(i - 1);
    src += "l" + std::to_string(i) + " = [" + p + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + "]\n";
  }
  src += "x = l12\n";
  Eval e(src);
  CHECK_FALSE(e.value);
  CHECK(e.sink.has_errors());
}

TEST_CASE("value_size counts text and items") {
  Value v = Value::list();
  v.items.push_back(Value::of_string("abc"));
  CHECK(value_size(v) == 2 * sizeof(Value) + 3);
}
