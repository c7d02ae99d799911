// Names: keywords tree-sitter takes as names, parameters, call arguments,
// imports, global/nonlocal.
#include "parse/python_rules/walk.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace flowc::python_rules {

void RuleWalk::identifier(Frame& f) {
  TSNode n = f.node;
  std::string_view t = text(n);
  if (is_keyword(t)) {  // tree-sitter read a keyword as a name (`lambda: yield`, `async = 1`)
    error("E0027", n, "invalid syntax: '" + std::string(t) + "' is a keyword");
    return;
  }
  if (!track_symbols_ || in_import_ || in_declaration_) return;
  Kind pk = parent_kind();
  if ((pk == k_attribute && f.field == f_attribute_) || (pk == k_keyword_argument && f.field == f_name_) ||
      pk == k_keyword_pattern)
    return;
  if (not_use_.count(ts_node_start_byte(n))) return;
  scope().symbols[t] |= kUse;
}

void RuleWalk::definition(TSNode n, Kind k) {
  TSNode name = field(n, "name");
  if (!ts_node_is_null(name)) bind(active_.back(), name, kLocal);
  (void)k;
}

void RuleWalk::parameters(TSNode n) {
  pending_params_.emplace_back();
  std::unordered_set<std::string_view> names;
  bool seen_default = false, seen_star = false, seen_kwstar = false, seen_slash = false, bare_star = false;
  TSNode bare_at{};
  uint32_t count = ts_node_named_child_count(n), positional = 0;
  for (uint32_t i = 0; i < count; ++i) {
    TSNode p = named_child(n, i);
    Kind k = kind_of(p);
    if (is_extra(k)) continue;
    if (bare_star && k != k_dictionary_splat_pattern) bare_star = false;  // a named parameter follows
    if (seen_kwstar) {
      error("E0018", p, "arguments cannot follow var-keyword argument");
      return;
    }
    TSNode id{};
    if (k == k_typed_parameter) {
      TSNode inner = first(p);
      Kind ik = kind_of(inner);
      if (ik == k_list_splat_pattern || ik == k_dictionary_splat_pattern) {
        p = inner;
        k = ik;
      } else {
        id = inner;
      }
    }
    switch (k) {
      case k_positional_separator:
        if (seen_slash) return error("E0018", p, "/ may appear only once");
        if (seen_star) return error("E0018", p, "/ must be ahead of *");
        if (positional == 0) return error("E0018", p, "at least one argument must precede /");
        seen_slash = true;
        continue;
      case k_keyword_separator:
      case k_list_splat_pattern:
        if (seen_star) return error("E0018", p, "* argument may appear only once");
        seen_star = true;
        if (k == k_keyword_separator) {
          bare_star = true;
          bare_at = p;
          continue;
        }
        id = first(p);
        if (kind_of(id) != k_identifier) return error("E0027", id, "invalid syntax: '*' takes a parameter name");
        break;
      case k_dictionary_splat_pattern:
        seen_kwstar = true;
        id = first(p);
        if (kind_of(id) != k_identifier) return error("E0027", id, "invalid syntax: '**' takes a parameter name");
        break;
      case k_identifier:
        id = p;
        [[fallthrough]];
      case k_typed_parameter:
        if (seen_default && !seen_star) return error("E0018", p, "non-default argument follows default argument");
        if (!seen_star) ++positional;
        break;
      case k_default_parameter:
      case k_typed_default_parameter:
        id = field(p, "name");
        if (!seen_star) seen_default = true, ++positional;
        break;
      case k_tuple_pattern:
        return error("E0015", p, "tuple parameters are Python 2 syntax");
      default:
        break;
    }
    if (ts_node_is_null(id)) continue;
    if (kind_of(id) == k_tuple_pattern) return error("E0015", id, "tuple parameters are Python 2 syntax");
    std::string_view name = text(id);
    if (name == "__debug__") return error("E0020", id, "cannot assign to __debug__");
    if (!names.insert(name).second) return error("E0018", id, "duplicate argument '" + std::string(name) + "' in function definition");
    pending_params_.back().push_back(id);
    if (track_symbols_) not_use_.insert(ts_node_start_byte(id));
  }
  if (bare_star) error("E0018", bare_at, "named arguments must follow bare *");
}

void RuleWalk::arguments(Frame& f) {
  TSNode n = f.node;
  std::unordered_set<std::string_view> keywords;
  bool seen_keyword = false, seen_kwsplat = false;
  uint32_t count = ts_node_named_child_count(n), args = 0;
  for (uint32_t i = 0; i < count; ++i) {
    TSNode a = named_child(n, i);
    Kind k = kind_of(a);
    if (is_extra(k)) continue;
    ++args;
    if (k == k_keyword_argument) {
      TSNode name = field(a, "name");
      std::string_view t = text(name);
      if (t == "__debug__") error("E0020", name, "cannot assign to __debug__");
      else if (!keywords.insert(t).second) error("E0017", name, "keyword argument repeated: " + std::string(t));
      seen_keyword = true;
    } else if (k == k_dictionary_splat) {
      seen_kwsplat = true;
    } else if (k == k_list_splat) {
      if (seen_kwsplat) error("E0017", a, "iterable argument unpacking follows keyword argument unpacking");
    } else if (seen_kwsplat) {
      error("E0017", a, "positional argument follows keyword argument unpacking");
    } else if (seen_keyword) {
      error("E0017", a, "positional argument follows keyword argument");
    }
    if (k == k_generator_expression && text(a).front() != '(')
      error("E0017", a, "Generator expression must be parenthesized");
  }
  (void)args;
  // `f(,)`, `f(a,,b)`: tree-sitter reads an empty argument; CPython's
  // grammar (args: ','.arg+) has none.
  bool after_open_or_comma = false;
  for (uint32_t i = 0, cc = ts_node_child_count(n); i < cc; ++i) {
    TSNode c = ts_node_child(n, i);
    Kind k = kind_of(c);
    if (is_extra(k)) continue;
    if (k == t_comma && after_open_or_comma) {
      error("E0027", c, "invalid syntax: an empty argument");
      break;
    }
    after_open_or_comma = k == t_comma || k == t_lparen;
  }
}

void RuleWalk::import(Frame& f) {
  TSNode n = f.node;
  ++in_import_;
  f.counts_import = true;
  uint32_t cc = ts_node_child_count(n);
  bool paren = false;
  for (uint32_t i = 0; i < cc; ++i) paren = paren || kind_of(ts_node_child(n, i)) == t_lparen;
  if (cc > 0 && kind_of(ts_node_child(n, cc - 1)) == t_comma && !paren)
    error("E0027", ts_node_child(n, cc - 1),
          f.kind == k_import_statement ? "invalid syntax: trailing comma after the imported names"
                                       : "trailing comma not allowed without surrounding parentheses");
  // Names bound by the import.
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = named_child(n, i);
    Kind k = kind_of(c);
    if (f.kind != k_import_statement && i == 0 && f.kind == k_import_from_statement) continue;  // the module
    TSNode bound{};
    if (f.kind != k_import_statement) {  // `from m import a.b` is not Python
      TSNode name = k == k_aliased_import ? field(c, "name") : c;
      if (kind_of(name) == k_dotted_name && ts_node_named_child_count(name) > 1)
        error("E0027", name, "invalid syntax: 'from ... import' takes names, not dotted names");
    }
    if (k == k_aliased_import) bound = field(c, "alias");
    else if (k == k_dotted_name) bound = first(c);
    else if (k == k_wildcard_import) {
      if (scope().kind != ScopeKind::Module) error("E0019", c, "import * only allowed at module level");
      continue;
    } else continue;
    if (ts_node_is_null(bound)) continue;
    if (text(bound) == "__debug__") error("E0020", bound, "cannot assign to __debug__");
    if (f.kind == k_future_import_statement) future(c);
    if (track_symbols_) scopes_[active_.back()].symbols[text(bound)] |= kImport;
  }
  if (f.kind == k_future_import_statement && (!future_ok_ || frames_.size() != 2))
    error("E0022", n, "from __future__ imports must occur at the beginning of the file");
}

void RuleWalk::future(TSNode c) {
  TSNode name = kind_of(c) == k_aliased_import ? field(c, "name") : c;
  std::string_view t = text(name);
  static const char* const kFeatures[] = {"nested_scopes",   "generators",     "division",
                                          "absolute_import", "with_statement", "print_function",
                                          "unicode_literals", "barry_as_FLUFL", "generator_stop",
                                          "annotations"};
  if (t == "braces") return error("E0022", name, "not a chance");
  if (t == "barry_as_FLUFL") barry_ = true;
  for (const char* f : kFeatures)
    if (t == f) return;
  error("E0022", name, "future feature " + std::string(t) + " is not defined");
}

void RuleWalk::declaration(Frame& f, bool nonlocal) {
  TSNode n = f.node;
  ++in_declaration_;
  f.counts_declaration = true;
  Scope& s = scope();
  if (nonlocal && s.kind == ScopeKind::Module) {
    error("E0021", n, "nonlocal declaration not allowed at module level");
    return;
  }
  const char* what = nonlocal ? "nonlocal" : "global";
  uint32_t cc = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < cc; ++i) {
    TSNode id = named_child(n, i);
    if (kind_of(id) != k_identifier) continue;
    std::string name(text(id));
    uint8_t& flags = s.symbols[text(id)];
    if (flags & kParam) error("E0021", id, "name '" + name + "' is parameter and " + what);
    else if (flags & kUse) error("E0021", id, "name '" + name + "' is used prior to " + what + " declaration");
    else if (flags & kAnnot) error("E0021", id, "annotated name '" + name + "' can't be " + what);
    else if (flags & kLocal) error("E0021", id, "name '" + name + "' is assigned to before " + what + " declaration");
    flags |= nonlocal ? kNonlocal : kGlobal;
    if (nonlocal) s.nonlocals.push_back({text(id), tree_.span(id)});
  }
}

// After the walk: each nonlocal name must be bound in an enclosing function.
void RuleWalk::resolve_nonlocals() {
  for (const Scope& s : scopes_) {
    for (auto& [name, span] : s.nonlocals) {
      auto it = s.symbols.find(name);
      if (it != s.symbols.end() && (it->second & kGlobal)) {
        sink_.error("E0021", span, "name '" + std::string(name) + "' is nonlocal and global");
        continue;
      }
      if (!bound_above(s, name)) sink_.error("E0021", span, "no binding for nonlocal '" + std::string(name) + "' found");
    }
  }
}

bool RuleWalk::bound_above(const Scope& s, std::string_view name) const {
  for (int i = s.parent; i >= 0; i = scopes_[i].parent) {
    const Scope& a = scopes_[i];
    if (a.kind == ScopeKind::Module) return false;
    if (a.kind == ScopeKind::Class) {
      if (name == "__class__") return true;
      continue;
    }
    auto it = a.symbols.find(name);
    if (it == a.symbols.end()) continue;
    if (it->second & kGlobal) return false;
    if (it->second & kNonlocal) continue;
    if (it->second & (kLocal | kParam | kImport)) return true;
  }
  return false;
}

}  // namespace flowc::python_rules
