// flowc compile: Python workflow files and folders -> Argo or Peak YAML/JSON.
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>

#include "cli/cli_app.h"
#include "cli/output_guard.h"
#include "cli/commands.h"
#include "cli/compile_all.h"
#include "cli/project_check.h"
#include "cli/compile_options.h"
#include "cli/file_io.h"
#include "cli/outputs.h"
#include "cli/project.h"
#include "cli/report_options.h"
#include "cli/up_to_date.h"
#include "cli/watch_loop.h"

namespace flowc::cli {

namespace {

const char* kFooter = R"(Inputs:
  A folder is walked for *.py files (sorted), skipping what .gitignore ignores
  (inside a git repository), the folders .git, .venv, venv, __pycache__,
  node_modules, ... and whatever --exclude names. Files found in a folder that
  hold no workflow class are skipped quietly. '-' reads standard input.

Outputs:
  Standard output by default: every document, YAML separated by '---' (JSON:
  an array). -o FILE takes the same; it is written only if every input
  compiled. -o DIR/ (an existing folder, or a path ending in '/') gets one file
  per input, mirroring the input tree: a/w.py found in folder SRC/ is written
  to DIR/a/w.yaml; a file given by name goes to DIR/<name>.yaml. Two inputs
  that would write one file are an error before anything is written. With
  --target peak each workflow class is one file, named after the workflow.
  Files in DIR that no input writes (a workflow file renamed or deleted) are
  left as they are, and --check does not count them; -v names them.

Speed:
  Inputs are compiled on every core (-j N to choose); the output is the same
  as with -j 1. Results are kept in a cache, .flowc_cache/ beside the nearest
  pyproject.toml (else in the current folder): a file whose bytes, imported
  base-class files, options and flowc version are unchanged is not compiled
  again. With -o DIR/ or --layout beside, a stat index in the same folder
  also remembers each input, the base-class files it probed and its output
  as the last run left them: if stat() finds all unchanged (and the result
  had no diagnostics), the input is up to date and is neither read,
  compiled nor written (-v: "N up to date"). Files changed in the last 2 s
  are checked by content. --no-cache turns both off; --cache-dir moves them;
  deleting the folder is always safe.

Defaults come from [tool.flowc] in the pyproject.toml of the current folder
(or above it): target, format, output, layout, include, exclude; argo-version
is read from each file's own project. The command line wins.

Exit codes:
  0  every input compiled (and, with --check, every output is up to date)
  1  compile errors (file:line:col: error: message [CODE]); with --check or
     --diff, an output would change; no workflow to write to -o
  2  usage errors, unreadable inputs, unwritable outputs, two inputs writing
     one file, a folder with no file to compile (none, or all excluded or
     ignored by git; -v lists what was skipped and why)

Examples:
  flowc compile workflow.py                    print the Argo YAML
  flowc compile workflow.py -o workflow.yaml   write it (atomically)
  flowc compile flows/ -o build/argo/          one YAML per workflow file, mirrored
  flowc compile flows/ --layout beside         flows/a/w.py -> flows/a/w.yaml
  flowc compile flows/ --layout beside --check exit 1 if committed YAML is stale
  flowc compile flows/ -o build/ --diff        show what would change
  cat w.py | flowc compile - --stdin-filename flows/w.py
  flowc compile --target peak flows/ -o peak/  one Peak file per workflow
)";

bool is_folder(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Fills what the command line left open from [tool.flowc] of the current
// folder's project. A broken project is not reported here: each file of it
// reports it (E0054) when its Argo version is looked up.
void apply_project_defaults(CLI::App& app, CompileSettings& s, ProjectFinder& projects) {
  ProjectLookup p = projects.for_folder(absolute_path("."));
  if (!p.ok() || p.settings.path.empty()) return;
  auto& ps = p.settings;
  if (!app.count("--target") && ps.target) s.target = *ps.target;
  if (!app.count("--format") && ps.format) s.format = *ps.format;
  if (!app.count("--output") && !app.count("--layout") && ps.layout) s.layout = *ps.layout;
  if (!app.count("--output") && ps.output && s.layout != "beside") {
    s.output = join_path(ps.folder, *ps.output);
    if (s.output.back() != '/') s.output += '/';  // the project's output is a folder
  }
  if (!app.count("--include") && ps.include) s.inputs.include = *ps.include;
  if (!app.count("--exclude") && ps.exclude) s.inputs.exclude = *ps.exclude;
}

// Usage errors found after parsing; "" if none.
std::string check_usage(CLI::App& app, const CompileSettings& s, bool to_folder) {
  bool has_stdin = std::find(s.files.begin(), s.files.end(), "-") != s.files.end();
  if (app.count("--layout") && s.layout == "beside" && app.count("--output") && s.output != "-")
    return "--layout beside writes each output next to its input; -o cannot be given with it";
  if (s.layout == "beside" && has_stdin && s.inputs.stdin_filename.empty())
    return "--layout beside needs --stdin-filename to place the output of '-'";
  if (std::count(s.files.begin(), s.files.end(), "-") > 1) return "'-' (standard input) can be given once";
  if ((s.check || s.diff) && s.layout != "beside" && (s.output.empty() || s.output == "-") && !to_folder)
    return "--check and --diff compare with files: give -o FILE, -o DIR/ or --layout beside";
  return "";
}

int nothing_to_write(Reporter& reporter, const std::string& out) {
  // An empty file would pass for a compiled workflow, and replacing the old
  // one would lose it; neither is done.
  reporter.error("no workflow to write; " + shown(out) + " is left as it was");
  return 1;
}

std::string extension(const CompileSettings& s) { return s.format == "json" ? ".json" : ".yaml"; }

// Where an input's file goes: beside it, or mirrored under the -o folder.
std::string target_folder(const Input& in, const CompileSettings& s) {
  if (s.layout == "beside") return folder_of(in.is_stdin ? s.inputs.stdin_filename : in.path);
  return join_path(s.output, folder_of(in.relative));
}

WriteMode write_mode(const CompileSettings& s) {
  return s.diff ? WriteMode::Diff : s.check ? WriteMode::Check : WriteMode::Write;
}

std::string display_output(const CompileSettings& s) { return s.layout == "beside" ? "the input folders" : s.output; }

// Where input `in`'s one file goes (--target argo into folders).
std::string per_input_output(const Input& in, const CompileSettings& s) {
  return join_path(target_folder(in, s), stem(in.relative) + extension(s));
}

// -v with -o DIR/ (argo): the files in DIR with the output extension that no
// input writes, most likely left from a workflow file renamed or deleted
// since. Named only: they may be the user's own, so flowc never deletes them,
// and --check does not count them. Looked for before watch mode narrows the
// inputs to those that changed.
std::vector<std::string> stray_outputs(const std::vector<Input>& inputs, const CompileSettings& s, bool to_folder) {
  if (s.verbosity != Verbosity::Verbose || !to_folder || s.layout == "beside" || s.target == "peak") return {};
  std::set<std::string> written;
  for (auto& in : inputs)
    written.insert(absolute_path(per_input_output(in, s)));
  std::vector<std::string> strays;
  std::error_code ec;
  namespace fs = std::filesystem;
  for (fs::recursive_directory_iterator it(s.output, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code file_ec;
    if (it->is_regular_file(file_ec) && it->path().extension() == extension(s) &&
        !written.count(absolute_path(it->path().string())))
      strays.push_back(it->path().string());
  }
  std::sort(strays.begin(), strays.end());
  return strays;
}

// --target argo (and peak's one-file forms below): one file per input. An
// up-to-date input's file is listed (collisions are still found) but not
// read nor written; each file that ends up current is told to `index`.
int write_per_input(const std::vector<Input>& inputs, const std::vector<Compiled>& compiled, const CompileSettings& s,
                    bool failed, Reporter& reporter, UpToDate* index) {
  std::vector<OutputFile> files;
  std::vector<size_t> input_of;  // files[k] is the output of inputs[input_of[k]]
  for (size_t i = 0; i < compiled.size(); ++i) {
    const Compiled& c = compiled[i];
    if (c.status != Compiled::Status::Ok || (c.result.output.empty() && !c.up_to_date) || c.skipped)
      continue;  // no workflow class: no file
    const Input& in = inputs[i];
    files.push_back({per_input_output(in, s), c.result.output, in.name, s.layout != "beside", c.up_to_date});
    input_of.push_back(i);
  }
  if (!failed && files.empty()) return nothing_to_write(reporter, display_output(s));
  if (std::string clash = find_collision(files); !clash.empty()) {
    reporter.error(clash);
    return kExitUsage;
  }
  std::vector<char> current;
  int rc = write_outputs(files, write_mode(s), reporter, &current);
  if (index)
    for (size_t k = 0; k < files.size(); ++k)
      if (current[k]) index->output_current(input_of[k], files[k].text);
  if (rc == kExitUsage) return rc;
  return failed ? kExitFailed : rc;
}

// --target peak into folders: one file per workflow class, named after it.
int write_peak_files(const std::vector<Input>& inputs, const std::vector<Compiled>& compiled,
                     const CompileSettings& s, bool failed, Reporter& reporter) {
  std::vector<OutputFile> files;
  std::vector<std::string> names;
  for (size_t i = 0; i < compiled.size(); ++i) {
    const Compiled& c = compiled[i];
    if (c.status != Compiled::Status::Ok) continue;
    for (size_t d = 0; d < c.result.documents.size() && d < c.result.document_texts.size(); ++d) {
      std::string name = c.result.documents[d]["body"]["name"].get<std::string>();
      std::string folder = target_folder(inputs[i], s);
      files.push_back({join_path(folder, name + extension(s)), c.result.document_texts[d], inputs[i].name,
                       s.layout != "beside"});
      names.push_back(name);
    }
  }
  if (!failed && files.empty()) return nothing_to_write(reporter, display_output(s));
  for (size_t i = 0; i < files.size(); ++i)
    for (size_t j = i + 1; j < files.size(); ++j)
      if (absolute_path(files[i].path) == absolute_path(files[j].path)) {
        reporter.error("two workflows are named '" + shown(names[i]) + "'; Peak files are named by workflow");
        return kExitUsage;
      }
  for (auto& name : names)  // a name like "../x" would write outside the folder
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
        name.find('\0') != std::string::npos) {
      reporter.error("the workflow name '" + shown(name) + "' cannot name a file in " + shown(display_output(s)) +
                     "; write that workflow alone with -o FILE");
      return kExitUsage;
    }
  int rc = write_outputs(files, write_mode(s), reporter);
  if (rc == kExitUsage) return rc;
  return failed ? kExitFailed : rc;
}

// One stream (standard output or -o FILE): every document of every input.
int write_stream(const std::vector<Compiled>& compiled, const CompileSettings& s, bool failed, Reporter& reporter) {
  std::string out = s.output == "-" ? "" : s.output;
  std::string text;
  if (s.target == "peak") {
    std::vector<const std::string*> texts;
    for (auto& c : compiled)
      if (c.status == Compiled::Status::Ok)
        for (auto& t : c.result.document_texts) texts.push_back(&t);
    if (texts.size() > 1) {
      reporter.error(std::to_string(texts.size()) +
                     " workflows compiled, but a Peak file holds one workflow; write them to a directory with -o DIR/");
      return kExitUsage;
    }
    if (!out.empty() && failed) return kExitFailed;  // an output file is written only if every input compiled
    if (!out.empty() && texts.empty()) return nothing_to_write(reporter, out);
    if (!texts.empty()) text = *texts[0];
  } else {
    if (!out.empty() && failed) return kExitFailed;
    size_t with_text = 0, inputs = 0;
    std::vector<nlohmann::ordered_json> docs;
    for (auto& c : compiled) {
      if (c.status != Compiled::Status::Ok) continue;
      ++inputs;
      if (c.result.output.empty()) continue;
      ++with_text;
      if (s.format == "json") {
        docs.insert(docs.end(), c.result.documents.begin(), c.result.documents.end());
      } else {
        if (!text.empty()) text += "---\n";
        text += c.result.output;
      }
    }
    if (!out.empty() && with_text == 0) return nothing_to_write(reporter, out);
    if (s.format == "json") {
      if (inputs > 1) {
        text = format_documents(docs, "json");  // one array of every input's documents
      } else {
        for (auto& c : compiled)
          if (c.status == Compiled::Status::Ok) text = c.result.output;
      }
    }
  }
  if (out.empty()) {
    emit(stdout, text);
    return failed ? kExitFailed : kExitOk;
  }
  int rc = write_outputs({{out, text, ""}}, write_mode(s), reporter);
  if (rc == kExitUsage) return rc;
  return failed ? kExitFailed : rc;
}

// The stat index (up_to_date.h), in the modes that write one file per input
// and with the cache on; else null.
std::unique_ptr<UpToDate> stat_index_for(const std::vector<Input>& inputs, const CompileSettings& s, bool to_folder) {
  if (s.no_cache || s.diff || s.target != "argo" || !(to_folder || s.layout == "beside")) return nullptr;
  std::vector<std::string> outputs;
  outputs.reserve(inputs.size());
  for (auto& in : inputs) outputs.push_back(in.is_stdin ? "" : per_input_output(in, s));
  return std::make_unique<UpToDate>(cache_dir_for(s), std::move(outputs));
}

// Watch mode: keeps the inputs that changed, unless something else changed
// (an imported base class, whose importers are not known here): then all.
void only_changed(std::vector<Input>& inputs, const std::vector<std::string>& changed) {
  std::set<std::string> keys;
  for (auto& c : changed) keys.insert(watch_key(c));
  std::vector<Input> kept;
  for (auto& in : inputs)
    if (!in.is_stdin && keys.erase(watch_key(in.path))) kept.push_back(in);
  if (keys.empty()) inputs = std::move(kept);
}

// One compile of every input, or (watch mode, writing one file per input)
// only of those in `changed`; adds the files read to `read`.
int compile_round(const CompileSettings& s, const ReportSettings& report, ProjectFinder& projects, bool to_folder,
                  const std::vector<std::string>& changed, std::vector<std::string>& read) {
  Reporter reporter(s.verbosity);
  if (!reporter.set_report(report)) return kExitUsage;
  InputOptions io = s.inputs;
  io.record_skipped = reporter.verbosity() == Verbosity::Verbose;
  InputList list = collect_inputs(s.files, io);
  if (!list.error.empty()) {
    reporter.error(list.error);
    return kExitUsage;
  }
  for (auto& skipped : list.skipped) {
    // A folder's YAML is not compiled, but its WorkflowTemplates are in the
    // project's scope (yaml_templates_in below; Argo only: Peak has no templateRef).
    bool yaml = skipped.ends_with(".yaml: not *.py") || skipped.ends_with(".yml: not *.py");
    if (yaml && s.target == "argo")
      reporter.info("read " + skipped.substr(0, skipped.size() - 10) + " for its WorkflowTemplates (not compiled)");
    else
      reporter.info("skipped " + skipped);
  }
  for (auto& w : list.warnings) reporter.warning(w);
  if (!list.empty_folders.empty()) {  // most likely a wrong path or pattern: said, not passed over
    reporter.error(no_input_message("file to compile", list.empty_folders[0], io));
    return kExitUsage;
  }

  for (auto& in : list.inputs) read.push_back(in.path);
  std::vector<std::string> strays = stray_outputs(list.inputs, s, to_folder);
  if (!changed.empty() && (to_folder || s.layout == "beside")) only_changed(list.inputs, changed);
  CompileAllStats stats;
  std::unique_ptr<UpToDate> index = stat_index_for(list.inputs, s, to_folder);
  std::vector<Compiled> compiled = compile_all(list.inputs, s, projects, &stats, index.get());
  // Several inputs (or a folder) are one project: templateRefs are checked across them (issue 23).
  if (list.inputs.size() > 1 || std::any_of(list.inputs.begin(), list.inputs.end(), [](auto& in) { return in.from_folder; })) {
    // The folders' YAML WorkflowTemplates are in scope too (not this run's outputs).
    std::set<std::string> outputs;
    for (auto& in : list.inputs)
      if (!in.is_stdin) outputs.insert(absolute_path(per_input_output(in, s)));
    std::string output_dir = to_folder && s.layout != "beside" ? absolute_path(s.output) : "";
    auto yaml = yaml_templates_in(s.files, s.inputs, outputs, output_dir);
    check_project(list.inputs, compiled, s, projects, [&](size_t i) { return per_input_output(list.inputs[i], s); },
                  yaml);
  }
  for (auto& c : compiled) {
    for (auto& f : c.result.imported_files) read.push_back(f->name());
    read.insert(read.end(), c.dependency_paths.begin(), c.dependency_paths.end());
  }
  if (index) reporter.info(std::to_string(index->up_to_date_count()) + " up to date (input, base classes and output unchanged)");
  if (!stats.cache_dir.empty())
    reporter.info(std::to_string(stats.compiled) + " compiled, " + std::to_string(stats.cache_hits) +
                  " from the cache (" + shown(stats.cache_dir) + ")");
  if (!stats.cache_error.empty()) reporter.info("cache not written: " + stats.cache_error);
  // Written once the outputs are (their stamps are in it), whatever the exit code.
  struct SaveIndex {
    UpToDate* index;
    Reporter& reporter;
    ~SaveIndex() {
      if (!index) return;
      std::string error = index->save();
      if (!error.empty()) reporter.info("stat index not written: " + error);
    }
  } save_index{index.get(), reporter};
  bool failed = false;
  for (size_t i = 0; i < compiled.size(); ++i) {
    const Compiled& c = compiled[i];
    if (c.status == Compiled::Status::ReadError) {
      reporter.error(c.message);
      return kExitUsage;
    }
    if (c.problem == Compiled::Problem::TooLarge) reporter.file_error(shown(list.inputs[i].name), c.message, "E0006");
    if (c.problem == Compiled::Problem::Project) reporter.project_error(c.message);
    reporter.diagnostics(c.result);
    if (c.skipped) reporter.info("skipped " + shown(list.inputs[i].name) + ": no workflow class");
    failed = failed || c.status == Compiled::Status::Failed;
  }

  if (to_folder || s.layout == "beside") {
    if (s.target == "peak") return write_peak_files(list.inputs, compiled, s, failed, reporter);
    int rc = write_per_input(list.inputs, compiled, s, failed, reporter, index.get());
    if (rc != kExitUsage)
      for (auto& p : strays) reporter.info("no input writes " + shown(p) + "; left as it is");
    return rc;
  }
  return write_stream(compiled, s, failed, reporter);
}


}  // namespace

int compile_command(const std::vector<std::string>& args) {
  CompileSettings s;
  int quiet = 0, verbose = 0;
  auto app = make_app("compile", "Compile Python workflow files (and folders of them) to Argo Workflows or Peak YAML.");
  app->footer(kFooter);
  app->add_option("FILE", s.files, "Python workflow files or folders ('-' for standard input)")->type_name("")->required();
  app->add_option("--target", s.target, "what to emit: argo manifests, or peak workflow files (default: argo)")
      ->type_name(choice_name({"argo", "peak"}))->check(choice({"argo", "peak"}));
  app->add_option("--format", s.format, "output format (default: yaml)")->type_name(choice_name({"yaml", "json"}))->check(choice({"yaml", "json"}));
  app->add_option("-o,--output", s.output,
                  "write here instead of standard output; a folder (existing, or ending in '/') gets one file per "
                  "input, mirroring the input tree; '-': standard output")->type_name("OUT");
  app->add_option("--layout", s.layout,
                  "with folders: 'mirror' the input tree under -o DIR/, or write each output 'beside' its input "
                  "(default: mirror)")
      ->type_name(choice_name({"mirror", "beside"}))->check(choice({"mirror", "beside"}));
  app->add_flag("-W,--warnings-as-errors", s.warnings_as_errors, "treat warnings as errors");
  add_argo_version_option(*app, s.argo_version, "the Argo version to write for", "file's");
  add_python_version_option(*app, s.python_version);
  app->add_flag("--check", s.check, "write nothing; exit 1 if any output file would change");
  app->add_flag("--diff", s.diff, "write nothing; print a unified diff of what would change (exit 1 if anything would)");
  app->add_option("--include", s.inputs.include, "in folders, compile files matching this glob (repeatable; default: *.py)")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  app->add_option("--exclude", s.inputs.exclude, "in folders, skip files and folders matching this glob (repeatable)")
      ->type_name("GLOB")->allow_extra_args(false);
  bool no_gitignore = false;
  app->add_flag("--no-gitignore", no_gitignore, "in folders, also compile what .gitignore ignores");
  app->add_option("--stdin-filename", s.inputs.stdin_filename,
                  "the path standard input ('-') stands for: diagnostics name it, its project and imported base "
                  "classes are found from it, and -o DIR/ names its output after it")->type_name("PATH");
  // --- perf (issue 13, item 5)
  app->add_option("-j,--jobs", s.jobs, "compile on N threads (default: the number of cores); output is the same")
      ->check(CLI::Range(1u, 1024u))
      ->type_name("N");
  app->add_option("--external-template", s.external_templates,
                  "a WorkflowTemplate deployed elsewhere: a templateRef to it that no input defines is a note, not "
                  "an error (repeatable; also [tool.flowc] external-templates)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app->add_flag("--no-cache", s.no_cache, "neither read nor write the cache of compile results");
  app->add_option("--cache-dir", s.cache_dir,
                  "the cache's folder (default: .flowc_cache beside the nearest pyproject.toml, else in the current "
                  "folder)")
      ->type_name("DIR");
  ReportArgs report;
  add_report_options(*app, report);
  bool watch = false;
  app->add_flag("--watch", watch,
                "keep running: compile again each time an input, a file in an input folder, or a base class an "
                "input imports changes (-o DIR/: only what changed)");
  add_verbosity(*app, quiet, verbose);
  if (auto code = parse(*app, args)) return *code;
  s.inputs.respect_gitignore = !no_gitignore;
  s.verbosity = verbosity(quiet, verbose);

  ProjectFinder projects;
  apply_project_defaults(*app, s, projects);
  bool to_folder = !s.output.empty() && s.output != "-" && (s.output.back() == '/' || is_folder(s.output));
  if (std::string usage = check_usage(*app, s, to_folder); !usage.empty()) {
    emit(stderr, "flowc compile: error: " + usage + "\n");
    return kExitUsage;
  }
  if (std::string same = output_replacing_an_input({to_folder ? "" : s.output, report.output}, s.files, s.inputs.include);
      !same.empty()) {
    emit(stderr, "flowc compile: error: " + same + ": writing it would replace that file; nothing was written\n");
    return kExitUsage;
  }
  ReportSettings report_to = report_settings(report);
  if (!watch) {
    std::vector<std::string> read;
    return compile_round(s, report_to, projects, to_folder, {}, read);
  }
  if (std::find(s.files.begin(), s.files.end(), "-") != s.files.end() || s.check || s.diff) {
    emit(stderr, "flowc compile: error: --watch watches files: it cannot read '-', nor be given with --check or --diff\n");
    return kExitUsage;
  }
  return watch_loop(s.files, s.verbosity == Verbosity::Quiet,
                    [&](const std::vector<std::string>& changed, std::vector<std::string>& read) {
                      projects = ProjectFinder();  // a pyproject.toml may have changed too
                      return compile_round(s, report_to, projects, to_folder, changed, read);
                    });
}

}  // namespace flowc::cli
