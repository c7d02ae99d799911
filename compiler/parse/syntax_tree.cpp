#include "parse/syntax_tree.h"

#include <time.h>

#include <cctype>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

extern "C" const TSLanguage* tree_sitter_python(void);

namespace flowc {

TSFieldId field_id(const char* name) {
  // Callers pass string literals; a few dozen distinct names in all.
  struct Entry {
    std::string_view name;
    TSFieldId id;
  };
  static const std::vector<Entry> table = [] {
    std::vector<Entry> t;
    const TSLanguage* lang = tree_sitter_python();
    uint32_t n = ts_language_field_count(lang);
    for (TSFieldId id = 1; id <= n; ++id)
      if (const char* f = ts_language_field_name_for_id(lang, id)) t.push_back({f, id});
    return t;
  }();
  // Callers pass string literals: remember each pointer's answer.
  struct Slot {
    const char* key = nullptr;
    TSFieldId id = 0;
  };
  thread_local Slot cache[128];
  Slot& slot = cache[(reinterpret_cast<uintptr_t>(name) >> 3) & 127];
  if (slot.key == name) return slot.id;
  std::string_view want(name);
  TSFieldId id = 0;  // no such field: ts_node_child_by_field_id gives a null node
  for (const Entry& e : table)
    if (e.name == want) id = e.id;
  slot = {name, id};
  return id;
}

}  // namespace flowc

namespace flowc {

namespace {

// Bumped whenever a tree is freed: a cached cursor must never outlive its
// tree, and a new tree may reuse the old one's addresses.
std::atomic<uint64_t> g_tree_generation{0};

// Where recent named_child() calls on this thread left off, one slot per
// parent (loops nest: a class body, a method's decorators, their arguments).
struct ChildCursor {
  bool valid = false;
  uint64_t generation = 0;
  uint64_t last_use = 0;
  TSNode parent{};
  uint32_t index = 0;
  TSTreeCursor cursor{};
  void reset() {
    if (valid) ts_tree_cursor_delete(&cursor);
    valid = false;
  }
};
struct ChildCursors {
  ChildCursor slots[8];
  uint64_t clock = 0;
  ~ChildCursors() { reset(); }
  void reset() {
    for (auto& s : slots) s.reset();
  }
};
thread_local ChildCursors t_children;

bool same_node(TSNode a, TSNode b) {
  return a.id == b.id && a.tree == b.tree && a.context[0] == b.context[0] && a.context[1] == b.context[1] &&
         a.context[2] == b.context[2] && a.context[3] == b.context[3];
}

// Moves the cursor to the next named node among the siblings, if any.
bool next_named(TSTreeCursor* c) {
  while (ts_tree_cursor_goto_next_sibling(c))
    if (ts_node_is_named(ts_tree_cursor_current_node(c))) return true;
  return false;
}

}  // namespace

TSNode named_child(TSNode n, uint32_t i) {
  // Few children: the direct lookup is cheap, and leaves the slots to the
  // long lists. Long lists nested in long lists nest at most log32(size)
  // deep, so 8 slots (least recently used goes) keep every loop linear.
  uint32_t count = ts_node_named_child_count(n);
  if (count < 32 || i >= count) return ts_node_named_child(n, i);
  ChildCursors& all = t_children;
  uint64_t gen = g_tree_generation.load(std::memory_order_acquire);
  ChildCursor* cc = nullptr;
  for (auto& s : all.slots)
    if (s.valid && s.generation == gen && s.index <= i && same_node(s.parent, n)) {
      cc = &s;
      break;
    }
  if (!cc) {  // a free slot, else one from a freed tree, else the least recently used
    auto rank = [&](const ChildCursor& s) -> uint64_t { return !s.valid ? 0 : s.generation != gen ? 1 : 2 + s.last_use; };
    for (auto& s : all.slots)
      if (!cc || rank(s) < rank(*cc)) cc = &s;
    cc->reset();
    cc->cursor = ts_tree_cursor_new(n);
    cc->valid = true;
    cc->generation = gen;
    cc->parent = n;
    cc->index = 0;
    if (!ts_tree_cursor_goto_first_child(&cc->cursor) ||
        (!ts_node_is_named(ts_tree_cursor_current_node(&cc->cursor)) && !next_named(&cc->cursor))) {
      cc->reset();
      return ts_node_named_child(n, i);
    }
  }
  cc->last_use = ++all.clock;
  while (cc->index < i) {
    if (!next_named(&cc->cursor)) {
      cc->reset();
      return ts_node_named_child(n, i);
    }
    ++cc->index;
  }
  return ts_tree_cursor_current_node(&cc->cursor);
}

uint64_t parse_time_bound_micros(size_t source_bytes) {
  return kParseBaseMicros + kParseMicrosPerByte * static_cast<uint64_t>(source_bytes);
}

namespace {
// CPU time this thread has used, in microseconds.
uint64_t thread_cpu_micros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000 + static_cast<uint64_t>(ts.tv_nsec) / 1000;
}
}  // namespace

namespace {

bool identifier_char(unsigned char c) { return c == '_' || c >= 0x80 || std::isalnum(c); }

// tree-sitter-python 0.23.6 does not know PEP 750's template strings
// (`t"..."`, Python 3.14), and 0.25.0's sdist ships no scanner.c to build.
// A t-string has an f-string's grammar, so the parser is given a copy of the
// text with each t-string prefix spelled as the f-string's (same length: the
// tree's offsets are the text's); the rules read the real prefix from the
// text (python_tokens.cpp) and refuse it before 3.14. A `t'` that is not a
// prefix (inside a string or comment) turns into `f'` there, which changes
// no structure: the copy only ever differs inside strings and comments.
std::string spell_template_strings(std::string_view text, bool& changed) {
  changed = false;
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != 't' && c != 'T') continue;
    if (i > 0 && identifier_char(static_cast<unsigned char>(text[i - 1]))) {
      // `rt"..."`: the 't' after an 'r' that starts the word.
      bool r_before = (text[i - 1] == 'r' || text[i - 1] == 'R') &&
                      (i < 2 || !identifier_char(static_cast<unsigned char>(text[i - 2])));
      if (!r_before) continue;
    }
    size_t q = i + 1;
    if (q < text.size() && (text[q] == 'r' || text[q] == 'R')) ++q;
    if (q >= text.size() || (text[q] != '\'' && text[q] != '"')) continue;
    if (!changed) out.assign(text);
    changed = true;
    out[i] = c == 't' ? 'f' : 'F';
  }
  return out;
}

}  // namespace

SyntaxTree::SyntaxTree(const SourceFile& file) : SyntaxTree(file, nullptr) {}

SyntaxTree::SyntaxTree(const SourceFile& file, const TSTree* previous) : file_(file) {
  parser_ = ts_parser_new();
  ts_parser_set_language(parser_, tree_sitter_python());
  bool respelled = false;
  std::string copy = spell_template_strings(file.text(), respelled);
  defaults_ = find_type_param_defaults(file.text());
  if (!defaults_.empty() && !respelled) copy.assign(file.text());
  for (const auto& d : defaults_) copy[d.offset] = d.spelled_as;
  respelled = respelled || !defaults_.empty();
  parse(respelled ? std::string_view(copy) : std::string_view(file.text()), previous);
  if (!defaults_.empty() && tree_ && !defaults_in_place()) {
    // The lexical scan took an '=' for a default that the parse does not put
    // in a type parameter list: read the text as written (t-strings still
    // respelled) rather than a changed one.
    defaults_.clear();
    ts_tree_delete(tree_);
    tree_ = nullptr;
    bool t_strings = false;
    std::string again = spell_template_strings(file.text(), t_strings);
    parse(t_strings ? std::string_view(again) : std::string_view(file.text()), previous);
  }
}

void SyntaxTree::parse(std::string_view parsed, const TSTree* previous) {
  // tree-sitter's timeout is wall-clock time; the bound is meant as CPU time
  // (a busy machine must not turn valid code into an error). So a parse that
  // times out is resumed (tree-sitter continues where it stopped) for as much
  // CPU time as is left; since wall time >= CPU time, it never overshoots.
  const uint64_t bound = parse_time_bound_micros(file_.text().size());
  const uint64_t start = thread_cpu_micros();
  uint64_t used = 0;
  while (true) {
    ts_parser_set_timeout_micros(parser_, bound - used);
    tree_ = ts_parser_parse_string(parser_, previous, parsed.data(), static_cast<uint32_t>(parsed.size()));
    if (tree_) break;
    used = thread_cpu_micros() - start;
    if (used >= bound) {
      ts_parser_reset(parser_);  // the parser keeps its state to resume; drop it
      break;
    }
  }
}

bool SyntaxTree::defaults_in_place() const {
  TSNode root = ts_tree_root_node(tree_);
  for (const auto& d : defaults_) {
    TSNode n = ts_node_descendant_for_byte_range(root, d.offset, d.offset + 1);
    bool inside = false;
    for (; !ts_node_is_null(n); n = ts_node_parent(n)) {
      std::string_view type = ts_node_type(n);
      if (type == "type_parameter") {
        inside = true;
        break;
      }
      if (type == "block" || type == "module") break;
    }
    if (!inside) return false;
  }
  return true;
}

SyntaxTree::~SyntaxTree() {
  g_tree_generation.fetch_add(1, std::memory_order_acq_rel);
  t_children.reset();
  if (tree_) ts_tree_delete(tree_);
  if (parser_) ts_parser_delete(parser_);
}

TSNode SyntaxTree::root() const { return tree_ ? ts_tree_root_node(tree_) : TSNode{}; }

std::string_view SyntaxTree::text(TSNode n) const {
  return std::string_view(file_.text()).substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
}

size_t report_syntax_errors(const SyntaxTree& tree, DiagnosticSink& sink) {
  if (tree.timed_out()) {
    uint64_t ms = parse_time_bound_micros(tree.file().text().size()) / 1000;
    sink.error("E0040", Span{0, 0},
               "parsing took longer than " + std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) +
                   " s, the bound for a source of this size (docs/limits.md); tree-sitter's error recovery is slow "
                   "on some broken files: look for an unclosed bracket, quote or f-string");
    return 1;
  }
  TSNode root = tree.root();
  if (!ts_node_has_error(root)) return 0;
  size_t count = 0;
  // Iterative walk: the tree can be arbitrarily deep on hostile input.
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  bool done = false;
  while (!done && !sink.at_limit()) {
    TSNode n = ts_tree_cursor_current_node(&cursor);
    bool descend = ts_node_has_error(n);
    if (ts_node_is_missing(n)) {
      std::string what = ts_node_type(n);
      sink.error("E0001", tree.span(n), "syntax error: expected '" + what + "'");
      ++count;
      descend = false;
    } else if (ts_node_is_error(n)) {
      Span s = tree.span(n);
      // Point at the first unexpected token rather than the whole ERROR region.
      if (ts_node_child_count(n) > 0) {
        TSNode first = ts_node_child(n, 0);
        s = {ts_node_start_byte(first), ts_node_end_byte(first)};
      }
      std::string_view tok = tree.file().slice(s);
      if (tok.size() > 20 || tok.find('\n') != std::string_view::npos) tok = {};
      sink.error("E0001", s, tok.empty() ? "syntax error" : "syntax error near '" + std::string(tok) + "'");
      ++count;
      descend = false;
    }
    if (descend && ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        done = true;
        break;
      }
    }
  }
  ts_tree_cursor_delete(&cursor);
  return count;
}

}  // namespace flowc
