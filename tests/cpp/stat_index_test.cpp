#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "temp_dir.h"
#include "batch/file_stamp.h"
#include "batch/stat_index.h"

using namespace flowc;
namespace fs = std::filesystem;

namespace {

using flowc::testing::TempDir;

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// A run that starts an hour from now: files written by the test are old
// enough to be trusted (not racy).
int64_t later() { return wall_clock_ns() + int64_t{3600} * 1'000'000'000; }

StatRecord record_of(const fs::path& input, const fs::path& output, int64_t run) {
  StatRecord r;
  r.input_path = input.string();
  r.input = stamp_file(r.input_path, run);
  r.input_hash = "h";
  r.dependencies.push_back({(input.parent_path() / "base.py").string(),
                            stamp_file((input.parent_path() / "base.py").string(), run)});
  r.output_path = output.string();
  r.output = stamp_file(r.output_path, run);
  return r;
}

}  // namespace

TEST_CASE("file stamps: equal for an untouched file; an edit, a new ctime or a racy time never match") {
  TempDir t;
  fs::path f = t.path / "w.py";
  write(f, "abc");
  FileStamp a = stamp_file(f.string(), later());
  CHECK(a.present);
  CHECK_FALSE(a.racy);
  CHECK(a.matches(stamp_file(f.string(), later())));
  // Same size, mtime put back: the ctime still moved.
  struct stat before {};
  ::stat(f.c_str(), &before);
  ::usleep(20000);
  write(f, "abd");
  struct timespec times[2] = {before.st_atim, before.st_mtim};
  ::utimensat(AT_FDCWD, f.c_str(), times, 0);
  CHECK_FALSE(a.matches(stamp_file(f.string(), later())));
  // A file changed around the run's start is racy, and matches nothing, not even itself.
  FileStamp now = stamp_file(f.string(), wall_clock_ns());
  CHECK(now.racy);
  CHECK_FALSE(now.matches(now));
  // Absent matches absent only.
  FileStamp gone = stamp_file((t.path / "none.py").string(), later());
  CHECK_FALSE(gone.present);
  CHECK(gone.matches(stamp_file((t.path / "none.py").string(), later())));
  CHECK_FALSE(gone.matches(a));
}

TEST_CASE("stat index: a saved record is up to date until its input, a dependency or its output changes") {
  TempDir t;
  fs::path in = t.path / "w.py", out = t.path / "w.yaml", base = t.path / "base.py";
  write(in, "source");
  write(out, "output");
  int64_t run = later();
  std::string key = StatIndex::key(in.string(), "options", "file", out.string());
  CHECK(key != StatIndex::key(in.string(), "options2", "file", out.string()));
  CHECK(key != StatIndex::key(in.string(), "options", "folder", out.string()));
  {
    StatIndex index(t.path / "cache", run);
    index.load();
    CHECK(index.up_to_date(key) == nullptr);
    index.put(key, record_of(in, out, run));
    std::string error;
    REQUIRE(index.save(error));
  }
  StatIndex index(t.path / "cache", run);
  index.load();
  CHECK(index.up_to_date(key) != nullptr);
  SUBCASE("the output is removed") {
    fs::remove(out);
    CHECK(index.up_to_date(key) == nullptr);
  }
  SUBCASE("a base class appears where the import looked") {
    write(base, "class Base: pass\n");
    CHECK(index.up_to_date(key) == nullptr);
  }
  SUBCASE("the input is edited") {
    write(in, "source, edited");
    CHECK(index.up_to_date(key) == nullptr);
  }
  SUBCASE("a racy record is never trusted") {
    StatIndex now(t.path / "cache", wall_clock_ns());
    now.load();
    CHECK(now.up_to_date(key) == nullptr);
  }
}

TEST_CASE("stat index: a corrupt, truncated or foreign file is no index; save keeps others' records") {
  TempDir t;
  fs::path in = t.path / "w.py", out = t.path / "w.yaml";
  write(in, "source");
  write(out, "output");
  int64_t run = later();
  std::unordered_map<std::string, StatRecord> records;
  records["k1"] = record_of(in, out, run);
  records["k2"] = record_of(in, out, run);
  std::string bytes = StatIndex::encode(records);
  auto back = StatIndex::decode(bytes);
  REQUIRE(back);
  CHECK(back->size() == 2);
  CHECK(back->at("k1").input_path == in.string());
  CHECK(back->at("k1").input.matches(records["k1"].input));
  for (size_t n = 0; n < bytes.size(); n += 7) CHECK_FALSE(StatIndex::decode(bytes.substr(0, n)));
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 1;
  CHECK_FALSE(StatIndex::decode(flipped));
  CHECK_FALSE(StatIndex::decode(std::string(4096, '\xff')));

  // Two runs: each loads, each puts its own record; the second save keeps the first's.
  StatIndex a(t.path / "cache", run), b(t.path / "cache", run);
  a.load();
  b.load();
  a.put("from-a", record_of(in, out, run));
  b.put("from-b", record_of(in, out, run));
  std::string error;
  REQUIRE(a.save(error));
  REQUIRE(b.save(error));
  StatIndex c(t.path / "cache", run);
  c.load();
  CHECK(c.size() == 2);
  CHECK(c.up_to_date("from-a") != nullptr);
  CHECK(c.up_to_date("from-b") != nullptr);
  // A damaged index file is ignored.
  write(c.file(), "flowc-stat-index 1\nnonsense");
  StatIndex d(t.path / "cache", run);
  d.load();
  CHECK(d.size() == 0);
}

TEST_CASE("stat index: past kMaxRecords the least recently written records are dropped") {
  TempDir t;
  StatIndex index(t.path / "cache", 1000);
  index.load();
  for (size_t i = 0; i < StatIndex::kMaxRecords; ++i) index.put("old" + std::to_string(i), StatRecord{});
  std::string error;
  REQUIRE(index.save(error));
  StatIndex newer(t.path / "cache", 2000);
  newer.load();
  newer.put("new", StatRecord{});
  REQUIRE(newer.save(error));
  StatIndex after(t.path / "cache", 3000);
  after.load();
  CHECK(after.size() == StatIndex::kMaxRecords);
  CHECK(after.up_to_date("new") != nullptr);  // a record of no files: nothing changed
  CHECK(after.up_to_date("old0") == nullptr);   // the oldest (ties: by key) went
}
