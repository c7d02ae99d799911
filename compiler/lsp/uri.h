// file:// URIs <-> paths (RFC 8089 as editors write them: percent-encoded UTF-8).
#pragma once
#include <string>

namespace flowc::lsp {

// The local path of a file:// URI, or "" for any other scheme (an unsaved buffer).
std::string uri_to_path(const std::string& uri);
std::string path_to_uri(const std::string& path);

}  // namespace flowc::lsp
