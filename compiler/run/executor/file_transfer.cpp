#include "run/executor/file_transfer.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace flowc::run::executor {
namespace {

int openat2_in_root(int dir_fd, const std::string& path, int flags) {
  struct open_how how {};
  how.flags = static_cast<uint64_t>(flags) | O_CLOEXEC;
  how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
  return static_cast<int>(syscall(SYS_openat2, dir_fd, path.empty() ? "." : path.c_str(), &how, sizeof how));
}

std::string fd_path(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

// Copies a file, a symbolic link, or a folder with everything in it; sockets,
// fifos and devices are not data and are skipped (as a tar of the folder
// would carry them, Argo's artifact archive does not restore them either).
// `follow`: the top is followed when it is a link (/proc/self/fd/N is one).
void copy_tree(const fs::path& from, const fs::path& to, std::error_code& ec, bool follow = false) {
  fs::file_status st = follow ? fs::status(from, ec) : fs::symlink_status(from, ec);
  if (ec) return;
  if (fs::is_symlink(st)) {
    fs::copy_symlink(from, to, ec);
  } else if (fs::is_regular_file(st)) {
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  } else if (fs::is_directory(st)) {
    fs::create_directories(to, ec);
    if (ec) return;
    for (fs::directory_iterator it(from, ec), end; !ec && it != end; it.increment(ec)) {
      copy_tree(it->path(), to / it->path().filename(), ec);
      if (ec) return;
    }
  }
}

// The emissary saves an output parameter with os.Open and io.Copy
// (cmd/argoexec/commands/emissary.go saveParameter): a device is read until
// it ends (/dev/null gives ''), a FIFO's open waits for a writer. flowc
// reads a device the same way but bounded, and refuses a FIFO or socket
// (Argo's pod would hang until its deadline), rather than give '' for it.
constexpr size_t kSpecialFileLimit = 1 << 20;

std::string copy_special(int path_fd, const struct stat& st, const std::string& container_path,
                         const std::string& host_path) {
  if (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode))
    return "the output " + container_path + " is a " + (S_ISFIFO(st.st_mode) ? "FIFO" : "socket") +
           ": Argo's executor opens and copies it (emissary.go saveParameter), which waits for a writer that is "
           "gone; flowc run does not wait";
  Fd in{open(fd_path(path_fd).c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (in.fd < 0) return "cannot open the output " + container_path + ": " + strerror(errno);
  std::string data;
  char buf[65536];
  for (;;) {
    ssize_t n = read(in.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return "cannot read the output " + container_path + ": " + strerror(errno);
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
    if (data.size() > kSpecialFileLimit)
      return "the output " + container_path + " is a device that did not end within " +
             std::to_string(kSpecialFileLimit) + " bytes: Argo's executor copies it until it ends " +
             "(emissary.go saveParameter io.Copy), which for this device is never";
  }
  Fd out{open(host_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
  if (out.fd < 0 || write(out.fd, data.data(), data.size()) != static_cast<ssize_t>(data.size()))
    return "cannot write " + host_path + ": " + strerror(errno);
  return "";
}

}  // namespace

std::string view_relative(const std::string& container_path) {
  if (container_path.empty() || container_path[0] != '/') return "!";
  std::string rel = fs::path(container_path).lexically_normal().relative_path().string();
  while (!rel.empty() && rel.back() == '/') rel.pop_back();
  return rel;
}

ViewAccess::ViewAccess(const std::string& view_root) {
  root_fd_ = open(view_root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (root_fd_ < 0) error_ = "cannot open the node's view " + view_root + ": " + strerror(errno);
}

ViewAccess::~ViewAccess() {
  if (root_fd_ >= 0) close(root_fd_);
}

// Opens `relative` inside the view; with `create_folders`, the missing
// folders of the path are made on the way (each resolved in the view).
int ViewAccess::open_in_view(const std::string& relative, int flags, bool create_folders) {
  int fd = openat2_in_root(root_fd_, relative, flags);
  if (fd >= 0 || errno != ENOENT || !create_folders) return fd;
  fs::path so_far;
  for (const fs::path& part : fs::path(relative)) {
    fs::path next = so_far / part;
    int probe = openat2_in_root(root_fd_, next.string(), O_PATH | O_DIRECTORY);
    if (probe < 0) {
      if (errno != ENOENT) return -1;
      Fd parent{openat2_in_root(root_fd_, so_far.string(), O_PATH | O_DIRECTORY)};
      if (parent.fd < 0) return -1;
      if (mkdirat(parent.fd, part.c_str(), 0755) != 0 && errno != EEXIST) return -1;
    } else {
      close(probe);
    }
    so_far = next;
  }
  return openat2_in_root(root_fd_, relative, flags);
}

// Writes `content` as the file `name` of the folder `dir_fd` (a link there
// was already removed; O_NOFOLLOW makes sure). Empty, or why not.
static std::string write_content(int dir_fd, const std::string& name, const std::string& content,
                                 const std::string& container_path) {
  Fd out{openat(dir_fd, name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644)};
  for (size_t done = 0; out.fd >= 0 && done < content.size();) {
    ssize_t n = write(out.fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return "cannot write " + container_path + " in the node's view: " + strerror(n < 0 ? errno : ENOSPC);
    done += static_cast<size_t>(n);
  }
  if (out.fd < 0) return "cannot create " + container_path + " in the node's view: " + strerror(errno);
  return "";
}

std::string ViewAccess::place(const PlacedFile& file) {
  const std::string rel = view_relative(file.container_path);
  if (rel == "!" || rel.empty()) return "the container path \"" + file.container_path + "\" is not an absolute file path";
  std::error_code ec;
  if (!file.content && !fs::exists(file.host_path, ec)) return "the input " + file.host_path + " does not exist";
  const fs::path relative(rel);
  Fd parent{open_in_view(relative.parent_path().string(), O_PATH | O_DIRECTORY, true)};
  if (parent.fd < 0)
    return "cannot create the folder of " + file.container_path + " in the node's view: " + strerror(errno);
  const std::string name = relative.filename().string();
  struct stat st;
  // A link at the destination would lead the copy elsewhere: replace it.
  if (fstatat(parent.fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
    unlinkat(parent.fd, name.c_str(), 0);
  if (file.content) return write_content(parent.fd, name, *file.content, file.container_path);
  copy_tree(file.host_path, fs::path(fd_path(parent.fd)) / name, ec, true);
  if (ec) return "cannot place " + file.host_path + " at " + file.container_path + ": " + ec.message();
  return "";
}

CollectedPath ViewAccess::collect(const std::string& container_path, const std::string& host_path,
                                  std::string& error) {
  CollectedPath out{container_path, "", false, false};
  const std::string rel = view_relative(container_path);
  if (rel == "!") {
    error = "the output path \"" + container_path + "\" is not absolute";
    return out;
  }
  Fd source{open_in_view(rel, O_PATH, false)};
  if (source.fd < 0) return out;  // missing: exists = false
  struct stat st;
  if (fstat(source.fd, &st) != 0) return out;
  std::error_code ec;
  fs::remove_all(host_path, ec);  // a re-run's leftovers
  fs::create_directories(fs::path(host_path).parent_path(), ec);
  if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    error = copy_special(source.fd, st, container_path, host_path);
    if (!error.empty()) return out;
  } else {
    copy_tree(fd_path(source.fd), host_path, ec, true);
  }
  if (ec) {
    error = "cannot copy the output " + container_path + " to " + host_path + ": " + ec.message();
    return out;
  }
  out.host_path = host_path;
  out.exists = true;
  out.is_dir = S_ISDIR(st.st_mode);
  return out;
}

}  // namespace flowc::run::executor
