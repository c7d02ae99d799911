#include "run/executor/stream_capture.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

namespace flowc::run::executor {

StreamCapture::StreamCapture(int pipe_fd, int file_fd, bool is_stderr)
    : pipe_fd_(pipe_fd), file_fd_(file_fd), is_stderr_(is_stderr) {
  if (pipe_fd_ >= 0) fcntl(pipe_fd_, F_SETFL, fcntl(pipe_fd_, F_GETFL) | O_NONBLOCK);
}

StreamCapture::~StreamCapture() {
  if (pipe_fd_ >= 0) close(pipe_fd_);
  if (file_fd_ >= 0) close(file_fd_);
}

void StreamCapture::pump(const OutputSink& sink) {
  char buffer[65536];
  // A bounded number of reads per call, so one chatty stream cannot starve
  // the other or the deadline check.
  for (int round = 0; round < 16 && pipe_fd_ >= 0; ++round) {
    ssize_t n = read(pipe_fd_, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) return;
      n = 0;  // any other error ends the stream as end of file would
    }
    if (n == 0) {
      close(pipe_fd_);
      pipe_fd_ = -1;
      return;
    }
    for (ssize_t done = 0; done < n && file_fd_ >= 0;) {
      ssize_t w = write(file_fd_, buffer + done, n - done);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {  // a full disk: keep reading (the process must not block), stop writing
        error_ = std::string("cannot write the captured output: ") + strerror(w < 0 ? errno : ENOSPC);
        close(file_fd_);
        file_fd_ = -1;
        break;
      }
      done += w;
    }
    if (sink) sink(std::string_view(buffer, static_cast<size_t>(n)), is_stderr_);
  }
}

}  // namespace flowc::run::executor

namespace flowc::run::executor {

void StreamCapture::append(std::string_view text, const OutputSink& sink) {
  if (file_fd_ >= 0 && write(file_fd_, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
    error_ = std::string("cannot write the captured output: ") + strerror(errno);
  if (sink) sink(text, is_stderr_);
}

}  // namespace flowc::run::executor
