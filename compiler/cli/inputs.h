// The inputs of a command: files as given, folders walked (sorted, so the
// order is the same on every machine), `-` for standard input.
//
// In a folder, a file is taken if its name matches an include pattern
// (default `*.py`) and neither it nor a folder above it (below the folder
// given) matches an exclude pattern, a built-in exclude (.git, .venv,
// __pycache__, node_modules, ...) or the repository's .gitignore. A file given
// by name is always taken. A pattern without '/' matches a name at any depth;
// one with '/' matches the path below the folder given (fnmatch, `*` also
// crosses '/').
#pragma once
#include <sys/stat.h>

#include <string>
#include <vector>

namespace flowc::cli {

struct Input {
  std::string path;      // what to read ("-": standard input)
  std::string name;      // how diagnostics name it, and where its project is looked up
  std::string relative;  // its path below the folder it was found in (a file given by name: its base name)
  bool from_folder = false;  // found by walking a folder (files with no workflow are skipped quietly)
  bool is_stdin = false;
  // What stat() said of `path` when the input was collected (has_stat false:
  // not asked, or it failed); the stat index stamps the input from it.
  bool has_stat = false;
  struct stat st {};
};

struct InputOptions {
  std::vector<std::string> include = {"*.py"};
  std::vector<std::string> exclude;
  bool respect_gitignore = true;
  std::string stdin_filename;  // the name standard input is compiled as ("" : "<stdin>")
  std::string stdin_relative = "stdin.py";  // its relative path when no --stdin-filename is given
  // Record what a folder walk passes over, and why (for -v); off by default:
  // a large tree's skipped names cost memory and time nobody reads.
  bool record_skipped = false;
};

// Folders skipped in every walk (as ruff and black skip them).
const std::vector<std::string>& default_excludes();

struct InputList {
  std::vector<Input> inputs;
  std::string error;  // a folder that could not be read ("cannot read DIR: reason")
  std::vector<std::string> empty_folders;  // folders given that held no file to take
  // With record_skipped: "PATH: REASON" for each file and folder a walk
  // passed over, in walk order ("flows/a.py: ignored by git").
  std::vector<std::string> skipped;
  // Said but not fatal: a folder in a git repository walked without its
  // .gitignore because libgit2 could not be loaded.
  std::vector<std::string> warnings;
};

InputList collect_inputs(const std::vector<std::string>& args, const InputOptions& options);

// The message for a folder given that held no file to take, the same in
// every command (as ruff says "No Python files found under the given
// path(s)"): "no file to compile in flows/ (looked for *.py, not excluded and
// not ignored by git; -v lists what was skipped)". `what` is "file to compile",
// "YAML file to import", ...
std::string no_input_message(const std::string& what, const std::string& folder, const InputOptions& options);

// True if `pattern` matches `relative` (a path below the walked folder) by the
// rules above.
bool glob_matches(const std::string& pattern, const std::string& relative);

}  // namespace flowc::cli
