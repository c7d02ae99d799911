#include "run/executor/stream_capture.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace flowc::run::executor {

StreamCapture::StreamCapture(int pipe_fd, int file_fd, bool is_stderr, std::string path, std::string spill_path)
    : pipe_fd_(pipe_fd), file_fd_(file_fd), path_(std::move(path)), spill_path_(std::move(spill_path)),
      is_stderr_(is_stderr) {
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
    write_all(buffer, static_cast<size_t>(n));
    if (sink) sink(std::string_view(buffer, static_cast<size_t>(n)), is_stderr_);
  }
}

}  // namespace flowc::run::executor

namespace flowc::run::executor {

void StreamCapture::append(std::string_view text, const OutputSink& sink) {
  write_all(text.data(), text.size());
  if (sink) sink(text, is_stderr_);
}

bool StreamCapture::write_all(const char* data, size_t size) {
  for (size_t done = 0; done < size && file_fd_ >= 0;) {
    ssize_t w = write(file_fd_, data + done, size - done);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0 && errno == ENOSPC && spill()) continue;
    if (w <= 0) {  // a full disk: keep reading (the process must not block), stop writing
      error_ = std::string("cannot write the captured output: ") + strerror(w < 0 ? errno : ENOSPC);
      close(file_fd_);
      file_fd_ = -1;
      return false;
    }
    done += static_cast<size_t>(w);
  }
  return file_fd_ >= 0;
}

// The node scratch is full: what was captured so far is copied to the spill
// file on disk, which takes the rest; the scratch's copy is removed (that is
// what frees the scratch for the other nodes).
bool StreamCapture::spill() {
  if (spill_path_.empty()) return false;
  const std::string to = std::move(spill_path_);
  spill_path_.clear();
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(to).parent_path(), ec);
  int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int in = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  bool ok = out >= 0 && in >= 0;
  struct stat st;
  if (ok && fstat(in, &st) == 0) {
    for (off_t left = st.st_size; ok && left > 0;) {
      ssize_t n = sendfile(out, in, nullptr, static_cast<size_t>(left));
      if (n < 0 && errno == EINTR) continue;
      ok = n > 0;
      left -= n;
    }
  }
  if (in >= 0) close(in);
  if (!ok) {
    if (out >= 0) close(out);
    return false;
  }
  close(file_fd_);
  unlink(path_.c_str());
  file_fd_ = out;
  path_ = to;
  return true;
}

}  // namespace flowc::run::executor
