// Match statements: what CPython's compiler checks in patterns.
#include "parse/python_rules/walk.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace flowc::python_rules {

void RuleWalk::case_clause(Frame& f) {
  TSNode n = f.node;
  std::vector<TSNode> names;
  std::vector<TSNode> patterns;
  bool guard = false;
  for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i) {
    TSNode c = named_child(n, i);
    if (kind_of(c) == k_case_pattern) patterns.push_back(c);
    if (kind_of(c) == k_if_clause) guard = true;
  }
  if (patterns.empty()) return;
  bool comma = false;
  for (uint32_t i = 0, cc = ts_node_child_count(n); i < cc; ++i) comma = comma || kind_of(ts_node_child(n, i)) == t_comma;
  Pat p;
  if (patterns.size() == 1 && !comma) {
    p = pattern(patterns[0], names, 0);
  } else {  // `case a, *b:` is a sequence
    sequence(patterns, names, n);
  }
  bool last = ts_node_is_null(ts_node_next_named_sibling(n));
  if (p.irrefutable && !guard && !last) unreachable(p, patterns[0]);
  for (TSNode id : names) bind(active_.back(), id, kLocal);
}

void RuleWalk::unreachable(const Pat& p, TSNode at) {
  if (ts_node_is_null(p.capture)) error("E0024", at, "wildcard makes remaining patterns unreachable");
  else error("E0024", p.capture, "name capture '" + std::string(text(p.capture)) + "' makes remaining patterns unreachable");
}

void RuleWalk::add_name(TSNode id, std::vector<TSNode>& names) {
  for (TSNode other : names)
    if (text(other) == text(id)) {
      error("E0024", id, "multiple assignments to name '" + std::string(text(id)) + "' in pattern");
      return;
    }
  names.push_back(id);
}

// One pattern among the children of `parent` from child index i: a named
// node, `_`, or `-` and a number. Advances i past it.
RuleWalk::Pat RuleWalk::pattern_at(TSNode parent, uint32_t& i, std::vector<TSNode>& names, int depth) {
  uint32_t cc = ts_node_child_count(parent);
  for (; i < cc; ++i) {
    TSNode c = ts_node_child(parent, i);
    Kind k = kind_of(c);
    if (k == t_underscore) {
      ++i;
      return Pat{true, TSNode{}};
    }
    if (ts_node_is_named(c) && !is_extra(k)) {
      ++i;
      return pattern(c, names, depth);
    }
    if (k == t_minus) continue;
    if (!ts_node_is_named(c)) return Pat{};  // '|' or ',': an empty alternative cannot happen in a parsed tree
  }
  return Pat{};
}

RuleWalk::Pat RuleWalk::pattern(TSNode n, std::vector<TSNode>& names, int depth) {
  if (depth > 250) return Pat{};  // deeper than 200 brackets is E0027 already
  switch (kind_of(n)) {
    case k_case_pattern: {
      uint32_t i = 0;
      return pattern_at(n, i, names, depth + 1);
    }
    case k_as_pattern: {
      TSNode inner = first(n), alias = ts_node_named_child(n, ts_node_named_child_count(n) - 1);
      if (kind_of(inner) == k_case_pattern && kind_of(first(inner)) == k_as_pattern)
        error("E0024", n, "invalid syntax: an 'as' pattern inside another needs parentheses");
      Pat p = pattern(inner, names, depth + 1);
      if (text(alias) == "_") error("E0024", alias, "cannot use '_' as a target");
      else add_name(alias, names);
      return p;
    }
    case k_dotted_name:
      if (ts_node_named_child_count(n) == 1) {
        add_name(first(n), names);
        return Pat{true, first(n)};
      }
      return Pat{};
    case k_union_pattern:
      return union_pattern(n, names, depth);
    case k_list_pattern:
    case k_tuple_pattern: {
      if (parenthesized_single(n)) return pattern(first(n), names, depth + 1);
      std::vector<TSNode> items;
      for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i)
        if (kind_of(named_child(n, i)) == k_case_pattern) items.push_back(named_child(n, i));
      sequence(items, names, n);
      return Pat{};
    }
    case k_splat_pattern:
      error("E0024", n, "invalid syntax: a starred pattern stands only in a sequence pattern");
      return Pat{};
    case k_dict_pattern:
      dict_pattern(n, names, depth);
      return Pat{};
    case k_class_pattern:
      class_pattern(n, names, depth);
      return Pat{};
    case k_keyword_pattern:
      error("E0024", n, "invalid syntax: a keyword pattern stands only in a class pattern");
      return Pat{};
    case k_string:
    case k_concatenated_string:
      if (is_fstring(n)) error("E0024", n, "patterns may only match literals and attribute lookups");
      return Pat{};
    case k_complex_pattern:
      complex_pattern(n);
      return Pat{};
    default:
      return Pat{};
  }
}

bool RuleWalk::is_fstring(TSNode n) {
  if (kind_of(n) == k_concatenated_string) {
    for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i)
      if (is_fstring(named_child(n, i))) return true;
    return false;
  }
  std::string_view t = text(n);
  size_t q = t.find_first_of("'\"");
  return t.substr(0, q).find_first_of("fF") != std::string_view::npos;
}

RuleWalk::Pat RuleWalk::union_pattern(TSNode n, std::vector<TSNode>& names, int depth) {
  uint32_t cc = ts_node_child_count(n), i = 0;
  std::vector<TSNode> first;
  bool have_first = false;
  Pat last{};
  while (i < cc) {
    std::vector<TSNode> mine;
    Pat p = pattern_at(n, i, mine, depth + 1);
    while (i < cc && ts_node_is_named(ts_node_child(n, i)) == false && kind_of(ts_node_child(n, i)) != t_underscore &&
           kind_of(ts_node_child(n, i)) != t_minus)
      ++i;  // the '|'
    bool is_last = i >= cc;
    if (p.irrefutable && !is_last) unreachable(p, n);
    if (!have_first) {
      first = mine;
      have_first = true;
    } else {
      bool same = first.size() == mine.size();
      for (TSNode a : first) {
        bool found = false;
        for (TSNode b : mine) found = found || text(a) == text(b);
        same = same && found;
      }
      if (!same) {
        error("E0024", n, "alternative patterns bind different names");
        return Pat{};
      }
    }
    last = p;
  }
  for (TSNode id : first) add_name(id, names);
  return last;
}

void RuleWalk::sequence(const std::vector<TSNode>& items, std::vector<TSNode>& names, TSNode at) {
  int stars = 0;
  for (TSNode item : items) {
    TSNode inner = first(item);
    if (kind_of(inner) == k_splat_pattern) {
      if (++stars == 2) error("E0024", at, "multiple starred names in sequence pattern");
      if (text(inner).rfind("**", 0) == 0) error("E0024", inner, "invalid syntax: '**' stands only in a mapping pattern");
      TSNode id = first(inner);
      if (!ts_node_is_null(id) && kind_of(id) == k_identifier) add_name(id, names);
      continue;
    }
    pattern(item, names, 1);
  }
}

void RuleWalk::dict_pattern(TSNode n, std::vector<TSNode>& names, int depth) {
  std::vector<std::string> keys;
  bool rest = false, negative = false;
  TSFieldId key_field = field_id("key");
  TSTreeCursor c = ts_tree_cursor_new(n);
  for (bool more = ts_tree_cursor_goto_first_child(&c); more; more = ts_tree_cursor_goto_next_sibling(&c)) {
    TSNode ch = ts_tree_cursor_current_node(&c);
    Kind k = kind_of(ch);
    if (k == t_minus) {
      negative = true;
      continue;
    }
    if (k == k_splat_pattern) {
      TSNode id = first(ch);
      if (rest || text(ch).rfind("**", 0) != 0 || ts_node_is_null(id))
        error("E0024", ch, "invalid syntax: a mapping pattern takes one '**rest', a name, last");
      else add_name(id, names);
      rest = true;
      continue;
    }
    if (ts_tree_cursor_current_field_id(&c) == key_field) {
      if (rest) error("E0024", ch, "invalid syntax: a mapping pattern's '**rest' comes last");
      bool literal = k == k_string || k == k_concatenated_string || k == k_integer || k == k_float_ ||
                     k == k_complex_pattern || k == k_true || k == k_false || k == k_none;
      if (k == k_dotted_name && ts_node_named_child_count(ch) > 1) {
        // a value pattern: not compared
      } else if (!literal) {
        error("E0024", ch, "invalid syntax: a mapping pattern's keys are literals or dotted names");
      } else if ((k == k_string || k == k_concatenated_string) && is_fstring(ch)) {
        error("E0024", ch, "patterns may only match literals and attribute lookups");
      } else {
        std::string key = (negative ? "-" : "") + std::string(text(ch));
        if (k == k_integer || k == k_float_ || k == k_true || k == k_false) key = number_key(ch, negative);
        if (k == k_string && key.size() >= 2 && (key[0] == '\'' || key[0] == '"')) key = "'" + key.substr(1, key.size() - 2) + "'";
        for (const std::string& other : keys)
          if (other == key) error("E0024", ch, "mapping pattern checks duplicate key (" + key + ")");
        keys.push_back(key);
      }
      negative = false;
      continue;
    }
    if (k == k_case_pattern) pattern(ch, names, depth + 1);
  }
  ts_tree_cursor_delete(&c);
}

// Keys compare by value, as CPython does: 1, 1.0 and True are one key.
std::string RuleWalk::number_key(TSNode n, bool negative) {
  Kind k = kind_of(n);
  double v = 0;
  if (k == k_true || k == k_false) {
    v = k == k_true ? 1 : 0;
  } else {
    std::string t;
    for (char c : text(n))
      if (c != '_') t += c;
    if (!t.empty() && (t.back() == 'j' || t.back() == 'J')) return std::string(text(n));
    if (k == k_integer && t.size() > 1 && t[0] == '0' && std::strchr("xXoObB", t[1])) {
      int base = std::strchr("xX", t[1]) ? 16 : std::strchr("oO", t[1]) ? 8 : 2;
      v = static_cast<double>(std::strtoull(t.c_str() + 2, nullptr, base));
    } else {
      v = std::strtod(t.c_str(), nullptr);
    }
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", negative ? -v : v);
  return buf;
}

void RuleWalk::class_pattern(TSNode n, std::vector<TSNode>& names, int depth) {
  std::vector<std::string_view> keywords;
  bool seen_keyword = false;
  for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i) {
    TSNode c = named_child(n, i);
    if (kind_of(c) != k_case_pattern) continue;
    TSNode inner = first(c);
    // tree-sitter reads `value=str() as doc` as `(value=str()) as doc`: the
    // 'as' belongs to the keyword's value (CPython's keyword_pattern:
    // NAME '=' pattern, where pattern includes as_pattern).
    TSNode alias{};
    if (kind_of(inner) == k_as_pattern && kind_of(first(inner)) == k_case_pattern &&
        kind_of(first(first(inner))) == k_keyword_pattern) {
      alias = ts_node_named_child(inner, ts_node_named_child_count(inner) - 1);
      inner = first(first(inner));
    }
    if (kind_of(inner) != k_keyword_pattern) {
      if (seen_keyword) error("E0024", c, "positional patterns follow keyword patterns");
      pattern(c, names, depth + 1);
      continue;
    }
    seen_keyword = true;
    TSNode name = first(inner);
    for (std::string_view k : keywords)
      if (k == text(name)) error("E0024", name, "attribute name repeated in class pattern: " + std::string(text(name)));
    keywords.push_back(text(name));
    uint32_t j = 2;  // after the name and '='
    pattern_at(inner, j, names, depth + 1);
    if (!ts_node_is_null(alias)) {
      if (text(alias) == "_") error("E0024", alias, "cannot use '_' as a target");
      else add_name(alias, names);
    }
  }
}

void RuleWalk::complex_pattern(TSNode n) {
  std::vector<TSNode> nums;
  for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i)
    if (!is_extra(kind_of(named_child(n, i)))) nums.push_back(named_child(n, i));
  if (nums.size() != 2) return;
  auto imaginary = [&](TSNode x) { std::string_view t = text(x); return !t.empty() && (t.back() == 'j' || t.back() == 'J'); };
  if (imaginary(nums[0])) error("E0024", nums[0], "real number required in complex literal");
  else if (!imaginary(nums[1])) error("E0024", nums[1], "imaginary number required in complex literal");
}

}  // namespace flowc::python_rules
