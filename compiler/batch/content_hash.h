// ContentHash: a 128-bit hash of bytes, for the content cache's keys and its
// entries' checksums (compiler/batch/compile_cache.h).
//
// Not cryptographic: the cache lives in the user's own project, where anyone
// who could plant a colliding file could as well write the cache entry. What
// it must be is fast (a warm run hashes every input) and well mixed, so an
// accidental collision between two versions of a file is out of the question
// (2^-64 for a pair even if only one lane held). Two 64-bit lanes of
// multiply-rotate mixing over 8-byte words, each with its own seed and
// constants, cross-mixed at the end (the murmur3/splitmix64 finalisers).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace flowc {

class ContentHash {
 public:
  // Adds bytes. Fields of a key are added with add_field(), which prefixes the
  // length, so ("ab","c") and ("a","bc") hash differently.
  void add(std::string_view bytes);
  void add_field(std::string_view field);
  void add_u64(uint64_t v);

  // 32 lowercase hex digits. The object can still be added to afterwards.
  std::string hex() const;

 private:
  void mix_word(uint64_t w);
  uint64_t a_ = 0x9E3779B97F4A7C15ull;
  uint64_t b_ = 0xC2B2AE3D27D4EB4Full;
  uint64_t length_ = 0;
  uint64_t tail_ = 0;  // bytes not yet making a whole word
  unsigned tail_bytes_ = 0;
};

// The hash of one string, in hex.
std::string content_hash(std::string_view bytes);

}  // namespace flowc
