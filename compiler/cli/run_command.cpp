// flowc run: run a workflow on this machine with Argo's semantics (issue 21).
// The plan (compiler/run/plan.h) checks everything before anything runs; the
// scheduler (compiler/run/scheduler.h) moves node states; the host executor
// (compiler/run/executor.h) runs each node's process isolated; the view
// shows it; --report writes the Workflow as `argo get -o json` prints it.
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>

#include <toml++/toml.h>

#include "batch/atomic_file.h"
#include "cli/cli_app.h"
#include "cli/output_guard.h"
#include "cli/project_check.h"
#include "cli/commands.h"
#include "cli/file_io.h"
#include "cli/project.h"
#include "cli/report_options.h"
#include "run/executor.h"
#include "run/plan.h"
#include "run/scheduler.h"
#include "run/status.h"
#include "run/view.h"

namespace flowc::cli {

namespace {

namespace fs = std::filesystem;

const char* kFooter = R"(Exit codes:
  0  the workflow Succeeded
  1  the workflow Failed or Errored
  2  usage errors, unreadable files, or a refused run (nothing ran): a parameter
     without a value or outside its enum, a template that cannot run here
     (resource, http, plugin, data; --skip NAME marks it Skipped), a container
     without a command, a remote artifact without --artifact NAME=PATH

Examples:
  flowc run flows/etl.py -p day=2026-01-01
  flowc run workflow.yaml --report status.json      the Workflow as `argo get -o json` prints it
  flowc run wf.yaml --templates templates.yaml      templateRefs resolved among these
  flowc run wf.yaml --dry-run                       the plan, nothing run
  flowc run wf.yaml --logs --keep                   stream node output; keep the work folder
)";

std::atomic<bool> g_interrupted{false};

extern "C" void on_sigint(int) { g_interrupted = true; }

bool split_pair(const std::string& text, std::string& name, std::string& value) {
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  name = text.substr(0, eq);
  value = text.substr(eq + 1);
  return true;
}

// The interpreter `python`/`python3` commands run: --python, else
// [tool.flowc.run] python in the file's pyproject.toml, else the interpreter
// beside this executable (pip puts both in the environment's bin folder:
// python/flowc/__main__.py finds flowc the other way round), else python3 on PATH.
std::string find_python(const std::string& explicit_python, const std::string& file, std::string& error) {
  if (!explicit_python.empty()) return explicit_python;
  ProjectFinder finder;
  ProjectLookup project = finder.for_file(absolute_path(file));
  if (project.ok() && !project.settings.path.empty()) {
    try {
      toml::table t = toml::parse_file(project.settings.path);
      if (auto p = t["tool"]["flowc"]["run"]["python"].value<std::string>()) {
        fs::path py(*p);
        if (py.is_relative() && p->find('/') != std::string::npos) py = fs::path(project.settings.folder) / py;
        return py.string();
      }
    } catch (const toml::parse_error& e) {
      error = project.settings.path + ": " + std::string(e.description());
      return {};
    }
  }
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec)
    for (const char* name : {"python3", "python"}) {
      fs::path candidate = self.parent_path() / name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
  return "python3";
}

// [tool.flowc.run] of the file's pyproject.toml: the values flowc cannot read
// from a cluster, kept with the project instead of typed on each run —
// `semaphores` ("CONFIGMAP/KEY" or a database key -> limit), `configmaps`
// ("NAME/KEY" -> value), `volumes` (name -> folder, relative to the
// pyproject's folder). A name given on the command line wins.
bool read_run_settings(const std::string& file, run::PlanOptions& po, std::string& error) {
  ProjectFinder finder;
  ProjectLookup project = finder.for_file(absolute_path(file));
  if (!project.ok() || project.settings.path.empty()) return true;
  try {
    toml::table t = toml::parse_file(project.settings.path);
    auto table = [&](const char* name) { return t["tool"]["flowc"]["run"][name].as_table(); };
    auto text = [](const toml::node& v) -> std::optional<std::string> {
      if (auto s = v.value<std::string>()) return *s;
      if (auto i = v.value<int64_t>()) return std::to_string(*i);
      return std::nullopt;
    };
    for (auto [map, name] : {std::pair{&po.semaphores, "semaphores"}, std::pair{&po.config_maps, "configmaps"},
                             std::pair{&po.volumes, "volumes"}}) {
      const toml::table* tab = table(name);
      if (!tab) continue;
      for (auto&& [k, v] : *tab) {
        std::string key(k.str());
        std::optional<std::string> value = text(v);
        if (!value) {
          error = project.settings.path + ": [tool.flowc.run." + name + "] " + key + " must be a string or a number";
          return false;
        }
        if (std::string(name) == "volumes") {
          if (fs::path(*value).is_relative()) *value = (fs::path(project.settings.folder) / *value).string();
          if (!fs::is_directory(*value)) {
            error = project.settings.path + ": [tool.flowc.run.volumes] " + key + ": " + *value + " is not a folder";
            return false;
          }
        }
        map->emplace(key, *value);  // emplace: a command-line value stays
      }
    }
  } catch (const toml::parse_error& e) {
    error = project.settings.path + ": " + std::string(e.description());
    return false;
  }
  return true;
}

// --dry-run: the plan, in the order the templates are reached.
void print_plan(const run::Plan& plan) {
  std::string out = "Workflow " + plan.workflow_name + " (dry run: nothing runs)\n";
  out += "  entrypoint: " + plan.entrypoint + "\n";
  if (!plan.parameters.empty()) {
    out += "  parameters:\n";
    for (auto& [k, v] : plan.parameters) out += "    " + k + " = " + v + "\n";
  }
  std::set<std::string> seen;
  std::function<void(const std::string&, const run::TemplateBase*, int)> walk = [&](const std::string& name,
                                                                                    const run::TemplateBase* base, int depth) {
    auto it = base->templates.find(name);
    if (it == base->templates.end()) return;
    std::string kind = run::template_kind(it->second);
    std::string pad(static_cast<size_t>(depth) * 2 + 2, ' ');
    bool skip = plan.skip.count(name) > 0;
    out += pad + name + " (" + kind + (skip ? ", skipped by --skip" : "") + ")\n";
    if (!seen.insert(base->scope + "/" + name).second) return;
    auto children = [&](const nlohmann::ordered_json& step, const std::string& label) {
      nlohmann::ordered_json store;
      std::string err;
      const run::TemplateBase* b = base;
      const nlohmann::ordered_json* t = run::resolve_template(plan, b, step, store, err);
      out += pad + "  " + label + " -> " + (t ? t->value("name", std::string("inline")) : "?") + "\n";
      if (t && !step.contains("inline")) walk(t->value("name", ""), b, depth + 2);
    };
    if (kind == "steps") {
      const auto& groups = it->second["steps"];
      for (size_t g = 0; g < groups.size(); ++g)
        for (auto& s : groups[g]) children(s, "[" + std::to_string(g) + "] " + s.value("name", ""));
    } else if (kind == "dag") {
      for (auto& t : it->second["dag"]["tasks"]) children(t, t.value("name", ""));
    }
  };
  walk(plan.entrypoint, &plan.local, 0);
  std::string on_exit = plan.workflow["spec"].value("onExit", "");
  if (!on_exit.empty()) {
    out += "  onExit:\n";
    walk(on_exit, &plan.local, 1);
  }
  emit(stdout, out);
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  std::string file, parameter_file, entrypoint, executor_name = "host", report, work_dir, artifact_dir, python;
  std::vector<std::string> params, templates, artifacts, skip, volumes, config_maps, semaphores;
  int parallelism = 0;
  double timeout = 0;
  bool keep = false, logs = false, dry_run = false, resume = false;
  int quiet = 0, verbose = 0;
  auto app = make_app("run",
                      "Run a workflow (a DSL .py file, compiled first, or Argo YAML) on this machine with Argo's "
                      "semantics: each node's process runs with the host's programs in a private filesystem view. "
                      "Exit 0: Succeeded; 1: Failed or Error; 2: usage error or refused run.");
  app->footer(kFooter);
  app->add_option("FILE", file, "a DSL .py file or an Argo Workflow / WorkflowTemplate YAML")->required();
  app->add_option("-p,--parameter", params, "a workflow parameter, NAME=VALUE (repeatable; wins over --parameter-file)")
      ->type_name("NAME=VALUE");
  app->add_option("--parameter-file", parameter_file, "a YAML or JSON map of parameter names to values (as argo submit)")
      ->type_name("FILE");
  app->add_option("--entrypoint", entrypoint, "run this template instead of spec.entrypoint")->type_name("NAME");
  app->add_option("--executor", executor_name, "what runs each node's process")->type_name("{host}")->check(choice({"host"}));
  app->add_option("--parallelism", parallelism, "at most N pods at once (default: spec.parallelism, else no limit)")
      ->type_name("N")->check(CLI::NonNegativeNumber);
  app->add_option("--report", report, "write the Workflow with its status as `argo get -o json` prints it")->type_name("FILE");
  app->add_flag("--keep", keep, "keep the run's work folder (node folders, outputs, artifacts) and print where");
  app->add_option("--work-dir", work_dir, "the run's work folder (default: a new folder under $TMPDIR)")->type_name("DIR");
  app->add_flag("--logs", logs, "stream each node's standard output and error, prefixed by its name (as argo logs)");
  app->add_flag("--dry-run", dry_run, "print the plan (templates in order, parameters) and run nothing");
  app->add_option("--timeout", timeout, "stop the whole run after SECONDS (its processes are killed)")
      ->type_name("SECONDS")->check(CLI::PositiveNumber);
  app->add_option("--artifact", artifacts, "a local file or folder standing in for the artifact NAME (a remote location)")
      ->type_name("NAME=PATH");
  app->add_option("--volume", volumes,
                  "a local folder standing in for the volume NAME (a configMap, secret, hostPath, ...: mounted "
                  "read-only; a persistentVolumeClaim: its folder starts as a copy)")
      ->type_name("NAME=PATH");
  app->add_option("--configmap", config_maps,
                  "the value of KEY in the ConfigMap NAME, which flowc cannot read (a parameter's or a "
                  "semaphore's configMapKeyRef)")
      ->type_name("NAME/KEY=VALUE");
  app->add_option("--semaphore", semaphores,
                  "the limit of a template's semaphore: CONFIGMAP/KEY=N for a configMapKeyRef, KEY=N for a "
                  "database semaphore")
      ->type_name("NAME=N");
  app->add_option("--artifact-dir", artifact_dir, "the local artifact store (default: artifacts/ in the work folder)")
      ->type_name("DIR");
  app->add_option("--skip", skip, "mark the template NAME Skipped instead of running it (repeatable)")->type_name("NAME");
  app->add_flag("--resume", resume, "resume suspend templates that wait without a duration (with -p for supplied values)");
  app->add_option("--templates", templates, "WorkflowTemplate files that templateRefs resolve in")->type_name("FILE");
  app->add_option("--python", python, "the interpreter `python`/`python3` commands run (default: flowc's environment's)")
      ->type_name("PATH");
  ReportArgs report_args;
  add_report_options(*app, report_args);
  add_verbosity(*app, quiet, verbose);
  if (auto code = parse(*app, args)) return *code;
  std::vector<std::string> run_inputs = templates;
  run_inputs.push_back(file);
  run_inputs.push_back(parameter_file);
  for (auto& a : artifacts) run_inputs.push_back(a.substr(a.find('=') + 1));
  if (std::string same = output_replacing_an_input({report, report_args.output}, run_inputs, {}); !same.empty()) {
    emit(stderr, "flowc run: error: " + same + ": writing it would replace that file; nothing was written\n");
    return kExitUsage;
  }
  Reporter reporter(verbosity(quiet, verbose));
  if (!reporter.set_report(report_settings(report_args))) return kExitUsage;

  run::PlanOptions po;
  po.path = file;
  for (auto& p : params) {
    std::string n, v;
    if (!split_pair(p, n, v)) {
      reporter.error("-p expects NAME=VALUE, got '" + p + "'");
      return kExitUsage;
    }
    po.parameters.emplace_back(n, v);
  }
  for (auto& a : artifacts) {
    std::string n, v;
    if (!split_pair(a, n, v)) {
      reporter.error("--artifact expects NAME=PATH, got '" + a + "'");
      return kExitUsage;
    }
    if (!fs::exists(v)) {
      reporter.error("--artifact " + n + ": " + v + " does not exist");
      return kExitUsage;
    }
    po.artifacts[n] = v;
  }
  for (auto& a : volumes) {
    std::string n, v;
    if (!split_pair(a, n, v)) {
      reporter.error("--volume expects NAME=PATH, got '" + a + "'");
      return kExitUsage;
    }
    if (!fs::is_directory(v)) {
      reporter.error("--volume " + n + ": " + v + " is not a folder");
      return kExitUsage;
    }
    po.volumes[n] = fs::absolute(v).string();
  }
  for (auto& a : config_maps) {
    std::string n, v;
    if (!split_pair(a, n, v) || n.find('/') == std::string::npos) {
      reporter.error("--configmap expects NAME/KEY=VALUE, got '" + a + "'");
      return kExitUsage;
    }
    po.config_maps[n] = v;
  }
  for (auto& a : semaphores) {
    std::string n, v;
    if (!split_pair(a, n, v)) {
      reporter.error("--semaphore expects NAME=N, got '" + a + "'");
      return kExitUsage;
    }
    po.semaphores[n] = v;
  }
  std::string settings_error;
  if (!read_run_settings(file, po, settings_error)) {
    reporter.project_error(settings_error);
    return kExitUsage;
  }
  po.parameter_file = parameter_file;
  po.entrypoint = entrypoint;
  po.template_files = templates;
  {  // The templates of the file's folder, Python or YAML (issue 23), but for its own documents.
    std::string dir = fs::path(file).parent_path().string();
    if (dir.empty()) dir = ".";
    std::set<std::string> own{absolute_path(file)};
    po.project_templates = yaml_templates_in({dir}, InputOptions{}, own, "").documents();
    for (auto& d : python_templates_in({dir}, "", reporter)) po.project_templates.push_back(std::move(d));
  }
  po.skip = std::set<std::string>(skip.begin(), skip.end());
  po.resume = resume;
  run::Plan plan = run::make_plan(po);
  LintResult shown;
  shown.files.push_back(plan.file);
  for (auto& f : plan.extra_files) shown.files.push_back(f);
  for (auto d : plan.diagnostics) {
    if (!d.file) d.file = plan.file.get();
    shown.diagnostics.push_back(d);
  }
  reporter.diagnostics(shown);
  if (!plan.ok) return kExitUsage;
  if (dry_run) {
    print_plan(plan);
    return kExitOk;
  }

  std::string py_error;
  std::string py = find_python(python, file, py_error);
  if (!py_error.empty()) {
    reporter.project_error(py_error);
    return kExitUsage;
  }

  bool own_dir = work_dir.empty();
  if (own_dir) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/flowc-run-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (!::mkdtemp(buf.data())) {
      reporter.error("cannot make a work folder under " + std::string(tmp && *tmp ? tmp : "/tmp"));
      return kExitUsage;
    }
    work_dir = buf.data();
  } else {
    std::error_code ec;
    fs::create_directories(work_dir, ec);
    if (ec) {
      reporter.error("cannot make the work folder " + work_dir + ": " + ec.message());
      return kExitUsage;
    }
    work_dir = fs::absolute(work_dir).string();
  }

  const bool kept = keep || !own_dir;
  auto executor = run::make_host_executor(work_dir, kept);
  std::string why = executor->check();
  if (!why.empty()) {
    reporter.error("this machine cannot run nodes isolated, and flowc run never runs them without isolation: " + why);
    if (own_dir) fs::remove_all(work_dir);
    return kExitUsage;
  }

  run::WorkflowStatus status(plan.workflow_name);
  bool tty = ::isatty(STDOUT_FILENO) && !logs;
  bool color = tty && !std::getenv("NO_COLOR");
  run::View view(status, stdout, tty, quiet > 0, verbose > 0, color);
  status.set_listener([&] { view.changed(); });

  run::RunOptions ro;
  ro.parallelism = parallelism;
  if (timeout > 0) ro.timeout = std::chrono::milliseconds(static_cast<int64_t>(timeout * 1000));
  ro.work_dir = work_dir;
  ro.artifact_dir = artifact_dir.empty() ? work_dir + "/artifacts" : artifact_dir;
  ro.python = py;
  std::mutex log_mu;
  if (logs)
    ro.on_output = [&](const std::string& node, std::string_view chunk, bool) {
      std::lock_guard<std::mutex> lock(log_mu);
      std::string out;
      size_t start = 0;
      while (start < chunk.size()) {
        size_t nl = chunk.find('\n', start);
        size_t end = nl == std::string_view::npos ? chunk.size() : nl + 1;
        out += node + ": " + std::string(chunk.substr(start, end - start));
        if (nl == std::string_view::npos) out += "\n";
        start = end;
      }
      std::fputs(out.c_str(), stdout);
      std::fflush(stdout);
    };

  struct sigaction sa{}, old_int{}, old_term{};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  run::Scheduler scheduler(plan, *executor, ro, status);
  run::Phase phase = scheduler.run(g_interrupted);
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  status.set_listener(nullptr);

  int code = run::successful(phase) ? kExitOk : kExitFailed;
  if (!report.empty()) {
    std::string error;
    if (!write_file_atomic(report, status.to_json(plan.workflow).dump(4) + "\n", error)) {
      reporter.error("cannot write --report " + report + ": " + error);
      code = kExitUsage;
    }
  }
  view.finish(report, kept ? work_dir : "");
  // The nodes' files (held in memory while the run went on) copied into the
  // work folder when it is kept, and unmounted before it is removed.
  executor.reset();
  if (!kept) {
    std::error_code ec;
    fs::remove_all(work_dir, ec);
  }
  return code;
}

}  // namespace flowc::cli
