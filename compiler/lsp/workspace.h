// Classes of other files of the workspace, for the editor features (issue
// 23): `from flows.shared import Shared` in an open document names the class
// Shared of flows/shared.py, found by the compiler's own rule
// (frontend/module_paths.h). Completion, hover and definition go through it
// for typed references (`Shared.echo(...)`) and imported base classes
// (`self.<template>` of a base in another file). The other file is read from
// the editor if it is open there (unsaved edits included), else from disk,
// and outlined as an open document is (lsp/outline.h).
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lsp/document.h"
#include "lsp/outline.h"

namespace flowc::lsp {

struct OtherFile {
  std::string path;
  std::unique_ptr<Document> doc;
  Outline outline;
};

// A class found in another file, with that file.
struct ClassIn {
  const OtherFile* file = nullptr;
  const ClassInfo* cls = nullptr;
};

// A member of a class here or in another file: the file is null for this document.
struct MemberIn {
  const OtherFile* file = nullptr;
  const Member* member = nullptr;
  const ClassInfo* cls = nullptr;
};

class Workspace {
 public:
  // `open_text(path)`: the editor's text of an open file, if it is open.
  explicit Workspace(std::function<std::optional<std::string>(const std::string&)> open_text)
      : open_text_(std::move(open_text)) {}

  // The class `local` names in `doc` by an import from a module of the workspace.
  std::optional<ClassIn> imported_class(const Document& doc, std::string_view local);
  // The templates (and other members) of `cls` of `doc`, its same-file bases'
  // and those of its bases imported from other files, nearest first.
  std::vector<MemberIn> members(const Document& doc, const Outline& outline, const ClassInfo& cls);

 private:
  const OtherFile* file(const std::string& path);
  std::function<std::optional<std::string>(const std::string&)> open_text_;
  std::map<std::string, std::unique_ptr<OtherFile>> files_;  // for the life of one request
};

// LSP's Location of `span` in `file` (null: this document).
nlohmann::json location_in(const Document& doc, const OtherFile* file, Span span);

}  // namespace flowc::lsp
