#include "lsp/jsonrpc.h"

#include <cctype>
#include <charconv>

namespace flowc::lsp {

namespace {

// One header line without its "\r\n" (a bare "\n" is accepted too). False at end of stream.
bool read_header_line(std::istream& in, std::string& line) {
  line.clear();
  for (int c; (c = in.get()) != EOF;) {
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (line.size() < 4096) line += static_cast<char>(c);  // a header is short; ignore the rest of a long one
  }
  return false;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Frame read_frame(std::istream& in) {
  Frame frame;
  std::optional<size_t> length;
  std::string line;
  bool any = false;
  while (true) {
    if (!read_header_line(in, line)) return frame;  // End
    if (line.empty()) {
      if (any) break;
      continue;  // blank lines between frames
    }
    any = true;
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    if (lower(line.substr(0, colon)) != "content-length") continue;
    size_t begin = colon + 1;
    while (begin < line.size() && line[begin] == ' ') ++begin;
    size_t n = 0;
    auto [end, ec] = std::from_chars(line.data() + begin, line.data() + line.size(), n);
    if (ec == std::errc() && end == line.data() + line.size()) length = n;
  }
  frame.kind = Frame::Kind::Malformed;
  if (!length) {
    frame.error = "a message without a valid Content-Length header";
    return frame;
  }
  if (*length > kMaxMessageBytes) {
    in.ignore(static_cast<std::streamsize>(*length));
    frame.error = "a message of " + std::to_string(*length) + " bytes; the server reads at most 64 MiB";
    if (!in) frame.kind = Frame::Kind::End;
    return frame;
  }
  std::string body(*length, '\0');
  in.read(body.data(), static_cast<std::streamsize>(*length));
  if (static_cast<size_t>(in.gcount()) != *length) {
    frame.kind = Frame::Kind::End;
    return frame;
  }
  frame.body = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (frame.body.is_discarded()) {
    frame.error = "a message body that is not JSON";
    frame.body = nullptr;
    return frame;
  }
  frame.kind = Frame::Kind::Message;
  return frame;
}

void write_frame(std::ostream& out, const nlohmann::json& message) {
  // Messages quote the user's text, which may hold bytes that are not UTF-8:
  // replace them rather than throw.
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace flowc::lsp
