// Whole-file reads and atomic writes for the cache folder's files (content
// cache entries, the stat index): a file is written to a temporary name in
// its folder and renamed over the final one, so a reader, in this process or
// another, sees the old file or the new one, never half of one.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace flowc {

// The bytes of `path`, or nullopt if it cannot be read.
std::optional<std::string> read_whole_file(const std::filesystem::path& path);

// Writes `bytes` to `path` through a temporary file and a rename; false (and
// `error` says why) if it could not, leaving no temporary file behind.
bool write_file_atomic(const std::filesystem::path& path, const std::string& bytes, std::string& error);

}  // namespace flowc
