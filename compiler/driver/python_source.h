// A Python source file read as CPython's compile(bytes) reads it: the bytes
// decoded (BOM, PEP 263 declaration: parse/source_encoding.h), newlines
// normalised, no NUL byte, UTF-8 wherever a token is (compile() does not
// decode comments), parsed, and held to CPython's rules for the Python
// version read (parse/python_rules.h). Every file flowc reads as Python -- the
// compiled one, the modules its base classes come from -- goes through here.
#pragma once
#include <memory>
#include <string>

#include "diag/diagnostic.h"
#include "diag/source.h"
#include "parse/python_version.h"
#include "parse/syntax_tree.h"

namespace flowc {

// Step 1, the text. A decoding error is kept (not reported) so that the
// caller can point the sink at the file first.
struct SourceText {
  std::shared_ptr<SourceFile> file;
  const char* error_code = nullptr;  // nullptr: decoded
  std::string error_message;
  uint32_t error_offset = 0;
  bool normalized = false;  // the text differs from the bytes given (BOM, CR, another codec)
};
SourceText read_source_text(std::string bytes, std::string name);

// Step 2: reports the decoding error, else parses and checks; the tree, or
// null if an error was reported. `previous`: see CompileOptions::previous_tree.
std::unique_ptr<SyntaxTree> parse_python_source(const SourceText& text, PythonVersion version, DiagnosticSink& sink,
                                                const TSTree* previous = nullptr);

}  // namespace flowc
