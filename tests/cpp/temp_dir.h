// TempDir: a fresh folder under the system's temporary folder for one test,
// removed with everything in it when the test's scope ends.
#pragma once
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace flowc::testing {

struct TempDir {
  std::filesystem::path path;

  explicit TempDir(const std::string& prefix = "flowc-test") {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    path = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // The path of `relative` in the folder.
  std::string file(const std::string& relative) const { return (path / relative).string(); }
  // Writes `text`, byte for byte, to `relative`, creating the folders on the way.
  void write(const std::string& relative, const std::string& text) const {
    std::filesystem::create_directories((path / relative).parent_path());
    std::ofstream(path / relative, std::ios::binary) << text;
  }
};

}  // namespace flowc::testing
