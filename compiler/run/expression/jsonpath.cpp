#include "run/expression/jsonpath.h"

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

// One step applied to every current value. `many` says the result is a
// list (set once a slice, wildcard, union or filter was applied).
struct Cursor {
  std::vector<json> values;
  bool many = false;
};

void select_key(Cursor& c, const std::string& key, const std::string& path) {
  std::vector<json> next;
  for (const json& v : c.values) {
    if (v.is_object() && v.contains(key)) next.push_back(v.at(key));
    else if (!c.many) fail(path, "no key '" + key + "'");
  }
  c.values = std::move(next);
}

void select_all(Cursor& c) {
  std::vector<json> next;
  for (const json& v : c.values)
    if (v.is_array() || v.is_object())
      for (const json& x : v) next.push_back(x);
  c.values = std::move(next);
  c.many = true;
}

int64_t index_of(int64_t i, size_t n) { return i < 0 ? i + static_cast<int64_t>(n) : i; }

void select_index(Cursor& c, int64_t idx, const std::string& path) {
  std::vector<json> next;
  for (const json& v : c.values) {
    int64_t i = v.is_array() ? index_of(idx, v.size()) : -1;
    if (v.is_array() && i >= 0 && i < static_cast<int64_t>(v.size())) next.push_back(v[static_cast<size_t>(i)]);
    else if (!c.many) fail(path, "index " + std::to_string(idx) + " out of range");
  }
  c.values = std::move(next);
}

void select_slice(Cursor& c, const std::string& sel, const std::string& path) {
  size_t colon = sel.find(':');
  std::string a = trim(sel.substr(0, colon)), rest = sel.substr(colon + 1);
  size_t colon2 = rest.find(':');
  std::string b = trim(rest.substr(0, colon2));
  std::string step = colon2 == std::string::npos ? "" : trim(rest.substr(colon2 + 1));
  if ((!a.empty() && !is_int(a)) || (!b.empty() && !is_int(b)) || (!step.empty() && step != "1"))
    fail(path, "unsupported slice [" + sel + "]");
  std::vector<json> next;
  for (const json& v : c.values) {
    if (!v.is_array()) continue;
    int64_t n = static_cast<int64_t>(v.size());
    int64_t from = a.empty() ? 0 : std::max<int64_t>(0, index_of(std::stoll(a), v.size()));
    int64_t to = b.empty() ? n : std::min<int64_t>(n, index_of(std::stoll(b), v.size()));
    for (int64_t i = from; i < to; ++i) next.push_back(v[static_cast<size_t>(i)]);
  }
  c.values = std::move(next);
  c.many = true;
}

void select_filter(Cursor& c, const std::string& script, const JsonpathFilter& filter) {
  std::vector<json> next;
  for (const json& v : c.values) {
    if (v.is_array()) {
      for (const json& x : v)
        if (filter(script, x)) next.push_back(x);
    } else if (v.is_object()) {
      for (const json& x : v)
        if (filter(script, x)) next.push_back(x);
    }
  }
  c.values = std::move(next);
  c.many = true;
}

std::string unquote(const std::string& s) { return s.substr(1, s.size() - 2); }
bool is_quoted(const std::string& s) { return s.size() >= 2 && (s[0] == '\'' || s[0] == '"') && s.back() == s[0]; }

void select_bracket(Cursor& c, const std::string& sel, const std::string& path, const JsonpathFilter& filter) {
  if (sel.rfind("?(", 0) == 0 && sel.back() == ')') return select_filter(c, sel.substr(2, sel.size() - 3), filter);
  if (sel == "*") return select_all(c);
  if (is_quoted(sel)) return select_key(c, unquote(sel), path);
  if (is_int(sel)) return select_index(c, std::stoll(sel), path);
  if (sel.find(':') != std::string::npos) return select_slice(c, sel, path);
  if (sel.find(',') != std::string::npos) {  // a union: [0,2] or ['a','b']
    std::vector<json> next;
    size_t start = 0;
    for (;;) {
      size_t comma = sel.find(',', start);
      std::string part = trim(sel.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      Cursor one{c.values, true};
      if (is_quoted(part)) select_key(one, unquote(part), path);
      else if (is_int(part)) select_index(one, std::stoll(part), path);
      else fail(path, "unsupported union member '" + part + "'");
      next.insert(next.end(), one.values.begin(), one.values.end());
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    c.values = std::move(next);
    c.many = true;
    return;
  }
  fail(path, "unsupported selector [" + sel + "]");
}

}  // namespace

json jsonpath_query(const json& doc, const std::string& path, const JsonpathFilter& filter) {
  if (path.empty() || path[0] != '$') fail(path, "a path starts at $");
  Cursor c{{doc}, false};
  size_t i = 1;
  while (i < path.size()) {
    if (path.compare(i, 2, "..") == 0) fail(path, "recursive descent (..) is not supported by flowc run");
    if (path[i] == '.') {
      size_t j = i + 1;
      while (j < path.size() && path[j] != '.' && path[j] != '[') ++j;
      std::string key = path.substr(i + 1, j - i - 1);
      if (key.empty()) fail(path, "empty key");
      if (key == "*") select_all(c);
      else select_key(c, key, path);
      i = j;
    } else if (path[i] == '[') {
      size_t j = bracket_end(path, i);
      select_bracket(c, trim(path.substr(i + 1, j - i - 1)), path, filter);
      i = j + 1;
    } else {
      fail(path, std::string("unexpected '") + path[i] + "'");
    }
  }
  if (c.many) return json(c.values);
  return c.values.front();
}

}  // namespace flowc::run
