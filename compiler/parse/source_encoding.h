// A Python source file's bytes, decoded to UTF-8 as CPython's compile(bytes)
// decodes them (Parser/tokenizer.c: check_bom, check_coding_spec,
// get_coding_spec, get_normal_name): a UTF-8 BOM; a PEP 263 coding
// declaration (`# -*- coding: latin-1 -*-`) in a comment on line 1, or on
// line 2 when line 1 holds only a comment or blanks. A declared codec CPython
// does not know is an error (unknown encoding); so is a declaration other than
// UTF-8 after a BOM. Other codecs are decoded with the C library's iconv.
//
// Without a declaration the bytes stay as they are: compile(bytes) checks
// UTF-8 only where it reads text (tokens, not comments); see
// first_invalid_utf8().
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace flowc {

struct DecodedSource {
  std::string text;         // UTF-8 (BOM dropped); on an error, the bytes as given
  const char* code = nullptr;  // the error's diagnostic code (nullptr: decoded)
  std::string message;      // CPython's message for it
  uint32_t offset = 0;      // where in `text` the error is
  std::string encoding;     // the declared codec, normalised ("utf-8" when none)
};

DecodedSource decode_python_source(std::string bytes);

// The offset of the first byte of `s` at or after `from` that does not begin
// a valid UTF-8 sequence (overlong forms and surrogates are invalid, as in
// Python's codec), or npos.
size_t first_invalid_utf8(std::string_view s, size_t from = 0);

}  // namespace flowc
