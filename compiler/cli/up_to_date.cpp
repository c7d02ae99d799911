#include "cli/up_to_date.h"

#include "batch/compile_cache.h"
#include "batch/content_hash.h"
#include "cli/file_io.h"
#include "cli/project.h"

namespace flowc::cli {

UpToDate::UpToDate(const std::filesystem::path& cache_dir, std::vector<std::string> outputs)
    : index_(cache_dir, wall_clock_ns()), outputs_(std::move(outputs)) {
  index_.load();
}

bool UpToDate::take(size_t i, const Input& in, const CompileOptions& options, Compiled& c) {
  if (i >= outputs_.size() || outputs_[i].empty() || in.is_stdin) return false;
  Pending p;
  p.record.input_path = absolute_path(in.path);
  p.record.output_path = absolute_path(outputs_[i]);
  // How the input was found changes the result: a folder's file with no
  // workflow class is skipped quietly, a file given by name gets W0001.
  p.key = StatIndex::key(p.record.input_path, options_key(options), in.from_folder ? "folder" : "file",
                         p.record.output_path);
  // The stat the input walk made is this run's stamp: taken before the read.
  std::optional<FileStamp> now;
  if (in.has_stat) now = stamp_of(in.st, index_.run_start_ns());
  if (const StatRecord* r = index_.up_to_date(p.key, now ? &*now : nullptr)) {
    c.status = Compiled::Status::Ok;
    c.result.ok = true;
    c.up_to_date = true;
    c.skipped = !r->has_output;
    for (auto& d : r->dependencies)
      if (d.stamp.present) c.dependency_paths.push_back(d.path);  // --watch watches them
    ++up_to_date_;
    return true;
  }
  // Stamped before it is read: an edit after this is newer than the stamp,
  // so the next run sees a different stamp and reads the file again.
  p.record.input = now ? *now : stamp_file(p.record.input_path, index_.run_start_ns());
  pending_[i] = std::move(p);
  return false;
}

void UpToDate::read(size_t i, const std::string& bytes) {
  auto it = pending_.find(i);
  if (it != pending_.end()) it->second.record.input_hash = content_hash(bytes);
}

// Stamps each path the import loader probed. The stamp is taken after the
// compile, so it is trusted only if it shows what the compile saw: a file it
// read still holds the text it read, a path it found empty is still absent.
void UpToDate::record_dependencies(const CompileResult& r, Pending& p) {
  for (auto& path : r.import_probes) {
    StatRecord::Dependency d{path, stamp_file(path, index_.run_start_ns())};
    const SourceFile* read = nullptr;
    for (auto& f : r.imported_files)
      if (f->name() == path) read = f.get();
    if (read) {
      auto now = read_input(path);
      if (!d.stamp.present || now.status != ReadResult::Status::Ok || normalize_source(std::move(now.data)) != read->text())
        p.recordable = false;
    } else if (d.stamp.present) {
      p.recordable = false;  // there now, not read then: changed during the run
    }
    p.record.dependencies.push_back(std::move(d));
  }
}

void UpToDate::compiled(size_t i, const Compiled& c) {
  auto it = pending_.find(i);
  if (it == pending_.end()) return;
  Pending& p = it->second;
  // Diagnostics are printed on every run: only a clean result is recorded.
  p.recordable = c.status == Compiled::Status::Ok && c.problem == Compiled::Problem::None &&
                 c.result.diagnostics.empty() && p.record.input.present;
  if (p.recordable) record_dependencies(c.result, p);
  if (!p.recordable) {
    index_.erase(p.key);
    pending_.erase(it);
    return;
  }
  if (c.skipped || c.result.output.empty()) {  // no output file: recorded now
    p.record.has_output = false;
    index_.put(p.key, std::move(p.record));
    pending_.erase(it);
  }
}

void UpToDate::output_current(size_t i, const std::string& text) {
  auto it = pending_.find(i);
  if (it == pending_.end()) return;
  Pending& p = it->second;
  p.record.output = stamp_file(p.record.output_path, index_.run_start_ns());
  p.record.output_hash = content_hash(text);
  if (p.record.output.present && p.record.output.size == text.size()) index_.put(p.key, std::move(p.record));
  pending_.erase(it);
}

std::string UpToDate::save() {
  // Inputs whose output did not become current (--check found it stale, a
  // write failed, the run stopped): their old records must not vouch for them.
  for (auto& [i, p] : pending_) index_.erase(p.key);
  pending_.clear();
  std::string error;
  index_.save(error);
  return error;
}

}  // namespace flowc::cli
