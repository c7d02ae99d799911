// The floor for flowc's design: read each file and parse it with tree-sitter
// (the same pinned runtime and grammar flowc uses), nothing else.
//
//   ts_parse FILE...
//
// Prints one line to stdout: files, bytes, nodes (a full walk, so the tree is
// really visited), the in-process time of parse + walk + free (parse_ns) and
// of the parse call alone (parse_only_ns), in nanoseconds, reading excluded. Exit 1 if a file cannot be read or has syntax errors.
#include <tree_sitter/api.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#ifdef FLOWC_MIMALLOC
#include <mimalloc.h>
#endif

extern "C" const TSLanguage* tree_sitter_python(void);

static unsigned long long count_nodes(TSTreeCursor* c) {
  unsigned long long n = 0;
  for (;;) {
    ++n;
    if (ts_tree_cursor_goto_first_child(c)) continue;
    while (!ts_tree_cursor_goto_next_sibling(c)) {
      if (!ts_tree_cursor_goto_parent(c)) return n;
    }
  }
}

int main(int argc, char** argv) {
#ifdef FLOWC_MIMALLOC
  // The floor allocates as the flowc executable does (compiler/cli/main.cpp):
  // mimalloc, in huge pages, so the comparison is of the work, not the allocator.
  if (!std::getenv("MIMALLOC_LARGE_OS_PAGES")) mi_option_enable(mi_option_large_os_pages);
#endif
  TSParser* parser = ts_parser_new();
  if (!ts_parser_set_language(parser, tree_sitter_python())) {
    std::fprintf(stderr, "ts_parse: grammar ABI mismatch\n");
    return 2;
  }
  unsigned long long bytes = 0, nodes = 0;
  std::chrono::nanoseconds parse_ns{0}, parse_only_ns{0};
  int rc = 0;
  std::string src;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "ts_parse: cannot read %s\n", argv[i]);
      return 2;
    }
    src.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    bytes += src.size();
    auto t0 = std::chrono::steady_clock::now();
    TSTree* tree = ts_parser_parse_string(parser, nullptr, src.data(), static_cast<uint32_t>(src.size()));
    auto t1 = std::chrono::steady_clock::now();
    parse_only_ns += t1 - t0;
    TSNode root = ts_tree_root_node(tree);
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    nodes += count_nodes(&cursor);
    ts_tree_cursor_delete(&cursor);
    bool err = ts_node_has_error(root);
    ts_tree_delete(tree);
    parse_ns += std::chrono::steady_clock::now() - t0;
    if (err) {
      std::fprintf(stderr, "ts_parse: %s: syntax error\n", argv[i]);
      rc = 1;
    }
  }
  ts_parser_delete(parser);
  std::printf("files=%d bytes=%llu nodes=%llu parse_ns=%lld parse_only_ns=%lld\n", argc - 1, bytes, nodes,
              static_cast<long long>(parse_ns.count()), static_cast<long long>(parse_only_ns.count()));
  return rc;
}
