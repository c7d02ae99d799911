#include <doctest/doctest.h>

#include <set>
#include <string>

#include "batch/content_hash.h"

using namespace flowc;

TEST_CASE("content_hash: 32 hex digits, the same for the same bytes however they are added") {
  std::string text = "class W(Workflow):\n    entrypoint = 'main'\n";
  std::string h = content_hash(text);
  CHECK(h.size() == 32);
  CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(content_hash(text) == h);
  for (size_t cut = 0; cut <= text.size(); ++cut) {  // word boundaries must not matter
    ContentHash two;
    two.add(std::string_view(text).substr(0, cut));
    two.add(std::string_view(text).substr(cut));
    CHECK(two.hex() == h);
  }
}

TEST_CASE("content_hash: different bytes hash differently (lengths, one bit, zero bytes)") {
  std::set<std::string> seen;
  std::string base(100, 'a');
  seen.insert(content_hash(""));
  for (size_t n = 1; n <= 40; ++n) seen.insert(content_hash(std::string(n, '\0')));  // length matters
  for (size_t i = 0; i < base.size(); ++i)
    for (int bit = 0; bit < 8; ++bit) {
      std::string s = base;
      s[i] = static_cast<char>(s[i] ^ (1 << bit));
      seen.insert(content_hash(s));
    }
  seen.insert(content_hash(base));
  CHECK(seen.size() == 1 + 40 + 800 + 1);
}

TEST_CASE("add_field keeps field boundaries") {
  ContentHash a, b;
  a.add_field("ab");
  a.add_field("c");
  b.add_field("a");
  b.add_field("bc");
  CHECK(a.hex() != b.hex());
}
