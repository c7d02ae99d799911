// Workflow sources whose real compile gives the diagnostics the report tests
// render: an unspanned note ("did you mean"), a spanned one ("the first one is
// here"), and non-ASCII text before the place (columns count code points).
#pragma once
#include <string>

#include "driver/compile.h"

namespace report_test {

inline const char* kMisspelled = R"(from flowc.dsl import *

class W(Workflow):
    entrypont = "echo"

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo"])
)";

inline const char* kTwoScopes = R"(from flowc.dsl import *

@scope(name="s")
def f():
    return 1

@scope(name="s")
def f():
    return 2

class W(Workflow):
    entrypoint = "go"

    @closure(image="python:3.11", scope="s")
    def go():
        print(s.f())
)";

inline const char* kUnicode = R"(from flowc.dsl import *

class W(Workflow):
    @task
    @dependencies(["é", "Z"])
    def b(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo"])
)";

inline flowc::CompileResult compile(const std::string& source, const std::string& name = "w.py") {
  flowc::CompileOptions o;
  o.filename = name;
  return flowc::compile(source, o);
}

}  // namespace report_test
