// check_python_rules(): what CPython 3.11's compile() refuses and
// tree-sitter-python accepts. Each case: the source, the code, the message
// CPython gives (or flowc's wording of it), and the 1-based line:column.
// tests/python/test_python_rules.py checks the same against the real python3.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "parse/python_rules.h"
#include "parse/syntax_tree.h"

using namespace flowc;

namespace {

struct Found {
  size_t count = 0;
  std::string first;  // "CODE line:col message"
};

Found check(const std::string& src, PythonVersion version = PythonVersion{11}) {
  SourceFile file("t.py", src);
  SyntaxTree tree(file);
  DiagnosticSink sink;
  REQUIRE(report_syntax_errors(tree, sink) == 0);  // tree-sitter accepts every case here
  Found f;
  f.count = check_python_rules(tree, sink, version);
  if (!sink.all().empty()) {
    const Diagnostic& d = sink.all().front();
    LineCol p = file.position(d.span.begin);
    f.first = d.code + " " + std::to_string(p.line) + ":" + std::to_string(p.col) + " " + d.message;
  }
  return f;
}

void refused(const std::string& src, const std::string& want) {
  CAPTURE(src);
  Found f = check(src);
  CHECK(f.count >= 1);
  CHECK(f.first == want);
}

void accepted(const std::string& src) {
  CAPTURE(src);
  Found f = check(src);
  CHECK(f.count == 0);
  CHECK(f.first == "");
}

}  // namespace

TEST_CASE("the five silent acceptances of issue 10 are errors") {
  refused("V1Container(image=\"a\", image=\"b\")\n", "E0017 1:24 keyword argument repeated: image");
  refused("x = 1\n    y = 2\n", "E0010 2:5 unexpected indent");
  refused("def f(a=1, b): pass\n", "E0018 1:12 non-default argument follows default argument");
  refused("def f(a, a): pass\n", "E0018 1:10 duplicate argument 'a' in function definition");
  refused("return 1\n", "E0019 1:1 'return' outside function");
}

TEST_CASE("tokenizer rules: indentation, literals, f-strings") {
  refused("if x:\n    pass\n  y = 1\n", "E0010 3:3 unindent does not match any outer indentation level");
  refused("if x:\n\tpass\n        pass\n", "E0011 3:1 inconsistent use of tabs and spaces in indentation");
  refused("if x:\npass\n", "E0010 2:1 expected an indented block after 'if' statement on line 1");
  refused("def f():\n", "E0010 2:1 expected an indented block after function definition on line 1");
  refused("x = 0777\n",
          "E0012 1:5 leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
  refused("x = 1_\n", "E0012 1:5 invalid decimal literal");
  refused("x = 10L\n", "E0012 1:5 invalid decimal literal");
  refused("x = \"\\x4\"\n", "E0013 1:6 truncated \\xXX escape");
  refused("x = b\"\xc3\xa9\"\n", "E0013 1:7 bytes can only contain ASCII literal characters");
  refused("x = 'a' b'b'\n", "E0013 1:9 cannot mix bytes and nonbytes literals");
  refused("x = ub'x'\n", "E0013 1:5 invalid string prefix 'ub'");
  refused("x = f\"{x!z}\"\n", "E0014 1:9 f-string: invalid conversion character: expected 's', 'r', or 'a'");
  refused("x = f'{x:{y:{z}}}'\n", "E0014 1:13 f-string: expressions nested too deeply");
  refused("x = 1\xe2\x80\x8b+ 2\n", "E0012 1:6 invalid non-printable character U+200B");
  accepted("x = 0x_1f + 0_0 + 1_000.0_1e1_0j + 09.5 + 0e0 + 00\n");
  accepted("x = rb'\\x' + b'\\u1234'\ny = f'{x!r:>{w}}' f\"{x=}\" '\\N{DASH}'\n");
  accepted("if x:  # a comment\n\n    # another\n    y = (1,\n  2)\nz = 1 + \\\n      2\n");
}

TEST_CASE("grammar rules: arguments, parameters, targets, ':=' and '*'") {
  refused("f(a=1, b)\n", "E0017 1:8 positional argument follows keyword argument");
  refused("f(**k, *a)\n", "E0017 1:8 iterable argument unpacking follows keyword argument unpacking");
  refused("def f(*): pass\n", "E0018 1:7 named arguments must follow bare *");
  refused("def f(**k, a): pass\n", "E0018 1:12 arguments cannot follow var-keyword argument");
  refused("lambda a, a: 1\n", "E0018 1:11 duplicate argument 'a' in function definition");
  refused("del f()\n", "E0020 1:5 cannot delete function call");
  refused("with a as 1: pass\n", "E0020 1:11 cannot assign to literal");
  refused("*a = 1\n", "E0020 1:1 starred assignment target must be in a list or tuple");
  refused("a, b += 1\n", "E0020 1:1 'tuple' is an illegal expression for augmented assignment");
  refused("x := 1\n", "E0027 1:1 invalid syntax: an assignment expression (:=) needs parentheses here");
  refused("x = *a\n", "E0020 1:5 can't use starred expression here");
  refused("print x\n", "E0015 1:1 Missing parentheses in call to 'print'. Did you mean print(...)?");
  refused("type X = int\n",
          "E0041 1:1 a 'type' statement needs Python 3.12; this file is read as Python 3.11 (--python-version, or "
          "python-version / requires-python in pyproject.toml)");
  accepted("def f(a, /, b=1, *c, d, e=2, **g): pass\nf(1, *a, b=2, *c, **d)\n(x := 1)\na[*b]\nprint >>f, x\n");
  accepted("x: int\ny: list[int] = []\nlambda: 0\ndef g(*args: *Ts): pass\nwith (a as b, c as d): pass\n");
}

TEST_CASE("compiler and symbol table rules") {
  refused("for x in y:\n    def f():\n        break\n", "E0019 3:9 'break' outside loop");
  refused("def f():\n    await x\n", "E0019 2:5 'await' outside async function");
  refused("def f():\n    [await x for x in y]\n",
          "E0019 2:5 asynchronous comprehension outside of an asynchronous function");
  refused("async def f():\n    yield 1\n    return 2\n", "E0019 3:5 'return' with value in async generator");
  refused("def f():\n    from os import *\n", "E0019 2:20 import * only allowed at module level");
  refused("def f():\n    x = 1\n    global x\n", "E0021 3:12 name 'x' is assigned to before global declaration");
  refused("def f():\n    def g():\n        nonlocal y\n", "E0021 3:18 no binding for nonlocal 'y' found");
  refused("import os\nfrom __future__ import annotations\n",
          "E0022 2:1 from __future__ imports must occur at the beginning of the file");
  refused("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n", "E0023 3:1 default 'except:' must be last");
  refused("[x := 1 for x in y]\n", "E0026 1:2 assignment expression cannot rebind comprehension iteration variable 'x'");
  accepted("\"\"\"doc\"\"\"\nfrom __future__ import annotations\nimport os\n"
           "def f(x):\n    async def g():\n        nonlocal x\n        return [y async for y in x]\n"
           "async def h():\n    async with a as b:\n        return [await y for y in b]\n"
           "for i in x:\n    try:\n        continue\n    finally:\n        break\n");
}

TEST_CASE("match statements: the compiler's pattern checks") {
  refused("match x:\n    case a:\n        pass\n    case b:\n        pass\n",
          "E0024 2:10 name capture 'a' makes remaining patterns unreachable");
  refused("match x:\n    case [a, a]:\n        pass\n", "E0024 2:14 multiple assignments to name 'a' in pattern");
  refused("match x:\n    case 1 | a:\n        pass\n", "E0024 2:10 alternative patterns bind different names");
  refused("match x:\n    case {1: a, True: b}:\n        pass\n", "E0024 2:17 mapping pattern checks duplicate key (1)");
  refused("match x:\n    case C(a=1, a=2):\n        pass\n", "E0024 2:17 attribute name repeated in class pattern: a");
  refused("match x:\n    case C(a=1, b):\n        pass\n", "E0024 2:17 positional patterns follow keyword patterns");
  refused("match x:\n    case a, *b, *c:\n        pass\n", "E0024 2:5 multiple starred names in sequence pattern");
  accepted("match x:\n    case Point(x=0, y=y) | Point(x=y, y=0):\n        pass\n"
           "    case {\"x\": x, **rest}:\n        pass\n    case (1 | 2) as n if n:\n        pass\n"
           "    case -1 | 1 + 2j | Color.RED | str():\n        pass\n    case *_,:\n        pass\n"
           "    case _:\n        pass\nmatch = case = 1\n");
}

TEST_CASE("expressions nested past 2,900 levels are refused (CPython: RecursionError near 3,000)") {
  auto chain = [](int n) {
    std::string s = "x = 1";
    for (int i = 1; i < n; ++i) s += "+1";
    return s + "\n";
  };
  accepted(chain(2800));
  refused(chain(3000),
          "E0027 1:5 expression nested more than 2900 levels deep; CPython's compiler stops at about 3,000 (RecursionError)");
  std::string elifs = "if a: pass\n";
  for (int i = 0; i < 3000; ++i) elifs += "elif b: pass\n";
  CHECK(check(elifs).first.rfind("E0027 2900:", 0) == 0);  // an elif is an If in the previous one's else
  std::string ands = "x = a";
  for (int i = 0; i < 5000; ++i) ands += " and a";
  accepted(ands + "\n");  // one BoolOp, not nested
}

TEST_CASE("20 nested blocks compile, 21 do not") {
  auto nest = [](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += std::string(i, ' ') + "for x in y:\n";
    return s + std::string(n, ' ') + "pass\n";
  };
  accepted(nest(20));
  refused(nest(21), "E0025 22:22 too many statically nested blocks (CPython allows 20)");
}
