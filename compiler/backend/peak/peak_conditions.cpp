#include "backend/peak/peak_conditions.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <set>

namespace flowc {

namespace {

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

struct DepNode {
  enum Kind { Atom, And, Or } kind = Atom;
  std::string name, status;
  std::vector<DepNode> kids;
};

class DependsParser {
 public:
  explicit DependsParser(std::string_view s) : s_(s) {}
  std::optional<DepNode> parse(std::string& err) {
    auto n = parse_or(err);
    skip();
    if (n && i_ < s_.size()) {
      err = "unexpected '" + std::string(s_.substr(i_)) + "'";
      return std::nullopt;
    }
    return n;
  }

 private:
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool eat(std::string_view t) {
    skip();
    if (s_.substr(i_).starts_with(t)) {
      i_ += t.size();
      return true;
    }
    return false;
  }
  std::optional<DepNode> parse_or(std::string& err) {
    auto a = parse_and(err);
    if (!a) return a;
    DepNode n{DepNode::Or, "", "", {*a}};
    while (eat("||")) {
      auto b = parse_and(err);
      if (!b) return b;
      n.kids.push_back(*b);
    }
    return n.kids.size() == 1 ? n.kids[0] : n;
  }
  std::optional<DepNode> parse_and(std::string& err) {
    auto a = parse_unary(err);
    if (!a) return a;
    DepNode n{DepNode::And, "", "", {*a}};
    while (eat("&&")) {
      auto b = parse_unary(err);
      if (!b) return b;
      n.kids.push_back(*b);
    }
    return n.kids.size() == 1 ? n.kids[0] : n;
  }
  std::optional<DepNode> parse_unary(std::string& err) {
    // Parentheses recurse: bound the depth so hostile input cannot exhaust the stack.
    if (++depth_ > 256) {
      err = "expression is nested too deeply";
      return std::nullopt;
    }
    struct Leave {
      int& d;
      ~Leave() { --d; }
    } leave{depth_};
    if (eat("!")) {
      err = "negation (!) has no Peak equivalent";
      return std::nullopt;
    }
    if (eat("(")) {
      auto n = parse_or(err);
      if (!n) return n;
      if (!eat(")")) {
        err = "missing ')'";
        return std::nullopt;
      }
      return n;
    }
    skip();
    size_t b = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-' || s_[i_] == '_' || s_[i_] == '.'))
      ++i_;
    if (b == i_) {
      err = i_ < s_.size() ? "unexpected '" + std::string(character_at(i_)) + "'" : "a task name is missing";
      return std::nullopt;
    }
    std::string word(s_.substr(b, i_ - b));
    DepNode n;
    size_t dot = word.rfind('.');
    if (dot != std::string::npos) {
      n.name = word.substr(0, dot);
      n.status = word.substr(dot + 1);
    } else {
      n.name = word;
    }
    return n;
  }
  // The whole character at s_[i] (a message quoting one byte of a UTF-8
  // sequence would not be text).
  std::string_view character_at(size_t i) const {
    size_t len = 1;
    while (i + len < s_.size() && (static_cast<unsigned char>(s_[i + len]) & 0xC0) == 0x80 && len < 4) ++len;
    return s_.substr(i, len);
  }
  std::string_view s_;
  size_t i_ = 0;
  int depth_ = 0;
};

}  // namespace

PeakTranslation when_to_peak(std::string_view expr) {
  PeakTranslation r;
  r.value = Document::array();
  std::string s(expr);
  if (s.find("||") != std::string::npos) {
    r.error = "'||' (Peak's conditions must all hold)";
    return r;
  }
  std::vector<std::string> clauses;
  size_t i = 0;
  while (true) {
    size_t a = s.find("&&", i);
    clauses.push_back(trim(std::string_view(s).substr(i, a == std::string::npos ? std::string::npos : a - i)));
    if (a == std::string::npos) break;
    i = a + 2;
  }
  for (auto c : clauses) {
    while (c.size() >= 2 && c.front() == '(' && c.back() == ')') c = trim(std::string_view(c).substr(1, c.size() - 2));
    size_t op = c.find("!=");
    std::string cond = "not-equals";
    if (op == std::string::npos) {
      op = c.find("==");
      cond = "equals";
    }
    if (op == std::string::npos) {
      r.error = "'" + c + "' is not a comparison (== or !=)";
      return r;
    }
    std::string lhs = trim(std::string_view(c).substr(0, op)), rhs = trim(std::string_view(c).substr(op + 2));
    auto ref = [](const std::string& side) -> std::optional<std::pair<std::string, std::string>> {
      std::string t = side;
      if (t.size() >= 2 && (t.front() == '"' || t.front() == '\'') && t.back() == t.front()) t = t.substr(1, t.size() - 2);
      if (!t.starts_with("{{") || !t.ends_with("}}")) return std::nullopt;
      std::string inner = trim(std::string_view(t).substr(2, t.size() - 4));
      size_t mid = inner.find(".outputs.parameters.");
      if (!inner.starts_with("tasks.") || mid == std::string::npos) return std::pair<std::string, std::string>{inner, ""};
      return std::pair<std::string, std::string>{inner.substr(6, mid - 6), inner.substr(mid + 20)};
    };
    auto l = ref(lhs), rr = ref(rhs);
    if (l && rr) {
      r.error = "'" + c + "' compares two expressions; Peak compares an output parameter with a value";
      return r;
    }
    auto side = l ? l : rr;
    std::string value = l ? rhs : lhs;
    if (!side) {
      r.error = "'" + c + "' does not compare a parent's output parameter ({{tasks.NAME.outputs.parameters.PARAM}})";
      return r;
    }
    if (side->second.empty()) {
      r.error = "'{{" + side->first + "}}' is not a parent's output parameter";
      return r;
    }
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    if (value.find("{{") != std::string::npos) {
      r.error = "the value '" + value + "' is an expression; Peak compares with a fixed value";
      return r;
    }
    r.value.push_back(Document{{"condition", cond}, {"paramName", side->second}, {"stepName", side->first}, {"value", value}});
    if (std::find(r.parents.begin(), r.parents.end(), side->first) == r.parents.end()) r.parents.push_back(side->first);
  }
  return r;
}

PeakTranslation depends_to_peak(std::string_view expr) {
  PeakTranslation r;
  r.value = Document::array();
  std::string err;
  auto root = DependsParser(expr).parse(err);
  if (!root) {
    r.error = err;
    return r;
  }
  std::vector<DepNode> conj;
  std::function<void(const DepNode&)> flat_and = [&](const DepNode& n) {
    if (n.kind == DepNode::And)
      for (auto& k : n.kids) flat_and(k);
    else conj.push_back(n);
  };
  flat_and(*root);
  struct Clause {
    std::vector<std::string> parents;
    std::vector<std::string> status;
  };
  std::vector<Clause> clauses;
  auto status_of = [&](const DepNode& a) -> std::optional<std::string> {
    if (a.status.empty() || a.status == "Succeeded") return "success";
    if (a.status == "Failed") return "failure";
    err = "'" + a.name + "." + a.status + "' (Peak knows a parent's success and failure only)";
    return std::nullopt;
  };
  bool explicit_status = false;
  for (auto& n : conj) {
    std::vector<DepNode> atoms;
    std::function<bool(const DepNode&)> flat_or = [&](const DepNode& x) {
      if (x.kind == DepNode::Or) {
        for (auto& k : x.kids)
          if (!flat_or(k)) return false;
        return true;
      }
      if (x.kind == DepNode::And) return false;
      atoms.push_back(x);
      return true;
    };
    if (!flat_or(n)) {
      r.error = "'&&' inside '||'";
      return r;
    }
    Clause c;
    std::set<std::string> names;
    for (auto& a : atoms) {
      if (!a.status.empty()) explicit_status = true;
      auto st = status_of(a);
      if (!st) {
        r.error = err;
        return r;
      }
      if (std::find(c.parents.begin(), c.parents.end(), a.name) == c.parents.end()) c.parents.push_back(a.name);
      if (std::find(c.status.begin(), c.status.end(), *st) == c.status.end()) c.status.push_back(*st);
      if (std::find(r.parents.begin(), r.parents.end(), a.name) == r.parents.end()) r.parents.push_back(a.name);
    }
    // One parent with several statuses, or several parents with one status.
    if (c.parents.size() > 1 && c.status.size() > 1) {
      r.error = "a '||' over different tasks with different statuses";
      return r;
    }
    if (c.parents.size() > 1) {
      for (auto& a : atoms) {
        auto st = status_of(a);
        if (*st != c.status[0]) {
          r.error = "a '||' over different tasks with different statuses";
          return r;
        }
      }
    }
    clauses.push_back(c);
  }
  // No status written and no '||': every parent must succeed, Peak's default.
  // A status the user wrote (`a.Succeeded`) is said explicitly, as Peak's
  // documented example does.
  bool plain = std::all_of(clauses.begin(), clauses.end(), [](const Clause& c) {
    return c.parents.size() == 1 && c.status.size() == 1 && c.status[0] == "success";
  });
  if (plain && !explicit_status) return r;
  // Single-parent clauses with the same statuses merge into one all-of.
  std::vector<std::pair<Clause, bool>> merged;  // clause, is a conjunction
  for (auto& c : clauses) {
    if (c.parents.size() == 1) {
      bool done = false;
      for (auto& [m, conj_] : merged)
        if ((conj_ || m.parents.size() == 1) && m.status == c.status) {
          m.parents.push_back(c.parents[0]);
          conj_ = true;
          done = true;
          break;
        }
      if (done) continue;
    }
    merged.push_back({c, false});
  }
  for (auto& [c, conj_] : merged) {
    Document e = Document::object();
    e["condition"] = conj_ ? "all-of" : "one-of";
    e["parents"] = c.parents;
    e["status"] = c.status;
    r.value.push_back(e);
  }
  return r;
}

}  // namespace flowc
