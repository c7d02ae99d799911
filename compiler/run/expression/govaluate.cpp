#include "run/expression/govaluate.h"

#include <cctype>
#include <cmath>
#include <regex>
#include <variant>
#include <vector>

namespace flowc::run {

namespace {

struct GvError {
  std::string message;
};

// A govaluate value: float64, string or bool.
using GvValue = std::variant<double, std::string, bool>;

enum class Tok { Number, String, Bool, Op, LParen, RParen, End };

struct Token {
  Tok kind;
  std::string text;
  double number = 0;
};

// govaluate's lexer (lexerState/parsing.go): identifiers may hold letters,
// digits, '_' and '.'; Argo turns them into strings.
std::vector<Token> lex(const std::string& s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
      Token t{Tok::Number, s.substr(i, j - i)};
      try {
        t.number = std::stod(t.text);
      } catch (...) {
        throw GvError{"cannot parse number '" + t.text + "'"};
      }
      out.push_back(t);
      i = j;
      continue;
    }
    if (c == '\'' || c == '"') {
      size_t j = i + 1;
      std::string text;
      while (j < s.size() && s[j] != c) {
        if (s[j] == '\\' && j + 1 < s.size()) ++j;
        text += s[j++];
      }
      if (j >= s.size()) throw GvError{"unclosed quote in '" + s + "'"};
      out.push_back({Tok::String, text});
      i = j + 1;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (static_cast<unsigned char>(c) >= 0x80)) {
      size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == '.' ||
                              static_cast<unsigned char>(s[j]) >= 0x80))
        ++j;
      std::string word = s.substr(i, j - i);
      if (word == "true" || word == "false") out.push_back({Tok::Bool, word});
      else if (word == "in") throw GvError{"the govaluate operator 'in' is not supported by flowc run"};
      else out.push_back({Tok::String, word});  // a variable: a string (operator.go shouldExecute)
      i = j;
      continue;
    }
    if (c == '(') {
      out.push_back({Tok::LParen, "("});
      ++i;
      continue;
    }
    if (c == ')') {
      out.push_back({Tok::RParen, ")"});
      ++i;
      continue;
    }
    static const char* kOps[] = {"&&", "||", "==", "!=", ">=", "<=", "=~", "!~", "**", ">>", "<<", "??",
                                 ">",  "<",  "!",  "+",  "-",  "*",  "/",  "%",  "?",  ":",  "&",  "|",
                                 "^",  "~",  ","};
    bool matched = false;
    for (const char* op : kOps) {
      size_t n = std::char_traits<char>::length(op);
      if (s.compare(i, n, op) == 0) {
        out.push_back({Tok::Op, op});
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) throw GvError{std::string("unexpected character '") + c + "'"};
  }
  out.push_back({Tok::End, ""});
  return out;
}

std::string show(const GvValue& v) {
  if (auto* d = std::get_if<double>(&v)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", *d);
    return buf;
  }
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return std::get<std::string>(v);
}

class Parser {
 public:
  explicit Parser(std::vector<Token> t) : toks_(std::move(t)) {}

  GvValue parse_all() {
    GvValue v = parse_or();
    if (peek().kind != Tok::End) throw GvError{"unexpected '" + peek().text + "'"};
    return v;
  }

 private:
  const Token& peek() const { return toks_[pos_]; }
  bool take_op(const char* op) {
    if (peek().kind == Tok::Op && peek().text == op) {
      ++pos_;
      return true;
    }
    return false;
  }

  static bool as_bool(const GvValue& v, const char* op) {
    if (auto* b = std::get_if<bool>(&v)) return *b;
    throw GvError{std::string("value '") + show(v) + "' cannot be used with the logical operator " + op};
  }
  static double as_number(const GvValue& v, const std::string& op) {
    if (auto* d = std::get_if<double>(&v)) return *d;
    throw GvError{"value '" + show(v) + "' cannot be used with the numeric operator " + op};
  }

  // govaluate evaluates both sides (no short circuit changes the result for
  // pure expressions), left to right, || lowest.
  GvValue parse_or() {
    GvValue l = parse_and();
    while (take_op("||")) {
      GvValue r = parse_and();
      bool lb = as_bool(l, "||"), rb = as_bool(r, "||");
      l = lb || rb;
    }
    return l;
  }
  GvValue parse_and() {
    GvValue l = parse_cmp();
    while (take_op("&&")) {
      GvValue r = parse_cmp();
      bool lb = as_bool(l, "&&"), rb = as_bool(r, "&&");
      l = lb && rb;
    }
    return l;
  }
  GvValue parse_cmp() {
    GvValue l = parse_add();
    for (;;) {
      if (peek().kind != Tok::Op) return l;
      std::string op = peek().text;
      if (op != "==" && op != "!=" && op != "<" && op != ">" && op != "<=" && op != ">=" && op != "=~" && op != "!~")
        return l;
      ++pos_;
      GvValue r = parse_add();
      l = compare(l, op, r);
    }
  }
  static GvValue compare(const GvValue& l, const std::string& op, const GvValue& r) {
    if (op == "==") return l == r;  // different types are unequal (govaluate: reflect.DeepEqual)
    if (op == "!=") return !(l == r);
    if (op == "=~" || op == "!~") {
      auto* ls = std::get_if<std::string>(&l);
      auto* rs = std::get_if<std::string>(&r);
      if (!ls || !rs) throw GvError{"the regular expression operator " + op + " needs two strings"};
      bool m;
      try {
        m = std::regex_search(*ls, std::regex(*rs));
      } catch (const std::regex_error&) {
        throw GvError{"bad regular expression '" + *rs + "'"};
      }
      return op == "=~" ? m : !m;
    }
    if (auto* ld = std::get_if<double>(&l)) {
      if (auto* rd = std::get_if<double>(&r)) {
        if (op == "<") return *ld < *rd;
        if (op == ">") return *ld > *rd;
        if (op == "<=") return *ld <= *rd;
        return *ld >= *rd;
      }
    }
    auto* ls = std::get_if<std::string>(&l);
    auto* rs = std::get_if<std::string>(&r);
    if (ls && rs) {
      if (op == "<") return *ls < *rs;
      if (op == ">") return *ls > *rs;
      if (op == "<=") return *ls <= *rs;
      return *ls >= *rs;
    }
    throw GvError{"cannot compare '" + show(l) + "' " + op + " '" + show(r) + "'"};
  }
  GvValue parse_add() {
    GvValue l = parse_mul();
    for (;;) {
      if (take_op("+")) {
        GvValue r = parse_mul();
        auto* ld = std::get_if<double>(&l);
        auto* rd = std::get_if<double>(&r);
        if (ld && rd) l = *ld + *rd;
        else if (!std::get_if<bool>(&l) && !std::get_if<bool>(&r)) l = show(l) + show(r);  // govaluate concatenates
        else throw GvError{"cannot add '" + show(l) + "' and '" + show(r) + "'"};
      } else if (take_op("-")) {
        GvValue r = parse_mul();
        l = as_number(l, "-") - as_number(r, "-");
      } else {
        return l;
      }
    }
  }
  GvValue parse_mul() {
    GvValue l = parse_unary();
    for (;;) {
      std::string op = peek().kind == Tok::Op ? peek().text : "";
      if (op != "*" && op != "/" && op != "%") return l;
      ++pos_;
      GvValue r = parse_unary();
      double a = as_number(l, op), b = as_number(r, op);
      if (op == "*") l = a * b;
      else if (op == "/") l = a / b;
      else l = std::fmod(a, b);
    }
  }
  GvValue parse_unary() {
    if (take_op("!")) return !as_bool(parse_unary(), "!");
    if (take_op("-")) return -as_number(parse_unary(), "-");
    return parse_primary();
  }
  GvValue parse_primary() {
    const Token& t = peek();
    switch (t.kind) {
      case Tok::Number:
        ++pos_;
        return t.number;
      case Tok::String:
        ++pos_;
        return t.text;
      case Tok::Bool:
        ++pos_;
        return t.text == "true";
      case Tok::LParen: {
        ++pos_;
        GvValue v = parse_or();
        if (peek().kind != Tok::RParen) throw GvError{"missing ')'"};
        ++pos_;
        return v;
      }
      case Tok::Op:
        throw GvError{"the govaluate operator '" + t.text + "' is not supported by flowc run"};
      default:
        throw GvError{"unexpected end of expression"};
    }
  }

  std::vector<Token> toks_;
  size_t pos_ = 0;
};

}  // namespace

WhenResult evaluate_when(const std::string& expression) {
  WhenResult r;
  try {
    GvValue v = Parser(lex(expression)).parse_all();
    auto* b = std::get_if<bool>(&v);
    if (!b) {
      // operator.go shouldExecute: "Expected boolean evaluation for '%s'. Got %v"
      r.error = "Expected boolean evaluation for '" + expression + "'. Got " + show(v);
      return r;
    }
    r.ok = true;
    r.value = *b;
  } catch (const GvError& e) {
    r.error = "Invalid 'when' expression '" + expression + "': " + e.message;
  }
  return r;
}

}  // namespace flowc::run
