#include "run/expression/depends.h"

#include "run/expression/scanner.h"

#include <cctype>
#include <stdexcept>

namespace flowc::run {

namespace {

struct Tok {
  enum Kind { Name, And, Or, Not, LParen, RParen, End } kind;
  std::string text;
};

// Task names hold letters, digits, '-', '_' (Argo's DNS-ish names); a
// result is ".Succeeded" etc. after the name.
std::vector<Tok> lex(const std::string& s) {
  auto name_char = [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-' || c == '.'; };
  std::vector<Tok> out;
  Scanner in(s);
  while (in.more()) {
    if (in.take("&&")) {
      out.push_back({Tok::And, "&&"});
    } else if (in.take("||")) {
      out.push_back({Tok::Or, "||"});
    } else if (in.take("!")) {
      out.push_back({Tok::Not, "!"});
    } else if (in.take("(")) {
      out.push_back({Tok::LParen, "("});
    } else if (in.take(")")) {
      out.push_back({Tok::RParen, ")"});
    } else if (name_char(static_cast<unsigned char>(in.peek()))) {
      out.push_back({Tok::Name, in.take_while(name_char)});
    } else {
      throw std::runtime_error(std::string("unexpected '") + in.peek() + "' in depends '" + s + "'");
    }
  }
  out.push_back({Tok::End, ""});
  return out;
}

const char* kResults[] = {"Succeeded", "Failed", "Errored", "Skipped", "Omitted", "Daemoned", "AnySucceeded", "AllFailed"};

void split_name(const std::string& word, std::string& task, std::string& result) {
  size_t dot = word.rfind('.');
  task = word;
  result.clear();
  if (dot == std::string::npos) return;
  std::string r = word.substr(dot + 1);
  for (const char* k : kResults)
    if (r == k) {
      task = word.substr(0, dot);
      result = r;
      return;
    }
  throw std::runtime_error("unknown task result '." + r + "' in depends (Argo has .Succeeded .Failed .Errored "
                           ".Skipped .Omitted .Daemoned .AnySucceeded .AllFailed)");
}

class Eval {
 public:
  Eval(std::vector<Tok> t, const std::map<std::string, TaskResults>* r,
       const std::function<bool(const std::string&, const char*)>* c, std::vector<std::string>* names)
      : t_(std::move(t)), results_(r), continues_(c), names_(names) {}
  bool all() {
    bool v = parse_or();
    if (t_[p_].kind != Tok::End) throw std::runtime_error("unexpected '" + t_[p_].text + "' in depends");
    return v;
  }

 private:
  bool parse_or() {
    bool v = parse_and();
    while (t_[p_].kind == Tok::Or) {
      ++p_;
      bool r = parse_and();
      v = v || r;
    }
    return v;
  }
  bool parse_and() {
    bool v = parse_not();
    while (t_[p_].kind == Tok::And) {
      ++p_;
      bool r = parse_not();
      v = v && r;
    }
    return v;
  }
  bool parse_not() {
    if (t_[p_].kind == Tok::Not) {
      ++p_;
      return !parse_not();
    }
    if (t_[p_].kind == Tok::LParen) {
      ++p_;
      bool v = parse_or();
      if (t_[p_].kind != Tok::RParen) throw std::runtime_error("missing ')' in depends");
      ++p_;
      return v;
    }
    if (t_[p_].kind != Tok::Name) throw std::runtime_error("expected a task name in depends");
    std::string task, result;
    split_name(t_[p_++].text, task, result);
    if (names_) {
      bool seen = false;
      for (auto& n : *names_) seen = seen || n == task;
      if (!seen) names_->push_back(task);
      return false;
    }
    auto it = results_->find(task);
    TaskResults tr = it == results_->end() ? TaskResults{} : it->second;
    if (result.empty()) {
      // dag.go expandDependency: a bare name is Succeeded || Skipped || Daemoned,
      // widened by the dependency's own continueOn.
      bool v = tr.succeeded || tr.skipped || tr.daemoned;
      if ((*continues_)(task, "failed")) v = v || tr.failed;
      if ((*continues_)(task, "error")) v = v || tr.errored;
      return v;
    }
    if (result == "Succeeded") return tr.succeeded;
    if (result == "Failed") return tr.failed;
    if (result == "Errored") return tr.errored;
    if (result == "Skipped") return tr.skipped;
    if (result == "Omitted") return tr.omitted;
    if (result == "Daemoned") return tr.daemoned;
    if (result == "AnySucceeded") return tr.any_succeeded;
    return tr.all_failed;
  }

  std::vector<Tok> t_;
  size_t p_ = 0;
  const std::map<std::string, TaskResults>* results_;
  const std::function<bool(const std::string&, const char*)>* continues_;
  std::vector<std::string>* names_;
};

}  // namespace

DependsParse parse_depends(const std::string& depends) {
  DependsParse out;
  try {
    Eval(lex(depends), nullptr, nullptr, &out.tasks).all();
    out.ok = true;
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  return out;
}

bool evaluate_depends(const std::string& depends, const std::map<std::string, TaskResults>& results,
                      const std::function<bool(const std::string&, const char*)>& continues) {
  return Eval(lex(depends), &results, &continues, nullptr).all();
}

std::string dependencies_to_depends(const std::vector<std::string>& deps) {
  std::string out;
  for (auto& d : deps) out += (out.empty() ? "" : " && ") + d;
  return out;
}

}  // namespace flowc::run
