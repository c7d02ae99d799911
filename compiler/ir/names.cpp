#include "ir/names.h"

#include <cctype>

namespace flowc {

namespace {
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::string class_to_kebab(std::string_view w) {
  // re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2"): split before the last capital
  // of a run of capitals that is followed by a lower-case letter.
  std::string a;
  for (size_t i = 0; i < w.size(); ++i) {
    if (i > 0 && upper(w[i]) && upper(w[i - 1]) && i + 1 < w.size() && lower(w[i + 1])) a += '_';
    a += w[i];
  }
  // re.sub(r"([a-z\d])([A-Z])", r"\1_\2")
  std::string b;
  for (size_t i = 0; i < a.size(); ++i) {
    if (i > 0 && upper(a[i]) && (lower(a[i - 1]) || digit(a[i - 1]))) b += '_';
    b += a[i];
  }
  for (char& c : b) {
    if (c == '_') c = '-';
    else c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return b;
}

std::string method_to_name(std::string_view name) {
  std::string s(name);
  for (char& c : s)
    if (c == '_') c = '-';
  return s;
}

std::string snake_to_camel(std::string_view name) {
  while (!name.empty() && name.front() == '_') name.remove_prefix(1);
  std::string out;
  bool up = false;
  for (char c : name) {
    if (c == '_') {
      up = !out.empty();
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

bool is_valid_dns_name(std::string_view name, size_t max_len) {
  if (name.empty() || name.size() > max_len) return false;
  auto alnum = [](char c) { return lower(c) || upper(c) || digit(c); };
  if (!alnum(name.front()) || !alnum(name.back())) return false;
  for (char c : name)
    if (!alnum(c) && c != '-' && c != '.') return false;
  return true;
}

}  // namespace flowc
