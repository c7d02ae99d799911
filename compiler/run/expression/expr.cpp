#include "run/expression/expr.h"

#include "run/expression/scanner.h"

#include <cctype>
#include <cmath>
#include <regex>
#include <stdexcept>

namespace flowc::run {

namespace {

using json = nlohmann::json;

struct ExprError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Tok {
  enum Kind { Num, Str, Ident, Op, End } kind;
  std::string text;
  json num;
};

std::vector<Tok> lex(const std::string& s) {
  auto digit = [](unsigned char c) { return std::isdigit(c) != 0; };
  std::vector<Tok> out;
  Scanner in(s);
  while (in.more()) {
    unsigned char c = static_cast<unsigned char>(in.peek());
    if (digit(c)) {
      // Digits, with one '.' when a digit follows it ("1..3" is a range).
      size_t start = in.position();
      bool dot = false;
      while (digit(in.peek()) || (in.peek() == '.' && !dot && digit(in.peek(1)))) {
        dot = dot || in.peek() == '.';
        in.advance();
      }
      std::string t = s.substr(start, in.position() - start);
      out.push_back({Tok::Num, t, dot ? json(std::stod(t)) : json(std::stoll(t))});
    } else if (c == '\'' || c == '"') {
      in.advance();
      std::string t;
      while (in.position() < s.size() && in.peek() != static_cast<char>(c)) {
        if (in.peek() == '\\' && in.position() + 1 < s.size()) {
          char e = in.peek(1);
          t += e == 'n' ? '\n' : e == 't' ? '\t' : e;
          in.advance(2);
          continue;
        }
        t += in.peek();
        in.advance();
      }
      if (in.position() >= s.size()) throw ExprError("unclosed string");
      in.advance();
      out.push_back({Tok::Str, t, {}});
    } else if (std::isalpha(c) || c == '_' || c == '$') {
      out.push_back({Tok::Ident, in.take_while([](unsigned char x) { return std::isalnum(x) || x == '_' || x == '$'; }), {}});
    } else {
      static const char* kOps[] = {"==", "!=", ">=", "<=", "&&", "||", "**", "??", "..", ">", "<", "!", "+", "-",
                                   "*",  "/",  "%",  "(",  ")",  "[",  "]",  ".",  ",",  "?", ":", "{", "}"};
      bool ok = false;
      for (const char* op : kOps)
        if (in.take(op)) {
          out.push_back({Tok::Op, op, {}});
          ok = true;
          break;
        }
      if (!ok) throw ExprError(std::string("unexpected character '") + static_cast<char>(c) + "'");
    }
  }
  out.push_back({Tok::End, "", {}});
  return out;
}

bool truthy(const json& v, const char* op) {
  if (v.is_boolean()) return v.get<bool>();
  throw ExprError(std::string("operator ") + op + " needs a bool, got " + v.dump());
}

double num(const json& v, const std::string& op) {
  if (v.is_number()) return v.get<double>();
  throw ExprError("operator " + op + " needs numbers, got " + v.dump());
}

json arith(const json& a, const json& b, const std::string& op) {
  if (op == "+" && a.is_string() && b.is_string()) return a.get<std::string>() + b.get<std::string>();
  double x = num(a, op), y = num(b, op);
  bool ints = a.is_number_integer() && b.is_number_integer();
  if (op == "+") return ints ? json(a.get<int64_t>() + b.get<int64_t>()) : json(x + y);
  if (op == "-") return ints ? json(a.get<int64_t>() - b.get<int64_t>()) : json(x - y);
  if (op == "*") return ints ? json(a.get<int64_t>() * b.get<int64_t>()) : json(x * y);
  if (op == "/") return json(x / y);  // expr: / is always float
  if (op == "%") {
    if (!ints || b.get<int64_t>() == 0) throw ExprError("operator % needs integers (and a non-zero divisor)");
    return a.get<int64_t>() % b.get<int64_t>();
  }
  return json(std::pow(x, y));
}

bool equal(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  return a == b;
}

json to_int(const json& v) {
  if (v.is_number()) return static_cast<int64_t>(v.get<double>());
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    size_t used = 0;
    try {
      int64_t n = std::stoll(s, &used);
      if (used == s.size()) return n;
    } catch (...) {
    }
    throw ExprError("cannot convert '" + s + "' to int");
  }
  throw ExprError("cannot convert " + v.dump() + " to int");
}

json to_float(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    size_t used = 0;
    try {
      double d = std::stod(s, &used);
      if (used == s.size()) return d;
    } catch (...) {
    }
    throw ExprError("cannot convert '" + s + "' to float");
  }
  throw ExprError("cannot convert " + v.dump() + " to float");
}

// jsonpath(doc, "$.a.b[0]"): the simple paths Argo's examples use.
json jsonpath(const json& doc_in, const std::string& path) {
  json doc = doc_in;
  if (doc.is_string()) {
    try {
      doc = json::parse(doc.get<std::string>());
    } catch (...) {
      throw ExprError("jsonpath: the document is not JSON");
    }
  }
  size_t i = 0;
  if (path.empty() || path[0] != '$') throw ExprError("jsonpath: only paths from $ are supported");
  ++i;
  json cur = doc;
  while (i < path.size()) {
    if (path[i] == '.') {
      size_t j = i + 1;
      while (j < path.size() && path[j] != '.' && path[j] != '[') ++j;
      std::string key = path.substr(i + 1, j - i - 1);
      if (!cur.is_object() || !cur.contains(key)) throw ExprError("jsonpath: no '" + key + "' in " + path);
      cur = cur[key];
      i = j;
    } else if (path[i] == '[') {
      size_t j = path.find(']', i);
      if (j == std::string::npos) throw ExprError("jsonpath: missing ']'");
      std::string idx = path.substr(i + 1, j - i - 1);
      if (!idx.empty() && (idx[0] == '\'' || idx[0] == '"')) {
        std::string key = idx.substr(1, idx.size() - 2);
        if (!cur.is_object() || !cur.contains(key)) throw ExprError("jsonpath: no '" + key + "'");
        cur = cur[key];
      } else {
        size_t n = std::stoul(idx);
        if (!cur.is_array() || n >= cur.size()) throw ExprError("jsonpath: index out of range");
        cur = cur[n];
      }
      i = j + 1;
    } else {
      throw ExprError("jsonpath: unsupported path '" + path + "'");
    }
  }
  return cur;
}

class Parser {
 public:
  Parser(std::vector<Tok> t, const json& env) : t_(std::move(t)), env_(env) {}
  json all() {
    json v = ternary();
    if (t_[p_].kind != Tok::End) throw ExprError("unexpected '" + t_[p_].text + "'");
    return v;
  }

 private:
  bool op(const char* o) {
    if ((t_[p_].kind == Tok::Op || t_[p_].kind == Tok::Ident) && t_[p_].text == o) {
      ++p_;
      return true;
    }
    return false;
  }
  void expect(const char* o) {
    if (!op(o)) throw ExprError(std::string("expected '") + o + "'");
  }

  // Parses without evaluating (a branch expr does not take): errors of
  // the skipped part are not errors, as in expr-lang.
  struct Skip {
    int& n;
    Skip(int& c, bool on) : n(c), on_(on) { if (on_) ++n; }
    ~Skip() { if (on_) --n; }
    bool on_;
  };
  bool skipping() const { return skip_ > 0; }

  json ternary() {
    json c = nullish();
    if (op("?")) {
      bool take = skipping() ? false : truthy(c, "?:");
      json a, b;
      {
        Skip s(skip_, !take);
        a = ternary();
      }
      expect(":");
      {
        Skip s(skip_, take);
        b = ternary();
      }
      return skipping() ? json() : take ? a : b;
    }
    return c;
  }
  json nullish() {
    json v = orr();
    while (op("??")) {
      json r = orr();
      if (v.is_null()) v = r;
    }
    return v;
  }
  json orr() {
    json v = andd();
    while (op("||") || op("or")) {
      bool done = !skipping() && truthy(v, "||");
      json r;
      {
        Skip s(skip_, done);
        r = andd();
      }
      if (!skipping()) v = done || truthy(r, "||");
    }
    return v;
  }
  json andd() {
    json v = cmp();
    while (op("&&") || op("and")) {
      bool done = !skipping() && !truthy(v, "&&");
      json r;
      {
        Skip s(skip_, done);
        r = cmp();
      }
      if (!skipping()) v = !done && truthy(r, "&&");
    }
    return v;
  }
  json cmp() {
    json l = add();
    for (;;) {
      std::string o = t_[p_].text;
      bool is_op = t_[p_].kind == Tok::Op || t_[p_].kind == Tok::Ident;
      static const char* kCmp[] = {"==", "!=", "<", ">", "<=", ">=", "in", "matches", "contains", "startsWith", "endsWith"};
      bool found = false;
      for (const char* k : kCmp) found = found || (is_op && o == k);
      if (!found) return l;
      ++p_;
      json r = add();
      if (skipping()) continue;
      if (o == "==") l = equal(l, r);
      else if (o == "!=") l = !equal(l, r);
      else if (o == "in") {
        bool in = false;
        if (r.is_array())
          for (auto& x : r) in = in || equal(x, l);
        else if (r.is_object() && l.is_string()) in = r.contains(l.get<std::string>());
        else throw ExprError("operator in needs a list or a map on its right");
        l = in;
      } else if (o == "matches" || o == "contains" || o == "startsWith" || o == "endsWith") {
        if (!l.is_string() || !r.is_string()) throw ExprError("operator " + o + " needs strings");
        const std::string a = l.get<std::string>(), b = r.get<std::string>();
        if (o == "matches") l = std::regex_search(a, std::regex(b));
        else if (o == "contains") l = a.find(b) != std::string::npos;
        else if (o == "startsWith") l = a.rfind(b, 0) == 0;
        else l = a.size() >= b.size() && a.compare(a.size() - b.size(), b.size(), b) == 0;
      } else if (l.is_string() && r.is_string()) {
        const std::string a = l.get<std::string>(), b = r.get<std::string>();
        l = o == "<" ? a < b : o == ">" ? a > b : o == "<=" ? a <= b : a >= b;
      } else {
        double a = num(l, o), b = num(r, o);
        l = o == "<" ? a < b : o == ">" ? a > b : o == "<=" ? a <= b : a >= b;
      }
    }
  }
  json bin(const json& l, const json& r, const char* o) { return skipping() ? json() : arith(l, r, o); }
  json add() {
    json l = mul();
    for (;;) {
      if (op("+")) l = bin(l, mul(), "+");
      else if (op("-")) l = bin(l, mul(), "-");
      else return l;
    }
  }
  json mul() {
    json l = power();
    for (;;) {
      if (op("*")) l = bin(l, power(), "*");
      else if (op("/")) l = bin(l, power(), "/");
      else if (op("%")) l = bin(l, power(), "%");
      else return l;
    }
  }
  json power() {
    json l = unary();
    if (op("**")) return bin(l, power(), "**");
    return l;
  }
  json unary() {
    if (op("!") || op("not")) {
      json v = unary();
      return skipping() ? json() : json(!truthy(v, "!"));
    }
    if (op("-")) {
      json v = unary();
      if (skipping()) return json();
      if (v.is_number_integer()) return -v.get<int64_t>();
      return -num(v, "-");
    }
    if (op("+")) return unary();
    return postfix(primary());
  }
  json postfix(json v) {
    for (;;) {
      if (op(".")) {
        if (t_[p_].kind != Tok::Ident) throw ExprError("expected a name after '.'");
        std::string key = t_[p_++].text;
        v = member(v, key);
      } else if (op("[")) {
        json k = ternary();
        expect("]");
        if (skipping()) v = json();
        else if (k.is_string()) v = member(v, k.get<std::string>());
        else if (k.is_number_integer() && v.is_array()) {
          int64_t i = k.get<int64_t>();
          if (i < 0) i += static_cast<int64_t>(v.size());
          if (i < 0 || i >= static_cast<int64_t>(v.size())) throw ExprError("index out of range");
          v = v[static_cast<size_t>(i)];
        } else throw ExprError("cannot index " + v.dump().substr(0, 80) + " with " + k.dump());
      } else {
        return v;
      }
    }
  }
  json member(const json& v, const std::string& key) {
    if (skipping()) return json();
    if (v.is_object()) {
      auto it = v.find(key);
      if (it == v.end()) return nullptr;  // expr: a missing map key is nil
      return *it;
    }
    throw ExprError("cannot get '" + key + "' from " + v.dump().substr(0, 80));
  }
  std::vector<json> args() {
    std::vector<json> a;
    expect("(");
    if (op(")")) return a;
    for (;;) {
      a.push_back(ternary());
      if (op(")")) return a;
      expect(",");
    }
  }
  json primary() {
    Tok t = t_[p_];
    if (t.kind == Tok::Num) {
      ++p_;
      return t.num;
    }
    if (t.kind == Tok::Str) {
      ++p_;
      return t.text;
    }
    if (op("(")) {
      json v = ternary();
      expect(")");
      return v;
    }
    if (op("[")) {
      json arr = json::array();
      if (op("]")) return arr;
      for (;;) {
        arr.push_back(ternary());
        if (op("]")) return arr;
        expect(",");
      }
    }
    if (t.kind != Tok::Ident) throw ExprError("unexpected '" + t.text + "'");
    ++p_;
    if (t.text == "true") return true;
    if (t.text == "false") return false;
    if (t.text == "nil") return nullptr;
    if (t.text == "sprig" && t_[p_].text == ".") {
      ++p_;
      std::string fn = t_[p_++].text;
      return call("sprig." + fn, args());
    }
    if (t_[p_].kind == Tok::Op && t_[p_].text == "(") return call(t.text, args());
    auto it = env_.find(t.text);
    if (it == env_.end()) {
      if (skipping()) return json();
      throw ExprError("unknown name '" + t.text + "'");
    }
    return *it;
  }
  json call(const std::string& fn, const std::vector<json>& a) {
    if (skipping()) return json();
    auto need = [&](size_t n) {
      if (a.size() != n) throw ExprError(fn + " takes " + std::to_string(n) + " argument(s)");
    };
    if (fn == "asInt" || fn == "int" || fn == "sprig.int" || fn == "sprig.atoi") {
      need(1);
      return to_int(a[0]);
    }
    if (fn == "asFloat" || fn == "float" || fn == "sprig.float64") {
      need(1);
      return to_float(a[0]);
    }
    if (fn == "string" || fn == "sprig.toString") {
      need(1);
      return expr_text(a[0]);
    }
    if (fn == "toJson" || fn == "toJSON" || fn == "sprig.toJson") {
      need(1);
      return go_json(a[0]);
    }
    if (fn == "fromJson" || fn == "fromJSON" || fn == "sprig.fromJson") {
      need(1);
      try {
        return json::parse(a[0].get<std::string>());
      } catch (...) {
        throw ExprError("fromJson: not JSON");
      }
    }
    if (fn == "jsonpath") {
      need(2);
      return jsonpath(a[0], a[1].get<std::string>());
    }
    if (fn == "len") {
      need(1);
      if (a[0].is_string()) return a[0].get<std::string>().size();
      if (a[0].is_array() || a[0].is_object()) return a[0].size();
      throw ExprError("len needs a string, list or map");
    }
    if (fn == "lower" || fn == "sprig.lower" || fn == "upper" || fn == "sprig.upper") {
      need(1);
      std::string s = a[0].get<std::string>();
      bool up = fn.find("upper") != std::string::npos;
      for (auto& c : s) c = static_cast<char>(up ? std::toupper(static_cast<unsigned char>(c)) : std::tolower(static_cast<unsigned char>(c)));
      return s;
    }
    if (fn == "trim" || fn == "sprig.trim") {
      need(1);
      std::string s = a[0].get<std::string>();
      size_t b = s.find_first_not_of(" \t\n\r"), e = s.find_last_not_of(" \t\n\r");
      return b == std::string::npos ? "" : s.substr(b, e - b + 1);
    }
    if (fn == "sprig.add" || fn == "sprig.sub" || fn == "sprig.mul") {
      need(2);
      json x = to_int(a[0]), y = to_int(a[1]);
      return arith(x, y, fn == "sprig.add" ? "+" : fn == "sprig.sub" ? "-" : "*");
    }
    throw ExprError("the function '" + fn + "' is not supported by flowc run");
  }

  std::vector<Tok> t_;
  size_t p_ = 0;
  const json& env_;
  int skip_ = 0;
};

}  // namespace

ExprResult evaluate_expr(const std::string& expression, const nlohmann::json& env) {
  ExprResult r;
  try {
    r.value = Parser(lex(expression), env).all();
    r.ok = true;
  } catch (const std::exception& e) {
    r.error = std::string("cannot evaluate expression '") + expression + "': " + e.what();
  }
  return r;
}

std::string expr_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", d);
    return buf;
  }
  return go_json(v);
}

std::string go_json(const nlohmann::json& v) {
  // nlohmann::json (not ordered_json) keeps object keys sorted, as Go's
  // encoding/json writes a map.
  nlohmann::json sorted = v;
  std::string text = sorted.dump();
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

}  // namespace flowc::run
