#include "yaml/yaml_reader.h"

#include <map>
#include <string_view>
#include <time.h>

#include <tree_sitter/api.h>

#include "parse/syntax_tree.h"
#include "yaml/flow_indent.h"
#include "yaml/scalar.h"

extern "C" const TSLanguage* tree_sitter_yaml(void);

namespace flowc::yaml {

namespace {

std::string_view type(TSNode n) { return ts_node_type(n); }

class Reader {
 public:
  Reader(const SourceFile& file, DiagnosticSink& sink) : file_(file), sink_(sink) {}

  Stream run() {
    TSParser* parser = ts_parser_new();
    ts_parser_set_language(parser, tree_sitter_yaml());
    // Flow content indented less than YAML allows (see flow_indent.h): when
    // the lexer finds some, the relaxed copy is parsed first; it is kept if
    // it parses and every inserted blank lies in flow content. Else (and for
    // most files, which need nothing) the file itself is parsed, and its
    // errors are reported. (Parsing the relaxed copy first also spares a
    // valid file tree-sitter's error recovery, which is slow on large files.)
    relaxed_ = relax_flow_indentation(file_.text());
    TSTree* tree = nullptr;
    if (!relaxed_.inserted.empty()) {
      tree = parse(parser, relaxed_.text);
      if (tree && !ts_node_has_error(ts_tree_root_node(tree)) && insertions_inside_flow(ts_tree_root_node(tree))) {
        text_ = relaxed_.text;
      } else {
        if (tree) ts_tree_delete(tree);
        tree = nullptr;
      }
    }
    if (!tree) {
      relaxed_ = Relaxed{};
      tree = parse(parser, file_.text());
    }
    if (!tree) {
      uint64_t ms = parse_time_bound_micros(file_.text().size()) / 1000;
      sink_.error("E1045", Span{0, 0},
                  "parsing the YAML took longer than " + std::to_string(ms / 1000) + "." +
                      std::to_string(ms % 1000 / 100) +
                      " s, the bound for a file of this size (docs/limits.md); tree-sitter's error recovery is slow "
                      "on some broken files: look for an unclosed bracket or quote");
    } else {
      TSNode root = ts_tree_root_node(tree);
      if (ts_node_has_error(root)) report_errors(root);
      else walk_stream(root);
      ts_tree_delete(tree);
    }
    ts_parser_delete(parser);
    return std::move(out_);
  }

 private:
  const SourceFile& file_;
  DiagnosticSink& sink_;
  Stream out_;
  // An anchor's value, and how many nodes it holds (what each alias to it adds).
  struct Anchor {
    Value value;
    size_t nodes = 0;
  };
  std::map<std::string, Anchor> anchors_;
  // Nodes made so far, aliases counted as the copies they are. A Value is a
  // tree, so an alias is a deep copy: anchors that alias anchors grow
  // exponentially ("billion laughs": a 1 KB file once grew to 23 GB). Bounded
  // as flowc lint bounds it (lint/yaml_reader.cpp, E0803): twice the file's
  // size, plus room for small files.
  size_t nodes_ = 0;
  size_t max_nodes() const { return 2 * file_.text().size() + 10000; }
  bool expanded_too_much_ = false;  // said once; later aliases are not copied
  std::string_view text_ = file_.text();  // what was parsed: the file, or relaxed_.text
  Relaxed relaxed_;

  // The tree, or null past the parse-time bound (the compiler's, for Python
  // sources: parse/syntax_tree.h), counted in CPU time as the compiler does:
  // tree-sitter's timeout is wall time, so a parse that times out resumes
  // for the CPU time left.
  static TSTree* parse(TSParser* parser, const std::string& text) {
    const uint64_t bound = parse_time_bound_micros(text.size());
    const uint64_t start = thread_cpu_micros();
    for (uint64_t used = 0;;) {
      ts_parser_set_timeout_micros(parser, bound - used);
      if (TSTree* t = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()))) return t;
      used = thread_cpu_micros() - start;
      if (used >= bound) {
        ts_parser_reset(parser);
        return nullptr;
      }
    }
  }

  static uint64_t thread_cpu_micros() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<uint64_t>(ts.tv_sec) * 1'000'000 + static_cast<uint64_t>(ts.tv_nsec) / 1000;
  }

  // Every run of inserted blanks sits inside a flow collection or a quoted
  // scalar (where leading blanks of a line are never content), not in a
  // block node the lexer misjudged. One walk collects the outermost flow
  // nodes (in order; nothing inside them is a block node), then the sorted
  // runs are matched against them: linear, as a file may have many runs.
  bool insertions_inside_flow(TSNode root) const {
    std::vector<std::pair<uint32_t, uint32_t>> flows;
    TSTreeCursor c = ts_tree_cursor_new(root);
    for (bool down = true;;) {
      TSNode n = ts_tree_cursor_current_node(&c);
      std::string_view t = type(n);
      bool flow = t == "flow_sequence" || t == "flow_mapping" || t == "double_quote_scalar" || t == "single_quote_scalar";
      if (flow) flows.emplace_back(ts_node_start_byte(n), ts_node_end_byte(n));
      if (down && !flow && ts_tree_cursor_goto_first_child(&c)) continue;
      if (ts_tree_cursor_goto_next_sibling(&c)) {
        down = true;
        continue;
      }
      bool up = false;
      while (ts_tree_cursor_goto_parent(&c))
        if (ts_tree_cursor_goto_next_sibling(&c)) {
          up = true;
          break;
        }
      if (!up) break;
      down = true;
    }
    ts_tree_cursor_delete(&c);
    size_t f = 0;
    for (const Insertion& ins : relaxed_.inserted) {
      while (f < flows.size() && flows[f].second <= ins.at) ++f;
      if (f == flows.size() || flows[f].first >= ins.at || flows[f].second < ins.at + ins.count) return false;
    }
    return true;
  }

  // Offsets in the parsed text -> the file's (they differ only for a relaxed parse).
  uint32_t at(uint32_t offset) const { return relaxed_.inserted.empty() ? offset : relaxed_.original(offset); }
  Span span(TSNode n) const { return {at(ts_node_start_byte(n)), at(ts_node_end_byte(n))}; }
  std::string_view text(TSNode n) const {
    return text_.substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
  }

  void report_errors(TSNode n) {
    if (sink_.at_limit()) return;
    if (ts_node_is_error(n) || ts_node_is_missing(n)) {
      // The innermost error says best where the text stops making sense:
      // an ERROR wrapping a whole document starts at its first line.
      for (bool deeper = true; deeper;) {
        deeper = false;
        for (uint32_t i = 0; i < ts_node_child_count(n); ++i) {
          TSNode c = ts_node_child(n, i);
          if (ts_node_is_error(c) || ts_node_is_missing(c) || ts_node_has_error(c)) {
            n = c;
            deeper = true;
            break;
          }
        }
      }
      // An ERROR keeps what it could read as children; the last one is
      // where the parser gave up (an unclosed '[' ends there, for one).
      Span s = span(n);
      if (ts_node_is_error(n) && ts_node_named_child_count(n) > 1)
        s = span(ts_node_named_child(n, ts_node_named_child_count(n) - 1));
      if (s.end == s.begin) s.end = s.begin + 1;
      std::string what = ts_node_is_missing(n) ? "missing '" + std::string(type(n)) + "'" : "invalid YAML";
      sink_.error("E1001", s, what + " (not a well-formed YAML document)");
      return;
    }
    // Down the first erroneous child, iteratively (the tree may be deep).
    for (;;) {
      TSNode next{};
      for (uint32_t i = 0; i < ts_node_child_count(n); ++i)
        if (ts_node_has_error(ts_node_child(n, i))) {
          next = ts_node_child(n, i);
          break;
        }
      if (ts_node_is_null(next)) return;
      if (ts_node_is_error(next) || ts_node_is_missing(next)) return report_errors(next);
      n = next;
    }
  }

  void comment(TSNode n) {
    uint32_t at = this->at(ts_node_start_byte(n));
    std::string_view t = text(n);
    t.remove_prefix(1);
    if (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\r')) t.remove_suffix(1);
    auto pos = file_.position(at);
    std::string_view line = file_.line_text(pos.line);
    bool own = line.substr(0, pos.col - 1).find_first_not_of(" \t") == std::string_view::npos;
    out_.comments.push_back({at, std::string(t), own});
  }

  // Comments may sit anywhere in the tree; collect them all in order. A
  // cursor walk, not recursion: the tree may be deeper than the stack.
  void collect_comments(TSNode root) {
    TSTreeCursor c = ts_tree_cursor_new(root);
    for (;;) {
      TSNode n = ts_tree_cursor_current_node(&c);
      if (type(n) == "comment") comment(n);
      if (type(n) != "comment" && ts_tree_cursor_goto_first_child(&c)) continue;
      while (!ts_tree_cursor_goto_next_sibling(&c))
        if (!ts_tree_cursor_goto_parent(&c)) {
          ts_tree_cursor_delete(&c);
          return;
        }
    }
  }

  void walk_stream(TSNode root) {
    collect_comments(root);
    for (uint32_t i = 0; i < ts_node_named_child_count(root); ++i) {
      TSNode doc = ts_node_named_child(root, i);
      if (type(doc) != "document") continue;
      for (uint32_t k = 0; k < ts_node_named_child_count(doc); ++k) {
        TSNode c = ts_node_named_child(doc, k);
        if (type(c) == "block_node" || type(c) == "flow_node") {
          out_.documents.push_back(node(c));
          break;
        }
      }
    }
  }

  // Column of a node's line indentation: the parent indent a block scalar's
  // explicit indentation indicator counts from.
  int line_indent(TSNode n) const {
    auto pos = file_.position(at(ts_node_start_byte(n)));
    std::string_view line = file_.line_text(pos.line);
    size_t i = line.find_first_not_of(' ');
    return i == std::string_view::npos ? 0 : static_cast<int>(i);
  }

  // Nesting deeper than this is refused (the reader and the writer recurse;
  // Argo documents nest a few dozen levels at most).
  static constexpr int kMaxDepth = 256;
  int depth_ = 0;

  Value node(TSNode n) {
    std::string_view t = type(n);
    bool nests = t == "block_mapping" || t == "flow_mapping" || t == "block_sequence" || t == "flow_sequence";
    if (!nests) return node_at_depth(n);
    if (depth_ >= kMaxDepth) {
      if (!too_deep_) sink_.error("E1002", span(n), "YAML nested deeper than " + std::to_string(kMaxDepth) + " levels");
      too_deep_ = true;
      return Value::none(span(n));
    }
    ++depth_;
    Value v = node_at_depth(n);
    --depth_;
    return v;
  }
  bool too_deep_ = false;

  Value node_at_depth(TSNode n) {
    std::string_view t = type(n);
    if (t == "block_node" || t == "flow_node") {
      size_t nodes_before = nodes_;
      std::string anchor;
      Value result = Value::none(span(n));
      bool has_content = false;
      for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
        TSNode c = ts_node_named_child(n, i);
        std::string_view ct = type(c);
        if (ct == "anchor") {
          anchor = std::string(text(c).substr(1));
        } else if (ct == "tag") {
          std::string_view tag = text(c);
          if (tag != "!!str" && tag != "!!map" && tag != "!!seq")
            sink_.error("E1002", span(c), "YAML tag '" + std::string(tag) + "' is not supported by flowc import");
          if (tag == "!!str") force_string_ = true;
        } else if (ct == "comment") {
        } else {
          result = node(c);
          has_content = true;
        }
      }
      force_string_ = false;
      (void)has_content;
      if (!anchor.empty()) anchors_[anchor] = Anchor{result, nodes_ - nodes_before};
      return result;
    }
    if (t == "alias") {
      auto it = anchors_.find(std::string(text(n).substr(1)));
      if (it == anchors_.end()) {
        sink_.error("E1003", span(n), "unknown YAML alias '" + std::string(text(n)) + "'");
        return Value::none(span(n));
      }
      if (!count(it->second.nodes, n)) return Value::none(span(n));
      Value v = it->second.value;
      v.span = span(n);
      return v;
    }
    if (!count(1, n)) return Value::none(span(n));
    if (t == "block_mapping" || t == "flow_mapping") return mapping(n);
    if (t == "block_sequence" || t == "flow_sequence") return sequence(n);
    if (t == "plain_scalar") {
      std::string s = plain_text(text(n));
      if (force_string_) return Value::of_string(s, span(n));
      return typed_plain(std::move(s), span(n));
    }
    if (t == "single_quote_scalar") return Value::of_string(single_quoted_text(text(n)), span(n));
    if (t == "double_quote_scalar") {
      auto s = double_quoted_text(text(n));
      if (!s) sink_.error("E1001", span(n), "invalid escape sequence in a double-quoted YAML string");
      return Value::of_string(s.value_or(""), span(n));
    }
    if (t == "block_scalar") {
      auto s = block_text(text(n), line_indent(n));
      if (!s) sink_.error("E1001", span(n), "invalid block scalar header");
      return Value::of_string(s.value_or(""), span(n));
    }
    sink_.error("E1002", span(n), "YAML construct '" + std::string(t) + "' is not supported by flowc import");
    return Value::none(span(n));
  }

  // Adds `more` nodes made at `n`; false (E1050 at `n`, said once) past the bound.
  bool count(size_t more, TSNode n) {
    if (expanded_too_much_) return false;
    nodes_ += more;
    if (nodes_ <= max_nodes()) return true;
    expanded_too_much_ = true;
    sink_.error("E1050", span(n),
                "the YAML expands to more than " + std::to_string(max_nodes()) +
                    " nodes, twice its size: aliases repeat too much (an alias copies its anchor's nodes)");
    return false;
  }

  Value mapping(TSNode n) {
    Value out = Value::dict(span(n));
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
      TSNode pair = ts_node_named_child(n, i);
      if (type(pair) != "block_mapping_pair" && type(pair) != "flow_pair") {
        if (type(pair) == "flow_node") {  // {a} : a key without a value
          Value k = node(pair);
          out.set(k.is_string() ? k.text : scalar_text(k), Value::none(span(pair)), span(pair));
        }
        continue;
      }
      TSNode key = ts_node_child_by_field_name(pair, "key", 3);
      TSNode value = ts_node_child_by_field_name(pair, "value", 5);
      Value k = ts_node_is_null(key) ? Value::none(span(pair)) : node(key);
      if (k.is_dict() || k.is_list()) {
        sink_.error("E1002", k.span, "a mapping key must be a scalar");
        continue;
      }
      std::string name = k.is_string() ? k.text : k.is_none() ? "null" : scalar_text(k);
      if (name == "<<") {
        sink_.error("E1002", k.span, "YAML merge keys ('<<') are not supported by flowc import");
        continue;
      }
      Value v = ts_node_is_null(value) ? Value::none(Span{k.span.end, k.span.end}) : node(value);
      if (out.get(name)) repeated_key(out, name, k.span);
      out.set(name, std::move(v), k.span);
    }
    return out;
  }

  // A key written twice: the last one wins, as Kubernetes and `argo submit`
  // read the file (sigs.k8s.io/yaml, go-yaml's non-strict decoding); PyYAML
  // agrees. Never silent: a warning at the later key, the dropped one in a
  // note (`argo lint`'s strict decoding refuses such a file). The kept entry
  // moves to the later key's place, where its value and comments are.
  void repeated_key(Value& map, const std::string& name, Span at) {
    if (expanded_too_much_) return;  // keys past the alias bound are not read: no word about them
    size_t i = 0;
    while (map.fields[i].first != name) ++i;
    Span first = map.key_span(i);
    auto& d = sink_.warning("W1041", at, "key '" + name + "' repeated in a YAML mapping; the last one is kept, as Kubernetes reads it");
    d.notes.push_back({"the first '" + name + "' (line " + std::to_string(file_.position(first.begin).line) +
                           ") is dropped; `argo lint` (strict decoding) refuses a repeated key",
                       first});
    map.fields.erase(map.fields.begin() + static_cast<long>(i));
    if (i < map.key_spans.size()) map.key_spans.erase(map.key_spans.begin() + static_cast<long>(i));
  }

  Value sequence(TSNode n) {
    Value out = Value::list(span(n));
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
      TSNode item = ts_node_named_child(n, i);
      std::string_view t = type(item);
      if (t == "comment") continue;
      if (t == "block_sequence_item") {
        TSNode inner = ts_node_named_child_count(item) ? ts_node_named_child(item, 0) : TSNode{};
        while (!ts_node_is_null(inner) && type(inner) == "comment") inner = ts_node_next_named_sibling(inner);
        out.items.push_back(ts_node_is_null(inner) ? Value::none(span(item)) : node(inner));
      } else if (t == "flow_pair") {
        Value m = Value::dict(span(item));
        TSNode key = ts_node_child_by_field_name(item, "key", 3);
        TSNode value = ts_node_child_by_field_name(item, "value", 5);
        Value k = node(key);
        m.set(k.is_string() ? k.text : scalar_text(k), ts_node_is_null(value) ? Value::none() : node(value), k.span);
        out.items.push_back(std::move(m));
      } else {
        out.items.push_back(node(item));
      }
    }
    return out;
  }

  bool force_string_ = false;
};

}  // namespace

Stream read(const SourceFile& file, DiagnosticSink& sink) { return Reader(file, sink).run(); }

}  // namespace flowc::yaml
