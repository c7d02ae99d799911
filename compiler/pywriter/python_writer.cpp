#include "pywriter/python_writer.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "frontend/models.h"
#include "ir/names.h"
#include "passes/suggest.h"

namespace flowc::pywriter {

namespace {

constexpr size_t kWidth = 88;  // ruff format's line length

bool is_python_keyword(std::string_view s) {
  static const char* kws[] = {"False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
                              "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
                              "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
                              "return", "try", "while", "with", "yield", "match", "case", "type", "self"};
  for (auto k : kws)
    if (s == k) return true;
  return false;
}

bool is_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return !is_python_keyword(s);
}

// Columns a line takes: UTF-8 code points (close to ruff's width for text).
size_t width(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void escape_char(std::string& out, unsigned char c, char quote) {
  switch (c) {
    case '\\': out += "\\\\"; return;
    case '\n': out += "\\n"; return;
    case '\t': out += "\\t"; return;
    case '\r': out += "\\r"; return;
    default: break;
  }
  if (c == static_cast<unsigned char>(quote)) {
    out += '\\';
    out += static_cast<char>(c);
  } else if (c < 0x20 || c == 0x7f) {
    const char* hex = "0123456789abcdef";
    out += "\\x";
    out += hex[c >> 4];
    out += hex[c & 15];
  } else {
    out += static_cast<char>(c);
  }
}

bool multi_line(const std::string& s) {
  size_t nl = s.find('\n');
  return nl != std::string::npos && nl + 1 < s.size();  // a line break before the last character
}

// A Python string literal giving back `s`: double quotes unless single
// quotes need fewer escapes (ruff's preference); multi-line text as a
// triple-quoted string with the same lines.
std::string py_string(const std::string& s) {
  if (multi_line(s)) {
    // `"""\` + line break: the text starts on the next line, at column 0,
    // as it reads in the YAML (the escaped break adds nothing).
    std::string out = "\"\"\"\\\n";
    size_t run = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '"') {
        ++run;
        if (run % 3 == 0 || i + 1 == s.size()) out += "\\\"";
        else out += '"';
        continue;
      }
      run = 0;
      if (c == '\n') out += '\n';
      else escape_char(out, c, 0);
    }
    return out + "\"\"\"";
  }
  size_t dq = std::count(s.begin(), s.end(), '"'), sq = std::count(s.begin(), s.end(), '\'');
  char q = dq > sq ? '\'' : '"';
  std::string out(1, q);
  for (unsigned char c : s) escape_char(out, c, q);
  return out + q;
}

bool python_float_spelling(const std::string& t) {
  if (t.empty()) return false;
  size_t i = (t[0] == '-' || t[0] == '+') ? 1 : 0;
  bool digit = false;
  for (; i < t.size(); ++i) {
    char c = t[i];
    if (std::isdigit(static_cast<unsigned char>(c))) digit = true;
    else if (c == '_' && i > 0 && std::isdigit(static_cast<unsigned char>(t[i - 1])) && i + 1 < t.size() &&
             std::isdigit(static_cast<unsigned char>(t[i + 1])))
      continue;
    else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-')
      return false;
  }
  return digit;
}

const models::Model* model_of(std::string_view type) {
  if (type.empty() || type[0] == '[' || type[0] == '{') return nullptr;
  return models::find_model(type);
}

std::string_view inner_type(std::string_view type) {
  if (type.size() >= 2 && (type[0] == '[' || type[0] == '{')) return type.substr(1, type.size() - 2);
  return "any";
}

// isort's order (ruff's I001): CONSTANTS, then Classes, then functions; each
// case-insensitively, with digit runs compared as numbers.
int name_group(const std::string& n) {
  bool upper = n.size() > 1 && std::none_of(n.begin(), n.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  if (upper) return 0;
  return std::isupper(static_cast<unsigned char>(n[0])) ? 1 : 2;
}

bool natural_less(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      size_t ie = i, je = j;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
      long x = std::stol(a.substr(i, ie - i)), y = std::stol(b.substr(j, je - j));
      if (x != y) return x < y;
      i = ie, j = je;
      continue;
    }
    char x = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i])));
    char y = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j])));
    if (x != y) return x < y;
    ++i, ++j;
  }
  return a.size() - i < b.size() - j;
}

std::vector<std::string> isort_order(const std::set<std::string>& names) {
  std::vector<std::string> out(names.begin(), names.end());
  std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    int ga = name_group(a), gb = name_group(b);
    if (ga != gb) return ga < gb;
    return natural_less(a, b);
  });
  return out;
}

struct Item {
  std::string prefix;  // "kw=", "\"key\": " or ""
  const Value* value;
  std::string type;
  uint32_t at;  // offset of the key (or the value), for comments
};

class Writer {
 public:
  Writer(const yaml::Stream& stream, const SourceFile& file, DiagnosticSink& sink, const WriteOptions& options)
      : stream_(stream), file_(file), sink_(sink), version_(options.version), options_(options) {}

  std::string run() {
    std::string body;
    std::set<std::string> used_class_names;
    for (const Value& doc : stream_.documents) body += document(doc, used_class_names);
    std::string tail = comments_before(UINT32_MAX, 0);
    if (!tail.empty()) body += (body.empty() ? "" : "\n\n") + tail;
    std::string head = leading_;
    if (uses_class_var_) head += "from typing import ClassVar\n\n";
    std::string import_line = "from flowc.dsl import ";
    std::vector<Item> names;
    std::string joined;
    std::vector<std::string> sorted = isort_order(imports_);
    for (auto& n : sorted) joined += (joined.empty() ? "" : ", ") + n;
    if (width(import_line + joined) <= kWidth) {
      head += import_line + joined + "\n";
    } else {
      head += import_line + "(\n";
      for (auto& n : sorted) head += "    " + n + ",\n";
      head += ")\n";
    }
    // The modules of typed references, as isort places first-party imports.
    if (!module_imports_.empty()) head += "\n";
    for (auto& [module, classes] : module_imports_) {
      std::string names;
      for (auto& c : classes) names += (names.empty() ? "" : ", ") + c;
      head += "from " + module + " import " + names + "\n";
    }
    return head + body;
  }

 private:
  const yaml::Stream& stream_;
  const SourceFile& file_;
  DiagnosticSink& sink_;
  size_t next_comment_ = 0;  // the first comment not yet written
  std::vector<bool> taken_ = std::vector<bool>(stream_.comments.size());  // written (out of order, some)
  Span reserved_{0, 0};
  std::set<std::string> imports_;
  bool uses_class_var_ = false;  // `from typing import ClassVar` is written

  // A list's text, `[...]` as expr() writes it, as a tuple: brackets become
  // parentheses; one item on one line gets its comma (`(x,)`). Several lines
  // end each item with a comma already.
  static std::string as_tuple_text(std::string list, size_t items) {
    if (list.size() < 2 || list.front() != '[' || list.back() != ']') return list;
    list.front() = '(';
    list.back() = ')';
    if (items == 1 && list.find('\n') == std::string::npos) list.insert(list.size() - 1, ",");
    return list;
  }
  std::string leading_;  // comments before the first document
  std::set<uint32_t> type_reported_;  // values already reported as of the wrong type
  std::set<uint32_t> version_reported_;  // keys already checked against the version
  ArgoVersion version_;
  const WriteOptions& options_;
  std::map<std::string, std::set<std::string>> module_imports_;  // typed references: module -> classes

  uint32_t line_of(uint32_t offset) const { return file_.position(offset).line; }
  uint32_t column(uint32_t offset) const { return file_.position(offset).col - 1; }  // from 0

  // The column a mapping's keys or a list's items start at: its content.
  uint32_t content_column(const Value& v) const {
    if (v.is_dict() && !v.fields.empty()) return column(v.key_span(0).begin);
    if (v.is_list() && !v.items.empty()) return column(v.items[0].span.begin);
    return column(v.span.begin);
  }

  // Comments not yet written that come before `offset`, each on its own line.
  // `min_col`: a comment on a line of its own written left of this column
  // belongs to an enclosing level (tree-sitter's node for a mapping or a
  // list ends after the comments that follow it), so it stops the run.
  // Comments inside `reserved_` (a part written later) are left for it.
  std::string comments_before(uint32_t offset, size_t indent, uint32_t min_col = 0) {
    std::string out;
    for (size_t i = next_comment_; i < stream_.comments.size(); ++i) {
      const auto& c = stream_.comments[i];
      if (c.offset >= offset) break;
      if (taken_[i] || (c.offset >= reserved_.begin && c.offset < reserved_.end)) continue;
      if (c.own_line && column(c.offset) < min_col) break;
      out += line_comment(c, indent);
      take(i);
    }
    return out;
  }

  std::string line_comment(const yaml::Comment& c, size_t indent) const {
    return std::string(indent, ' ') + "#" + (c.text.empty() ? "" : " " + c.text) + "\n";
  }

  void take(size_t i) {
    taken_[i] = true;
    while (next_comment_ < taken_.size() && taken_[next_comment_]) ++next_comment_;
  }

  // The comment lines right above the line of `at` (no blank line between),
  // for a field written before the part of the YAML that precedes it (a
  // template's archiveLocation in its @template decorator, above the body).
  std::string comments_above(uint32_t at, size_t indent) {
    uint32_t line = line_of(at);
    size_t first = stream_.comments.size();
    for (size_t i = stream_.comments.size(); i-- > next_comment_;) {
      const auto& c = stream_.comments[i];
      if (c.offset >= at) continue;
      if (taken_[i] || !c.own_line || line_of(c.offset) + 1 != line) break;
      first = i;
      line -= 1;
    }
    std::string out;
    for (size_t i = first; i < stream_.comments.size() && stream_.comments[i].offset < at; ++i) {
      out += line_comment(stream_.comments[i], indent);
      take(i);
    }
    return out;
  }

  // End-of-line comments on the line of `at`, as trailing comments of a
  // one-line rendering (a longer one takes them on lines of their own later).
  // ruff counts a trailing comment in the line's width and splits a value
  // with brackets to make room; a scalar it cannot split.
  std::string trailing(uint32_t at, const std::string& rendered, size_t line_width, bool splittable) {
    if (rendered.find('\n') != std::string::npos) return "";
    std::string out;
    uint32_t line = line_of(at);
    std::vector<size_t> found;
    for (size_t i = next_comment_; i < stream_.comments.size(); ++i) {
      const auto& c = stream_.comments[i];
      if (taken_[i]) continue;
      if (c.own_line || line_of(c.offset) != line) break;
      out += "  #" + (c.text.empty() ? "" : " " + c.text);
      found.push_back(i);
    }
    if (splittable && line_width + width(out) > kWidth) return "";
    for (size_t i : found) take(i);
    return out;
  }

  bool comment_within(Span s) const {
    for (size_t i = next_comment_; i < stream_.comments.size(); ++i) {
      uint32_t o = stream_.comments[i].offset;
      if (o >= s.end) return false;
      if (o >= s.begin && !taken_[i]) return true;
    }
    return false;
  }

  // ---- expressions ----

  std::vector<Item> items_of(const Value& v, std::string_view type, const models::Model*& model) {
    std::vector<Item> items;
    model = nullptr;
    if (v.is_list()) {
      std::string t(inner_type(type));
      for (auto& x : v.items) items.push_back({"", &x, t, x.span.begin});
      return items;
    }
    const models::Model* m = model_of(type);
    if (m && !m->open) {
      bool all_known = true;
      for (size_t i = 0; i < v.fields.size(); ++i)
        if (!field(*m, v, i)) {
          all_known = false;
          unknown_field(*m, v, i);
        }
      if (all_known) model = m;
    }
    for (size_t i = 0; i < v.fields.size(); ++i) {
      auto& [k, x] = v.fields[i];
      uint32_t at = v.key_span(i).begin;
      if (model) {
        const models::Field* f = models::find_field(*model, k);
        items.push_back({std::string(f->python) + "=", &x, std::string(models::type_in(*model, *f, version_)), at});
      } else {
        std::string t = type.size() >= 2 && type[0] == '{' ? std::string(inner_type(type)) : "any";
        items.push_back({py_string(k) + ": ", &x, t, at});
      }
    }
    return items;
  }

  std::optional<std::string> flat(const Value& v, std::string_view type) {
    check_type(v, type);
    switch (v.kind) {
      case Value::Kind::None: return "None";
      case Value::Kind::Bool: return v.boolean ? "True" : "False";
      case Value::Kind::Int: return std::to_string(v.integer);
      case Value::Kind::Float: return v.text;
      case Value::Kind::String:
        if (multi_line(v.text)) return std::nullopt;
        return py_string(v.text);
      default: break;
    }
    if (comment_within(v.span)) return std::nullopt;
    const models::Model* m;
    auto items = items_of(v, type, m);
    std::string out = m ? std::string(m->python) + "(" : v.is_list() ? "[" : "{";
    if (m) imports_.insert(m->python);
    for (size_t i = 0; i < items.size(); ++i) {
      auto f = flat(*items[i].value, items[i].type);
      if (!f) return std::nullopt;
      out += (i ? ", " : "") + items[i].prefix + *f;
    }
    return out + (m ? ")" : v.is_list() ? "]" : "}");
  }

  // A string too long for any line, as implicitly concatenated pieces split
  // after blanks, one per line: in parentheses after `kw=` / `"key": ` / `x =`
  // and as a list item (`parenthesize`: ruff's ISC004 refuses an implicit
  // concatenation bare in a collection, where a missing comma looks the
  // same), bare as a sole argument (ruff's UP034 refuses the parentheses
  // there). ruff keeps this layout as long as the pieces joined could not
  // fit on one line.
  std::optional<std::string> wrap_string(const std::string& s, size_t indent, bool parenthesize) {
    size_t in = parenthesize ? indent + 4 : indent;
    size_t budget = kWidth > in + 2 ? kWidth - in - 2 : 20;  // text per piece, without quotes
    std::vector<std::string> pieces;
    size_t start = 0;
    while (start < s.size()) {
      size_t end = start, last_break = std::string::npos, cols = 0;
      while (end < s.size() && (cols < budget || last_break == std::string::npos)) {
        if (s[end] == ' ' && end + 1 < s.size() && s[end + 1] != ' ') last_break = end + 1;
        cols += (static_cast<unsigned char>(s[end]) & 0xC0) != 0x80;
        ++end;
      }
      size_t cut = end >= s.size() ? s.size() : last_break;
      if (cut == std::string::npos || cut <= start) cut = s.size();
      pieces.push_back(s.substr(start, cut - start));
      start = cut;
    }
    if (pieces.size() < 2) return std::nullopt;
    std::string pad(in, ' '), out = parenthesize ? "(\n" : "";
    for (size_t i = 0; i < pieces.size(); ++i) {
      std::string lit = py_string(pieces[i]);
      out += (parenthesize || i > 0 ? pad : "") + lit + (i + 1 < pieces.size() || parenthesize ? "\n" : "");
    }
    if (parenthesize) out += std::string(indent, ' ') + ")";
    return out;
  }

  // `head`: columns before the expression on its first line; `tail`: after.
  std::string expr(const Value& v, std::string_view type, size_t indent, size_t head, size_t tail,
                   bool list_item = false) {
    if (v.kind == Value::Kind::Float && !python_float_spelling(v.text))
      sink_.error("E1002", v.span, "the number '" + v.text + "' has no Python spelling flowc import can write");
    check_type(v, type);
    if (v.kind == Value::Kind::String && multi_line(v.text)) return py_string(v.text);
    auto f = flat(v, type);
    if (f && v.is_string() && indent + 4 + width(*f) > kWidth) {
      if (auto wrapped = wrap_string(v.text, indent, head > indent || list_item)) return *wrapped;
    }
    if (f && (head + width(*f) + tail <= kWidth || !(v.is_list() || v.is_dict()))) return *f;
    const models::Model* m;
    auto items = items_of(v, type, m);
    if (m) imports_.insert(m->python);
    std::string open = m ? std::string(m->python) + "(" : v.is_list() ? "[" : "{";
    std::string close = m ? ")" : v.is_list() ? "]" : "}";
    if (items.empty()) return open + close;
    std::string out = open + "\n";
    size_t in = indent + 4;
    for (auto& it : items) {
      out += comments_before(it.at, in);
      std::string r = expr(*it.value, it.type, in, in + width(it.prefix), 1, !m && v.is_list());
      bool split = it.value->is_list() || it.value->is_dict();
      out += std::string(in, ' ') + it.prefix + r + "," +
             trailing(it.at, r, in + width(it.prefix) + width(r) + 1, split) + "\n";
    }
    out += comments_before(v.span.end, in, content_column(v));
    return out + std::string(indent, ' ') + close;
  }

  // Field i of mapping v in model m, or null. A field the chosen Argo
  // version lacks is reported at its key (the compiler's version rules).
  // The YAML is read literally: a field the version does not have is an
  // error even where the compiler would write the version's own form (a
  // 3.5 CronWorkflow has `schedule`, not `schedules`), as `flowc lint` says.
  const models::Field* field(const models::Model& m, const Value& v, size_t i) {
    const std::string& k = v.fields[i].first;
    const models::Field* f = models::find_field(m, k);
    if (!f || f->in(version_) || !version_reported_.insert(v.key_span(i).begin).second) return f;
    std::string what = "'" + k + "' of " + std::string(m.python);
    std::string importing = " (importing for Argo " + std::string(version_.name()) + ")";
    if (version_.index < f->since)
      sink_.error("E1043", v.key_span(i), what + " needs Argo " + std::string(kArgoVersions[f->since]) + " or later" + importing);
    else
      sink_.error("E1044", v.key_span(i), what + " was removed in Argo " + std::string(kArgoVersions[f->until]) + importing);
    return f;
  }

  void unknown_field(const models::Model& m, const Value& v, size_t i) {
    std::vector<std::string> names;
    for (size_t f = 0; f < m.field_count; ++f) names.push_back(m.fields[f].json);
    unknown_key(v, i, "in " + std::string(m.python), names);
  }

  // E1012 at key i of v; with "did you mean" (a note and a fix replacing
  // the key) when one of `names` is close.
  void unknown_key(const Value& v, size_t i, const std::string& where, const std::vector<std::string>& names) {
    Span at = v.key_span(i);
    if (!type_reported_.insert(at.begin).second) return;
    const std::string& k = v.fields[i].first;
    auto& d = sink_.error("E1012", at, "unknown field '" + k + "' " + where);
    std::string near = closest(k, names);
    if (near.empty()) return;
    d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
    char q = at.begin < file_.text().size() ? file_.text()[at.begin] : 0;
    std::string replacement = q == '"' || q == '\'' ? q + near + q : near;  // a quoted key stays quoted
    d.fixes.push_back({"replace '" + k + "' with '" + near + "'", at, replacement});
  }

  static std::vector<std::string> json_names(const char* model) {
    std::vector<std::string> names;
    if (const models::Model* m = models::find_model(model))
      for (size_t f = 0; f < m->field_count; ++f) names.push_back(m->fields[f].json);
    return names;
  }

  // A value of the wrong type for its field, at its YAML place (the
  // compiler would reject it too, but at the Python it wrote).
  void check_type(const Value& v, std::string_view type) {
    const char* want = nullptr;
    bool ok = true;
    if (v.is_none()) return;
    if (type == "str") want = "a string", ok = v.is_string();
    else if (type == "int") want = "an integer", ok = v.kind == Value::Kind::Int;
    else if (type == "bool") want = "a boolean", ok = v.kind == Value::Kind::Bool;
    else if (!type.empty() && type[0] == '[') want = "a list", ok = v.is_list();
    else if ((!type.empty() && type[0] == '{') || model_of(type)) want = "a mapping", ok = v.is_dict();
    if (!ok && type_reported_.insert(v.span.begin).second) sink_.error("E1018", v.span, std::string("expected ") + want + ", got " + v.type_name());
  }

  // A call `name(kw=..., ...)` as a decorator or constructor, with keyword
  // arguments given as (keyword, value, type) items.
  std::string call(const std::string& name, const std::vector<Item>& args, size_t indent, size_t head) {
    std::string flat_text = name + "(";
    bool can_flat = true;
    for (size_t i = 0; i < args.size() && can_flat; ++i) {
      auto f = flat(*args[i].value, args[i].type);
      if (!f) can_flat = false;
      else flat_text += (i ? ", " : "") + args[i].prefix + *f;
    }
    flat_text += ")";
    if (can_flat && head + width(flat_text) <= kWidth) return flat_text;
    std::string out = name + "(\n";
    size_t in = indent + 4;
    for (auto& it : args) {
      out += comments_before(it.at, in);
      std::string r = expr(*it.value, it.type, in, in + width(it.prefix), 1);
      bool split = it.value->is_list() || it.value->is_dict();
      out += std::string(in, ' ') + it.prefix + r + "," +
             trailing(it.at, r, in + width(it.prefix) + width(r) + 1, split) + "\n";
    }
    return out + std::string(indent, ' ') + ")";
  }

  std::vector<Item> keyword_items(const Value& v, const char* model_name, std::initializer_list<std::string_view> skip,
                                  std::string_view where) {
    std::vector<Item> out;
    const models::Model* m = models::find_model(model_name);
    for (size_t i = 0; i < v.fields.size(); ++i) {
      auto& [k, x] = v.fields[i];
      if (std::find(skip.begin(), skip.end(), k) != skip.end()) continue;
      const models::Field* f = m ? field(*m, v, i) : nullptr;
      if (!f) {
        if (m) unknown_key(v, i, "in " + std::string(where), json_names(model_name));
        else sink_.error("E1012", v.key_span(i), "unknown field '" + k + "' in " + std::string(where));
        continue;
      }
      out.push_back({std::string(f->python) + "=", &x, std::string(models::type_in(*m, *f, version_)), v.key_span(i).begin});
    }
    return out;
  }

  // ---- documents ----

  static std::string class_name_for(const std::string& resource) {
    std::string out;
    bool up = true;
    for (char c : resource) {
      if (c == '-' || c == '.' || c == '_') {
        up = true;
        continue;
      }
      if (!std::isalnum(static_cast<unsigned char>(c))) continue;
      out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      up = false;
    }
    if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "W" + out;
    return out;
  }

  std::string document(const Value& doc, std::set<std::string>& used) {
    std::string pre = comments_before(doc.span.begin, 0);
    if (leading_.empty() && imports_.empty() && used.empty()) {
      leading_ = pre;
      pre.clear();
    }
    if (!doc.is_dict()) {
      sink_.error("E1013", doc.span, std::string("a document must be a mapping, not ") + doc.type_name());
      return "";
    }
    const Value* kind = doc.get("kind");
    const Value* api = doc.get("apiVersion");
    if (!kind || !kind->is_string()) {
      sink_.error("E1014", doc.span, "document has no 'kind'");
      return "";
    }
    std::string k = kind->text;
    bool argo = api && api->is_string() && api->text == "argoproj.io/v1alpha1";
    if (!argo || (k != "Workflow" && k != "WorkflowTemplate" && k != "ClusterWorkflowTemplate" && k != "CronWorkflow" &&
                  k != "WorkflowEventBinding")) {
      if (argo) {
        sink_.error("E1016", kind->span,
                    "unknown Argo kind '" + k +
                        "' (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow, WorkflowEventBinding)");
        return "";
      }
      if (!api || !api->is_string()) {
        sink_.error("E1014", doc.span, "document has no 'apiVersion'");
        return "";
      }
      return "\n\n" + pre + manifest_class(doc, k, used);
    }
    return pre.empty() ? "\n\n" + workflow_class(doc, k, used) : "\n\n" + pre + workflow_class(doc, k, used);
  }

  // Another Kubernetes document: a Manifest class the compiler writes back unchanged.
  std::string manifest_class(const Value& doc, const std::string& kind, std::set<std::string>& used) {
    imports_.insert("Manifest");
    const Value* meta = doc.get("metadata");
    const Value* name = meta && meta->is_dict() ? meta->get("name") : nullptr;
    std::string base = class_name_for(kind + "-" + (name && name->is_string() ? name->text : ""));
    std::string cls = base;
    for (int i = 2; used.count(cls); ++i) cls = base + std::to_string(i);
    used.insert(cls);
    return "class " + cls + "(Manifest):\n" + attribute("manifest", doc, "any", doc.span.begin, /*class_var=*/true);
  }

  std::string file_stem() const {
    std::string n = file_.name();
    n = n.substr(n.find_last_of('/') + 1);  // npos + 1 == 0
    n = n.substr(0, n.find('.'));
    return class_name_for(n).empty() || n.empty() || n[0] == '<' ? "imported" : n;
  }

  struct TemplateInfo {
    std::string method;
    bool named = false;  // needs name=
  };
  std::vector<std::pair<std::string, TemplateInfo>> templates_;  // Argo name -> method

  const TemplateInfo* find_template(const std::string& name) const {
    for (auto& [n, t] : templates_)
      if (n == name) return &t;
    return nullptr;
  }

  // A templateRef {name, template, clusterScope} to a template of a class of
  // another generated module: that class (in `cls`) and the method; else "".
  std::string typed_reference(const Value* ref, const TemplateClass*& cls) const {
    cls = nullptr;
    if (!options_.project || !ref || !ref->is_dict()) return "";
    const Value* name = ref->get("name");
    const Value* tmpl = ref->get("template");
    const Value* scope = ref->get("clusterScope");
    for (auto& [k, v] : ref->fields)
      if (k != "name" && k != "template" && k != "clusterScope") return "";
    if (!name || !name->is_string() || !tmpl || !tmpl->is_string()) return "";
    if (scope && !(scope->kind == Value::Kind::Bool && scope->boolean)) return "";  // `false` written: keep the string form
    bool cluster = scope && scope->boolean;
    for (const TemplateClass& c : *options_.project) {
      if (c.module.empty() || c.resource != name->text || c.cluster != cluster) continue;
      for (auto& [n, method] : c.methods)
        if (n == tmpl->text) {
          cls = &c;
          return method;
        }
    }
    return "";
  }

  static std::string method_for(const std::string& name, std::set<std::string>& taken, bool& named) {
    std::string m = name;
    std::replace(m.begin(), m.end(), '-', '_');
    named = !is_identifier(m) || method_to_name(m) != name;
    if (named) {
      std::string clean;
      for (char c : m) clean += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      if (clean.empty() || std::isdigit(static_cast<unsigned char>(clean[0])) || is_python_keyword(clean)) clean = "t_" + clean;
      m = clean;
    }
    std::string base = m;
    for (int i = 2; taken.count(m); ++i) m = base + "_" + std::to_string(i), named = true;
    taken.insert(m);
    return m;
  }

  std::string workflow_class(const Value& doc, const std::string& kind, std::set<std::string>& used) {
    imports_.insert(kind);
    for (size_t i = 0; i < doc.fields.size(); ++i) {
      const std::string& key = doc.fields[i].first;
      if (key != "apiVersion" && key != "kind" && key != "metadata" && key != "spec")
        unknown_key(doc, i, "in a " + kind, {"apiVersion", "kind", "metadata", "spec"});
    }
    static const Value kEmpty = Value::dict();
    const Value* meta = doc.get("metadata");
    if (!meta) meta = &kEmpty;
    const Value* spec = doc.get("spec");
    if (!spec) spec = &kEmpty;
    if (!meta->is_dict() || !spec->is_dict()) {
      sink_.error("E1018", (!meta->is_dict() ? meta : spec)->span, "metadata and spec must be mappings");
      return "";
    }
    // The class name: from the resource name, so that flowc's rule gives the
    // same name back and no explicit name is needed.
    const Value* name = meta->get("name");
    const Value* gen = meta->get("generateName");
    // A nameless document is named after its file (fun-with-gifs.yaml: FunWithGifs).
    std::string resource = name && name->is_string() ? name->text : gen && gen->is_string() ? gen->text : file_stem();
    if (!resource.empty() && resource.back() == '-') resource.pop_back();
    std::string cls = class_name_for(resource);
    for (int i = 2; used.count(cls) || cls == kind; ++i) cls = class_name_for(resource) + std::to_string(i);
    used.insert(cls);
    bool implied = class_to_kebab(cls) == resource;
    bool binding = kind == "WorkflowEventBinding";
    std::string out = "class " + cls + "(" + kind + "):\n";
    std::string attrs;
    // metadata
    bool simple_meta = true;
    for (auto& [k, v] : meta->fields)
      simple_meta = simple_meta && (k == "name" || k == "generateName" || k == "namespace" || k == "labels" ||
                                    k == "annotations");
    if (simple_meta) {
      for (size_t i = 0; i < meta->fields.size(); ++i) {
        auto& [k, v] = meta->fields[i];
        bool skip = implied && ((kind == "Workflow" && k == "generateName" && !name) ||
                                (kind != "Workflow" && k == "name" && !gen));
        if (skip) continue;
        std::string py = k == "generateName" ? "generate_name" : k;
        std::string type = k == "labels" || k == "annotations" ? "{str}" : "str";
        attrs += attribute(py, v, type, meta->key_span(i).begin);
      }
    } else {
      attrs += attribute("__metadata__", *meta, "V1ObjectMeta", meta->span.begin);
    }
    if (!name && !gen) attrs += nameless(*meta, kind);
    if (binding) return out + binding_settings(*spec, attrs);
    // spec
    const Value* wf_spec = spec;
    if (kind == "CronWorkflow") {
      for (size_t i = 0; i < spec->fields.size(); ++i) {
        auto& [k, v] = spec->fields[i];
        if (k == "workflowSpec") continue;
        const models::Model* m = models::find_model("V1alpha1CronWorkflowSpec");
        const models::Field* f = field(*m, *spec, i);
        if (!f) {
          std::vector<std::string> names = json_names("V1alpha1CronWorkflowSpec");
          names.push_back("workflowSpec");
          unknown_key(*spec, i, "in a CronWorkflow's spec", names);
          continue;
        }
        attrs += attribute(f->python, v, models::type_in(*m, *f, version_), spec->key_span(i).begin);
      }
      wf_spec = spec->get("workflowSpec");
      if (!wf_spec || !wf_spec->is_dict()) {
        sink_.error("E1018", spec->span, "a CronWorkflow's spec needs a workflowSpec mapping");
        return "";
      }
    }
    const Value* templates = wf_spec->get("templates");
    const Value* entry_tasks = entry_dag_tasks(*wf_spec);
    if (entry_tasks && tasks_collide_with_templates(*entry_tasks, *templates)) entry_tasks = nullptr;
    const models::Model* ws = models::find_model("V1alpha1WorkflowSpec");
    for (size_t i = 0; i < wf_spec->fields.size(); ++i) {
      auto& [k, v] = wf_spec->fields[i];
      if (k == "templates" || (k == "entrypoint" && entry_tasks)) continue;  // "main" is the tasks' default
      const models::Field* f = field(*ws, *wf_spec, i);
      if (!f) {
        unknown_key(*wf_spec, i, "in a workflow spec", json_names("V1alpha1WorkflowSpec"));
        continue;
      }
      attrs += attribute(f->python, v, models::type_in(*ws, *f, version_), wf_spec->key_span(i).begin);
    }
    // templates
    std::string methods;
    templates_.clear();
    if (templates && templates->is_list()) {
      std::set<std::string> taken;
      for (size_t i = entry_tasks ? 1 : 0; i < templates->items.size(); ++i) {
        const Value& t = templates->items[i];
        const Value* n = t.is_dict() ? t.get("name") : nullptr;
        if (!n || !n->is_string()) continue;
        TemplateInfo info;
        info.method = method_for(n->text, taken, info.named);
        templates_.push_back({n->text, info});
      }
      if (options_.classes && (kind == "WorkflowTemplate" || kind == "ClusterWorkflowTemplate") && name &&
          name->is_string()) {  // for typed references from the other generated modules
        TemplateClass tc{kind == "ClusterWorkflowTemplate", name->text, cls, {}, ""};
        for (auto& [n, info] : templates_) tc.methods.push_back({n, info.method});
        options_.classes->push_back(std::move(tc));
      }
      if (entry_tasks) {
        // The entry DAG as the class's own @task methods (they share the
        // class's names with the templates).
        std::string pre = comments_before(templates->items[0].span.begin, 4);
        for (auto& task : entry_tasks->items) {
          methods += "\n" + pre + task_function(task, false, false, taken, true, 4);
          pre.clear();
        }
      }
      for (size_t i = entry_tasks ? 1 : 0; i < templates->items.size(); ++i)
        methods += "\n" + template_method(templates->items[i]);
    }
    if (attrs.empty() && !methods.empty()) methods.erase(0, 1);  // no blank line right after `class X:`
    out += attrs + methods;
    if (attrs.empty() && methods.empty()) out += "    pass\n";
    return out;
  }

  // Metadata without name or generateName (fun-with-gifs.yaml's generateName
  // sits under labels): the DSL's `generate_name = None` / `name = None`
  // keeps it nameless instead of naming it after the class. Kubernetes
  // refuses such a document, so it is a warning, at the metadata.
  std::string nameless(const Value& meta, const std::string& kind) {
    auto& d = sink_.warning("W1040", meta.span,
                            "the " + kind + " has neither 'name' nor 'generateName'; Kubernetes refuses it unnamed");
    if (const Value* labels = meta.get("labels"); labels && labels->is_dict())
      for (size_t i = 0; i < labels->fields.size(); ++i)
        if (labels->fields[i].first == "generateName" || labels->fields[i].first == "name")
          d.notes.push_back({"'" + labels->fields[i].first + "' is a label here; was it meant one level up, in metadata?",
                             labels->key_span(i)});
    d.notes.push_back({"imported as `" + std::string(kind == "Workflow" ? "generate_name" : "name") +
                           " = None`, which keeps it nameless",
                       std::nullopt});
    return std::string("    ") + (kind == "Workflow" ? "generate_name" : "name") + " = None\n";
  }

  // A WorkflowEventBinding's spec (event, submit) as class attributes.
  std::string binding_settings(const Value& spec, std::string attrs) {
    const models::Model* m = models::find_model("V1alpha1WorkflowEventBindingSpec");
    for (size_t i = 0; i < spec.fields.size(); ++i) {
      auto& [k, v] = spec.fields[i];
      const models::Field* f = field(*m, spec, i);
      if (!f) {
        unknown_field(*m, spec, i);
        continue;
      }
      attrs += attribute(f->python, v, f->type, spec.key_span(i).begin);
    }
    return attrs.empty() ? "    pass\n" : attrs;
  }

  // The tasks of the first template when it is the workflow's entry DAG
  // named "main" with nothing but tasks: the DSL's top-level @task methods
  // make exactly that template (and entrypoint "main").
  static const Value* entry_dag_tasks(const Value& spec) {
    const Value* templates = spec.get("templates");
    const Value* ep = spec.get("entrypoint");
    if (!templates || !templates->is_list() || templates->items.empty() || !ep || !ep->is_string() || ep->text != "main")
      return nullptr;
    const Value& t = templates->items[0];
    const Value* n = t.is_dict() ? t.get("name") : nullptr;
    const Value* d = t.is_dict() ? t.get("dag") : nullptr;
    if (!n || !n->is_string() || n->text != "main" || !d || !d->is_dict() || t.fields.size() != 2 || d->fields.size() != 1)
      return nullptr;
    const Value* tasks = d->get("tasks");
    return tasks && tasks->is_list() && !tasks->items.empty() ? tasks : nullptr;
  }

  // Top-level @task methods share the class's names with the templates: a
  // task named like a template (`build` calling `build`) would need a renamed
  // method (`build_2` with name="build"). The entry DAG then stays a `@dag
  // def main` whose nested tasks have names of their own.
  static bool tasks_collide_with_templates(const Value& tasks, const Value& templates) {
    std::set<std::string> methods;
    for (size_t i = 1; i < templates.items.size(); ++i)
      if (const Value* n = templates.items[i].is_dict() ? templates.items[i].get("name") : nullptr; n && n->is_string())
        methods.insert(snake(n->text));
    for (auto& t : tasks.items)
      if (const Value* n = t.is_dict() ? t.get("name") : nullptr; n && n->is_string() && methods.count(snake(n->text)))
        return true;
    return false;
  }

  static std::string snake(std::string name) {
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
  }

  // A class attribute. ruff's RUF012 refuses a mutable value (a list or dict
  // literal) in a class body unless annotated ClassVar: a list is written as
  // a tuple (flowc reads both alike; the stubs take any Sequence), and a dict
  // that is a mapping setting, not a model (labels, annotations,
  // node_selector, hooks: `{T}` types) or a Manifest's `manifest`
  // (`class_var`), as `name: ClassVar = {...}` (the stubs declare those
  // ClassVar; typing.ClassVar is imported). A model-typed dict is already a
  // model call.
  std::string attribute(const std::string& name, const Value& v, std::string_view type, uint32_t at,
                        bool class_var = false) {
    std::string out = comments_before(at, 4);
    bool as_tuple = v.is_list() && !type.empty() && type.front() == '[';
    class_var = class_var || (v.is_dict() && !type.empty() && type.front() == '{');
    if (class_var) uses_class_var_ = true;
    std::string head = "    " + name + (class_var ? ": ClassVar = " : " = ");
    std::string value = expr(v, type, 4, width(head), 0);
    if (as_tuple) value = as_tuple_text(value, v.items.size());
    // ruff wraps a right-hand side that does not fit in parentheses when
    // that makes it fit (a long string).
    if (value.find('\n') == std::string::npos && width(head) + width(value) > kWidth && 8 + width(value) <= kWidth &&
        !(v.is_list() || v.is_dict()))
      return out + head + "(\n        " + value + "\n    )\n";
    return out + head + value + trailing(at, value, width(head) + width(value), v.is_list() || v.is_dict()) + "\n";
  }

  // `@name(args)`; an end-of-line comment on the line of its first argument
  // in the YAML trails it.
  std::string decorator(const std::string& name, const std::vector<Item>& args, size_t indent) {
    std::string c = call(name, args, indent, indent + 1);
    std::string tail = args.empty() ? "" : trailing(args[0].at, c, indent + 1 + width(c), true);
    return std::string(indent, ' ') + "@" + c + tail + "\n";
  }

  // ---- templates ----

  // Decorators are written above the body, but the YAML may have their
  // fields after it (a template's archiveLocation after its container):
  // the comments right above such a field go above the decorators, and the
  // body's own comments are left for the body.
  template <typename F>
  std::string decorators_before_body(Span body, F write, const std::vector<Item>& fields) {
    std::string above;
    for (auto& it : fields)
      if (it.at > body.begin) above += comments_above(it.at, 4);
    Span saved = reserved_;
    reserved_ = body;
    std::string out = write();
    reserved_ = saved;
    return above + out;
  }

  std::string template_method(const Value& t) {
    if (!t.is_dict()) {
      sink_.error("E1018", t.span, "a template must be a mapping");
      return "";
    }
    const Value* n = t.get("name");
    if (!n || !n->is_string()) {
      sink_.error("E1018", t.span, "a template needs a name");
      return "";
    }
    const TemplateInfo* info = find_template(n->text);
    std::string out = comments_before(t.span.begin, 4);
    static const char* kBodies[] = {"container", "script", "resource", "suspend", "http", "containerSet", "data"};
    std::string body_key;
    for (auto& [k, v] : t.fields)
      for (auto b : kBodies)
        if (k == b) body_key = k;
    if (t.get("dag") || t.get("steps")) return out + task_template(t, *info, t.get("dag") ? "dag" : "steps");
    bool io_ok = true;
    for (const char* io : {"inputs", "outputs"})
      if (const Value* x = t.get(io)) {
        if (!x->is_dict()) io_ok = false;
        else
          for (auto& [k, v] : x->fields) io_ok = io_ok && (k == "parameters" || k == "artifacts") && v.is_list();
      }
    const models::Model* tm = models::find_model("V1alpha1Template");
    std::string sig = "    def " + info->method + "(self)";
    if (body_key.empty() || !io_ok) {
      // A whole template: every field as written.
      imports_.insert("template");
      imports_.insert("V1alpha1Template");
      std::vector<Item> kw;
      if (info->named) kw.push_back({"name=", n, "str", n->span.begin});
      out += kw.empty() ? "    @template\n" : decorator("template", kw, 4);
      std::vector<Item> fields = keyword_items(t, "V1alpha1Template", {"name"}, "a template");
      out += sig + " -> V1alpha1Template:\n";
      out += "        return " + call("V1alpha1Template", fields, 8, 15) + "\n";
      return out;
    }
    imports_.insert("template");
    std::vector<Item> tkw;
    if (info->named) tkw.push_back({"name=", n, "str", n->span.begin});
    for (auto& it : keyword_items(t, "V1alpha1Template", {"name", "inputs", "outputs", body_key}, "a template"))
      tkw.push_back(it);
    const Value* body = t.get(body_key);
    out += decorators_before_body(body->span, [&] {
      std::string d = tkw.empty() ? "    @template\n" : decorator("template", tkw, 4);
      return d + io_decorators(t, 4);  // in this order: each takes the comments before its fields
    }, tkw);
    std::string model = models::find_field(*tm, body_key)->type;
    imports_.insert(model);
    out += sig + " -> " + model + ":\n";
    out += comments_before(body->span.begin, 8);
    static const Value kEmpty = Value::dict();
    const Value& b = body->is_none() ? kEmpty : *body;
    if (!b.is_dict()) {
      sink_.error("E1018", body->span, "'" + body_key + "' must be a mapping");
      return out;
    }
    out += "        return " + expr(b, model, 8, 15, 0) + "\n";
    return out;
  }

  std::string io_decorators(const Value& t, size_t indent) {
    std::string out;
    for (const char* io : {"inputs", "outputs"}) {
      const Value* x = t.get(io);
      if (!x) continue;
      for (auto& [k, list] : x->fields) {
        bool params = k == "parameters";
        imports_.insert(io);
        for (auto& p : list.items) {
          out += comments_before(p.span.begin, indent);
          if (!p.is_dict()) {
            sink_.error("E1018", p.span, "a parameter or artifact must be a mapping");
            continue;
          }
          auto args = keyword_items(p, params ? "V1alpha1Parameter" : "V1alpha1Artifact", {},
                                    params ? "a parameter" : "an artifact");
          out += decorator(std::string(io) + (params ? ".parameter" : ".artifact"), args, indent);
        }
      }
    }
    return out;
  }

  std::string task_template(const Value& t, const TemplateInfo& info, const std::string& key) {
    bool steps = key == "steps";
    imports_.insert(key);
    std::vector<Item> kw;
    const Value* n = t.get("name");
    if (info.named) kw.push_back({"name=", n, "str", n->span.begin});
    const Value* body = t.get(key);
    if (!steps && body->is_dict())
      for (auto& it : keyword_items(*body, "V1alpha1DAGTemplate", {"tasks"}, "a DAG")) kw.push_back(it);
    // Template-level fields (parallelism, memoize, metrics, ...) are keywords of @dag / @steps too.
    for (auto& it : keyword_items(t, "V1alpha1Template", {"name", "inputs", "outputs", key.c_str()}, "a template"))
      kw.push_back(it);
    std::string out = decorators_before_body(body->span, [&] {
      std::string d = kw.empty() ? "    @" + key + "\n" : decorator(key, kw, 4);
      return d + io_decorators(t, 4);
    }, kw);
    out += "    def " + info.method + "(self):\n";
    std::set<std::string> taken;
    bool first = true;
    if (steps) {
      if (!body->is_list() || body->items.empty()) {
        sink_.error("E1018", body->span, "steps must be a non-empty list of groups");
        return out + "        pass\n";
      }
      for (auto& group : body->items) {
        if (!group.is_list() || group.items.empty()) {
          sink_.error("E1018", group.span, "a group of steps must be a non-empty list (the DSL has no empty group)");
          continue;
        }
        for (size_t i = 0; i < group.items.size(); ++i) {
          out += task_function(group.items[i], true, i > 0, taken, first);
          first = false;
        }
      }
    } else {
      const Value* tasks = body->is_dict() ? body->get("tasks") : nullptr;
      if (!tasks || !tasks->is_list()) {
        sink_.error("E1018", body->span, "a dag needs a list of tasks");
        return out + "        pass\n";
      }
      for (auto& task : tasks->items) {
        out += task_function(task, false, false, taken, first);
        first = false;
      }
    }
    if (first) out += "        pass\n";
    return out;
  }

  std::string task_function(const Value& task, bool step, bool parallel, std::set<std::string>& taken, bool first,
                            size_t ind = 8) {
    const std::string pad(ind, ' '), body_pad(ind + 4, ' ');
    std::string out = first ? "" : "\n";
    out += comments_before(task.span.begin, ind);
    if (!task.is_dict()) {
      sink_.error("E1018", task.span, "a task must be a mapping");
      return out;
    }
    const Value* n = task.get("name");
    if (!n || !n->is_string()) {
      sink_.error("E1018", task.span, "a task needs a name");
      return out;
    }
    bool named = false;
    std::string fn = method_for(n->text, taken, named);
    const char* what = step ? "step" : "task";
    const char* model = step ? "V1alpha1WorkflowStep" : "V1alpha1DAGTask";
    std::vector<Item> kw;
    if (named) kw.push_back({"name=", n, "str", n->span.begin});
    std::string decos;
    imports_.insert(what);
    static const std::initializer_list<std::string_view> kOwn = {"name", "template", "templateRef", "arguments",
                                                                 "dependencies", "depends", "when", "withItems",
                                                                 "withParam", "withSequence", "continueOn"};
    for (auto& it : keyword_items(task, model, kOwn, step ? "a step" : "a task")) kw.push_back(it);
    out += kw.empty() ? pad + "@" + what + "\n" : decorator(what, kw, ind);
    if (parallel) {
      imports_.insert("parallel");
      out += pad + "@parallel\n";
    }
    // Simple parameters (a name that is an identifier, a string value) read
    // best as keyword arguments of the call: `return self.echo(message="A")`.
    std::vector<Item> call_args;
    const Value* a = task.get("arguments");
    const Value* params = a && a->is_dict() ? a->get("parameters") : nullptr;
    const TemplateClass* typed = nullptr;
    std::string typed_method = typed_reference(task.get("templateRef"), typed);
    bool keywords = params && params->is_list() && !params->items.empty() && (task.get("template") || typed);
    for (size_t i = 0; keywords && i < params->items.size(); ++i) {
      const Value& p = params->items[i];
      const Value* pn = p.is_dict() ? p.get("name") : nullptr;
      const Value* pv = p.is_dict() ? p.get("value") : nullptr;
      keywords = pn && pv && p.fields.size() == 2 && pn->is_string() && is_identifier(pn->text) && pv->is_string() &&
                 !comment_within(p.span);
      if (keywords) call_args.push_back({pn->text + "=", pv, "str", p.span.begin});
    }
    if (!keywords) call_args.clear();
    if (a) {
      if (!a->is_dict()) sink_.error("E1018", a->span, "arguments must be a mapping");
      else
        for (size_t i = 0; i < a->fields.size(); ++i) {
          auto& [k, list] = a->fields[i];
          bool params = k == "parameters";
          if (params && keywords) continue;
          if (!params && k != "artifacts") {
            unknown_key(*a, i, "in arguments", {"parameters", "artifacts"});
            continue;
          }
          if (!list.is_list()) {
            check_type(list, "[any]");
            continue;
          }
          imports_.insert(params ? "parameter" : "artifact");
          for (auto& p : list.items) {
            out += comments_before(p.span.begin, ind);
            if (!p.is_dict()) {
              sink_.error("E1018", p.span, "an argument must be a mapping");
              continue;
            }
            out += decorator(params ? "parameter" : "artifact",
                             keyword_items(p, params ? "V1alpha1Parameter" : "V1alpha1Artifact", {}, "an argument"), ind);
          }
        }
    }
    auto single = [&](const char* key, const char* deco, const char* type) {
      const Value* v = task.get(key);
      if (!v) return;
      imports_.insert(deco);
      out += comments_before(v->span.begin, ind);
      out += decorator(deco, {{"", v, type, v->span.begin}}, ind);
    };
    single("dependencies", "dependencies", "[str]");
    single("depends", "depends", "str");
    single("when", "when", "str");
    single("withItems", "with_items", "[any]");
    single("withParam", "with_param", "str");
    static const char* const kModelDecorators[][3] = {{"withSequence", "with_sequence", "V1alpha1Sequence"},
                                                      {"continueOn", "continue_on", "V1alpha1ContinueOn"}};
    for (auto& row : kModelDecorators) {
      const char* key = row[0];
      const char* deco = row[1];
      const char* m = row[2];
      const Value* v = task.get(key);
      if (!v) continue;
      imports_.insert(deco);
      if (!v->is_dict()) {
        sink_.error("E1018", v->span, std::string("'") + key + "' must be a mapping");
        continue;
      }
      out += decorator(deco, keyword_items(*v, m, {}, key), ind);
    }
    out += pad + "def " + fn + "(self):\n";
    const Value* tmpl = task.get("template");
    const Value* ref = task.get("templateRef");
    if (tmpl && tmpl->is_string()) {
      const TemplateInfo* info = find_template(tmpl->text);
      if (!info) {
        sink_.error("E1023", tmpl->span,
                    std::string(what) + " '" + n->text + "' calls template '" + tmpl->text +
                        "', which is not in this document; the DSL calls templates of its own class");
        return out + body_pad + "pass\n";
      }
      out += body_pad + "return " + call("self." + info->method, call_args, ind + 4, ind + 11) + "\n";
    } else if (typed) {  // issue 23: `return Shared.echo(...)`
      module_imports_[typed->module].insert(typed->class_name);
      out += body_pad + "return " + call(typed->class_name + "." + typed_method, call_args, ind + 4, ind + 11) + "\n";
    } else if (ref && ref->is_dict()) {
      out += body_pad + "return " + expr(*ref, "V1alpha1TemplateRef", ind + 4, ind + 11, 0) + "\n";
    } else {
      out += body_pad + "pass\n";
    }
    return out + comments_before(task.span.end, ind + 4, content_column(task));
  }
};

}  // namespace

std::string write(const yaml::Stream& stream, const SourceFile& file, DiagnosticSink& sink, const WriteOptions& options) {
  return Writer(stream, file, sink, options).run();
}

}  // namespace flowc::pywriter
