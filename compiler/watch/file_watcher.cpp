#include "watch/file_watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

namespace flowc {

namespace {

constexpr uint32_t kFileEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE;
constexpr uint32_t kFolderEvents = kFileEvents | IN_CREATE;

std::string parent_of(const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

std::string join(const std::string& folder, const char* name) {
  return folder == "." ? std::string(name) : folder + "/" + name;
}

}  // namespace

FileWatcher::FileWatcher() : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
  if (fd_ < 0) error_ = std::string("cannot watch files: ") + std::strerror(errno);
}

FileWatcher::~FileWatcher() {
  if (fd_ >= 0) close(fd_);
}

bool FileWatcher::watch_folder(const std::string& folder, bool recursive) {
  int wd = inotify_add_watch(fd_, folder.c_str(), kFolderEvents | IN_ONLYDIR);
  if (wd < 0) {
    error_ = "cannot watch " + folder + ": " + std::strerror(errno);
    return false;
  }
  folders_[wd] = folder;
  if (!recursive) return true;
  recursive_.insert(wd);
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(folder, ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec)) {
    // Symbolic links to folders are not followed (a link to an ancestor would never end).
    if (it->is_directory(ec) && !it->is_symlink(ec) && !watch_folder(join(folder, it->path().filename().c_str()), true))
      return false;
  }
  return true;
}

bool FileWatcher::add(const std::string& path) {
  if (fd_ < 0) return false;
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    error_ = "cannot watch " + path + ": " + std::strerror(errno);
    return false;
  }
  if (S_ISDIR(st.st_mode)) return watch_folder(path, true);
  // Kept as the events will name it (folder + "/" + name), so "./w.py" and "w.py" are one file.
  std::string folder = parent_of(path);
  files_.insert(join(folder, std::filesystem::path(path).filename().c_str()));
  return watch_folder(folder, false);
}

bool FileWatcher::drain(std::set<std::string>& changed) {
  alignas(inotify_event) char buffer[64 * 1024];
  bool any = false;
  for (;;) {
    ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n <= 0) return any;  // EAGAIN: nothing more for now
    for (char* p = buffer; p < buffer + n;) {
      auto* e = reinterpret_cast<inotify_event*>(p);
      p += sizeof(inotify_event) + e->len;
      auto folder = folders_.find(e->wd);
      if (folder == folders_.end() || e->len == 0) continue;
      std::string path = join(folder->second, e->name);
      bool whole = recursive_.count(e->wd) > 0;
      if (e->mask & IN_ISDIR) {
        // A folder created (or moved) inside a watched tree: watch it too,
        // and take the files already in it as changed.
        if (whole && (e->mask & (IN_CREATE | IN_MOVED_TO))) {
          watch_folder(path, true);
          std::error_code ec;
          for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
               !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
            if (it->is_regular_file(ec)) changed.insert(it->path().string());
          any = true;
        }
        continue;
      }
      if ((e->mask & kFileEvents) == 0) continue;  // IN_CREATE of a file: its IN_CLOSE_WRITE follows
      if (whole || files_.count(path)) {
        changed.insert(path);
        any = true;
      }
    }
  }
}

std::vector<std::string> FileWatcher::wait(int timeout_ms, int settle_ms) {
  std::set<std::string> changed;
  if (fd_ < 0) return {};
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  // Until something we watch changes (events on other files of a folder do not count).
  while (changed.empty()) {
    int left = -1;
    if (timeout_ms >= 0) {
      left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
      if (left <= 0) return {};
    }
    pollfd p{fd_, POLLIN, 0};
    int r = poll(&p, 1, left);
    if (r < 0 && errno != EINTR) return {};
    if (r > 0) drain(changed);
  }
  // Then what follows within settle_ms belongs to the same save.
  for (;;) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, settle_ms) <= 0) break;
    drain(changed);
  }
  return {changed.begin(), changed.end()};
}

}  // namespace flowc
