// CompileCache: compile results kept on disk, keyed by content (ruff's model).
//
// Key: a hash of flowc's version and build (build_identity.h), every CompileOptions field (all of them can
// change the output or the diagnostics, the file name included: diagnostics
// print it) and the source's bytes. The entry also lists every path the
// import loader looked at for a base-class module and what it found (absent,
// present, or the hash of the text read), and a lookup checks each again: an
// edit to an imported base, or a base file appearing or disappearing, is a
// miss. Value: the whole CompileResult (cache_entry.h).
//
// Where: `.flowc_cache/` beside the nearest pyproject.toml above the current
// folder, or in the current folder (default_cache_dir), entries under a folder
// per flowc version. The folder holds a CACHEDIR.TAG (backup tools skip it)
// and a .gitignore of `*` (git ignores it), as ruff's does.
//
// Safe under concurrent runs and threads: an entry is written to a temporary
// file in the same folder and renamed over the final name (atomic on POSIX),
// so a reader sees a whole entry or none; entries carry a checksum, so a
// corrupt or truncated one (a crash, a full disk, a hand edit) is a miss and
// is replaced. A cache that cannot be written (read-only folder) only costs
// speed: store() gives up quietly and error() says why.
#pragma once
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "driver/compile.h"

namespace flowc {

// `.flowc_cache` beside the nearest pyproject.toml at or above `start`, else
// in `start` itself.
std::filesystem::path default_cache_dir(const std::filesystem::path& start);

// Every CompileOptions field and flowc's version and build as one text: the part of a
// cache key that is not the source (the stat index keys records with it too).
std::string options_key(const CompileOptions& options);

class CompileCache {
 public:
  explicit CompileCache(std::filesystem::path dir);

  // The cached result of compile(source, options), or nullopt (a miss).
  std::optional<CompileResult> lookup(const std::string& source, const CompileOptions& options) const;
  // Keeps `result` (the result of compile(source, options)) for later lookups.
  void store(const std::string& source, const CompileOptions& options, const CompileResult& result);

  // compile() through the cache: a hit, or compile and store.
  CompileResult compile(std::string source, const CompileOptions& options, bool* hit = nullptr);

  // Off: hits come back without result.documents (the texts and output are
  // there): for callers that write text only, which then skip parsing JSON.
  void set_want_documents(bool want) { want_documents_ = want; }

  const std::filesystem::path& dir() const { return dir_; }
  // The path the entry for (source, options) has (tests corrupt it).
  std::filesystem::path entry_path(const std::string& source, const CompileOptions& options) const;
  // Why the last store() failed ("" if none did).
  std::string error() const;

 private:
  bool prepare();  // creates the folders, tag and .gitignore once
  std::filesystem::path dir_;
  std::filesystem::path entries_;  // dir_/<version>
  mutable std::mutex mu_;          // guards prepared_ and error_
  bool prepared_ = false;
  bool want_documents_ = true;
  std::string error_;
};

}  // namespace flowc
