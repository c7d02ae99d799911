#include "parse/python_rules/kinds.h"

#include <cstring>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

extern "C" const TSLanguage* tree_sitter_python(void);

namespace flowc::python_rules {

namespace {

struct KindTable {
  std::vector<Kind> by_symbol;
  KindTable() {
    const TSLanguage* lang = tree_sitter_python();
    uint32_t n = ts_language_symbol_count(lang);
    by_symbol.assign(n, k_other);
    std::unordered_map<std::string, Kind> named = {
#define FLOWC_MAP(n) {std::string(#n).back() == '_' ? std::string(#n).substr(0, std::strlen(#n) - 1) : #n, k_##n},
        FLOWC_NAMED_KINDS(FLOWC_MAP)
#undef FLOWC_MAP
    };
    std::unordered_map<std::string, Kind> anon = {
        {"async", t_async}, {",", t_comma}, {"(", t_lparen}, {"<>", t_ne_old}, {"from", t_from}, {"_", t_underscore}, {"-", t_minus}, {"as", t_as}};
    for (uint32_t i = 0; i < n; ++i) {
      TSSymbol s = static_cast<TSSymbol>(i);
      const char* name = ts_language_symbol_name(lang, s);
      if (!name) continue;
      TSSymbolType type = ts_language_symbol_type(lang, s);
      auto& table = type == TSSymbolTypeRegular ? named : anon;
      auto it = table.find(name);
      if (it != table.end()) by_symbol[i] = it->second;
    }
  }
};

}  // namespace


Kind kind_of(TSNode n) {
  static const KindTable table;
  if (ts_node_is_null(n)) return k_other;  // an absent field (`x: int` has no right side)
  TSSymbol s = ts_node_symbol(n);
  return s < table.by_symbol.size() ? table.by_symbol[s] : k_other;
}

const char* comp_name(Kind k) {
  switch (k) {
    case k_list_comprehension: return "list comprehension";
    case k_set_comprehension: return "set comprehension";
    case k_dictionary_comprehension: return "dict comprehension";
    default: return "generator expression";
  }
}

// Comments and line continuations are nodes wherever they stand: no rule counts them.
bool is_extra(Kind k) { return k == k_comment || k == k_line_continuation; }

// The named children of n that are not comments or line continuations.
uint32_t real_children(TSNode n) {
  uint32_t count = 0;
  for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i) count += !is_extra(kind_of(named_child(n, i)));
  return count;
}

// The first named child that is not a comment or line continuation (`del\\\n x`).
TSNode first(TSNode n) {
  for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i) {
    TSNode c = named_child(n, i);
    if (!is_extra(kind_of(c))) return c;
  }
  return TSNode{};
}

bool is_keyword(std::string_view t) {
  static const std::unordered_set<std::string_view> kKeywords = {
      "False",  "None",     "True",  "and",    "as",   "assert", "async", "await",  "break",
      "class",  "continue", "def",   "del",    "elif", "else",   "except", "finally", "for",
      "from",   "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
      "or",     "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
  return t.size() >= 2 && t.size() <= 8 && kKeywords.count(t) > 0;
}

}  // namespace flowc::python_rules
