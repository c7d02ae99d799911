// `flowc compile --watch`: waits for files to change, with Linux's inotify.
// A file is watched through its folder, so an editor that saves by writing a
// new file and renaming it over the old one is seen as well as one that
// writes in place; a folder is watched with every folder under it, including
// those created later.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

namespace flowc {

class FileWatcher {
 public:
  FileWatcher();
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  // Watches `path`: a file, or a folder and everything under it. False, with
  // error() saying why, if it cannot be watched (missing, no permission, the
  // system's limit of watches).
  bool add(const std::string& path);
  // Blocks until something changes under a watched path or `timeout_ms`
  // passes (-1: no limit), then keeps collecting for `settle_ms` so one save
  // (write, rename, touch) is one change. Returns the files written, created,
  // renamed or deleted, sorted and each once; empty on timeout. A file is
  // named by its folder as given and its name ("./w.py" -> "w.py").
  std::vector<std::string> wait(int timeout_ms, int settle_ms = 100);
  const std::string& error() const { return error_; }

 private:
  bool watch_folder(const std::string& folder, bool recursive);
  // Reads the pending events into `changed`; false if there were none.
  bool drain(std::set<std::string>& changed);

  int fd_ = -1;
  std::map<int, std::string> folders_;  // watch descriptor -> folder
  std::set<int> recursive_;             // descriptors whose whole folder is watched
  std::set<std::string> files_;         // files watched alone, through their folder
  std::string error_;
};

}  // namespace flowc
