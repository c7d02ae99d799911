#include <doctest/doctest.h>

#include <cstdlib>

#include "backend/peak/shell_quote.h"

using namespace flowc;

TEST_CASE("peak: shell quoting") {
  CHECK(shell_quote("") == "''");
  CHECK(shell_quote("abc-1.2/x=y") == "abc-1.2/x=y");
  CHECK(shell_quote("it's") == "'it'\\''s'");
  CHECK(shell_join({"echo", "a b", "$HOME"}) == "echo 'a b' '$HOME'");
}

TEST_CASE("peak: shell words from pieces") {
  Pieces p;
  add_text(p, "got ");
  p.push_back({Piece::Env, "value"});
  add_text(p, "!");
  CHECK(shell_word(p) == "'got '\"$value\"'!'");
  Pieces only_text;
  add_text(only_text, "a b");
  CHECK(shell_word(only_text) == "'a b'");
  CHECK(shell_word({}) == "''");
  CHECK(env_name("result-file") == "result_file");
  CHECK(env_name("1x") == "_1x");
}
