// Project settings: the [tool.flowc] table of pyproject.toml (read with toml++).
//
//     [tool.flowc]
//     argo-version = "3.5"      # per file: the nearest project above the file
//     target = "argo"           # the rest: defaults for the command line,
//     format = "yaml"           #   from the project of the inputs' common folder
//     output = "build/argo/"
//     layout = "mirror"         # or "beside"
//     include = ["*.py"]
//     exclude = ["legacy/*"]
//     external-templates = ["team-notify"]   # deployed elsewhere: templateRef to them is not an error
//
// A file uses the nearest pyproject.toml above it that has a [tool.flowc]
// table (a pyproject.toml without one, e.g. a vendored package's, does not
// hide the project's). Options given on the command line win.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace flowc::cli {

// The Argo versions flowc writes for (compiler/ir/argo_version.h lists the same).
std::vector<std::string> argo_versions();
inline constexpr const char* kDefaultArgoVersion = "4.1";

// Adds --argo-version X.Y to `app` (compile, lint, import share it): `what`
// says what the version decides, `whose` whose pyproject.toml gives the
// default ("file's" / "files'").
void add_argo_version_option(CLI::App& app, std::string& into, const std::string& what, const std::string& whose);

struct ProjectSettings {
  std::string path;    // the pyproject.toml ("" : none found)
  std::string folder;  // its folder: relative paths in the table are relative to it
  std::optional<std::string> argo_version, target, format, output, layout;
  std::optional<std::vector<std::string>> include, exclude;
  // WorkflowTemplate names deployed elsewhere (issue 23): a templateRef to one
  // that no input defines is a note, not an error.
  std::optional<std::vector<std::string>> external_templates;
};

// Result of looking a project up: settings, or an error message
// ("PATH: error: ...", printed with [E0054]).
struct ProjectLookup {
  ProjectSettings settings;
  std::string error;
  bool ok() const { return error.empty(); }
};

// Finds and reads projects, remembering each folder's answer (a tree of
// thousands of files reads each pyproject.toml once).
// The Python version to read a file as: its explicit setting, else the
// nearest pyproject.toml above it that says one -- [tool.flowc]
// python-version, else [project] requires-python (its lowest version,
// cli/requires_python.h) -- else "" (the newest, 3.14). `error` ("PATH:
// error: ...", printed with [E0043]) for a bad python-version.
struct PythonLookup {
  std::string version;
  std::string error;
};

class ProjectFinder {
 public:
  // The Python version of a file at `source_path` (see PythonLookup).
  PythonLookup python_for_file(const std::string& source_path);
  // The project of a file at `source_path` (its folder is searched upwards).
  ProjectLookup for_file(const std::string& source_path);
  // The project of a folder (the folder itself, then upwards).
  ProjectLookup for_folder(const std::string& folder);

 private:
  std::map<std::string, ProjectLookup> by_folder_;
  std::map<std::string, PythonLookup> python_by_folder_;
};

// The Argo version to compile `source_path` for: `explicit_version` if given,
// else the project's argo-version, else "" (the core's default). An error
// message in `error` for a bad project.
std::string argo_version_for(ProjectFinder& finder, const std::string& source_path,
                             const std::string& explicit_version, std::string& error);

// The Python version to read `source_path` as: `explicit_version` if given,
// else ProjectFinder::python_for_file (stdin, "-": the default "").
std::string python_version_for(ProjectFinder& finder, const std::string& source_path,
                               const std::string& explicit_version, std::string& error);

// Adds --python-version X.Y to `app`.
void add_python_version_option(CLI::App& app, std::string& into);

// os.path.abspath: the path made absolute (against the working folder flowc
// started in, read once) and normalised lexically.
std::string absolute_path(const std::string& path);

}  // namespace flowc::cli
