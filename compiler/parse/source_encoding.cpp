#include "parse/source_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstdio>
#include <vector>

namespace flowc {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\014'; }
bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// tokenizer.c get_normal_name: utf-8 and latin-1 under their usual spellings.
std::string normal_name(const std::string& s) {
  std::string buf;
  for (size_t i = 0; i < s.size() && i < 12; ++i)
    buf += s[i] == '_' ? '-' : static_cast<char>(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
  auto starts = [&](const char* p) { return buf.rfind(p, 0) == 0; };
  if (buf == "utf-8" || starts("utf-8-")) return "utf-8";
  if (buf == "latin-1" || buf == "iso-8859-1" || buf == "iso-latin-1" || starts("latin-1-") || starts("iso-8859-1-") ||
      starts("iso-latin-1-"))
    return "iso-8859-1";
  return s;
}

// tokenizer.c get_coding_spec: the codec named in a comment that is the only
// thing on the line ("" if none). `line` excludes the newline.
std::string coding_spec(std::string_view line, bool& only_comment) {
  size_t i = 0;
  while (i < line.size() && is_blank(line[i])) ++i;
  only_comment = i == line.size() || line[i] == '#';
  if (i == line.size() || line[i] != '#') return "";
  // CPython looks for "coding" followed by ':' or '=' in the first size-6 bytes.
  for (size_t at = line.find("coding", i); at != std::string_view::npos; at = line.find("coding", at + 1)) {
    if (at + 6 >= line.size() + 0 || (line[at + 6] != ':' && line[at + 6] != '=')) continue;
    size_t t = at + 7;
    while (t < line.size() && (line[t] == ' ' || line[t] == '\t')) ++t;
    size_t begin = t;
    while (t < line.size() && (is_alnum(line[t]) || line[t] == '-' || line[t] == '_' || line[t] == '.')) ++t;
    if (t > begin) return normal_name(std::string(line.substr(begin, t - begin)));
  }
  return "";
}

// encodings.normalize_encoding, lower-cased as codecs.lookup does.
std::string python_codec_key(const std::string& name) {
  std::string out;
  bool punct = false;
  for (char c : name) {
    if (is_alnum(c) || c == '.') {
      if (punct && !out.empty()) out += '_';
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      punct = false;
    } else {
      punct = true;
    }
  }
  return out;
}

bool is_utf8_alias(const std::string& key) {
  return key == "utf_8" || key == "utf8" || key == "u8" || key == "utf" || key == "utf8_ucs2" || key == "utf8_ucs4" ||
         key == "cp65001";
}

// Python codecs that exist but turn bytes into bytes (hex, base64, rot13...):
// compile() says "'X' is not a text encoding".
bool is_binary_codec(const std::string& key) {
  for (const char* c : {"base64", "base_64", "base64_codec", "bz2", "bz2_codec", "hex", "hex_codec", "quopri",
                        "quopri_codec", "quotedprintable", "quoted_printable", "rot13", "rot_13", "uu", "uu_codec",
                        "zip", "zlib", "zlib_codec"})
    if (key == c) return true;
  return false;
}

// An iconv descriptor for a Python codec name: the name as Python spells it
// (iso8859_15, cp1252, euc_jp, koi8_r, shift_jis), with '-' for '_', then
// upper-cased; glibc's iconv knows these spellings.
iconv_t open_codec(const std::string& key) {
  std::string dashed = key;
  for (char& c : dashed)
    if (c == '_') c = '-';
  for (const std::string& name : {key, dashed}) {
    iconv_t cd = iconv_open("UTF-8", name.c_str());
    if (cd != reinterpret_cast<iconv_t>(-1)) return cd;
  }
  return reinterpret_cast<iconv_t>(-1);
}

DecodedSource failure(std::string bytes, const char* code, std::string message, uint32_t offset, std::string enc) {
  DecodedSource d;
  d.text = std::move(bytes);
  d.code = code;
  d.message = std::move(message);
  d.offset = offset;
  d.encoding = std::move(enc);
  return d;
}

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", c);
  return buf;
}

}  // namespace

size_t first_invalid_utf8(std::string_view s, size_t i) {
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    uint32_t cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; ok && k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 2) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (ok && ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
               (cp >= 0xD800 && cp <= 0xDFFF)))
      ok = false;
    if (!ok) return i;
    i += len;
  }
  return std::string_view::npos;
}

DecodedSource decode_python_source(std::string bytes) {
  bool bom = bytes.starts_with("\xEF\xBB\xBF");
  if (bom) bytes.erase(0, 3);
  // Lines 1 and 2 (tokenizer.c decode_str); line 2 only if line 1 is a
  // comment or blank.
  std::string spec;
  size_t spec_at = 0;
  size_t end1 = bytes.find_first_of("\r\n");
  std::string_view all(bytes);
  bool only_comment = false;
  if (end1 != std::string::npos) {
    spec = coding_spec(all.substr(0, end1), only_comment);
    if (spec.empty() && only_comment) {
      size_t start2 = end1 + (bytes.compare(end1, 2, "\r\n") == 0 ? 2 : 1);
      size_t end2 = bytes.find_first_of("\r\n", start2);
      if (end2 != std::string::npos) {
        bool unused = false;
        spec = coding_spec(all.substr(start2, end2 - start2), unused);
        spec_at = static_cast<uint32_t>(start2);
      }
    }
  }
  DecodedSource d;
  d.encoding = spec.empty() ? "utf-8" : spec;
  if (spec.empty() || spec == "utf-8") {
    d.text = std::move(bytes);
    return d;
  }
  uint32_t at = static_cast<uint32_t>(spec_at);
  if (bom) return failure(std::move(bytes), "E0042", "encoding problem: " + spec + " with BOM", at, spec);
  std::string key = python_codec_key(spec);
  if (is_utf8_alias(key)) {
    // Python's utf-8 codec checks every byte, comments too.
    size_t bad = first_invalid_utf8(bytes);
    if (bad != std::string::npos)
      return failure(std::move(bytes), "E0002",
                     "'utf-8' codec can't decode byte " + hex_byte(static_cast<unsigned char>(bytes[bad])), static_cast<uint32_t>(bad),
                     spec);
    d.text = std::move(bytes);
    return d;
  }
  if (is_binary_codec(key))
    return failure(std::move(bytes), "E0042", "'" + spec + "' is not a text encoding", at, spec);
  iconv_t cd = open_codec(key);
  if (cd == reinterpret_cast<iconv_t>(-1))
    return failure(std::move(bytes), "E0042", "unknown encoding: " + spec, at, spec);
  std::string out(bytes.size() * 4 + 16, '\0');
  char* in_p = bytes.data();
  size_t in_left = bytes.size();
  char* out_p = out.data();
  size_t out_left = out.size();
  size_t r = iconv(cd, &in_p, &in_left, &out_p, &out_left);
  int err = errno;
  if (r != static_cast<size_t>(-1)) r = iconv(cd, nullptr, nullptr, &out_p, &out_left);  // flush shift states
  iconv_close(cd);
  if (r == static_cast<size_t>(-1) || in_left > 0) {
    (void)err;
    size_t bad = bytes.size() - in_left;
    return failure(std::move(bytes), "E0002",
                   "'" + spec + "' codec can't decode byte " +
                       hex_byte(static_cast<unsigned char>(bad < bytes.size() ? bytes[bad] : 0)),
                   static_cast<uint32_t>(bad), spec);
  }
  out.resize(out.size() - out_left);
  d.text = std::move(out);
  return d;
}

}  // namespace flowc
