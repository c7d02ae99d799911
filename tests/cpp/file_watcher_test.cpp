#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "temp_dir.h"
#include "watch/file_watcher.h"

using namespace flowc;
namespace fs = std::filesystem;

namespace {

using TempFolder = flowc::testing::TempDir;

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace

TEST_CASE("a watched file written in place, or replaced by a rename, is a change") {
  TempFolder dir;
  std::string w = dir.file("w.py");
  write(w, "a = 1\n");
  FileWatcher watcher;
  REQUIRE(watcher.add(w));
  CHECK(watcher.wait(50).empty());  // nothing yet: times out
  write(w, "a = 2\n");
  CHECK(watcher.wait(2000) == std::vector<std::string>{w});
  // an editor's save: a new file renamed over the old one
  write(dir.file(".w.py.swp"), "a = 3\n");
  fs::rename(dir.file(".w.py.swp"), w);
  CHECK(watcher.wait(2000) == std::vector<std::string>{w});
}

TEST_CASE("other files in a watched file's folder are not changes") {
  TempFolder dir;
  std::string w = dir.file("w.py");
  write(w, "a = 1\n");
  FileWatcher watcher;
  REQUIRE(watcher.add(w));
  write(dir.file("other.py"), "b = 1\n");
  CHECK(watcher.wait(200).empty());
}

TEST_CASE("a watched folder: its files, files in new subfolders, deletions") {
  TempFolder dir;
  fs::create_directory(dir.path / "a");
  write(dir.file("a/x.py"), "x = 1\n");
  FileWatcher watcher;
  REQUIRE(watcher.add(dir.path.string()));
  write(dir.file("a/x.py"), "x = 2\n");
  CHECK(watcher.wait(2000) == std::vector<std::string>{dir.file("a/x.py")});
  fs::create_directory(dir.path / "b");
  write(dir.file("b/y.py"), "y = 1\n");
  auto changed = watcher.wait(2000);
  CHECK(std::find(changed.begin(), changed.end(), dir.file("b/y.py")) != changed.end());
  write(dir.file("b/y.py"), "y = 2\n");  // the new folder is watched from now on
  CHECK(watcher.wait(2000) == std::vector<std::string>{dir.file("b/y.py")});
  fs::remove(dir.file("a/x.py"));
  CHECK(watcher.wait(2000) == std::vector<std::string>{dir.file("a/x.py")});
}

TEST_CASE("a path that does not exist cannot be watched, with the reason") {
  FileWatcher watcher;
  CHECK(!watcher.add("/nonexistent/flowc/w.py"));
  CHECK(watcher.error().find("/nonexistent/flowc/w.py") != std::string::npos);
  CHECK(watcher.error().find("No such file") != std::string::npos);
}
