// StatIndex: git's index for `flowc compile -o DIR/`: what each input, the
// base-class files its compile looked at, and its output file looked like
// (FileStamp) when a run last left the output up to date. A later run that
// finds every stamp the same knows the output is still what a compile would
// write, without reading the input, compiling, reading the content cache or
// touching the output: a warm run over unchanged files costs a stat() per
// file instead of a read, a hash and a cache entry each (issue 13).
//
// One file in the cache folder, per flowc version (`stat-index-<version>`),
// read once at the start of a run and written once at its end, only if the
// run changed a record: through a temporary file and a rename (a reader sees
// a whole index or the old one), with a trailing checksum (a truncated,
// corrupt or foreign file is ignored: an empty index, never trusted).
//
// A record's key covers everything that decides the output besides the
// files it stamps: the input's absolute path, every compile option (the
// content cache's key without the source: compile_cache.h options_key()),
// how the input was found, and the output path. Only clean results are
// recorded (ok, no diagnostic): diagnostics are printed on every run, so a
// result with any goes through the content cache each time.
//
// Records of other invocations (other files, options, outputs) are kept;
// past kMaxRecords the least recently written are dropped. Two runs at once:
// save() merges into what is on disk at that moment, this run's records
// winning; a record lost to a race only costs speed.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "batch/file_stamp.h"

namespace flowc {

struct StatRecord {
  std::string input_path;  // absolute
  FileStamp input;
  std::string input_hash;  // content_hash of the bytes read (for a reader's curiosity and debugging)
  struct Dependency {
    std::string path;  // a path the import loader probed for a base-class module
    FileStamp stamp;   // present (and the file it read) or absent
  };
  std::vector<Dependency> dependencies;
  bool has_output = true;  // false: a folder's file with no workflow class (skipped: no file written)
  std::string output_path;
  FileStamp output;         // as this run left it (after writing it, or finding it already equal)
  std::string output_hash;  // content_hash of its bytes
  int64_t written_ns = 0;   // when the record was written (the oldest are dropped first)
};

class StatIndex {
 public:
  static constexpr size_t kMaxRecords = 20000;

  // The index file of a cache folder; run_start_ns decides which stamps are racy.
  StatIndex(const std::filesystem::path& cache_dir, int64_t run_start_ns);

  // The record key (32 hex digits) for an input compiled with `options_key`
  // (how it was found in `how`) into `output_path`.
  static std::string key(std::string_view absolute_input, std::string_view options_key, std::string_view how,
                         std::string_view output_path);

  // Reads the index file (a missing, corrupt or foreign one: no records).
  void load();
  // The record of `key` if every file it stamps is as stamped now, else null.
  // `input_now`, if given, is the input's stamp taken this run (not taken again).
  const StatRecord* up_to_date(const std::string& key, const FileStamp* input_now = nullptr) const;
  // This run's record for `key` (replacing any), or its removal.
  void put(const std::string& key, StatRecord record);
  void erase(const std::string& key);
  // Writes the index if this run changed it; false (with `error`) if it cannot.
  bool save(std::string& error);

  int64_t run_start_ns() const { return run_start_ns_; }
  size_t size() const { return records_.size(); }
  const std::filesystem::path& file() const { return file_; }

  // The bytes of an index holding `records`, and their inverse (nullopt for
  // anything but one whole, intact index of this format). For tests too.
  static std::string encode(const std::unordered_map<std::string, StatRecord>& records);
  static std::optional<std::unordered_map<std::string, StatRecord>> decode(std::string_view bytes);

 private:
  std::filesystem::path dir_, file_;
  int64_t run_start_ns_;
  std::unordered_map<std::string, StatRecord> records_;
  std::unordered_map<std::string, std::optional<StatRecord>> changes_;  // this run's puts (value) and erases (nullopt)
};

}  // namespace flowc
