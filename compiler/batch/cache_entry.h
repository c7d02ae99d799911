// CacheEntry: one compile's result as the content cache stores it on disk, and
// what it depends on besides the compiled source (the base-class files the
// import loader looked at). encode_entry() and decode_entry() are inverse;
// decode_entry() refuses anything that is not a whole, intact entry of this
// format (a trailing checksum over every byte), so a truncated, corrupt or
// foreign file is a cache miss, never a wrong result or a crash.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "driver/compile.h"

namespace flowc {

// A path the import loader looked at, and what it found there.
struct CacheDependency {
  enum class State { Absent, Present, Read };
  std::string path;
  State state = State::Absent;
  uint64_t size = 0;  // Present: the file's size (the loader refuses files over 64 MiB unread)
  std::string hash;   // Read: content_hash() of the text the compile read (after normalize_source)
};

struct CacheEntry {
  std::string key;  // the key's whole text (compile_cache.cpp); checked on decode against a hash collision
  std::vector<CacheDependency> dependencies;
  // The result, without `file` (the cache rebuilds it from the source it was
  // asked about). imported_files are stored whole: diagnostics may point into them.
  CompileResult result;
};

// Bytes of an entry; nullopt if the result cannot be stored faithfully
// (a diagnostic pointing into a file the result does not hold).
std::optional<std::string> encode_entry(const CacheEntry& entry);

// The entry, or nullopt if `bytes` are not exactly one intact entry. Without
// `with_documents`, result.documents is left empty (the texts are there).
std::optional<CacheEntry> decode_entry(std::string_view bytes, bool with_documents = true);

}  // namespace flowc
