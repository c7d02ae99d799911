#include "validate/depends.h"

#include <cctype>

namespace flowc {

namespace {

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  DependsParse run() {
    skip();
    if (i_ == s_.size()) fail("empty expression");
    else {
      expr(0);
      skip();
      if (out_.error.empty() && i_ < s_.size()) fail(s_[i_] == ')' ? "unbalanced ')'" : "unexpected '" + std::string(1, s_[i_]) + "'");
    }
    return std::move(out_);
  }

 private:
  void fail(std::string why) {
    if (!out_.error.empty()) return;
    out_.error = std::move(why);
    out_.error_offset = i_;
  }
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool eat(std::string_view tok) {
    skip();
    if (s_.substr(i_, tok.size()) != tok) return false;
    i_ += tok.size();
    return true;
  }
  static bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

  // expr := and ('||' and)* ; and := unary ('&&' unary)* ; depth bounds nesting.
  void expr(int depth) {
    if (depth > 256) return fail("expression nested too deeply");
    conj(depth);
    while (out_.error.empty() && eat("||")) conj(depth);
  }
  void conj(int depth) {
    unary(depth);
    while (out_.error.empty() && eat("&&")) unary(depth);
  }
  void unary(int depth) {
    skip();
    if (i_ == s_.size()) return fail("expected a task name at the end of the expression");
    if (s_[i_] == '!') {
      ++i_;
      return unary(depth + 1);
    }
    if (s_[i_] == '(') {
      ++i_;
      expr(depth + 1);
      if (out_.error.empty() && !eat(")")) fail("missing ')'");
      return;
    }
    size_t start = i_;
    while (i_ < s_.size() && name_char(s_[i_])) ++i_;
    if (i_ == start) return fail("expected a task name, found '" + std::string(1, s_[i_]) + "'");
    DependsRef ref{std::string(s_.substr(start, i_ - start)), "", start};
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      size_t rs = i_;
      while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) ++i_;
      ref.result = std::string(s_.substr(rs, i_ - rs));
      if (ref.result.empty()) return fail("expected a task result after '.'");
    }
    out_.refs.push_back(std::move(ref));
  }

  std::string_view s_;
  size_t i_ = 0;
  DependsParse out_;
};

}  // namespace

DependsParse parse_depends(std::string_view expr) { return Parser(expr).run(); }

bool is_task_result(std::string_view r) {
  return r == "Succeeded" || r == "Failed" || r == "Errored" || r == "Skipped" || r == "Omitted" || r == "Daemoned" ||
         is_items_result(r);
}
bool is_items_result(std::string_view r) { return r == "AnySucceeded" || r == "AllFailed"; }

}  // namespace flowc
