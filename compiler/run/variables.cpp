#include "run/variables.h"

#include "run/expression/expr.h"

namespace flowc::run {

std::string value_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  return expr_text(v);
}

nlohmann::json expr_env(const Scope& scope) {
  nlohmann::json env = nlohmann::json::object();
  for (auto& [name, value] : scope) {
    nlohmann::json* cur = &env;
    size_t start = 0;
    bool blocked = false;
    while (true) {
      size_t dot = name.find('.', start);
      std::string part = name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (dot == std::string::npos) {
        // A leaf never replaces a map built from longer names
        // ("steps.A.outputs.parameters" vs "steps.A.outputs.parameters.p").
        if (!cur->contains(part) || !(*cur)[part].is_object()) (*cur)[part] = value;
        break;
      }
      nlohmann::json& next = (*cur)[part];
      if (!next.is_object()) {
        if (!next.is_null() && !next.is_object()) next = nlohmann::json::object();
        if (next.is_null()) next = nlohmann::json::object();
      }
      cur = &next;
      start = dot + 1;
      if (blocked) break;
    }
  }
  return env;
}

namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\n");
  size_t e = s.find_last_not_of(" \t\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

std::string substitute(const std::string& text, const Scope& scope, bool allow_unresolved, Substitution& status) {
  if (text.find("{{") == std::string::npos) return text;
  std::string out;
  size_t i = 0;
  nlohmann::json env;
  bool have_env = false;
  while (i < text.size()) {
    size_t open = text.find("{{", i);
    if (open == std::string::npos) {
      out.append(text, i, std::string::npos);
      break;
    }
    size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) {
      out.append(text, i, std::string::npos);
      break;
    }
    out.append(text, i, open - i);
    std::string tag = trim(text.substr(open + 2, close - open - 2));
    std::string whole = text.substr(open, close + 2 - open);
    if (!tag.empty() && tag[0] == '=') {
      if (!have_env) {
        env = expr_env(scope);
        have_env = true;
      }
      ExprResult r = evaluate_expr(tag.substr(1), env);
      if (!r.ok) {
        if (allow_unresolved) {
          out += whole;  // resolved in the later pass, with more of the scope
        } else if (status.ok) {
          status.ok = false;
          status.error = r.error;
        }
      } else {
        // resolveExpression: fmt.Sprintf("%v", result); a nil result is an
        // error there ("failed to evaluate expression").
        if (r.value.is_null() && !allow_unresolved && status.ok) {
          status.ok = false;
          status.error = "failed to evaluate expression " + whole + ": the result is nil";
        }
        if (r.value.is_null()) out += whole;
        else out += go_value_text(r.value);
      }
    } else {
      auto it = scope.find(tag);
      if (it != scope.end()) {
        out += value_text(it->second);
      } else {
        if (!allow_unresolved && status.ok) {
          status.ok = false;
          status.error = "failed to resolve " + whole;
        }
        out += whole;
      }
    }
    i = close + 2;
  }
  return out;
}

nlohmann::ordered_json substitute_tree(const nlohmann::ordered_json& tree, const Scope& scope, bool allow_unresolved,
                                       Substitution& status) {
  if (tree.is_string()) return substitute(tree.get<std::string>(), scope, allow_unresolved, status);
  if (tree.is_array()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (auto& x : tree) out.push_back(substitute_tree(x, scope, allow_unresolved, status));
    return out;
  }
  if (tree.is_object()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (auto& [k, v] : tree.items()) out[substitute(k, scope, allow_unresolved, status)] = substitute_tree(v, scope, allow_unresolved, status);
    return out;
  }
  return tree;
}

}  // namespace flowc::run
