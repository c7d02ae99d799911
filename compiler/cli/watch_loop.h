// flowc compile --watch: compile, then compile again each time a file the
// compile read changes (watch/file_watcher.h: inotify), until interrupted.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace flowc::cli {

// One compile. `changed`: the files that changed since the last one (empty
// the first time: compile everything). Adds to `read` the files it read
// (inputs, imported base classes), which are watched from then on. Returns
// the exit code a plain compile would.
using CompileRound = std::function<int(const std::vector<std::string>& changed, std::vector<std::string>& read)>;

// Watches `roots` (the FILE arguments: files and folders) and runs `round`
// first and after each change, printing a line per round to standard error
// ("flowc: compiled ...; watching for changes") unless `quiet`. Returns only
// if the roots cannot be watched (exit code 2); Ctrl-C ends the process.
int watch_loop(const std::vector<std::string>& roots, bool quiet, const CompileRound& round);

// A path as the watcher and the inputs both name it ("./a//w.py" -> "a/w.py").
std::string watch_key(const std::string& path);

}  // namespace flowc::cli
