#include <doctest/doctest.h>

#include <string>

#include "driver/compile.h"

using namespace flowc;

// compile() renders each document once and joins the texts for the output
// (it used to render the YAML twice); the output must stay what rendering
// all documents together writes.
TEST_CASE("the output is the documents' texts joined, as format_documents renders them") {
  const char* src = R"(from flowc.dsl import *


class First(Workflow):
    @task
    def a(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "line\none"])


class Second(WorkflowTemplate):
    @task
    def b(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo"], args=["x: {y}"])
)";
  for (const char* format : {"yaml", "json"}) {
    for (const char* only : {"", "Second"}) {
      CompileOptions o;
      o.filename = "w.py";
      o.format = format;
      o.only_class = only;
      CompileResult r = compile(src, o);
      REQUIRE(r.ok);
      CHECK(r.documents.size() == (*only ? 1u : 2u));
      CHECK(r.output == format_documents(r.documents, format));
      REQUIRE(r.document_texts.size() == r.documents.size());
      for (size_t i = 0; i < r.documents.size(); ++i) CHECK(r.document_texts[i] == format_documents({r.documents[i]}, format));
    }
  }
}
