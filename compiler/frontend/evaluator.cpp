#include "frontend/evaluator.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "frontend/checker.h"
#include "frontend/version_rules.h"
#include "frontend/models.h"
#include "ir/names.h"

namespace flowc {

namespace {
constexpr int kMaxDepth = 256;  // nesting bound; deeper input gets a diagnostic, not a stack overflow

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

void Env::bind_opaque(const std::string& name, std::string why) {
  Entry e;
  e.opaque = std::move(why);
  entries_[name] = std::move(e);
}

Env::Entry* Env::find(const std::string& name) const {
  for (const Env* e = this; e; e = e->parent_) {
    auto it = e->entries_.find(name);
    if (it != e->entries_.end()) return &it->second;
  }
  return nullptr;
}

bool Evaluator::charge(TSNode n, uint64_t size) {
  return charge(tree_.span(n), size, "each use of a constant is a copy of its value");
}

bool Evaluator::charge(Span at, uint64_t size, const char* why) { return budget_->charge(sink_, at, size, why); }

std::optional<Value> Evaluator::fail(TSNode n, std::string message) {
  sink_.error("E0101", tree_.span(n), std::move(message));
  return std::nullopt;
}

bool Evaluator::decode_string(std::string_view lit, std::string& out, std::string& error) {
  size_t i = 0;
  bool raw = false, bytes = false, fstr = false;
  while (i < lit.size() && lit[i] != '\'' && lit[i] != '"') {
    char c = static_cast<char>(lit[i] | 0x20);
    if (c == 'r') raw = true;
    else if (c == 'b') bytes = true;
    else if (c == 'f') fstr = true;
    ++i;
  }
  if (bytes) {
    error = "bytes literals are not supported (Argo fields are text)";
    return false;
  }
  for (size_t k = 0; k < i; ++k)
    if ((lit[k] | 0x20) == 't') {  // PEP 750 (3.14): t"..." evaluates to a Template, not a str
      error = "a template string (t\"...\") is a Template object, not text; use an f-string or a plain string";
      return false;
    }
  if (i >= lit.size()) {
    error = "malformed string literal";
    return false;
  }
  size_t q = (lit.size() - i >= 6 && lit[i + 1] == lit[i] && lit[i + 2] == lit[i]) ? 3 : 1;
  if (lit.size() < i + 2 * q) {
    error = "malformed string literal";
    return false;
  }
  std::string_view body = lit.substr(i + q, lit.size() - i - 2 * q);
  out.clear();
  for (size_t k = 0; k < body.size(); ++k) {
    char c = body[k];
    if (fstr && (c == '{' || c == '}')) {
      if (k + 1 < body.size() && body[k + 1] == c) {
        out += c;
        ++k;
        continue;
      }
      error = "f-string with a replacement field cannot be evaluated statically";
      return false;
    }
    if (c == '\r') continue;  // source newlines are LF to Python
    if (c != '\\' || raw) {
      if (raw && c == '\\' && k + 1 < body.size()) {  // r"\'" keeps both chars
        out += c;
        out += body[++k];
        continue;
      }
      out += c;
      continue;
    }
    if (++k >= body.size()) break;
    char e = body[k];
    switch (e) {
      case '\n': break;  // line continuation
      case '\r': if (k + 1 < body.size() && body[k + 1] == '\n') ++k; break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x': case 'u': case 'U': {
        size_t len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (k + len >= body.size()) {
          error = "truncated \\" + std::string(1, e) + " escape";
          return false;
        }
        uint32_t cp = 0;
        for (size_t m = 1; m <= len; ++m) {
          int h = hexval(body[k + m]);
          if (h < 0) {
            error = "invalid \\" + std::string(1, e) + " escape";
            return false;
          }
          cp = cp * 16 + static_cast<uint32_t>(h);
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          error = "escape is not a valid Unicode scalar value";
          return false;
        }
        append_utf8(out, cp);
        k += len;
        break;
      }
      case 'N':
        error = "\\N{...} escapes are not supported; write the character itself";
        return false;
      default:
        if (e >= '0' && e <= '7') {
          uint32_t cp = 0;
          size_t m = 0;
          while (m < 3 && k + m < body.size() && body[k + m] >= '0' && body[k + m] <= '7') cp = cp * 8 + (body[k + m++] - '0');
          k += m - 1;
          append_utf8(out, cp);
        } else {
          out += '\\';  // unknown escapes stay as written, as in Python
          out += e;
        }
    }
  }
  return true;
}

std::string Evaluator::dedent(std::string_view text) {
  // Split on '\n' keeping the structure; whitespace-only lines become empty.
  std::vector<std::string> lines;
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    lines.emplace_back(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  std::optional<std::string> margin;
  for (auto& l : lines) {
    size_t ws = l.find_first_not_of(" \t");
    if (ws == std::string::npos) {
      l.clear();
      continue;
    }
    std::string indent = l.substr(0, ws);
    if (!margin) margin = indent;
    else if (indent.starts_with(*margin)) {
    } else if (margin->starts_with(indent)) margin = indent;
    else {
      size_t i = 0;
      while (i < margin->size() && i < indent.size() && (*margin)[i] == indent[i]) ++i;
      margin = margin->substr(0, i);
    }
  }
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    if (margin && !margin->empty() && lines[i].starts_with(*margin)) out += lines[i].substr(margin->size());
    else out += lines[i];
  }
  return out;
}

std::optional<Value> Evaluator::eval(TSNode n, const Env& env) {
  if (depth_ >= kMaxDepth) return fail(n, "expression is nested too deeply (more than 256 levels)");
  struct Guard {
    int& d;
    explicit Guard(int& x) : d(x) { ++d; }
    ~Guard() { --d; }
  } guard(depth_);

  std::string_view type = node_type(n);
  Span span = tree_.span(n);
  if (type == "string") {
    std::string out, err;
    if (!decode_string(tree_.text(n), out, err)) return fail(n, err);
    return Value::of_string(std::move(out), span);
  }
  if (type == "concatenated_string") {
    std::string all;
    for (uint32_t i = 0; i < named_count(n); ++i) {
      std::string out, err;
      if (!decode_string(tree_.text(named_child(n, i)), out, err)) return fail(named_child(n, i), err);
      all += out;
    }
    return Value::of_string(std::move(all), span);
  }
  if (type == "integer") {
    std::string digits;
    for (char c : tree_.text(n))
      if (c != '_') digits += c;
    int base = 10;
    size_t skip = 0;
    if (digits.size() > 1 && digits[0] == '0') {
      char b = static_cast<char>(digits[1] | 0x20);
      if (b == 'x') base = 16, skip = 2;
      else if (b == 'o') base = 8, skip = 2;
      else if (b == 'b') base = 2, skip = 2;
    }
    if (!digits.empty() && (digits.back() == 'j' || digits.back() == 'J')) return fail(n, "complex numbers are not supported");
    int64_t v = 0;
    auto [p, ec] = std::from_chars(digits.data() + skip, digits.data() + digits.size(), v, base);
    if (ec != std::errc() || p != digits.data() + digits.size()) return fail(n, "integer literal out of range (64-bit)");
    return Value::of_int(v, span);
  }
  if (type == "float") {
    std::string digits;
    for (char c : tree_.text(n))
      if (c != '_') digits += c;
    if (!digits.empty() && (digits.back() == 'j' || digits.back() == 'J')) return fail(n, "complex numbers are not supported");
    Value v;
    v.kind = Value::Kind::Float;
    v.number = std::strtod(digits.c_str(), nullptr);
    if (!std::isfinite(v.number)) return fail(n, "float literal out of range");
    v.span = span;
    return v;
  }
  if (type == "true" || type == "false") return Value::of_bool(type == "true", span);
  if (type == "none") return Value::none(span);
  if (type == "parenthesized_expression") {
    if (named_count(n) != 1) return fail(n, "unsupported expression");
    return eval(named_child(n, 0), env);
  }
  if (type == "list" || type == "tuple") {
    Value out = Value::list(span);
    for (uint32_t i = 0; i < named_count(n); ++i) {
      TSNode item = named_child(n, i);
      if (is(item, "comment")) continue;
      if (is(item, "list_splat")) return fail(item, "unpacking (*x) cannot be evaluated statically");
      auto v = eval(item, env);
      if (!v) return std::nullopt;
      out.items.push_back(std::move(*v));
    }
    return out;
  }
  if (type == "dictionary") {
    Value out = Value::dict(span);
    for (uint32_t i = 0; i < named_count(n); ++i) {
      TSNode item = named_child(n, i);
      if (is(item, "comment")) continue;
      if (!is(item, "pair")) return fail(item, "unpacking (**x) cannot be evaluated statically");
      auto k = eval(field(item, "key"), env);
      if (!k) return std::nullopt;
      if (!k->is_string()) return fail(field(item, "key"), std::string("dictionary keys must be strings, got ") + k->type_name());
      auto v = eval(field(item, "value"), env);
      if (!v) return std::nullopt;
      out.set(k->text, std::move(*v), tree_.span(field(item, "key")));
    }
    return out;
  }
  if (type == "unary_operator") {
    auto v = eval(field(n, "argument"), env);
    if (!v) return std::nullopt;
    std::string_view op = tree_.text(field(n, "operator"));
    if (v->kind == Value::Kind::Int && (op == "-" || op == "+")) {
      if (op == "-") v->integer = -v->integer;
      v->span = span;
      return v;
    }
    if (v->kind == Value::Kind::Float && (op == "-" || op == "+")) {
      if (op == "-") v->number = -v->number;
      v->span = span;
      return v;
    }
    return fail(n, "operator '" + std::string(op) + "' cannot be applied statically here");
  }
  if (type == "binary_operator") {
    std::string_view op = tree_.text(field(n, "operator"));
    auto l = eval(field(n, "left"), env);
    if (!l) return std::nullopt;
    auto r = eval(field(n, "right"), env);
    if (!r) return std::nullopt;
    if (op == "+" && l->is_string() && r->is_string()) {
      if (!charge(n, sizeof(Value) + l->text.size() + r->text.size())) return std::nullopt;  // before it is built
      return Value::of_string(l->text + r->text, span);
    }
    if (op == "+" && l->is_list() && r->is_list()) {
      // The items move (and were counted where they were built): only the
      // bound on one value applies.
      if (uint64_t size = value_size(*l) + value_size(*r); size > ValueBudget::kMaxValue) {
        charge(n, size);  // reports E0120
        return std::nullopt;
      }
      for (auto& it : r->items) l->items.push_back(std::move(it));
      l->span = span;
      return l;
    }
    if (l->kind == Value::Kind::Int && r->kind == Value::Kind::Int && (op == "+" || op == "-" || op == "*")) {
      int64_t out = 0;
      bool overflow = op == "+" ? __builtin_add_overflow(l->integer, r->integer, &out)
                      : op == "-" ? __builtin_sub_overflow(l->integer, r->integer, &out)
                                  : __builtin_mul_overflow(l->integer, r->integer, &out);
      if (overflow) return fail(n, "integer arithmetic overflows 64 bits");
      return Value::of_int(out, span);
    }
    return fail(n, "operator '" + std::string(op) + "' on " + l->type_name() + " and " + r->type_name() +
                       " cannot be evaluated statically");
  }
  if (type == "identifier") return eval_name(n, env);
  if (type == "call") return eval_call(n, env);
  if (type == "attribute") {
    std::string dsl = names_.resolve(tree_, n);
    if (!dsl.empty()) return fail(n, "'" + std::string(tree_.text(n)) + "' is a DSL object, not a value");
    return fail(n, "attribute access '" + std::string(tree_.text(n)) + "' cannot be evaluated without running code");
  }
  std::string what(type);
  for (char& c : what)
    if (c == '_') c = ' ';
  return fail(n, "a " + what + " cannot be evaluated without running code");
}

std::optional<Value> Evaluator::eval_name(TSNode id, const Env& env) {
  std::string name(tree_.text(id));
  Env::Entry* e = env.find(name);
  if (!e) {
    if (!names_.resolve(tree_, id).empty()) return fail(id, "'" + name + "' is a DSL object, not a value");
    if (names_.is_imported(name)) return fail(id, "'" + name + "' is imported; its value is not known without running code");
    return fail(id, "name '" + name + "' is not defined as a constant in this file");
  }
  if (!e->opaque.empty()) return fail(id, "'" + name + "' " + e->opaque);
  if (e->value) {
    if (!charge(id, value_size(*e->value))) return std::nullopt;  // a copy: counted before it is made
    Value v = *e->value;
    return v;
  }
  if (e->evaluating) {
    auto& d = sink_.error("E0102", tree_.span(id), "constant '" + name + "' is defined in terms of itself");
    d.notes.push_back({"'" + name + "' is defined here", tree_.span(e->expr)});
    return std::nullopt;
  }
  e->evaluating = true;
  auto v = eval(e->expr, env);
  e->evaluating = false;
  if (!v) {
    e->opaque = "could not be evaluated (see the error above)";
    return std::nullopt;
  }
  // Kept for later uses, and returned: the copy counts too.
  if (!charge(id, value_size(*v))) return std::nullopt;
  e->value = *v;
  return v;
}

std::optional<Value> Evaluator::eval_call(TSNode call, const Env& env) {
  TSNode fn = field(call, "function");
  TSNode args = field(call, "arguments");
  std::string dsl = names_.resolve(tree_, fn);
  std::string fname(tree_.text(fn));
  if (!is(args, "argument_list")) return fail(call, "call to '" + fname + "' cannot be evaluated statically");

  if (dsl == "textwrap.dedent") {
    if (named_count(args) != 1) return fail(call, "textwrap.dedent() takes exactly one string here");
    auto v = eval(named_child(args, 0), env);
    if (!v) return std::nullopt;
    if (!v->is_string()) return fail(named_child(args, 0), std::string("textwrap.dedent() expects a str, got ") + v->type_name());
    return Value::of_string(dedent(v->text), tree_.span(call));
  }
  bool model = !dsl.empty() && DslNames::is_model_name(dsl);
  const models::Model* table = model ? models::find_model(dsl) : nullptr;
  if (model && !table) {
    Checker(sink_).unknown_model(dsl, tree_.span(fn));
    return std::nullopt;
  }
  bool plain_dict = dsl.empty() && fname == "dict" && !env.find("dict");
  if (model || plain_dict) {
    Value out = Value::dict(tree_.span(call));
    if (model) out.model = dsl;
    for (uint32_t i = 0; i < named_count(args); ++i) {
      TSNode a = named_child(args, i);
      if (is(a, "comment")) continue;
      if (!is(a, "keyword_argument"))
        return fail(a, (model ? dsl : std::string("dict")) + "() takes keyword arguments only here");
      std::string key(tree_.text(field(a, "name")));
      auto v = eval(field(a, "value"), env);
      if (!v) return std::nullopt;
      out.set(key, std::move(*v), tree_.span(field(a, "name")));
    }
    if (table && !check_model_version(*table, tree_.span(fn), argo_version, sink_)) return std::nullopt;
    if (table && !Checker(sink_, argo_version).check_fields(out, *table, true)) return std::nullopt;
    return out;
  }
  if (!dsl.empty()) return fail(fn, "'" + fname + "' is a DSL decorator, not a value");
  return fail(call, "call to '" + fname + "' cannot be evaluated without running code");
}

}  // namespace flowc
