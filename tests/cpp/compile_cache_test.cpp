#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "temp_dir.h"
#include "batch/batch_compile.h"
#include "batch/cache_entry.h"
#include "batch/compile_cache.h"

using namespace flowc;
namespace fs = std::filesystem;

namespace {

using flowc::testing::TempDir;

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

const char* kBase = R"(from flowc.dsl import *


class Base(Workflow):
    @task
    def fetch(self):
        return self.download()

    @template
    def download(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["wget"])
)";

const char* kDerived = R"(from flowc.dsl import *
from base import Base


class Derived(Base):
    @task
    @dependencies(["fetch"])
    def publish(self):
        return self.download()
)";

CompileOptions file_options(const fs::path& file) {
  CompileOptions o;
  o.filename = file.string();
  o.load_imports = true;
  return o;
}

std::string rendered(const CompileResult& r) { return r.render_diagnostics(); }

}  // namespace

TEST_CASE("cache: a miss compiles and stores, a hit returns the same result without compiling") {
  TempDir t;
  write(t.path / "base.py", kBase);
  write(t.path / "input.py", kDerived);
  CompileCache cache(t.path / ".flowc_cache");
  auto o = file_options(t.path / "input.py");
  bool hit = true;
  CompileResult first = cache.compile(kDerived, o, &hit);
  CHECK_FALSE(hit);
  REQUIRE(first.ok);
  CHECK(first.output.find("image: alpine:3.19") != std::string::npos);
  CompileResult again = cache.compile(kDerived, o, &hit);
  CHECK(hit);
  CHECK(again.ok);
  CHECK(again.output == first.output);
  CHECK(again.document_texts == first.document_texts);
  CHECK(again.workflow_classes == first.workflow_classes);
  CHECK(again.documents == first.documents);
  REQUIRE(again.imported_files.size() == 1);
  CHECK(again.imported_files[0]->text() == first.imported_files[0]->text());
  // The folder is marked as a cache for backup tools and ignored by git.
  CHECK(read(t.path / ".flowc_cache" / "CACHEDIR.TAG").starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
  CHECK(read(t.path / ".flowc_cache" / ".gitignore").find("\n*\n") != std::string::npos);
  CHECK(fs::exists(cache.entry_path(kDerived, o)));
}

TEST_CASE("cache: an edit to the file, to an imported base, or any option is a miss") {
  TempDir t;
  write(t.path / "base.py", kBase);
  write(t.path / "input.py", kDerived);
  CompileCache cache(t.path / "c");
  auto o = file_options(t.path / "input.py");
  bool hit = false;
  cache.compile(kDerived, o, &hit);
  std::string edited = std::string(kDerived) + "\n# a comment\n";
  cache.compile(edited, o, &hit);
  CHECK_FALSE(hit);  // the file's bytes
  cache.compile(kDerived, o, &hit);
  CHECK(hit);  // the first version is still there
  auto json = o;
  json.format = "json";
  cache.compile(kDerived, json, &hit);
  CHECK_FALSE(hit);  // an option
  // The imported base changes: a miss, and the new image in the output.
  std::string base2 = kBase;
  base2.replace(base2.find("alpine:3.19"), 11, "alpine:3.20");
  write(t.path / "base.py", base2);
  CompileResult r = cache.compile(kDerived, o, &hit);
  CHECK_FALSE(hit);
  CHECK(r.output.find("alpine:3.20") != std::string::npos);
  cache.compile(kDerived, o, &hit);
  CHECK(hit);
  // The base disappears: a miss, and the compile says what is wrong.
  fs::remove(t.path / "base.py");
  r = cache.compile(kDerived, o, &hit);
  CHECK_FALSE(hit);
  CHECK_FALSE(r.output.find("alpine:3.20") != std::string::npos);
}

TEST_CASE("cache: a base file that appears where the import looked is a miss") {
  TempDir t;
  write(t.path / "input.py", kDerived);  // base.py not there yet
  CompileCache cache(t.path / "c");
  auto o = file_options(t.path / "input.py");
  bool hit = true;
  CompileResult before = cache.compile(kDerived, o, &hit);
  CHECK_FALSE(hit);
  CHECK_FALSE(before.import_probes.empty());
  write(t.path / "base.py", kBase);
  CompileResult after = cache.compile(kDerived, o, &hit);
  CHECK_FALSE(hit);
  CHECK(after.ok);
  CHECK(after.output.find("alpine:3.19") != std::string::npos);
}

TEST_CASE("cache: diagnostics come back with their spans and files, and render the same") {
  TempDir t;
  std::string bad_base = kBase;
  bad_base.replace(bad_base.find("    @task\n"), 10, "    @task\n    @dependencies([\"nope\"])\n");
  write(t.path / "base.py", bad_base);
  std::string src = std::string(kDerived) + "\n\nx = Derived.nope_attribute\n";
  write(t.path / "input.py", src);
  CompileCache cache(t.path / "c");
  auto o = file_options(t.path / "input.py");
  o.warnings_as_errors = true;
  bool hit = true;
  CompileResult first = cache.compile(src, o, &hit);
  CHECK_FALSE(hit);
  CHECK_FALSE(first.ok);
  REQUIRE_FALSE(first.diagnostics.empty());
  std::string text = rendered(first);
  CHECK(text.find("base.py:") != std::string::npos);  // a diagnostic in the imported file
  CompileResult again = cache.compile(src, o, &hit);
  CHECK(hit);
  CHECK_FALSE(again.ok);
  CHECK(rendered(again) == text);
  REQUIRE(again.diagnostics.size() == first.diagnostics.size());
  for (size_t i = 0; i < again.diagnostics.size(); ++i) {
    CHECK(again.diagnostics[i].code == first.diagnostics[i].code);
    CHECK(again.diagnostics[i].span.begin == first.diagnostics[i].span.begin);
    CHECK(again.diagnostics[i].fixes.size() == first.diagnostics[i].fixes.size());
  }
}

TEST_CASE("cache: a corrupt, truncated or foreign entry is a miss, then replaced") {
  TempDir t;
  write(t.path / "base.py", kBase);
  write(t.path / "input.py", kDerived);
  CompileCache cache(t.path / "c");
  auto o = file_options(t.path / "input.py");
  CompileResult good = cache.compile(kDerived, o);
  fs::path entry = cache.entry_path(kDerived, o);
  std::string bytes = read(entry);
  REQUIRE(bytes.size() > 100);
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x20;
  std::string wrong_count = bytes;  // a field changed (the ok flag, "1:1"): caught by the checksum
  REQUIRE(wrong_count.find("1:1") != std::string::npos);
  wrong_count.replace(wrong_count.find("1:1"), 3, "1:9");
  for (const std::string& damaged :
       {bytes.substr(0, bytes.size() / 2), bytes.substr(0, bytes.size() - 1), flipped, wrong_count, std::string(),
        std::string("not an entry"), std::string(5000, '\xff')}) {
    write(entry, damaged);
    CHECK_FALSE(cache.lookup(kDerived, o).has_value());
    bool hit = true;
    CompileResult r = cache.compile(kDerived, o, &hit);
    CHECK_FALSE(hit);
    CHECK(r.output == good.output);
    CHECK(read(entry) == bytes);  // stored again, whole
  }
}

TEST_CASE("cache entries round-trip; decode refuses every strict prefix") {
  CompileOptions o;
  o.filename = "w.py";
  CompileResult r = compile(kBase, o);
  CacheEntry e;
  e.key = "k";
  e.result = r;
  auto bytes = encode_entry(e);
  REQUIRE(bytes);
  auto back = decode_entry(*bytes);
  REQUIRE(back);
  CHECK(back->result.output == r.output);
  CHECK(back->result.documents == r.documents);
  CHECK(back->result.document_texts == r.document_texts);
  for (size_t n = 0; n < bytes->size(); n += 7) CHECK_FALSE(decode_entry(std::string_view(*bytes).substr(0, n)));
  // The output is stored once: the entry holds the YAML text once (and the documents' JSON).
  size_t first = bytes->find(r.document_texts[0]);
  REQUIRE(first != std::string::npos);
  CHECK(bytes->find(r.document_texts[0], first + 1) == std::string::npos);
  // Without documents: the same texts, no JSON parsed.
  auto text_only = decode_entry(*bytes, /*with_documents=*/false);
  REQUIRE(text_only);
  CHECK(text_only->result.output == r.output);
  CHECK(text_only->result.documents.empty());
}

TEST_CASE("cache entries keep an output that is not the join of its texts (several JSON documents)") {
  CompileOptions o;
  o.filename = "w.py";
  o.format = "json";
  std::string two = std::string(kBase) + "\n\nclass Other(Base):\n    pass\n";
  CompileResult r = compile(two, o);
  REQUIRE(r.documents.size() == 2);
  CacheEntry e;
  e.key = "k";
  e.result = r;
  auto back = decode_entry(*encode_entry(e));
  REQUIRE(back);
  CHECK(back->result.output == r.output);
  CHECK(back->result.output.front() == '[');
  CHECK(back->result.documents == r.documents);
}

TEST_CASE("default_cache_dir: beside the nearest pyproject.toml, else the folder itself") {
  TempDir t;
  write(t.path / "proj" / "pyproject.toml", "[project]\nname = 'x'\n");
  fs::create_directories(t.path / "proj" / "a" / "b");
  CHECK(default_cache_dir(t.path / "proj" / "a" / "b") == t.path / "proj" / ".flowc_cache");
  fs::create_directories(t.path / "loose");
  // (no pyproject.toml at or above a temporary folder, normally)
  if (!fs::exists("/tmp/pyproject.toml") && !fs::exists("/pyproject.toml"))
    CHECK(default_cache_dir(t.path / "loose") == t.path / "loose" / ".flowc_cache");
}

TEST_CASE("compile_batch: parallel and cached results equal serial ones, in input order") {
  TempDir t;
  write(t.path / "base.py", kBase);
  std::vector<std::string> sources;
  for (int i = 0; i < 24; ++i) {
    std::string s = kDerived;
    s.replace(s.find("class Derived"), 13, "class Derived" + std::to_string(i));
    if (i % 7 == 3) s += "\nclass Broken(Workflow):\n    entrypoint = undefined_name\n";
    sources.push_back(s);
    write(t.path / ("w" + std::to_string(i) + ".py"), s);
  }
  auto inputs = [&] {
    std::vector<BatchInput> in;
    for (size_t i = 0; i < sources.size(); ++i)
      in.push_back({sources[i], file_options(t.path / ("w" + std::to_string(i) + ".py"))});
    return in;
  };
  auto run = [&](unsigned jobs, CompileCache* cache, BatchStats* stats) {
    std::vector<std::string> out;
    auto in = inputs();
    BatchOptions bo;
    bo.jobs = jobs;
    bo.cache = cache;
    *stats = compile_batch(in, bo, [&](size_t i, CompileResult&& r) {
      CHECK(i == out.size());
      out.push_back(r.output + "|" + r.render_diagnostics());
    });
    return out;
  };
  BatchStats s;
  auto serial = run(1, nullptr, &s);
  CHECK(s.compiled == 24);
  CHECK(run(4, nullptr, &s) == serial);
  CompileCache cache(t.path / "c");
  CHECK(run(4, &cache, &s) == serial);  // cold: stores from 4 threads
  CHECK(s.cache_hits == 0);
  CHECK(run(4, &cache, &s) == serial);  // warm
  CHECK(s.cache_hits == 24);
  CHECK(s.compiled == 0);
}
