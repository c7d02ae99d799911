#include "backend/peak/peak_retry.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

namespace flowc {

namespace {

std::string scalar_text(const Document& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// A small reader for the exit-code subset of Argo's (expr-lang) retry expressions.
class ExitCodeReader {
 public:
  explicit ExitCodeReader(std::string_view s) : s_(s) {}

  ExitCodeTest read() {
    ExitCodeTest r;
    if (!any_of(r)) {
      r.codes.clear();
      r.error = error_;
      return r;
    }
    skip();
    if (i_ < s_.size()) {
      r.codes.clear();
      r.error = "unexpected '" + std::string(s_.substr(i_)) + "'";
    }
    return r;
  }

 private:
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool eat(std::string_view t) {
    skip();
    if (!s_.substr(i_).starts_with(t)) return false;
    i_ += t.size();
    return true;
  }
  bool fail(std::string msg) {
    if (error_.empty()) error_ = std::move(msg);
    return false;
  }
  void add(ExitCodeTest& r, int64_t code) {
    if (std::find(r.codes.begin(), r.codes.end(), code) == r.codes.end()) r.codes.push_back(code);
  }

  // test ('||' test)*
  bool any_of(ExitCodeTest& r) {
    if (++depth_ > 64) return fail("the expression is nested too deeply");
    do {
      if (!test(r)) return false;
    } while (eat("||"));
    --depth_;
    return true;
  }

  // '(' any_of ')' | code '==' literal | literal '==' code | code 'in' '[' literals ']'
  bool test(ExitCodeTest& r) {
    if (eat("(")) {
      if (!any_of(r)) return false;
      return eat(")") || fail("missing ')'");
    }
    size_t at = i_;
    if (auto as_int = code_ref()) {
      if (eat("==")) {
        auto c = literal(*as_int);
        if (!c) return false;
        add(r, *c);
        return true;
      }
      if (eat("in")) {
        if (!eat("[")) return fail("'in' needs a list: [1, 2]");
        do {
          auto c = literal(*as_int);
          if (!c) return false;
          add(r, *c);
        } while (eat(","));
        return eat("]") || fail("missing ']'");
      }
      return fail("'" + rest(at) + "' is not an exit-code test (== or in [...])");
    }
    // literal '==' code: read the code first, to know the literal's type.
    i_ = at;
    skip();
    size_t lit = i_;
    if (literal_token() && eat("==")) {
      if (auto as_int = code_ref()) {
        size_t end = i_;
        i_ = lit;
        auto c = literal(*as_int);
        if (!c) return false;
        i_ = end;
        add(r, *c);
        return true;
      }
    }
    return fail("'" + rest(at) + "' does not test lastRetry.exitCode");
  }

  // asInt(lastRetry.exitCode) / int(lastRetry.exitCode) -> true; lastRetry.exitCode (a string) -> false.
  std::optional<bool> code_ref() {
    size_t at = i_;
    for (std::string_view fn : {"asInt", "int"}) {
      i_ = at;
      if (eat(fn) && eat("(") && eat("lastRetry.exitCode") && eat(")")) return true;
    }
    i_ = at;
    if (eat("lastRetry.exitCode")) {
      skip();
      if (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' || s_[i_] == '.')) {
        i_ = at;
        return std::nullopt;
      }
      return false;
    }
    i_ = at;
    return std::nullopt;
  }

  // Skips one int or quoted literal; false if there is none.
  bool literal_token() {
    skip();
    size_t b = i_;
    if (i_ < s_.size() && (s_[i_] == '"' || s_[i_] == '\'')) {
      size_t e = s_.find(s_[i_], i_ + 1);
      if (e == std::string_view::npos) return false;
      i_ = e + 1;
      return true;
    }
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
    if (i_ == b || (i_ == b + 1 && s_[b] == '-')) {
      i_ = b;
      return false;
    }
    return true;
  }

  // An exit code: an int when compared with asInt(...), a quoted number when
  // compared with the string lastRetry.exitCode.
  std::optional<int64_t> literal(bool as_int) {
    skip();
    size_t b = i_;
    if (!literal_token()) {
      fail("'" + rest(b) + "' is not an exit code");
      return std::nullopt;
    }
    std::string_view tok = s_.substr(b, i_ - b);
    bool quoted = tok.front() == '"' || tok.front() == '\'';
    if (quoted == as_int) {
      fail(as_int ? "asInt(lastRetry.exitCode) is a number: compare it with " + std::string(tok.substr(1, tok.size() - 2))
                  : "lastRetry.exitCode is a string, never equal to the number " + std::string(tok) +
                        ": write asInt(lastRetry.exitCode) == " + std::string(tok));
      return std::nullopt;
    }
    if (quoted) tok = tok.substr(1, tok.size() - 2);
    int64_t code = 0;
    bool neg = !tok.empty() && tok[0] == '-';
    std::string_view digits = neg ? tok.substr(1) : tok;
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      fail("'" + std::string(tok) + "' is not an exit code");
      return std::nullopt;
    }
    for (char c : digits) code = code * 10 + (c - '0');
    if (neg || code == 0) {
      // Argo's exit code is -1 when the step errored (no exit code), and a
      // step that exits with 0 succeeded: neither is a failure Peak retries.
      fail("exit code " + std::string(neg ? "-" : "") + std::to_string(code) + " is not a failure Peak can retry");
      return std::nullopt;
    }
    return code;
  }

  std::string rest(size_t at) const { return std::string(s_.substr(at, 40)); }

  std::string_view s_;
  size_t i_ = 0;
  int depth_ = 0;
  std::string error_;
};

bool is_count(const std::string& s) {
  return !s.empty() && s.size() < 10 &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

// Seconds in an Argo duration ("30", 30, "90s", "5m", "1h", "1h30m").
std::optional<double> argo_duration_seconds(const Document& v) {
  if (v.is_number()) return v.get<double>();
  if (!v.is_string()) return std::nullopt;
  std::string s = v.get<std::string>();
  if (s.empty()) return std::nullopt;
  double total = 0;
  size_t i = 0;
  bool any_unit = false;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
    if (j == i) return std::nullopt;
    double n = 0;
    try {
      n = std::stod(s.substr(i, j - i));
    } catch (...) {
      return std::nullopt;
    }
    if (j == s.size()) {
      if (any_unit) return std::nullopt;
      return n;
    }
    char u = s[j];
    double mult = u == 's' ? 1 : u == 'm' ? 60 : u == 'h' ? 3600 : u == 'd' ? 86400 : -1;
    if (mult < 0) return std::nullopt;
    total += n * mult;
    any_unit = true;
    i = j + 1;
  }
  return total;
}

Document whole_number(double d) {
  if (std::floor(d) == d && std::fabs(d) < 1e15) return static_cast<int64_t>(d);
  return d;
}

ExitCodeTest exit_codes_of(std::string_view expression) { return ExitCodeReader(expression).read(); }

RetryMapping retry_to_peak(const Document& rs) {
  RetryMapping m;
  auto problem = [&](std::string construct, std::vector<std::string> notes = {}) {
    m.problems.push_back({std::move(construct), std::move(notes)});
  };
  bool has_expression = rs.contains("expression");
  // Without a limit Argo retries until the step succeeds; Peak retries a
  // step a number of times (its default when numberOfRetries is absent).
  if (!rs.contains("limit"))
    problem("a retry strategy without a limit (Argo retries until the step succeeds)",
            {"give it a limit: Peak retries a step numberOfRetries times"});
  for (auto& [k, v] : rs.items()) {
    if (k == "limit") {
      if (v.is_number_integer()) m.options["numberOfRetries"] = v;
      else if (v.is_string() && is_count(v.get_ref<const std::string&>()))
        m.options["numberOfRetries"] = std::stoll(v.get<std::string>());
      else problem("a retry limit of " + v.dump());
    } else if (k == "backoff" && v.is_object()) {
      for (auto& [bk, bv] : v.items()) {
        if (bk == "duration") {
          auto sec = argo_duration_seconds(bv);
          if (sec) m.options["duration"] = whole_number(*sec);
          else problem("a retry backoff duration of " + bv.dump());
        } else if (bk == "factor") {
          double f = bv.is_number() ? bv.get<double>() : bv.is_string() ? std::atof(bv.get<std::string>().c_str()) : 0;
          if (f == 2) m.options["exponentialBackoff"] = true;
          else if (f == 1) m.options["exponentialBackoff"] = false;
          else problem("a retry backoff factor of " + scalar_text(bv), {"Peak's exponential backoff doubles the wait (factor 2)"});
        } else {
          problem("the retry backoff field '" + bk + "'");
        }
      }
    } else if (k == "retryPolicy" && v.is_string() && v.get<std::string>() == "OnFailure") {
      // Peak retries failed steps: the same
    } else if (k == "retryPolicy" && v.is_string() && v.get<std::string>() == "Always" && has_expression) {
      // With an exit-code test only failed steps (an exit code) are retried, as Peak does.
    } else if (k == "expression" && v.is_string()) {
      auto t = exit_codes_of(v.get<std::string>());
      if (!t.error.empty()) {
        problem("the retry expression '" + v.get<std::string>() + "'",
                {t.error, "Peak retries on a list of exit codes: write asInt(lastRetry.exitCode) == 1 or "
                          "asInt(lastRetry.exitCode) in [1, 2], or @peak.step(retry_options={\"exit_codes\": [...]})"});
        continue;
      }
      m.options["exitCodes"] = t.codes;
    } else {
      problem("the retry field '" + k + "'" + (v.is_string() ? " (" + v.get<std::string>() + ")" : ""));
    }
  }
  return m;
}

}  // namespace flowc
