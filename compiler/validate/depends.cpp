#include "validate/depends.h"

#include <cctype>

namespace flowc {

namespace {

// A recognizer without recursion (an expression may nest 100,000 parentheses):
// operands (name, name.Result) and operators (&&, ||) alternate; '!' and '('
// come before an operand, ')' after one; parentheses balance.
class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  DependsParse run() {
    bool operand = true;  // an operand is expected next
    size_t depth = 0;
    skip();
    if (i_ == s_.size()) return fail("empty expression");
    while (true) {
      skip();
      if (i_ == s_.size()) break;
      char c = s_[i_];
      if (operand) {
        if (c == '!' || c == '(') {
          depth += c == '(';
          ++i_;
          continue;
        }
        if (!name_char(c)) return fail("expected a task name, found '" + std::string(1, c) + "'");
        size_t start = i_;
        while (i_ < s_.size() && name_char(s_[i_])) ++i_;
        DependsRef ref{std::string(s_.substr(start, i_ - start)), "", start};
        if (i_ < s_.size() && s_[i_] == '.') {
          ++i_;
          size_t rs = i_;
          while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) ++i_;
          ref.result = std::string(s_.substr(rs, i_ - rs));
          if (ref.result.empty()) return fail("expected a task result after '.'");
        }
        out_.refs.push_back(std::move(ref));
        operand = false;
      } else if (c == ')') {
        if (depth == 0) return fail("unbalanced ')'");
        --depth;
        ++i_;
      } else if (s_.substr(i_, 2) == "&&" || s_.substr(i_, 2) == "||") {
        i_ += 2;
        operand = true;
      } else {
        return fail("expected '&&', '||' or ')', found '" + std::string(1, c) + "'");
      }
    }
    if (operand) return fail("expected a task name at the end of the expression");
    if (depth > 0) return fail("missing ')'");
    return std::move(out_);
  }

 private:
  DependsParse fail(std::string why) {
    out_.error = std::move(why);
    out_.error_offset = i_;
    return std::move(out_);
  }
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  static bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

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
