// The language server's parts (compiler/lsp): framing, the document store's
// positions and incremental parse, the cursor scanners, the outline and the
// answers; and the server itself over string streams.
#include <doctest/doctest.h>

#include <sstream>

#include "lsp/cursor_context.h"
#include "lsp/document.h"
#include "lsp/features.h"
#include "lsp/jsonrpc.h"
#include "lsp/model_docs.h"
#include "lsp/outline.h"
#include "lsp/server.h"
#include "lsp/template_variables.h"
#include "lsp/uri.h"

using namespace flowc::lsp;
using nlohmann::json;

namespace {

const char* kSource = R"(from flowc.dsl import *


class Hello(Workflow):
    arguments = {"parameters": [{"name": "who", "value": "world"}]}

    @task
    def first(self):
        return self.echo(message="{{workflow.parameters.who}}")

    @task
    @dependencies(["first"])
    def second(self):
        return self.echo(message="{{tasks.first.outputs.parameters.out}}")

    @template
    @inputs.parameter(name="message")
    @outputs.parameter(name="out", value_from={"path": "/tmp/out"})
    def echo(self, message) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.message}}"])
)";

uint32_t at(const std::string& text, const std::string& needle, size_t extra = 0) {
  size_t p = text.find(needle);
  REQUIRE(p != std::string::npos);
  return static_cast<uint32_t>(p + extra);
}

std::vector<std::string> labels(const json& list) {
  std::vector<std::string> out;
  for (auto& i : list["items"]) out.push_back(i["label"]);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::string frame(const json& j) {
  std::string body = j.dump();
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("jsonrpc: frames are read back, malformed ones reported and skipped") {
  std::stringstream s;
  write_frame(s, {{"jsonrpc", "2.0"}, {"id", 1}, {"method", "x"}});
  s << "Content-Length: 3\r\n\r\n{{{";
  s << "X-Other: 1\r\n\r\n";
  write_frame(s, {{"method", "y"}});
  Frame a = read_frame(s);
  CHECK(a.kind == Frame::Kind::Message);
  CHECK(a.body["method"] == "x");
  CHECK(read_frame(s).kind == Frame::Kind::Malformed);  // not JSON
  CHECK(read_frame(s).kind == Frame::Kind::Malformed);  // no Content-Length
  CHECK(read_frame(s).body["method"] == "y");
  CHECK(read_frame(s).kind == Frame::Kind::End);
  std::stringstream cut("Content-Length: 10\r\n\r\n{}");
  CHECK(read_frame(cut).kind == Frame::Kind::End);  // the stream broke mid-body
}

TEST_CASE("document: UTF-16 positions and byte offsets") {
  // 'é' is 2 bytes / 1 unit; '😀' is 4 bytes / 2 units.
  Document d("file:///x.py", "a = 'é😀b'\nc\n", 1);
  CHECK(d.offset({0, 5}) == 5);    // the 5 bytes before é
  CHECK(d.offset({0, 6}) == 7);    // after é
  CHECK(d.offset({0, 8}) == 11);   // after 😀
  CHECK(d.offset({0, 99}) == 13);  // past the line's end: its end
  CHECK(d.offset({1, 0}) == 14);
  CHECK(d.offset({9, 0}) == d.text().size());
  CHECK(d.position(11).character == 8);
  CHECK(d.position(14).line == 1);
  CHECK(utf16_to_byte("😀x", 1) == 4);  // inside a surrogate pair: after the character
}

TEST_CASE("document: incremental edits give the tree a full parse gives") {
  Document d("file:///x.py", kSource, 1);
  std::string text = kSource;
  // Type a new keyword argument character by character, then delete a line.
  Position p = d.position(at(text, "image="));
  std::string typed = "name=\"c\", ";
  for (size_t i = 0; i < typed.size(); ++i) {
    d.apply(Range{{p.line, p.character + static_cast<uint32_t>(i)}, {p.line, p.character + static_cast<uint32_t>(i)}},
            std::string(1, typed[i]));
    d.reparse();
  }
  d.apply(Range{{11, 0}, {12, 0}}, "");
  d.reparse();
  Document fresh("file:///y.py", d.text(), 1);
  char* a = ts_node_string(d.root());
  char* b = ts_node_string(fresh.root());
  CHECK(std::string(a) == std::string(b));
  free(a);
  free(b);
  CHECK(d.text().find("V1Container(name=\"c\", image=") != std::string::npos);
}

TEST_CASE("cursor context: references, keyword places, qualifiers") {
  std::string t = "x = V1Container(image=\"a\", im";
  auto call = keyword_place(t, t.size());
  REQUIRE(call);
  CHECK(call->callee == "V1Container");
  CHECK(t.substr(call->word.begin, call->word.end - call->word.begin) == "im");
  CHECK_FALSE(keyword_place("f(x, [a", 7));  // in a list, not at a keyword
  std::string s = "msg = \"{{inputs.parameters.me";
  auto ref = reference_at(s, s.size(), false);
  REQUIRE(ref);
  CHECK(ref->expression == "inputs.parameters.me");
  CHECK(s.substr(ref->word.begin) == "me");
  CHECK_FALSE(reference_at("\"{{a}} b", 8, false));
  std::string u = "return self.ec";
  CHECK(qualifier(u, word_at(u, u.size())) == "self");
  CHECK(uri_to_path("file:///a%20b/c.py") == "/a b/c.py");
  CHECK(path_to_uri("/a b/c.py") == "file:///a%20b/c.py");
}

TEST_CASE("outline and template variables") {
  Document d("file:///x.py", kSource, 1);
  Outline o = read_outline(d.root(), d.text());
  REQUIRE(o.classes.size() == 1);
  const ClassInfo& c = o.classes[0];
  CHECK(c.workflow_parameters == std::vector<std::string>{"who"});
  const Member* echo = c.find("echo");
  REQUIRE(echo);
  CHECK(echo->kind == MemberKind::Template);
  CHECK(echo->input_parameters() == std::vector<std::string>{"message"});
  const Member* second = c.find_task("second");
  REQUIRE(second);
  CHECK(second->calls == "echo");
  Place in_second{&c, second};
  auto tasks = variables_after({"tasks"}, in_second);
  REQUIRE(tasks.size() == 1);  // not itself
  CHECK(tasks[0].name == "first");
  auto outs = variables_after({"tasks", "first", "outputs", "parameters"}, in_second);
  REQUIRE(outs.size() == 1);
  CHECK(outs[0].name == "out");
  CHECK(variables_after({"inputs", "parameters"}, in_second).empty());  // the main DAG has no inputs
  CHECK(describe_reference("tasks.first.outputs.parameters.out", in_second).find("template `echo`") != std::string::npos);
  CHECK(model_doc("V1Container").find("container") != std::string_view::npos);
  CHECK(!model_doc("V1Container", "imagePullPolicy").empty());
  CHECK(model_doc("V1Container", "nope").empty());
}

TEST_CASE("features: completion, hover, definition, symbols on a document") {
  std::string text = kSource;
  Document d("file:///x.py", text, 1);
  Outline o = read_outline(d.root(), d.text());
  auto kw = labels(complete(d, o, d.position(at(text, "image=", 2))));
  CHECK(has(kw, "image"));
  CHECK(has(kw, "image_pull_policy"));
  auto inputs = labels(complete(d, o, d.position(at(text, "{{inputs.parameters.", 20))));
  CHECK(inputs == std::vector<std::string>{"message"});
  auto tpl = labels(complete(d, o, d.position(at(text, "self.echo(message=\"{{w", 6))));
  CHECK(has(tpl, "echo"));
  json h = hover(d, o, d.position(at(text, "V1Container(", 3)));
  REQUIRE(h.is_object());
  CHECK(h["contents"]["value"].get<std::string>().find("io.k8s.api.core.v1.Container") != std::string::npos);
  json hk = hover(d, o, d.position(at(text, "image=", 1)));
  REQUIRE(hk.is_object());
  CHECK(hk["contents"]["value"].get<std::string>().find("image: str") != std::string::npos);
  json def = definition(d, o, d.position(at(text, "self.echo", 7)));
  REQUIRE(def.is_object());
  CHECK(def["range"]["start"]["line"] == 18);
  json sym = document_symbols(d, o);
  REQUIRE(sym.size() == 1);
  CHECK(sym[0]["name"] == "Hello");
}

TEST_CASE("features: half-typed text never throws") {
  std::string text = kSource;
  std::vector<std::string> texts;
  for (size_t cut = 0; cut < text.size(); cut += 7) texts.push_back(text.substr(0, cut));
  // Parts missing that tree-sitter's accessors would crash on (a null node).
  for (const char* s : {"class A:\n    @task\n    def", "class", "class A(:\n", "@", "def f(", "class A:\n    @inputs.",
                        "class A(Workflow):\n    @template\n    def e(self, *, **k) -> V1Container:\n        return V1Container(",
                        "class A(Workflow):\n    arguments = \n    @task\n    def a(self):\n        return self.", "\xff\xfe\x00"})
    texts.push_back(s);
  for (const std::string& t : texts) {
    size_t cut = t.size();
    Document d("file:///x.py", t, 1);
    Outline o = read_outline(d.root(), d.text());
    Position end = d.position(static_cast<uint32_t>(cut));
    for (uint32_t at = 0; at <= cut; at += 3) {  // every place of the short ones
      if (cut > 200 && at + 3 <= cut) continue;
      CHECK_NOTHROW(complete(d, o, d.position(at)));
      CHECK_NOTHROW(hover(d, o, d.position(at)));
      CHECK_NOTHROW(definition(d, o, d.position(at)));
    }
    CHECK_NOTHROW(complete(d, o, end));
    CHECK_NOTHROW(hover(d, o, end));
    CHECK_NOTHROW(definition(d, o, end));
    CHECK_NOTHROW(document_symbols(d, o));
  }
}

TEST_CASE("server: initialize, diagnostics of an open document, shutdown, exit") {
  std::string bad = std::string(kSource);
  bad.replace(bad.find("image="), 5, "imag");
  std::stringstream in, out;
  in << frame({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"initializationOptions", {{"debounceMs", 0}}}}}});
  in << frame({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
               {"params", {{"textDocument", {{"uri", "untitled:a.py"}, {"languageId", "python"}, {"version", 1}, {"text", bad}}}}}});
  in << frame({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "nope"}});
  in << frame({{"jsonrpc", "2.0"}, {"id", 3}, {"method", "shutdown"}});
  in << frame({{"jsonrpc", "2.0"}, {"method", "exit"}});
  CHECK(serve(in, out) == 0);
  std::vector<json> got;
  while (true) {
    Frame f = read_frame(out);
    if (f.kind != Frame::Kind::Message) break;
    got.push_back(f.body);
  }
  REQUIRE(got.size() >= 3);
  CHECK(got[0]["result"]["capabilities"]["textDocumentSync"]["change"] == 2);
  bool unknown_method = false, shutdown = false;
  for (auto& m : got) {
    if (m.value("id", 0) == 2) unknown_method = m["error"]["code"] == -32601;
    if (m.value("id", 0) == 3) shutdown = m["result"].is_null();
  }
  CHECK(unknown_method);
  CHECK(shutdown);
}

// The compiler's "did you mean" suggestions carry an edit (Diagnostic::fixes);
// applying it must give a source that no longer has the error.
#include "driver/compile.h"

namespace {

const char* kFixBase = R"(from flowc.dsl import *


class Fixes(Workflow):
    entrypoint = "main"
    arguments = {"parameters": [{"name": "who", "value": "world"}]}

    @task
    def first(self):
        return self.echo(message="{{workflow.parameters.who}}")

    @task
    @dependencies(["first"])
    def second(self):
        return self.echo(message="{{tasks.first.outputs.parameters.out}}")

    @template
    @inputs.parameter(name="message")
    @outputs.parameter(name="out", value_from={"path": "/tmp/out"})
    def echo(self, message) -> V1Container:
        return V1Container(image="alpine:3.19", command=["sh", "-c", "echo {{inputs.parameters.message}} > /tmp/out"])
)";

std::string apply_fix(std::string text, const flowc::Fix& f) {
  return text.replace(f.span.begin, f.span.end - f.span.begin, f.replacement);
}

}  // namespace

TEST_CASE("fixes: each 'did you mean' edit repairs the source") {
  struct Case {
    const char* code;
    const char* right;
    const char* wrong;
  };
  const Case cases[] = {
      {"E0104", "V1Container(image=", "V1Container(imag="},
      {"E0103", "-> V1Container:\n        return V1Container(", "-> V1Container:\n        return V1Containr("},
      {"E0211", "    arguments = {", "    argument = {"},
      {"E0301", "return self.echo(message=\"{{workflow", "return self.ech(message=\"{{workflow"},
      {"E0302", "@dependencies([\"first\"])", "@dependencies([\"frst\"])"},
      {"E0303", "{{tasks.first.outputs", "{{tasks.frst.outputs"},
      {"E0305", "entrypoint = \"main\"", "entrypoint = \"mai\""},
      {"E0310", "{{inputs.parameters.message}}", "{{inputs.parameters.mesage}}"},
      {"E0310", "{{workflow.parameters.who}}", "{{workflow.parameters.whoo}}"},
      {"E0310", "outputs.parameters.out}}", "outputs.parameters.ou}}"},
      {"W0302", "self.echo(message=\"{{tasks", "self.echo(mesage=\"{{tasks"},
      {"E0216", "class Fixes(Workflow)", "class Fixes(Workflw)"},
      // Not a misspelling: the dependency a task's reference needs.
      {"W0301", "    @dependencies([\"first\"])\n", ""},
  };
  for (const Case& c : cases) {
    std::string wrong = c.wrong;
    CAPTURE(wrong);
    std::string source = kFixBase;
    REQUIRE(source.find(c.right) != std::string::npos);
    source.replace(source.find(c.right), std::string(c.right).size(), c.wrong);
    flowc::CompileOptions options;
    auto broken = flowc::compile(source, options);
    const flowc::Diagnostic* d = nullptr;
    for (auto& x : broken.diagnostics)
      if (x.code == c.code) d = &x;
    CHECK(d);
    if (!d) continue;
    CHECK(!d->fixes.empty());
    if (d->fixes.empty()) continue;
    auto fixed = flowc::compile(apply_fix(source, d->fixes[0]), options);
    CHECK(fixed.ok);
    CHECK(fixed.diagnostics.empty());
  }
}

TEST_CASE("fixes: the missing dependency is added to @dependencies, or as a decorator") {
  std::string source = kFixBase;
  // A third task reads second's output: the name goes into its @dependencies list.
  std::string third =
      "    @task\n    @dependencies([\"first\"])\n    def third(self):\n"
      "        return self.echo(message=\"{{tasks.second.outputs.parameters.out}}\")\n\n    @template\n";
  source.replace(source.find("    @template\n"), 14, third);
  flowc::CompileOptions options;
  auto r = flowc::compile(source, options);
  const flowc::Diagnostic* d = nullptr;
  for (auto& x : r.diagnostics)
    if (x.code == "W0301") d = &x;
  REQUIRE(d);
  REQUIRE(d->fixes.size() == 1);
  std::string fixed = apply_fix(source, d->fixes[0]);
  CHECK(fixed.find("@dependencies([\"first\", \"second\"])\n    def third") != std::string::npos);
  CHECK(flowc::compile(fixed, options).diagnostics.empty());
}

TEST_CASE("fixes: an unknown input parameter can be declared") {
  std::string source = kFixBase;
  source.replace(source.find("echo {{inputs.parameters.message}}"), 34, "echo {{inputs.parameters.extra}}");
  flowc::CompileOptions options;
  auto r = flowc::compile(source, options);
  const flowc::Diagnostic* d = nullptr;
  for (auto& x : r.diagnostics)
    if (x.code == "E0310") d = &x;
  REQUIRE(d);
  REQUIRE(!d->fixes.empty());
  std::string fixed = apply_fix(source, d->fixes.back());
  CHECK(fixed.find("    @inputs.parameter(name=\"extra\")\n    def echo") != std::string::npos);
  for (auto& x : flowc::compile(fixed, options).diagnostics) CHECK(x.code != "E0310");
}
