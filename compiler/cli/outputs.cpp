#include "cli/outputs.h"

#include <cstdio>
#include <filesystem>
#include <map>

#include "cli/file_io.h"
#include "cli/project.h"
#include "cli/unified_diff.h"

namespace flowc::cli {

namespace fs = std::filesystem;

std::string join_path(const std::string& folder, const std::string& relative) {
  if (folder.empty()) return relative;
  return folder.back() == '/' ? folder + relative : folder + "/" + relative;
}

std::string folder_of(const std::string& relative) {
  auto slash = relative.find_last_of('/');
  return slash == std::string::npos ? "" : relative.substr(0, slash);
}

std::string find_collision(const std::vector<OutputFile>& files) {
  std::map<std::string, const OutputFile*> seen;  // by absolute, normalised path
  for (auto& f : files) {
    auto [it, fresh] = seen.emplace(absolute_path(f.path), &f);
    if (fresh) continue;
    return shown(it->second->source) + " and " + shown(f.source) + " would both be written to " + shown(f.path) +
           "; nothing was written (rename one, or use -o DIR/ with folders to mirror their trees)";
  }
  return "";
}

namespace {

// Creates the folders an output needs (-o DIR/ mirroring a tree).
int make_parent(const std::string& path) {
  std::string parent = folder_of(path);
  if (parent.empty()) return 0;
  std::error_code ec;
  fs::create_directories(parent, ec);
  return ec ? ec.value() : 0;
}

}  // namespace

int write_outputs(const std::vector<OutputFile>& files, WriteMode mode, Reporter& reporter,
                  std::vector<char>* current) {
  int status = 0;
  if (current) current->assign(files.size(), 0);
  for (size_t k = 0; k < files.size(); ++k) {
    const OutputFile& f = files[k];
    if (f.up_to_date) {  // its stamps say so: not even read
      if (reporter.verbosity() == Verbosity::Verbose) reporter.info("unchanged: " + shown(f.path));
      continue;
    }
    std::optional<std::string> old = read_existing(f.path);
    bool same = old && *old == f.text;
    if (same && current) (*current)[k] = 1;
    if (mode != WriteMode::Write) {
      if (same) {
        reporter.info("unchanged: " + shown(f.path));
        continue;
      }
      status = 1;
      reporter.status("would change: " + shown(f.path));
      if (mode == WriteMode::Diff) emit(stdout, unified_diff(old.value_or(""), f.text, f.path, old.has_value()));
      continue;
    }
    if (same) {  // already there: not rewritten (its time stays, so make-style tools see no change)
      reporter.info("unchanged: " + shown(f.path));
      continue;
    }
    int err = f.make_folders ? make_parent(f.path) : 0;
    if (err == 0) err = write_output(f.path, f.text);
    if (err != 0) {
      reporter.error(write_error(f.path, err));
      return 2;
    }
    if (current) (*current)[k] = 1;
    reporter.info("wrote " + shown(f.path));
  }
  return status;
}

}  // namespace flowc::cli
