// Reading inputs and writing outputs for the flowc command line.
//
// Reading is bounded: nothing larger than the core accepts (kMaxSourceBytes,
// 64 MiB) is held in memory, so `flowc compile /dev/zero` stops there.
// Writing never leaves half a file: a regular file (or a missing one) is
// replaced through a temporary file and a rename, keeping the old file's
// mode; a target that is not a regular file (/dev/stdout, a FIFO, a terminal)
// is written through instead of being replaced by a regular file.
#pragma once
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace flowc::cli {

struct ReadResult {
  enum class Status { Ok, Error, TooLarge };
  Status status = Status::Ok;
  std::string data;
  int error = 0;                      // errno, for Status::Error
  std::optional<uint64_t> size;       // for Status::TooLarge: the size, if known (a regular file)
};

// The bytes of `path` ("-": standard input).
ReadResult read_input(const std::string& path);

// The message for ReadResult::Status::TooLarge (the core's E0006 wording).
std::string too_large_message(const std::optional<uint64_t>& size);

// Writes `text` to `path`; 0 on success, else the errno. Errors name `path`,
// never the temporary file (the caller words them with write_error()).
int write_output(const std::string& path, std::string_view text);

// "cannot write PATH: reason" with PATH shown printable.
std::string write_error(const std::string& path, int error);

// The current bytes of an output file, or nullopt if it does not exist or
// cannot be read as a regular file (for --check: "would change").
std::optional<std::string> read_existing(const std::string& path);

// Writes bytes to a stream as they are (no locale conversion) and flushes.
void emit(std::FILE* stream, std::string_view text);

// A path as messages show it: control characters and bytes that are not
// UTF-8 escaped, as the core escapes what it quotes.
std::string shown(std::string_view path);

// Python's os.path.splitext(basename)[0]-style stem of a path's last
// component ("a/w.py" -> "w", ".hidden" -> ".hidden").
std::string stem(std::string_view path);

}  // namespace flowc::cli
