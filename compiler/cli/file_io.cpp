#include "cli/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "diag/diagnostic.h"
#include "driver/compile.h"

namespace flowc::cli {

namespace {

// Reads fd to its end, refusing past the limit (a pipe, a device, a file that
// grows while read is read up to the limit plus one byte).
ReadResult read_fd(int fd) {
  ReadResult r;
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > kMaxSourceBytes) {
    r.status = ReadResult::Status::TooLarge;
    r.size = static_cast<uint64_t>(st.st_size);
    return r;
  }
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) r.data.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  while (r.data.size() <= kMaxSourceBytes) {
    size_t want = std::min(sizeof buf, kMaxSourceBytes + 1 - r.data.size());
    ssize_t n = ::read(fd, buf, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.status = ReadResult::Status::Error;
      r.error = errno;
      r.data.clear();
      return r;
    }
    if (n == 0) break;
    r.data.append(buf, static_cast<size_t>(n));
  }
  if (r.data.size() > kMaxSourceBytes) {
    r.status = ReadResult::Status::TooLarge;
    r.data.clear();
  }
  return r;
}

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string parent_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// A non-regular target (/dev/stdout, a FIFO, a terminal): written through.
int write_through(const std::string& path, std::string_view text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return errno;
  int err = write_all(fd, text) ? 0 : errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  return err;
}

// A regular file, or none: a temporary beside it, then a rename, so a reader
// never sees half a file and an error leaves the old one as it was.
int replace_atomically(const std::string& path, std::string_view text) {
  mode_t mode;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    mode = st.st_mode & 07777;  // keep the mode of the file it replaces
  } else {
    mode_t umask_now = ::umask(0);
    ::umask(umask_now);
    mode = 0666 & ~umask_now;  // the mode a plain open() would give
  }
  std::string tmp = parent_of(path) + "/.flowc-XXXXXX";
  std::vector<char> name(tmp.begin(), tmp.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) return errno;
  tmp.assign(name.data());
  int err = 0;
  if (::fchmod(fd, mode) != 0 || !write_all(fd, text)) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) ::unlink(tmp.c_str());
  return err;
}

// /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: the process's own
// descriptor N, written as it is. Opening the path again would start a new
// file description: at offset 0 of a file opened for appending (`>> all.yaml`),
// or truncating it; replacing it would swap the file the shell opened.
int own_descriptor(const std::string& path) {
  if (path == "/dev/stdout") return STDOUT_FILENO;
  if (path == "/dev/stderr") return STDERR_FILENO;
  for (const char* prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    std::string_view p(prefix);
    if (path.compare(0, p.size(), p) != 0) continue;
    std::string n = path.substr(p.size());
    if (n.empty() || n.size() > 6 || n.find_first_not_of("0123456789") != std::string::npos) return -1;
    return std::stoi(n);
  }
  return -1;
}

}  // namespace

ReadResult read_input(const std::string& path) {
  if (path == "-") return read_fd(STDIN_FILENO);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    ReadResult r;
    r.status = ReadResult::Status::Error;
    r.error = errno;
    return r;
  }
  ReadResult r = read_fd(fd);
  ::close(fd);
  return r;
}

std::string too_large_message(const std::optional<uint64_t>& size) {
  std::string most = std::to_string(kMaxSourceBytes) + " bytes (64 MiB)";
  if (!size) return "the stream holds more than " + most + ", the most flowc reads; reading stopped there";
  return "source is " + std::to_string(*size) + " bytes; flowc reads at most " + most;
}

int write_output(const std::string& path, std::string_view text) {
  if (int fd = own_descriptor(path); fd >= 0) {
    if (fd == STDOUT_FILENO) std::fflush(stdout);
    return write_all(fd, text) ? 0 : errno;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) return EISDIR;
    return write_through(path, text);
  }
  struct stat lst {};
  if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
    // A link to a regular file: replace the file, keep the link.
    char real[PATH_MAX];
    if (::realpath(path.c_str(), real) == nullptr) return write_through(path, text);
    return replace_atomically(real, text);
  }
  return replace_atomically(path, text);
}

std::string write_error(const std::string& path, int error) {
  return "cannot write " + shown(path) + ": " + std::strerror(error);
}

std::optional<std::string> read_existing(const std::string& path) {
  if (own_descriptor(path) >= 0) return std::nullopt;  // a stream: always written
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  ReadResult r = read_input(path);
  if (r.status != ReadResult::Status::Ok) return std::nullopt;
  return std::move(r.data);
}

void emit(std::FILE* stream, std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stream);
  std::fflush(stream);
}

std::string shown(std::string_view path) { return printable(path); }

std::string stem(std::string_view path) {
  auto slash = path.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  // os.path.splitext: the last dot, unless everything before it is dots.
  auto dot = base.find_last_of('.');
  if (dot == std::string_view::npos || base.find_first_not_of('.') >= dot) return std::string(base);
  return std::string(base.substr(0, dot));
}

}  // namespace flowc::cli
