// A process's standard output or error: read from its pipe as it arrives,
// written to a file in the node's folder and passed to the live sink (for
// `flowc run --logs`). Reading as it arrives is what keeps a process that
// writes more than a pipe holds (64 KiB) from blocking forever.
#pragma once

#include <string>

#include "run/executor.h"

namespace flowc::run::executor {

class StreamCapture {
 public:
  // Takes ownership of `pipe_fd` (non-blocking is set here) and `file_fd`,
  // the file at `path`. With a `spill_path`, a file full for its filesystem
  // (the run's node scratch, a bounded tmpfs: node_scratch.h) moves there
  // (a file on disk) and the capture goes on; path() then names it.
  StreamCapture(int pipe_fd, int file_fd, bool is_stderr, std::string path = "", std::string spill_path = "");
  ~StreamCapture();
  StreamCapture(const StreamCapture&) = delete;
  StreamCapture& operator=(const StreamCapture&) = delete;

  int fd() const { return pipe_fd_; }
  bool open() const { return pipe_fd_ >= 0; }
  // Reads what the pipe holds now; closes it at end of file.
  void pump(const OutputSink& sink);
  // Adds text of our own (a start error, as Argo's argoexec prints it).
  void append(std::string_view text, const OutputSink& sink);
  // Why the file could not be written (a full disk), or empty.
  const std::string& error() const { return error_; }
  // Where the captured stream is now.
  const std::string& path() const { return path_; }

 private:
  // Writes all of `data`, spilling to disk once if the file is full; false
  // when it could not.
  bool write_all(const char* data, size_t size);
  bool spill();
  int pipe_fd_, file_fd_;
  std::string path_, spill_path_;
  std::string error_;
  bool is_stderr_;
};

}  // namespace flowc::run::executor
