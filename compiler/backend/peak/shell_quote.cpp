#include "backend/peak/shell_quote.h"

#include <cctype>

namespace flowc {

namespace {

bool shell_safe(unsigned char c) {
  return std::isalnum(c) || std::string_view("@%+=:,./-_").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string single_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  out += '\'';
  return out;
}

}  // namespace

std::string shell_quote(std::string_view word) {
  if (word.empty()) return "''";
  bool safe = true;
  for (char c : word)
    if (!shell_safe(static_cast<unsigned char>(c))) safe = false;
  return safe ? std::string(word) : single_quote(word);
}

std::string shell_join(const std::vector<std::string>& words) {
  std::string out;
  for (auto& w : words) out += (out.empty() ? "" : " ") + shell_quote(w);
  return out;
}

std::string shell_word(const Pieces& p) {
  bool plain = true;
  for (auto& x : p)
    if (x.kind != Piece::Text) plain = false;
  if (plain) return shell_quote(p.empty() ? "" : p[0].text);
  std::string out;
  for (auto& x : p) {
    if (x.kind == Piece::Text) out += shell_quote(x.text);
    else if (x.kind == Piece::Placeholder) out += "'" + marked_placeholder(x.text) + "'";
    else out += "\"$" + x.text + "\"";
  }
  return out;
}

std::string env_name(std::string_view param) {
  std::string out;
  for (char c : param) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "_" + out;
  return out;
}

}  // namespace flowc
