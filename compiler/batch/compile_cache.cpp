#include "batch/compile_cache.h"

#include <charconv>
#include <functional>

#include "batch/atomic_file.h"
#include "batch/build_identity.h"
#include "batch/cache_entry.h"
#include "batch/content_hash.h"

namespace flowc {

namespace fs = std::filesystem;

namespace {

// Bumped when the entry format or what the key covers changes.
constexpr std::string_view kKeyFormat = "flowc-cache-key 2";

// Every input of compile() besides the imported files, as one text. Kept in
// the entry and compared on lookup, so a hash collision is a miss too.
std::string key_text(const std::string& source, const CompileOptions& o) {
  std::string k = options_key(o);
  k += "\nsource=32:";
  k += content_hash(source);
  return k;
}

// Whether the dependency is as it was when the entry was stored.
bool unchanged(const CacheDependency& d) {
  std::error_code ec;
  bool regular = fs::is_regular_file(d.path, ec);
  switch (d.state) {
    case CacheDependency::State::Absent:
      return !regular;
    case CacheDependency::State::Present:
      return regular && fs::file_size(d.path, ec) == d.size && !ec;
    case CacheDependency::State::Read: {
      if (!regular) return false;
      auto text = read_whole_file(d.path);
      return text && content_hash(normalize_source(std::move(*text))) == d.hash;
    }
  }
  return false;
}

// The dependencies of a result: each probed path, with what the compile saw
// there (the text it read, not the file now: an edit during the compile must
// not be stored against the older result).
std::vector<CacheDependency> dependencies_of(const CompileResult& r) {
  std::vector<CacheDependency> deps;
  for (const auto& path : r.import_probes) {
    CacheDependency d;
    d.path = path;
    for (const auto& f : r.imported_files)
      if (f->name() == path) {
        d.state = CacheDependency::State::Read;
        d.hash = content_hash(f->text());
      }
    std::error_code ec;
    if (d.state != CacheDependency::State::Read && fs::is_regular_file(path, ec)) {
      d.state = CacheDependency::State::Present;
      d.size = fs::file_size(path, ec);
    }
    deps.push_back(std::move(d));
  }
  return deps;
}

}  // namespace

std::string options_key(const CompileOptions& o) {
  // Built by appending into one reserved string: a warm run builds one per
  // input (the stat index's key), so no temporary strings.
  std::string k;
  k.reserve(256 + o.filename.size() + o.only_class.size());
  k += kKeyFormat;
  auto field = [&](std::string_view name, std::string_view value) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, value.size()).ptr;
    k += '\n';
    k += name;
    k += '=';
    k.append(digits, end);
    k += ':';
    k += value;
  };
  auto number = [&](std::string_view name, uint64_t n) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    field(name, std::string_view(digits, static_cast<size_t>(end - digits)));
  };
  field("version", version());
  field("build", build_identity());  // a rebuilt flowc of the same version misses
  field("filename", o.filename);
  field("target", o.target);
  field("format", o.format);
  field("implicit_dsl", o.implicit_dsl ? "1" : "0");
  field("only_class", o.only_class);
  number("only_line", o.only_line);
  field("warnings_as_errors", o.warnings_as_errors ? "1" : "0");
  field("load_imports", o.load_imports ? "1" : "0");
  number("error_limit", o.error_limit);
  field("validate", o.validate ? "1" : "0");
  field("argo_version", o.argo_version);
  field("python_version", o.python_version);
  std::string external;  // issue 23
  for (auto& n : o.external_templates) external += n + '\n';
  field("external_templates", external);
  if (o.project_templates) {
    std::string all;
    for (auto& d : *o.project_templates) all += d.dump() + '\n';
    field("project_templates", content_hash(all));
  }
  return k;
}

fs::path default_cache_dir(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) dir = start;
  for (fs::path d = dir;; d = d.parent_path()) {
    if (fs::is_regular_file(d / "pyproject.toml", ec)) return d / ".flowc_cache";
    if (d == d.parent_path()) break;
  }
  return dir / ".flowc_cache";
}

CompileCache::CompileCache(fs::path dir) : dir_(std::move(dir)), entries_(dir_ / version()) {}

std::string CompileCache::error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

fs::path CompileCache::entry_path(const std::string& source, const CompileOptions& options) const {
  return entries_ / content_hash(key_text(source, options));
}

bool CompileCache::prepare() {
  std::lock_guard<std::mutex> lock(mu_);
  if (prepared_) return true;
  std::error_code ec;
  fs::create_directories(entries_, ec);
  if (ec) {
    error_ = "cannot create " + entries_.string() + ": " + ec.message();
    return false;
  }
  // Written once, by whichever run comes first (a lost race writes the same bytes).
  std::string err;
  if (!fs::exists(dir_ / "CACHEDIR.TAG", ec))
    write_file_atomic(dir_ / "CACHEDIR.TAG",
                 "Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This file is a cache directory tag created by flowc.\n"
                 "# For information about cache directory tags see https://bford.info/cachedir/\n",
                 err);
  if (!fs::exists(dir_ / ".gitignore", ec)) write_file_atomic(dir_ / ".gitignore", "# Automatically created by flowc.\n*\n", err);
  prepared_ = true;
  return true;
}

std::optional<CompileResult> CompileCache::lookup(const std::string& source, const CompileOptions& options) const {
  if (source.size() > kMaxSourceBytes) return std::nullopt;
  std::string key = key_text(source, options);
  auto bytes = read_whole_file(entries_ / content_hash(key));
  if (!bytes) return std::nullopt;
  auto entry = decode_entry(*bytes, want_documents_);
  if (!entry || entry->key != key) return std::nullopt;
  for (const auto& d : entry->dependencies)
    if (!unchanged(d)) return std::nullopt;
  CompileResult result = std::move(entry->result);
  result.file = std::make_shared<SourceFile>(options.filename, normalize_source(source));
  return result;
}

void CompileCache::store(const std::string& source, const CompileOptions& options, const CompileResult& result) {
  if (source.size() > kMaxSourceBytes) return;
  CacheEntry entry;
  entry.key = key_text(source, options);
  entry.dependencies = dependencies_of(result);
  entry.result.ok = result.ok;
  entry.result.output = result.output;
  entry.result.document_texts = result.document_texts;
  entry.result.workflow_classes = result.workflow_classes;
  entry.result.class_spans = result.class_spans;
  entry.result.documents = result.documents;
  entry.result.diagnostics = result.diagnostics;
  entry.result.file = result.file;
  entry.result.imported_files = result.imported_files;
  entry.result.import_probes = result.import_probes;
  auto bytes = encode_entry(entry);
  if (!bytes || !prepare()) return;
  std::string err;
  if (!write_file_atomic(entries_ / content_hash(entry.key), *bytes, err)) {
    std::lock_guard<std::mutex> lock(mu_);
    error_ = err;
  }
}

CompileResult CompileCache::compile(std::string source, const CompileOptions& options, bool* hit) {
  if (auto cached = lookup(source, options)) {
    if (hit) *hit = true;
    return std::move(*cached);
  }
  if (hit) *hit = false;
  CompileResult result = flowc::compile(source, options);
  store(source, options, result);
  return result;
}

}  // namespace flowc
