#include "run/expression/jsonpath.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

namespace flowc::run {

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw std::runtime_error("jsonpath '" + path + "': " + why);
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool is_int(const std::string& s) {
  if (s.empty()) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// The end of a bracket selector starting at `open` ('['): the matching ']'
// outside quotes and parentheses (a filter's script holds both).
size_t bracket_end(const std::string& path, size_t open) {
  int depth = 0;
  char quote = 0;
  for (size_t i = open + 1; i < path.size(); ++i) {
    char c = path[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == ']' && depth == 0) {
      return i;
    }
  }
  fail(path, "missing ']'");
}

// A path is a list of tokens applied one after the other, each to the value
// the previous one gave, as evilmonkeyinc/jsonpath's Token.Apply(root,
// current, next) does: a definite token (key, index) hands its one value on
// and fails when it is not there; a token giving several values (wildcard,
// slice, union, filter, recursive descent) applies the rest of the path to
// each value separately, drops those that fail or give null, and returns the
// list. So `$.*.*` gives a list of lists and `$[*].a` skips members with no
// `a`, as the library does (token/wildcard.go, union.go, range.go, filter.go).
enum class Kind { key, index, wildcard, slice, union_, filter, recursive, length };
struct Token {
  Kind kind;
  std::string text;  // key name, index digits, slice, union members or filter script
};

std::string unquote(const std::string& s) { return s.substr(1, s.size() - 2); }
bool is_quoted(const std::string& s) { return s.size() >= 2 && (s[0] == '\'' || s[0] == '"') && s.back() == s[0]; }

Token bracket_token(const std::string& sel, const std::string& path) {
  if (sel.rfind("?(", 0) == 0 && sel.back() == ')') return {Kind::filter, sel.substr(2, sel.size() - 3)};
  if (sel == "*") return {Kind::wildcard, ""};
  if (is_quoted(sel) && sel.find(',') == std::string::npos) return {Kind::key, unquote(sel)};
  if (is_int(sel)) return {Kind::index, sel};
  if (sel.find(':') != std::string::npos) return {Kind::slice, sel};
  if (sel.find(',') != std::string::npos) return {Kind::union_, sel};
  fail(path, "unsupported selector [" + sel + "]");
}

std::vector<Token> tokenize(const std::string& path) {
  if (path.empty() || path[0] != '$') fail(path, "a path starts at $");
  std::vector<Token> tokens;
  size_t i = 1;
  while (i < path.size()) {
    if (path.compare(i, 2, "..") == 0) {
      // token.go: `..` is the recursive token; what follows it (`key`, `*`,
      // `[1]`, or a further `.key` as in `$...key`) is the next token.
      tokens.push_back({Kind::recursive, ""});
      i += 2;
      if (i == path.size()) fail(path, "nothing after '..'");
      if (path[i] != '.' && path[i] != '[') --i;  // read `key` as if written `.key`
      else continue;
    }
    if (path[i] == '.') {
      size_t j = i + 1;
      while (j < path.size() && path[j] != '.' && path[j] != '[') ++j;
      std::string key = path.substr(i + 1, j - i - 1);
      if (key.empty()) fail(path, "empty key");
      // token.go: `.length` is the length token (length.go), `.*` the wildcard.
      tokens.push_back(key == "*" ? Token{Kind::wildcard, ""} : key == "length" ? Token{Kind::length, ""} : Token{Kind::key, key});
      i = j;
    } else if (path[i] == '[') {
      size_t j = bracket_end(path, i);
      tokens.push_back(bracket_token(trim(path.substr(i + 1, j - i - 1)), path));
      i = j + 1;
    } else {
      fail(path, std::string("unexpected '") + path[i] + "'");
    }
  }
  return tokens;
}

int64_t index_of(int64_t i, size_t n) { return i < 0 ? i + static_cast<int64_t>(n) : i; }

json pick_key(const json& v, const std::string& key, const std::string& path) {
  if (!v.is_object()) fail(path, "key '" + key + "' of a " + std::string(v.type_name()) + ", not a map");
  if (!v.contains(key)) fail(path, "no key '" + key + "'");
  return v.at(key);
}

json pick_index(const json& v, int64_t idx, const std::string& path) {
  if (!v.is_array()) fail(path, "index " + std::to_string(idx) + " of a " + std::string(v.type_name()) + ", not a list");
  int64_t i = index_of(idx, v.size());
  if (i < 0 || i >= static_cast<int64_t>(v.size())) fail(path, "index " + std::to_string(idx) + " out of range");
  return v[static_cast<size_t>(i)];
}

std::vector<json> members(const json& v, const std::string& path) {
  if (!v.is_array() && !v.is_object()) fail(path, "wildcard over a " + std::string(v.type_name()));
  return std::vector<json>(v.begin(), v.end());
}

// range.go: [from:to] or [from:to:step]. The library refuses `[:]`, a
// step with an empty bound (`[::2]`, `[3::-1]`), and a bound outside the
// list after counting negatives from the end ("range: invalid token out of
// range", where other jsonpath libraries clamp); test/array_test.go.
// Negative steps (which the library walks in its own order) are refused.
std::vector<json> slice_of(const json& v, const std::string& sel, const std::string& path) {
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    size_t colon = sel.find(':', start);
    parts.push_back(trim(sel.substr(start, colon == std::string::npos ? std::string::npos : colon - start)));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  const std::string &a = parts[0], &b = parts[1];
  const std::string step_text = parts.size() > 2 ? parts[2] : "";
  if (parts.size() > 3 || (a.empty() && b.empty()) || (parts.size() == 3 && (a.empty() || b.empty())))
    fail(path, "invalid token [" + sel + "]");
  if ((!a.empty() && !is_int(a)) || (!b.empty() && !is_int(b)) || (!step_text.empty() && !is_int(step_text)))
    fail(path, "unsupported slice [" + sel + "]");
  int64_t step = step_text.empty() ? 1 : std::stoll(step_text);
  if (step < 0) fail(path, "a negative step in [" + sel + "] is not supported by flowc run");
  if (step == 0) fail(path, "range: invalid token out of range [" + sel + "]");
  if (!v.is_array()) fail(path, "slice [" + sel + "] of a " + std::string(v.type_name()) + ", not a list");
  int64_t n = static_cast<int64_t>(v.size());
  int64_t from = a.empty() ? 0 : index_of(std::stoll(a), v.size());
  int64_t to = b.empty() ? n : index_of(std::stoll(b), v.size());
  if (from < 0 || from > n || to < 0 || to > n) fail(path, "range: invalid token out of range [" + sel + "]");
  std::vector<json> out;
  for (int64_t i = from; i < to; i += step) out.push_back(v[static_cast<size_t>(i)]);
  return out;
}

// union.go: all keys or all indices; a missing key or index fails the whole
// union (getUnionByKey / getUnionByIndex). Keys are a set there (a key named
// twice gives its value once); indices a list.
std::vector<json> union_of(const json& v, const std::string& sel, const std::string& path) {
  std::vector<json> out;
  std::vector<std::string> keys;
  size_t start = 0;
  for (;;) {
    size_t comma = sel.find(',', start);
    std::string part = trim(sel.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (is_quoted(part)) {
      std::string key = unquote(part);
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {  // named before: once only
        keys.push_back(key);
        out.push_back(pick_key(v, key, path));
      }
    } else if (is_int(part)) {
      out.push_back(pick_index(v, std::stoll(part), path));
    } else {
      fail(path, "unsupported union member '" + part + "'");
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::vector<json> filtered(const json& v, const std::string& script, const JsonpathFilter& filter,
                           const std::string& path) {
  if (!v.is_array() && !v.is_object()) fail(path, "filter over a " + std::string(v.type_name()));
  std::vector<json> out;
  for (const json& x : v)
    if (filter(script, x)) out.push_back(x);
  return out;
}

// recursive.go flatten: the value itself, then each member's flattening.
void flatten(const json& v, std::vector<json>& out) {
  out.push_back(v);
  if (v.is_array() || v.is_object())
    for (const json& x : v) flatten(x, out);
}

// length.go: a map's "length" member if it has one, else its size; a
// list's or a string's length (a string's in bytes, as Go's len).
json length_of(const json& v, const std::string& path) {
  if (v.is_object()) return v.contains("length") ? v.at("length") : json(v.size());
  if (v.is_array()) return v.size();
  if (v.is_string()) return v.get_ref<const std::string&>().size();
  fail(path, "length of a " + std::string(v.type_name()));
}

struct Query {
  const std::vector<Token>& tokens;
  const std::string& path;
  const JsonpathFilter& filter;

  json apply(size_t i, const json& current) const {
    if (i == tokens.size()) return current;
    const Token& t = tokens[i];
    switch (t.kind) {
      case Kind::key: return apply(i + 1, pick_key(current, t.text, path));
      case Kind::index: return apply(i + 1, pick_index(current, std::stoll(t.text), path));
      case Kind::wildcard: return each(i + 1, members(current, path), false);
      case Kind::slice: return each(i + 1, slice_of(current, t.text, path), true);
      case Kind::union_: return each(i + 1, union_of(current, t.text, path), true);
      case Kind::filter: return each(i + 1, filtered(current, t.text, filter, path), true);
      case Kind::recursive: return descend(i + 1, current);
      case Kind::length: return apply(i + 1, length_of(current, path));
    }
    fail(path, "unknown token");
  }

  // The rest of the path from token `i` over several values. After a slice,
  // union or filter, an index token indexes the list itself ("if next is
  // asking for specific index", range.go / union.go / filter.go).
  json each(size_t i, const std::vector<json>& values, bool index_takes_list) const {
    if (i == tokens.size()) return json(values);
    if (index_takes_list && tokens[i].kind == Kind::index) return apply(i, json(values));
    json out = json::array();
    for (const json& v : values) {
      json r;
      if (!attempt(i, v, r) || r.is_null()) continue;
      out.push_back(std::move(r));
    }
    return out;
  }

  // recursive.go Apply: the next tokens over every flattened value, errors
  // and nulls dropped, list results spliced in.
  json descend(size_t i, const json& current) const {
    std::vector<json> all;
    flatten(current, all);
    if (i == tokens.size()) return json(all);
    json out = json::array();
    for (const json& v : all) {
      json r;
      if (!attempt(i, v, r) || r.is_null()) continue;
      if (r.is_array()) for (json& x : r) out.push_back(std::move(x));
      else out.push_back(std::move(r));
    }
    return out;
  }

  // The library ignores a failing branch (`result, _ := nextToken.Apply`).
  bool attempt(size_t i, const json& v, json& r) const {
    try {
      r = apply(i, v);
      return true;
    } catch (const std::runtime_error&) {
      return false;
    }
  }
};

}  // namespace

json jsonpath_query(const json& doc, const std::string& path, const JsonpathFilter& filter) {
  std::vector<Token> tokens = tokenize(path);
  return Query{tokens, path, filter}.apply(0, doc);
}

}  // namespace flowc::run
