#include "driver/python_source.h"

#include <cstring>
#include <string_view>

#include "driver/compile.h"
#include "parse/python_rules.h"
#include "parse/source_encoding.h"

namespace flowc {

SourceText read_source_text(std::string bytes, std::string name) {
  SourceText out;
  size_t size = bytes.size();
  bool has_cr_or_bom = bytes.find('\r') != std::string::npos || bytes.starts_with("\xEF\xBB\xBF");
  DecodedSource d = decode_python_source(std::move(bytes));
  if (d.code) {
    // Offsets in the message point into these bytes: keep them unchanged.
    out.error_code = d.code;
    out.error_message = std::move(d.message);
    out.error_offset = d.offset;
    out.file = std::make_shared<SourceFile>(std::move(name), std::move(d.text));
    return out;
  }
  out.normalized = has_cr_or_bom || d.text.size() != size;
  out.file = std::make_shared<SourceFile>(std::move(name), normalize_source(std::move(d.text)));
  return out;
}

namespace {

// compile() refuses a NUL byte anywhere (ValueError before 3.12, SyntaxError since).
bool check_nul(const SourceFile& file, DiagnosticSink& sink) {
  const std::string& s = file.text();
  const void* nul = std::memchr(s.data(), 0, s.size());
  if (!nul) return true;
  uint32_t i = static_cast<uint32_t>(static_cast<const char*>(nul) - s.data());
  sink.error("E0003", Span{i, i + 1}, "source contains a NUL byte");
  return false;
}

// Bytes that are not UTF-8 are an error unless they stand in a comment:
// compile(bytes) decodes tokens, never comments (`# caf\xe9` compiles).
bool check_utf8(const SyntaxTree& tree, DiagnosticSink& sink) {
  std::string_view s = tree.file().text();
  for (size_t i = first_invalid_utf8(s); i != std::string_view::npos; i = first_invalid_utf8(s, i + 1)) {
    TSNode n = ts_node_descendant_for_byte_range(tree.root(), static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1));
    if (is(n, "comment")) continue;
    unsigned char c = static_cast<unsigned char>(s[i]);
    sink.error("E0002", Span{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)},
               "source is not valid UTF-8 (byte 0x" + std::string(1, "0123456789abcdef"[c >> 4]) +
                   std::string(1, "0123456789abcdef"[c & 15]) + ") and declares no other encoding (PEP 263)");
    return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<SyntaxTree> parse_python_source(const SourceText& text, PythonVersion version, DiagnosticSink& sink,
                                                const TSTree* previous) {
  if (text.error_code) {
    sink.error(text.error_code, Span{text.error_offset, text.error_offset}, text.error_message);
    return nullptr;
  }
  if (!check_nul(*text.file, sink)) return nullptr;
  auto tree = std::make_unique<SyntaxTree>(*text.file, text.normalized ? nullptr : previous);
  if (tree->timed_out()) {
    report_syntax_errors(*tree, sink);
    return nullptr;
  }
  if (!check_utf8(*tree, sink)) return nullptr;
  if (report_syntax_errors(*tree, sink) > 0) return nullptr;
  if (check_python_rules(*tree, sink, version) > 0) return nullptr;  // what CPython's compile() refuses
  return tree;
}

}  // namespace flowc
