#include "lsp/workspace.h"

#include <filesystem>
#include <fstream>

#include "frontend/module_paths.h"
#include "lsp/features.h"
#include "lsp/uri.h"

namespace flowc::lsp {

namespace {

constexpr size_t kMaxOtherFileBytes = size_t{8} << 20;  // larger files are not outlined for answers
constexpr int kMaxBaseDepth = 8;                         // bases of bases followed across files

bool is(TSNode n, const char* type) { return !ts_node_is_null(n) && std::string_view(ts_node_type(n)) == type; }

// `from M import N as local` at the module's top level: ("M", "N"), else empty.
std::pair<std::string, std::string> import_of(const Document& doc, std::string_view local) {
  if (!doc.tree()) return {};
  std::string_view text = doc.text();
  for (TSNode st : named_children(doc.root())) {
    if (!is(st, "import_from_statement")) continue;
    std::string module(node_text(safe_field(st, "module_name"), text));
    for (TSNode n : named_children(st)) {
      if (ts_node_eq(n, safe_field(st, "module_name"))) continue;
      if (is(n, "dotted_name") && node_text(n, text) == local) return {module, std::string(local)};
      if (is(n, "aliased_import") && node_text(safe_field(n, "alias"), text) == local)
        return {module, std::string(node_text(safe_field(n, "name"), text))};
    }
  }
  return {};
}

std::optional<std::string> read_small_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || std::filesystem::file_size(path, ec) > kMaxOtherFileBytes)
    return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

const OtherFile* Workspace::file(const std::string& path) {
  if (auto it = files_.find(path); it != files_.end()) return it->second.get();
  std::optional<std::string> text = open_text_ ? open_text_(path) : std::nullopt;
  if (!text) text = read_small_file(path);
  if (!text) return nullptr;
  auto f = std::make_unique<OtherFile>();
  f->path = path;
  f->doc = std::make_unique<Document>(path_to_uri(path), std::move(*text), 0, true);
  f->doc->reparse();
  if (f->doc->tree()) f->outline = read_outline(f->doc->root(), f->doc->text());
  return (files_[path] = std::move(f)).get();
}

std::optional<ClassIn> Workspace::imported_class(const Document& doc, std::string_view local) {
  auto [module, name] = import_of(doc, local);
  if (module.empty()) return std::nullopt;
  std::string here = uri_to_path(doc.uri());
  if (here.empty()) return std::nullopt;  // an unsaved buffer has no folder
  std::string path = find_module_file(std::filesystem::path(here).parent_path(), module, [&](const std::filesystem::path& p) {
    std::error_code ec;
    return (open_text_ && open_text_(p.lexically_normal().string())) || std::filesystem::is_regular_file(p, ec);
  });
  if (path.empty()) return std::nullopt;
  const OtherFile* f = file(std::filesystem::path(path).lexically_normal().string());
  if (!f) return std::nullopt;
  const ClassInfo* cls = f->outline.find_class(name);
  if (!cls) return std::nullopt;
  return ClassIn{f, cls};
}

std::vector<MemberIn> Workspace::members(const Document& doc, const Outline& outline, const ClassInfo& cls) {
  std::vector<MemberIn> out;
  // Same-file members and bases first, as the compiler resolves `self.<name>`.
  for (const Member* m : members_with_bases(outline, cls)) out.push_back({nullptr, m, &cls});
  // Then bases imported from other files (and their bases, in their files).
  struct Pending {
    const Document* doc;
    const Outline* outline;
    const ClassInfo* cls;
    int depth;
  };
  std::vector<Pending> todo{{&doc, &outline, &cls, 0}};
  while (!todo.empty()) {
    Pending p = todo.back();
    todo.pop_back();
    if (p.depth >= kMaxBaseDepth) continue;
    for (const std::string& base : p.cls->bases) {
      if (p.outline->find_class(base)) continue;  // a same-file base: already listed
      auto found = imported_class(*p.doc, base);
      if (!found) continue;
      for (const Member* m : members_with_bases(found->file->outline, *found->cls))
        out.push_back({found->file, m, found->cls});
      todo.push_back({found->file->doc.get(), &found->file->outline, found->cls, p.depth + 1});
    }
  }
  return out;
}

nlohmann::json location_in(const Document& doc, const OtherFile* file, Span span) {
  const Document& d = file ? *file->doc : doc;
  return {{"uri", d.uri()}, {"range", range_json(d, span)}};
}

}  // namespace flowc::lsp
