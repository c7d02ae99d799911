// The compile alone, natively: flowc_core's compile() on each file, the way the
// CLI compiles a file (imports of base classes read), nothing written. For
// instruction counts (valgrind --tool=callgrind, stable on a shared machine)
// and in-process timing without Python's start-up.
//
//   compile_files [--repeat K] FILE...
//
// Prints one line: files, output bytes and compile_ns (reading excluded).
// Exit 1 if a file cannot be read or does not compile.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "driver/compile.h"

int main(int argc, char** argv) {
  int repeat = 1;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else files.push_back(argv[i]);
  }
  std::vector<std::string> sources;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "compile_files: cannot read %s\n", f.c_str());
      return 1;
    }
    sources.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  size_t bytes = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r) {
    for (size_t i = 0; i < files.size(); ++i) {
      flowc::CompileOptions o;
      o.filename = files[i];
      o.load_imports = true;
      flowc::CompileResult res = flowc::compile(sources[i], o);
      if (!res.ok) {
        std::fputs(res.render_diagnostics().c_str(), stderr);
        return 1;
      }
      bytes += res.output.size();
    }
  }
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
  std::printf("files=%zu bytes=%zu compile_ns=%lld\n", files.size(), bytes, static_cast<long long>(ns));
  return 0;
}
