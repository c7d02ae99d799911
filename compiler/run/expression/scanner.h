// The head the expression lexers share (depends, expr): a position in the
// text with blanks skipped, a literal taken when it is next, a run of
// characters taken while a predicate holds. Each lexer keeps its own token
// kinds and rules; only the walking over the text is here.
#pragma once
#include <cctype>
#include <cstring>
#include <string>

namespace flowc::run {

class Scanner {
 public:
  explicit Scanner(const std::string& text) : s_(text) {}

  // Skips blanks; whether anything is left.
  bool more() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    return i_ < s_.size();
  }
  char peek(size_t ahead = 0) const { return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0'; }
  size_t position() const { return i_; }
  void advance(size_t n = 1) { i_ += n; }

  // Takes `literal` when the text continues with it.
  bool take(const char* literal) {
    size_t n = std::strlen(literal);
    if (s_.compare(i_, n, literal) != 0) return false;
    i_ += n;
    return true;
  }

  // Takes the characters from here while `keep(c)` holds (at least none).
  template <typename Predicate>
  std::string take_while(Predicate keep) {
    size_t start = i_;
    while (i_ < s_.size() && keep(static_cast<unsigned char>(s_[i_]))) ++i_;
    return s_.substr(start, i_ - start);
  }

 private:
  const std::string& s_;
  size_t i_ = 0;
};

}  // namespace flowc::run
