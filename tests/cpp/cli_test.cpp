// The native command line's parts (compiler/cli): globs, paths, collisions,
// the unified diff, [tool.flowc], the folder walk, atomic writes.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "temp_dir.h"
#include "cli/file_io.h"
#include "cli/inputs.h"
#include "cli/outputs.h"
#include "cli/project.h"
#include "cli/unified_diff.h"

namespace fs = std::filesystem;
using namespace flowc::cli;

namespace {

using flowc::testing::TempDir;

}  // namespace

TEST_CASE("globs: a name at any depth, or a path below the folder") {
  CHECK(glob_matches("*.py", "a/b/w.py"));
  CHECK_FALSE(glob_matches("*.py", "a/w.yaml"));
  CHECK(glob_matches("build", "x/build"));
  CHECK(glob_matches("build/", "build"));
  CHECK(glob_matches("legacy/*", "legacy/old/w.py"));  // '*' crosses '/'
  CHECK(glob_matches("./legacy/*", "legacy/w.py"));
  CHECK_FALSE(glob_matches("legacy/*", "src/legacy/w.py"));
}

TEST_CASE("stems and paths as Python's os.path gives them") {
  CHECK(stem("a/w.py") == "w");
  CHECK(stem("w.tar.py") == "w.tar");
  CHECK(stem(".hidden") == ".hidden");
  CHECK(stem("noext") == "noext");
  CHECK(join_path("out/", "a/w.yaml") == "out/a/w.yaml");
  CHECK(join_path("out", "w.yaml") == "out/w.yaml");
  CHECK(join_path("", "w.yaml") == "w.yaml");
  CHECK(folder_of("a/b/w.py") == "a/b");
  CHECK(folder_of("w.py") == "");
}

TEST_CASE("two outputs on one path are a collision, however the path is spelled") {
  CHECK(find_collision({{"out/a/w.yaml", "x", "a/w.py"}, {"out/b/w.yaml", "y", "b/w.py"}}).empty());
  std::string clash = find_collision({{"out/w.yaml", "x", "a/w.py"}, {"out/./w.yaml", "y", "b/w.py"}});
  CHECK(clash.find("a/w.py and b/w.py would both be written to out/./w.yaml") == 0);
}

TEST_CASE("the unified diff: hunks with context, a new file against /dev/null") {
  CHECK(unified_diff("a\nb\n", "a\nb\n", "w.yaml", true).empty());
  std::string d = unified_diff("1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nfive\n6\n7\n8\n", "w.yaml", true);
  CHECK(d == "--- a/w.yaml\n+++ b/w.yaml\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
  CHECK(unified_diff("", "x\n", "n.yaml", false) == "--- /dev/null\n+++ b/n.yaml\n@@ -0,0 +1 @@\n+x\n");
  std::string nl = unified_diff("x", "x\n", "w.yaml", true);
  CHECK(nl.find("\\ No newline at end of file") != std::string::npos);
}

TEST_CASE("[tool.flowc]: the nearest project with the table, its settings, its errors") {
  TempDir t;
  t.write("pyproject.toml", "[tool.flowc]\nargo-version = \"3.5\"\nformat = \"json\"\ninclude = [\"*.wf\"]\n");
  t.write("vendored/pyproject.toml", "[project]\nname = \"v\"\n");  // no table: does not hide the project
  t.write("bad/pyproject.toml", "[tool.flowc]\ntarget = \"k8s\"\n");
  t.write("broken/pyproject.toml", "[tool.flowc\n");
  ProjectFinder finder;
  ProjectLookup p = finder.for_file((t.path / "vendored" / "w.py").string());
  REQUIRE(p.ok());
  CHECK(p.settings.path == (t.path / "pyproject.toml").string());
  CHECK(p.settings.argo_version == "3.5");
  CHECK(p.settings.format == "json");
  CHECK(p.settings.include == std::vector<std::string>{"*.wf"});
  CHECK_FALSE(p.settings.target);
  std::string error;
  CHECK(argo_version_for(finder, (t.path / "w.py").string(), "", error) == "3.5");
  CHECK(argo_version_for(finder, (t.path / "w.py").string(), "4.0", error) == "4.0");  // the command line wins
  CHECK(argo_version_for(finder, "-", "", error).empty());
  CHECK(error.empty());
  CHECK(finder.for_file((t.path / "bad" / "w.py").string()).error.find("target = 'k8s' is not one of argo, peak") !=
        std::string::npos);
  CHECK(finder.for_file((t.path / "broken" / "w.py").string()).error.find(": error: cannot read it: ") !=
        std::string::npos);
}

TEST_CASE("a folder is walked sorted, with includes, excludes and built-in excludes") {
  TempDir t;
  t.write("src/b/w.py", "");
  t.write("src/a/w.py", "");
  t.write("src/a/x.yaml", "");
  t.write("src/.venv/v.py", "");
  t.write("src/legacy/old.py", "");
  InputOptions o;
  o.exclude = {"legacy"};
  o.respect_gitignore = false;
  std::string root = (t.path / "src").string();
  InputList l = collect_inputs({root, "-", (t.path / "src/a/x.yaml").string()}, o);
  REQUIRE(l.inputs.size() == 4);
  CHECK(l.inputs[0].relative == "a/w.py");
  CHECK(l.inputs[0].from_folder);
  CHECK(l.inputs[1].relative == "b/w.py");
  CHECK(l.inputs[2].is_stdin);
  CHECK(l.inputs[2].name == "<stdin>");
  CHECK(l.inputs[3].relative == "x.yaml");  // given by name: taken, whatever the patterns
  CHECK_FALSE(l.inputs[3].from_folder);
  o.include = {"nothing"};
  CHECK(collect_inputs({root}, o).empty_folders == std::vector<std::string>{root});
}

TEST_CASE("writes replace atomically, keep the mode, and write through non-regular files") {
  TempDir t;
  std::string p = (t.path / "w.yaml").string();
  CHECK(write_output(p, "one\n") == 0);
  ::chmod(p.c_str(), 0640);
  CHECK(write_output(p, "two\n") == 0);
  CHECK(read_existing(p) == "two\n");
  struct stat st {};
  ::stat(p.c_str(), &st);
  CHECK((st.st_mode & 07777) == 0640);
  CHECK(write_output((t.path / "missing" / "w.yaml").string(), "x") == ENOENT);
  CHECK(write_output("/dev/null", "through\n") == 0);
  CHECK(fs::is_character_file("/dev/null"));
  CHECK(std::distance(fs::directory_iterator(t.path), fs::directory_iterator()) == 1);  // no temporary left
}

TEST_CASE("reading is bounded") {
  ReadResult r = read_input("/dev/zero");
  CHECK(r.status == ReadResult::Status::TooLarge);
  CHECK(r.data.empty());
  // A stream's size is not known: say that reading stopped, not how large it is.
  CHECK(too_large_message(std::nullopt) ==
        "the stream holds more than 67108864 bytes (64 MiB), the most flowc reads; reading stopped there");
  CHECK(too_large_message(70000000) == "source is 70000000 bytes; flowc reads at most 67108864 bytes (64 MiB)");
  CHECK(read_input("/nonexistent/x").error == ENOENT);
}

TEST_CASE("absolute_path: os.path.abspath, quick for paths already normal, std::filesystem's for the rest") {
  using flowc::cli::absolute_path;
  std::string cwd = std::filesystem::current_path().string();
  CHECK(absolute_path("/a/b/c.py") == "/a/b/c.py");
  CHECK(absolute_path("/a/b/") == "/a/b");
  CHECK(absolute_path("/") == "/");
  CHECK(absolute_path("/a/./b/../c") == "/a/c");
  CHECK(absolute_path("/a//b") == "/a/b");
  CHECK(absolute_path("/a/.hidden/..x/b.") == "/a/.hidden/..x/b.");
  CHECK(absolute_path("/a/b/..") == "/a");
  CHECK(absolute_path("w.py") == (cwd == "/" ? "/w.py" : cwd + "/w.py"));
  CHECK(absolute_path(".") == cwd);
  CHECK(absolute_path("") == cwd);
}
