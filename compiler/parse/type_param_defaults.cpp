#include "parse/type_param_defaults.h"

namespace flowc {

namespace {

bool word_char(unsigned char c) {
  return c == '_' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  std::vector<RespelledSign> run() {
    while (i_ < t_.size()) {
      char c = t_[i_];
      if (c == '#') skip_comment();
      else if (c == '\'' || c == '"') skip_string();
      else if (word_char(static_cast<unsigned char>(c))) word();
      else ++i_;
    }
    return std::move(found_);
  }

 private:
  void skip_comment() {
    while (i_ < t_.size() && t_[i_] != '\n') ++i_;
  }

  // A string from its opening quote (a prefix was read as a word): to after
  // its closing quote; a backslash escapes the next character (raw strings
  // too, as the tokenizer reads them).
  void skip_string() {
    char q = t_[i_];
    bool triple = i_ + 2 < t_.size() && t_[i_ + 1] == q && t_[i_ + 2] == q;
    i_ += triple ? 3 : 1;
    while (i_ < t_.size()) {
      char c = t_[i_];
      if (c == '\\') {
        i_ += 2;
        continue;
      }
      if (!triple && c == '\n') return;  // unterminated: the parser says so
      if (c == q && (!triple || (i_ + 2 < t_.size() && t_[i_ + 1] == q && t_[i_ + 2] == q))) {
        i_ += triple ? 3 : 1;
        return;
      }
      ++i_;
    }
  }

  void skip_blanks() {
    while (i_ < t_.size()) {
      if (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\f') ++i_;
      else if (t_[i_] == '\\' && i_ + 1 < t_.size() && t_[i_ + 1] == '\n') i_ += 2;
      else break;
    }
  }

  std::string_view read_word() {
    size_t start = i_;
    while (i_ < t_.size() && word_char(static_cast<unsigned char>(t_[i_]))) ++i_;
    return t_.substr(start, i_ - start);
  }

  // A word; `def`/`class`/`type` NAME '[' starts a type parameter list.
  void word() {
    bool after_dot = false;
    for (size_t j = i_; j > 0; --j) {
      char p = t_[j - 1];
      if (p == ' ' || p == '\t') continue;
      after_dot = p == '.';
      break;
    }
    std::string_view w = read_word();
    if (after_dot || (w != "def" && w != "class" && w != "type")) return;
    skip_blanks();
    if (i_ >= t_.size() || !word_char(static_cast<unsigned char>(t_[i_])) || (t_[i_] >= '0' && t_[i_] <= '9')) return;
    read_word();
    skip_blanks();
    if (i_ < t_.size() && t_[i_] == '[') parameter_list();
  }

  // From the '[': each '=' directly inside, to the matching ']'.
  void parameter_list() {
    ++i_;
    int depth = 1;
    bool bound = false, defaulted = false;  // the current parameter has a ':' bound, a default
    while (i_ < t_.size() && depth > 0) {
      char c = t_[i_];
      if (c == '#') { skip_comment(); continue; }
      if (c == '\'' || c == '"') { skip_string(); continue; }
      if (c == '(' || c == '[' || c == '{') ++depth;
      else if (c == ')' || c == ']' || c == '}') --depth;
      else if (depth == 1 && c == ',') bound = defaulted = false;
      else if (depth == 1 && c == ':' && !(i_ + 1 < t_.size() && t_[i_ + 1] == '=')) bound = true;
      else if (depth == 1 && c == '=' && !defaulted && default_sign()) {
        found_.push_back({static_cast<uint32_t>(i_), bound ? '|' : ':'});
        defaulted = true;  // a second '=' in the parameter is no default: left to fail
      }
      ++i_;
    }
  }

  // The '=' at i_ stands alone (not part of ==, <=, >=, !=, :=).
  bool default_sign() const {
    char before = i_ > 0 ? t_[i_ - 1] : ' ';
    char after = i_ + 1 < t_.size() ? t_[i_ + 1] : ' ';
    return after != '=' && before != '=' && before != '<' && before != '>' && before != '!' && before != ':';
  }

  std::string_view t_;
  size_t i_ = 0;
  std::vector<RespelledSign> found_;
};

}  // namespace

std::vector<RespelledSign> find_type_param_defaults(std::string_view text) {
  // Most files have no type parameter list at all: skip the scan unless one may be there.
  if (text.find('[') == std::string_view::npos || text.find('=') == std::string_view::npos) return {};
  return Scanner(text).run();
}

}  // namespace flowc
