#include "cli/watch_loop.h"

#include <filesystem>
#include <set>

#include "cli/cli_app.h"
#include "cli/file_io.h"
#include "watch/file_watcher.h"

namespace flowc::cli {

std::string watch_key(const std::string& path) {
  std::string key = std::filesystem::path(path).lexically_normal().string();
  while (key.size() > 1 && key.back() == '/') key.pop_back();
  return key;
}

int watch_loop(const std::vector<std::string>& roots, bool quiet, const CompileRound& round) {
  FileWatcher watcher;
  for (auto& r : roots)
    if (!watcher.add(r)) {
      emit(stderr, "flowc: error: " + printable(watcher.error()) + "\n");
      return kExitUsage;
    }
  std::set<std::string> watched;
  std::vector<std::string> changed;
  for (;;) {
    std::vector<std::string> read;
    int code = round(changed, read);
    // Imported base classes outside the watched folders are watched too.
    for (auto& f : read)
      if (watched.insert(watch_key(f)).second) watcher.add(f);
    if (!quiet) {
      const char* state = code == kExitOk ? "ok" : code == kExitFailed ? "errors" : "failed";
      emit(stderr, std::string("flowc: compiled (") + state + "); watching for changes (Ctrl-C stops)\n");
    }
    changed = watcher.wait(-1);
    std::string names;
    for (auto& c : changed) names += (names.empty() ? "" : ", ") + shown(c);
    if (!quiet) emit(stderr, "flowc: " + names + " changed\n");
  }
}

}  // namespace flowc::cli
