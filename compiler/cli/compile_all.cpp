#include "cli/compile_all.h"

#include <algorithm>
#include <cstring>

#include <optional>

#include "batch/batch_compile.h"
#include "batch/compile_cache.h"
#include "cli/file_io.h"
#include "cli/up_to_date.h"

namespace flowc::cli {

namespace {

// In folder mode a file with no workflow class (a helper module, a
// conftest.py) is not an error nor worth a warning: W0001 is dropped, even
// when -W made it an error, and the file is marked skipped.
void skip_if_no_workflow(Compiled& c) {
  auto& ds = c.result.diagnostics;
  auto w = std::find_if(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.code == "W0001"; });
  if (w == ds.end()) return;
  ds.erase(w);
  bool errors = std::any_of(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
  if (errors) return;  // it fails for what else it says (e.g. -W on a warning)
  c.result.ok = true;
  c.status = Compiled::Status::Ok;
  c.skipped = true;
  c.result.output.clear();  // JSON would say "[]": still no file for it
  c.result.documents.clear();
  c.result.document_texts.clear();
}

CompileOptions options_for(const Input& in, const CompileSettings& settings, const std::string& argo_version,
                           const std::string& python_version, ProjectFinder& projects) {
  CompileOptions o;
  // Templates deployed elsewhere (issue 23): --external-template, and the
  // file's project's external-templates.
  o.external_templates = settings.external_templates;
  if (!in.is_stdin || !settings.inputs.stdin_filename.empty()) {
    ProjectLookup p = projects.for_file(in.name);
    if (p.ok() && p.settings.external_templates)
      o.external_templates.insert(o.external_templates.end(), p.settings.external_templates->begin(),
                                  p.settings.external_templates->end());
  }
  std::sort(o.external_templates.begin(), o.external_templates.end());
  o.external_templates.erase(std::unique(o.external_templates.begin(), o.external_templates.end()),
                             o.external_templates.end());
  o.filename = in.name;
  o.target = settings.target;
  o.format = settings.format;
  o.warnings_as_errors = settings.warnings_as_errors;
  o.load_imports = !in.is_stdin || !settings.inputs.stdin_filename.empty();  // base classes beside the file
  o.argo_version = argo_version;
  o.python_version = python_version;
  return o;
}

// Reads one input and finds its options: a job to compile, or nothing (c
// then holds why: up to date, a read error, a file too large, a broken
// project). The project is looked up first (the Argo version is part of
// what decides whether the input is up to date); a read error still wins
// over a project error, as it is reported first.
std::optional<BatchInput> prepare_one(size_t i, const Input& in, const CompileSettings& settings,
                                      ProjectFinder& projects, UpToDate* up_to_date, Compiled& c) {
  std::string project_error;
  std::string argo_version = argo_version_for(projects, in.is_stdin && settings.inputs.stdin_filename.empty() ? "-" : in.name,
                                              settings.argo_version, project_error);
  std::string python_version =
      python_version_for(projects, in.is_stdin && settings.inputs.stdin_filename.empty() ? "-" : in.name,
                         settings.python_version, project_error);
  CompileOptions o = options_for(in, settings, argo_version, python_version, projects);
  if (up_to_date && project_error.empty() && up_to_date->take(i, in, o, c)) return std::nullopt;
  ReadResult read = read_input(in.path);
  if (read.status == ReadResult::Status::Error) {
    c.status = Compiled::Status::ReadError;
    c.message = "cannot read " + shown(in.path) + ": " + std::strerror(read.error);
    return std::nullopt;
  }
  if (read.status == ReadResult::Status::TooLarge) {  // the core's E0006, without reading the input
    c.status = Compiled::Status::Failed;
    c.problem = Compiled::Problem::TooLarge;
    c.message = too_large_message(read.size);
    return std::nullopt;
  }
  if (!project_error.empty()) {
    c.status = Compiled::Status::Failed;
    c.problem = Compiled::Problem::Project;
    c.message = project_error;
    return std::nullopt;
  }
  if (up_to_date) up_to_date->read(i, read.data);
  return BatchInput{std::move(read.data), std::move(o)};
}

}  // namespace

CompileOptions compile_options_for(const Input& in, const CompileSettings& settings, ProjectFinder& projects,
                                   std::string& error) {
  std::string argo_version = argo_version_for(projects, in.is_stdin && settings.inputs.stdin_filename.empty() ? "-" : in.name,
                                              settings.argo_version, error);
  std::string python_version = python_version_for(
      projects, in.is_stdin && settings.inputs.stdin_filename.empty() ? "-" : in.name, settings.python_version, error);
  return options_for(in, settings, argo_version, python_version, projects);
}

std::filesystem::path cache_dir_for(const CompileSettings& settings) {
  return settings.cache_dir.empty() ? default_cache_dir(absolute_path(".")) : std::filesystem::path(settings.cache_dir);
}

std::vector<Compiled> compile_all(const std::vector<Input>& inputs, const CompileSettings& settings,
                                  ProjectFinder& projects, CompileAllStats* stats, UpToDate* up_to_date) {
  std::vector<Compiled> out;
  out.reserve(inputs.size());
  std::vector<BatchInput> jobs;
  std::vector<size_t> slot;  // jobs[k] is out[slot[k]]
  for (auto& in : inputs) {
    out.emplace_back();
    if (auto job = prepare_one(out.size() - 1, in, settings, projects, up_to_date, out.back())) {
      jobs.push_back(std::move(*job));
      slot.push_back(out.size() - 1);
    }
    if (out.back().status == Compiled::Status::ReadError) break;  // exit 2: the rest is not compiled
  }
  std::optional<CompileCache> cache;
  if (!settings.no_cache) cache.emplace(cache_dir_for(settings));
  // Only Peak's files (named by workflow) and JSON streams (one array of
  // every input's documents) use the documents themselves.
  if (cache) cache->set_want_documents(settings.target == "peak" || settings.format == "json");
  BatchOptions bo;
  bo.jobs = settings.jobs;
  bo.cache = cache ? &*cache : nullptr;
  BatchStats bs = compile_batch(jobs, bo, [&](size_t k, CompileResult&& r) {
    Compiled& c = out[slot[k]];
    c.result = std::move(r);
    c.status = c.result.ok ? Compiled::Status::Ok : Compiled::Status::Failed;
    if (inputs[slot[k]].from_folder) skip_if_no_workflow(c);
    if (up_to_date) up_to_date->compiled(slot[k], c);
  });
  if (stats) {
    stats->compiled = bs.compiled;
    stats->cache_hits = bs.cache_hits;
    stats->cache_dir = cache ? cache->dir().string() : "";
    stats->cache_error = cache ? cache->error() : "";
  }
  return out;
}

}  // namespace flowc::cli
