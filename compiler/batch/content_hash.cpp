#include "batch/content_hash.h"

#include <cstring>

namespace flowc {

namespace {

inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// murmur3's 64-bit finaliser: every input bit reaches every output bit.
inline uint64_t fmix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xFF51AFD7ED558CCDull;
  k ^= k >> 33;
  k *= 0xC4CEB9FE1A85EC53ull;
  k ^= k >> 33;
  return k;
}

}  // namespace

void ContentHash::mix_word(uint64_t w) {
  a_ = rotl(a_ ^ (w * 0x87C37B91114253D5ull), 31) * 0x4CF5AD432745937Full + 0x52DCE729ull;
  b_ = rotl(b_ ^ (w * 0x9FB21C651E98DF25ull), 29) * 0xD6E8FEB86659FD93ull + 0x38495AB5ull;
}

void ContentHash::add(std::string_view bytes) {
  const char* p = bytes.data();
  size_t n = bytes.size();
  length_ += n;
  while (n > 0 && tail_bytes_ != 0) {  // finish the word begun by the last add()
    tail_ |= uint64_t(static_cast<unsigned char>(*p)) << (8 * tail_bytes_);
    ++p, --n;
    if (++tail_bytes_ == 8) {
      mix_word(tail_);
      tail_ = 0;
      tail_bytes_ = 0;
    }
  }
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);  // unaligned-safe; the word's value is the same on every run of this build
    mix_word(w);
  }
  for (; n > 0; ++p, --n) tail_ |= uint64_t(static_cast<unsigned char>(*p)) << (8 * tail_bytes_++);
}

void ContentHash::add_field(std::string_view field) {
  add_u64(field.size());
  add(field);
}

void ContentHash::add_u64(uint64_t v) {
  char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<char>(v >> (8 * i));
  add(std::string_view(b, 8));
}

std::string ContentHash::hex() const {
  uint64_t a = a_, b = b_;
  if (tail_bytes_) {  // the partial word, with its byte count so "\0" differs from ""
    a = rotl(a ^ ((tail_ ^ tail_bytes_) * 0x87C37B91114253D5ull), 31) * 0x4CF5AD432745937Full;
    b = rotl(b ^ ((tail_ ^ tail_bytes_) * 0x9FB21C651E98DF25ull), 29) * 0xD6E8FEB86659FD93ull;
  }
  a ^= length_;
  b ^= length_;
  a += b;
  b += a;
  a = fmix(a);
  b = fmix(b);
  a += b;
  b += a;
  static const char digits[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[15 - i] = digits[(a >> (4 * i)) & 15];
    out[31 - i] = digits[(b >> (4 * i)) & 15];
  }
  return out;
}

std::string content_hash(std::string_view bytes) {
  ContentHash h;
  h.add(bytes);
  return h.hex();
}

}  // namespace flowc
