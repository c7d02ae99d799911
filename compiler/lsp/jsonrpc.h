// JSON-RPC 2.0 messages over a byte stream, framed as LSP frames them: a
// header block ("Content-Length: N\r\n", other headers ignored, "\r\n") and
// N bytes of JSON.
#pragma once
#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace flowc::lsp {

// The largest message body read (a whole document in a didOpen); a larger
// one is skipped, never buffered.
inline constexpr size_t kMaxMessageBytes = size_t{64} << 20;

struct Frame {
  enum class Kind { Message, Malformed, End } kind = Kind::End;
  nlohmann::json body;  // Kind::Message
  std::string error;    // Kind::Malformed: why (the stream goes on with the next frame)
};

// Reads the next frame. End: the stream ended (or broke mid-frame).
// Malformed: a frame without Content-Length, too large, or whose body is not
// JSON; the caller answers it with a parse error and reads on.
Frame read_frame(std::istream& in);

// Writes one message with its header, and flushes.
void write_frame(std::ostream& out, const nlohmann::json& message);

}  // namespace flowc::lsp
