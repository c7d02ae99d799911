#include "run/expression/expr.h"

#include <cerrno>
#include <charconv>
#include <cstdlib>

#include "run/expression/scanner.h"

#include <cctype>
#include <cstring>
#include <cmath>
#include <regex>
#include <stdexcept>

#include "run/expression/expr_functions.h"
#include "run/expression/jsonpath.h"

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


// A number literal as expr-lang's parser reads it (parser.go parsePrimary:
// strconv.ParseInt / ParseFloat); out of range is its parse error, not a
// C++ exception escaping as "stoll".
json number_literal(const std::string& t, bool dot) {
  if (dot) {
    errno = 0;
    double d = std::strtod(t.c_str(), nullptr);
    if (errno == ERANGE)
      throw ExprError("invalid float literal: strconv.ParseFloat: parsing \"" + t + "\": value out of range");
    return json(d);
  }
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || ptr != t.data() + t.size())
    throw ExprError("invalid integer literal: strconv.ParseInt: parsing \"" + t + "\": value out of range");
  return json(v);
}

std::vector<Tok> lex(const std::string& s) {
  auto digit = [](unsigned char c) { return std::isdigit(c) != 0; };
  std::vector<Tok> out;
  Scanner in(s);
  while (in.more()) {
    unsigned char c = static_cast<unsigned char>(in.peek());
    if (in.take("//")) {  // expr-lang comments
      in.take_while([](unsigned char x) { return x != '\n'; });
    } else if (in.take("/*")) {
      size_t e = s.find("*/", in.position());
      if (e == std::string::npos) throw ExprError("unclosed comment");
      in.advance(e + 2 - in.position());
    } else if (c == '@') {  // a jsonpath filter's current element
      out.push_back({Tok::Ident, "@", {}});
      in.advance();
    } else if (digit(c)) {
      // Digits, with one '.' when a digit follows it ("1..3" is a range).
      size_t start = in.position();
      bool dot = false;
      while (digit(in.peek()) || (in.peek() == '.' && !dot && digit(in.peek(1)))) {
        dot = dot || in.peek() == '.';
        in.advance();
      }
      std::string t = s.substr(start, in.position() - start);
      out.push_back({Tok::Num, t, number_literal(t, dot)});
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
      static const char* kOps[] = {"==", "!=", ">=", "<=", "&&", "||", "**", "??", "?.", "..", ">", "<", "!", "+", "-", "*", "/",
                                   "%",  "(",  ")",  "[",  "]",  ".",  ",",  "?",  ":",  "{",  "}", "#", ";", "="};
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
    if (t_[p_].kind == Tok::Ident && t_[p_].text == "let") return let();
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
  // let NAME = VALUE; BODY (expr-lang's variables): NAME is VALUE in BODY.
  json let() {
    ++p_;
    if (t_[p_].kind != Tok::Ident) throw ExprError("expected a name after let");
    std::string name = t_[p_++].text;
    expect("=");
    json value = ternary();
    expect(";");
    lets_.emplace_back(name, value);
    json body = ternary();
    lets_.pop_back();
    return body;
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
    if (op("..")) {  // a..b: the ints from a to b (expr-lang's range operator)
      json r = add();
      if (!skipping()) {
        if (!l.is_number_integer() || !r.is_number_integer()) throw ExprError("operator .. needs ints");
        json out = json::array();
        for (int64_t i = l.get<int64_t>(); i <= r.get<int64_t>(); ++i) out.push_back(i);
        l = out;
      }
    }
    for (;;) {
      std::string o = t_[p_].text;
      bool is_op = t_[p_].kind == Tok::Op || t_[p_].kind == Tok::Ident;
      static const char* kCmp[] = {"==", "!=", "<", ">", "<=", ">=", "in", "matches", "contains", "startsWith", "endsWith"};
      bool negate = is_op && o == "not" && t_[p_ + 1].kind == Tok::Ident && t_[p_ + 1].text == "in";
      if (negate) o = t_[++p_].text;  // `not in`
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
        l = negate ? !in : in;
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
      if (t_[p_].kind == Tok::Op && t_[p_].text == "(") throw ExprError("only named functions can be called");
      bool optional = op("?.");
      if (optional || op(".")) {
        if (t_[p_].kind != Tok::Ident) throw ExprError("expected a name after '.'");
        std::string key = t_[p_++].text;
        if (!(optional && v.is_null())) v = member(v, key);
      } else if (op("[")) {
        if (op(":")) {  // [:b]
          bool closed = op("]");
          json b = closed ? json() : ternary();
          if (!closed) expect("]");
          v = slice(v, json(), b);
          continue;
        }
        json k = ternary();
        if (op(":")) {  // [a:] or [a:b]
          bool closed = op("]");
          json b = closed ? json() : ternary();
          if (!closed) expect("]");
          v = slice(v, k, b);
          continue;
        }
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
  // v[a:b] on a list or a string (expr-lang: bounds clamped, negative
  // from the end).
  json slice(const json& v, const json& a, const json& b) {
    if (skipping()) return json();
    if (!v.is_array() && !v.is_string()) throw ExprError("cannot slice " + v.dump().substr(0, 80));
    int64_t n = static_cast<int64_t>(v.is_array() ? v.size() : v.get_ref<const std::string&>().size());
    auto bound = [&](const json& x, int64_t dflt) {
      if (x.is_null()) return dflt;
      if (!x.is_number_integer()) throw ExprError("a slice bound must be an int");
      int64_t i = x.get<int64_t>();
      if (i < 0) i += n;
      return std::clamp<int64_t>(i, 0, n);
    };
    int64_t from = bound(a, 0), to = std::max(from, bound(b, n));
    if (v.is_string()) return v.get_ref<const std::string&>().substr(static_cast<size_t>(from), static_cast<size_t>(to - from));
    return json(std::vector<json>(v.begin() + from, v.begin() + to));
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
    if (op("#")) {  // the element of a predicate (map, filter, ...)
      if (it_.empty()) throw ExprError("'#' outside a predicate");
      return it_.back();
    }
    if (op(".")) {  // .field in a predicate is #.field
      if (it_.empty()) throw ExprError("'.' outside a predicate");
      if (t_[p_].kind != Tok::Ident) throw ExprError("expected a name after '.'");
      return member(it_.back(), t_[p_++].text);
    }
    if (op("{")) return map_literal();
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
    bool is_call = t_[p_].kind == Tok::Op && t_[p_].text == "(";
    if (is_call && is_predicate_builtin(t.text)) return predicate_call(t.text);
    if (is_call) return call(t.text, args());
    for (auto l = lets_.rbegin(); l != lets_.rend(); ++l)
      if (l->first == t.text) return l->second;
    if (t.text == "@" && !it_.empty()) return it_.back();
    auto it = env_.find(t.text);
    if (it == env_.end()) {
      if (skipping()) return json();
      throw ExprError("unknown name '" + t.text + "'");
    }
    return *it;
  }
  // {key: value, "key": value}: a map literal.
  json map_literal() {
    json m = json::object();
    if (op("}")) return m;
    for (;;) {
      const Tok& k = t_[p_];
      if (k.kind != Tok::Ident && k.kind != Tok::Str && k.kind != Tok::Num) throw ExprError("expected a map key");
      ++p_;
      expect(":");
      json v = ternary();
      if (!skipping()) m[k.kind == Tok::Num ? k.num.dump() : k.text] = v;
      if (op("}")) return m;
      expect(",");
    }
  }

  static bool is_predicate_builtin(const std::string& fn) {
    static const char* kNames[] = {"map", "filter", "all", "any", "none", "one", "count", "find", "findIndex",
                                   "findLast", "findLastIndex"};
    for (const char* n : kNames)
      if (fn == n) return true;
    return false;
  }

  // NAME(list, predicate): the predicate (a {closure} or a bare
  // expression over # and .field) is evaluated once per element by
  // re-reading its tokens, as expr-lang's builtins run their closure
  // (builtin/builtin.go; the semantics of each in the comments below).
  json predicate_call(const std::string& fn) {
    expect("(");
    json list = ternary();
    bool identity = fn == "count" && t_[p_].text == ")";  // count(list): the true elements
    if (!identity) expect(",");
    bool brace = !identity && op("{");
    size_t body = p_;
    if (!skipping() && !list.is_array()) throw ExprError(fn + " needs a list, got " + list.dump().substr(0, 80));
    std::vector<json> results;
    if (identity) {
      if (!skipping())
        for (const json& x : list) results.push_back(x);
    } else if (skipping() || list.empty()) {
      Skip s(skip_, true);
      it_.push_back(json());
      ternary();
      it_.pop_back();
    } else {
      for (const json& x : list) {
        p_ = body;
        it_.push_back(x);
        results.push_back(ternary());
        it_.pop_back();
      }
    }
    if (brace) expect("}");
    expect(")");
    if (skipping()) return json();
    auto pred = [&](size_t i) {
      if (!results[i].is_boolean()) throw ExprError(fn + ": the predicate must give a bool, got " + results[i].dump());
      return results[i].get<bool>();
    };
    size_t n = results.size();
    if (fn == "map") return json(results);  // each element's value
    if (fn == "filter") {                   // the elements the predicate keeps
      json out = json::array();
      for (size_t i = 0; i < n; ++i)
        if (pred(i)) out.push_back(list[i]);
      return out;
    }
    size_t hits = 0;
    for (size_t i = 0; i < n; ++i) hits += pred(i) ? 1 : 0;
    if (fn == "all") return hits == n;
    if (fn == "any") return hits > 0;
    if (fn == "none") return hits == 0;
    if (fn == "one") return hits == 1;
    if (fn == "count") return hits;
    for (size_t k = 0; k < n; ++k) {  // find: the first element (nil), findIndex: its index (-1); *Last from the end
      bool last = fn == "findLast" || fn == "findLastIndex";
      size_t i = last ? n - 1 - k : k;
      if (pred(i)) return fn == "find" || fn == "findLast" ? list[i] : json(static_cast<int64_t>(i));
    }
    return fn == "find" || fn == "findLast" ? json() : json(-1);
  }

  // A jsonpath filter's script, [?(@.age > 42 && @.name == "Mo")], read
  // with this same expression language and @ bound to the element.
  static bool jsonpath_filter(const std::string& condition, const json& current) {
    json env = json::object();
    env["@"] = current;
    ExprResult r = evaluate_expr(condition, env);
    if (!r.ok) throw ExprError("jsonpath filter " + condition + ": " + r.error);
    if (!r.value.is_boolean()) throw ExprError("jsonpath filter " + condition + " does not give a bool");
    return r.value.get<bool>();
  }

  json call(const std::string& fn, const std::vector<json>& a) {
    if (skipping()) return json();
    try {
      return call_expr_function(fn, a, jsonpath_filter);
    } catch (const ExprError&) {
      throw;
    } catch (const std::exception& e) {
      throw ExprError(e.what());
    }
  }

  std::vector<Tok> t_;
  size_t p_ = 0;
  const json& env_;
  int skip_ = 0;
  std::vector<json> it_;                            // the predicates' current elements (#), innermost last
  std::vector<std::pair<std::string, json>> lets_;  // let variables, innermost last
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

}  // namespace flowc::run
