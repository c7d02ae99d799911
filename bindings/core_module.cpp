// flowc._core: the compiler core for Python. Conversion only; no logic here.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "driver/compile.h"
#include "parse/syntax_tree.h"
#include "driver/import.h"
#include "lint/lint.h"
#include "driver/graph.h"
#include "report/diagnostics_doc.h"
#include "report/diagnostics_printer.h"
#include "watch/file_watcher.h"

namespace py = pybind11;

namespace {

py::object to_python(const nlohmann::ordered_json& j) {
  switch (j.type()) {
    case nlohmann::ordered_json::value_t::null: return py::none();
    case nlohmann::ordered_json::value_t::boolean: return py::bool_(j.get<bool>());
    case nlohmann::ordered_json::value_t::number_integer: return py::int_(j.get<int64_t>());
    case nlohmann::ordered_json::value_t::number_unsigned: return py::int_(j.get<uint64_t>());
    case nlohmann::ordered_json::value_t::number_float: return py::float_(j.get<double>());
    case nlohmann::ordered_json::value_t::string: return py::str(j.get_ref<const std::string&>());
    case nlohmann::ordered_json::value_t::array: {
      py::list l;
      for (auto& item : j) l.append(to_python(item));
      return l;
    }
    case nlohmann::ordered_json::value_t::object: {
      py::dict d;
      for (auto it = j.begin(); it != j.end(); ++it) d[py::str(it.key())] = to_python(it.value());
      return d;
    }
    default: return py::none();
  }
}

// A file name as Python spells it: the bytes given (os.fsencode), decoded
// back the same way, so a name that is not UTF-8 round-trips.
py::str file_name(const std::string& name) {
  PyObject* o = PyUnicode_DecodeFSDefaultAndSize(name.data(), static_cast<Py_ssize_t>(name.size()));
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

py::dict diagnostic_dict(const flowc::Diagnostic& d, const flowc::SourceFile& file) {
  auto begin = file.position(d.span.begin);
  auto end = file.position(d.span.end);
  py::list notes;
  for (auto& n : d.notes) {
    py::dict nd;
    nd["message"] = n.message;
    if (n.file) nd["file"] = file_name(n.file->name());  // a note in another module
    if (n.span) {
      auto p = (n.file ? *n.file : file).position(n.span->begin);
      nd["line"] = p.line;
      nd["column"] = p.col;
    } else {
      nd["line"] = py::none();
      nd["column"] = py::none();
    }
    notes.append(nd);
  }
  py::dict out;
  out["severity"] = flowc::severity_name(d.severity);
  out["code"] = d.code;
  out["message"] = d.message;
  out["file"] = file_name(file.name());
  out["line"] = begin.line;
  out["column"] = begin.col;
  out["end_line"] = end.line;
  out["end_column"] = end.col;
  out["notes"] = notes;
  out["rendered"] = flowc::render(d, file);  // d.file, when set, is `file`
  return out;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "flowc compiler core (C++). Use the flowc package, not this module.";
  m.attr("__version__") = flowc::version();
  m.attr("MAX_SOURCE_BYTES") = flowc::kMaxSourceBytes;  // the CLI and API read no more (flowc/_source.py)
  // The CLI's --diagnostics-format/--color/--diagnostics-output
  // (report/diagnostics_printer.h): handed to compile/lint/graph, which add
  // each input's diagnostics to it; finish() writes json/sarif.
  py::class_<flowc::DiagnosticsPrinter>(m, "DiagnosticsPrinter")
      .def(py::init([](const std::string& format, const std::string& color, const std::string& output,
                       const std::string& version) {
             flowc::ReportSettings s;
             auto f = flowc::parse_report_format(format);
             auto c = flowc::parse_color_mode(color);
             if (!f) throw py::value_error("unknown diagnostics format '" + format + "'");
             if (!c) throw py::value_error("unknown color mode '" + color + "'");
             s.format = *f;
             s.color = *c;
             s.output = output;
             return std::make_unique<flowc::DiagnosticsPrinter>(s, version);
           }),
           py::arg("format"), py::arg("color"), py::arg("output"), py::arg("version"))
      .def("open", &flowc::DiagnosticsPrinter::open)
      .def("add_file_error", &flowc::DiagnosticsPrinter::add_file_error, py::arg("path"), py::arg("code"), py::arg("message"))
      .def("finish", &flowc::DiagnosticsPrinter::finish)
      .def_property_readonly("error", &flowc::DiagnosticsPrinter::error)
      .def_property_readonly("colored", &flowc::DiagnosticsPrinter::colored);
  m.attr("DIAGNOSTICS_FORMATS") = py::make_tuple("text", "json", "sarif", "github");
  // flowc compile --watch (watch/file_watcher.h); wait() lets other threads run.
  py::class_<flowc::FileWatcher>(m, "FileWatcher")
      .def(py::init<>())
      .def("add", &flowc::FileWatcher::add, py::arg("path"))
      .def(
          "wait",
          [](flowc::FileWatcher& w, int timeout_ms, int settle_ms) {
            std::vector<std::string> changed;
            {
              py::gil_scoped_release release;
              changed = w.wait(timeout_ms, settle_ms);
            }
            py::list out;  // names as Python spells them (os.fsdecode), whatever their bytes
            for (auto& c : changed) out.append(file_name(c));
            return out;
          },
          py::arg("timeout_ms"), py::arg("settle_ms") = 100)
      .def_property_readonly("error", &flowc::FileWatcher::error);
  m.def(
      "compile",
      [](std::string source, std::string filename, std::string target, std::string format, bool implicit_dsl,
         std::string only_class, bool warnings_as_errors, bool load_imports, bool documents, uint32_t only_line,
         bool validate, std::string argo_version, flowc::DiagnosticsPrinter* printer, std::string python_version) {
        flowc::CompileOptions o;
        o.filename = std::move(filename);
        o.target = std::move(target);
        o.format = std::move(format);
        o.implicit_dsl = implicit_dsl;
        o.only_class = std::move(only_class);
        o.only_line = only_line;
        o.warnings_as_errors = warnings_as_errors;
        o.load_imports = load_imports;
        o.validate = validate;
        o.argo_version = std::move(argo_version);
        o.python_version = std::move(python_version);
        flowc::CompileResult r;
        {
          py::gil_scoped_release release;  // pure C++ from here; other threads may run
          r = flowc::compile(std::move(source), o);
        }
        if (printer) printer->add(r.file, r.diagnostics, r.imported_files);
        py::list docs;  // as Python objects only when asked: building them costs more than the text
        if (documents)
          for (auto& d : r.documents) docs.append(to_python(d));
        py::list diags;
        for (auto& d : r.diagnostics) diags.append(diagnostic_dict(d, d.file ? *d.file : *r.file));
        py::dict out;
        out["ok"] = r.ok;
        out["output"] = r.output;
        out["documents"] = docs;
        out["texts"] = r.document_texts;
        out["classes"] = r.workflow_classes;
        out["diagnostics"] = diags;
        py::list imported;  // the base-class modules read (flowc compile --watch watches them too)
        for (auto& f : r.imported_files) imported.append(file_name(f->name()));
        out["imported"] = imported;
        return out;
      },
      py::arg("source"), py::arg("filename") = "<string>", py::arg("target") = "argo", py::arg("format") = "yaml",
      py::arg("implicit_dsl") = false, py::arg("only_class") = "", py::arg("warnings_as_errors") = false,
      py::arg("load_imports") = false, py::arg("documents") = true, py::arg("only_line") = 0,
      py::arg("validate") = true, py::arg("argo_version") = "", py::arg("printer") = nullptr,
      py::arg("python_version") = "");
  // Only the syntax verdict (driver/compile.h check_python_syntax): bytes in,
  // the first error (or none) out. scripts/compare_cpython.py holds it to
  // CPython's compile() on whole standard libraries.
  m.def(
      "check_syntax",
      [](std::string source, std::string filename, std::string python_version) {
        auto v = flowc::parse_python_version(python_version);
        if (!v) throw py::value_error("unknown Python version '" + python_version + "' (flowc reads " +
                                      flowc::python_version_list() + ")");
        flowc::SyntaxCheckResult r;
        {
          py::gil_scoped_release release;
          r = flowc::check_python_syntax(std::move(source), filename, *v);
        }
        py::list diags;
        for (auto& d : r.diagnostics) diags.append(diagnostic_dict(d, *r.file));
        return diags;
      },
      py::arg("source"), py::arg("filename") = "<string>", py::arg("python_version") = "3.14");
  // tree-sitter's S-expression of a source's tree (with field names): for
  // whoever writes a rule and needs to see what the grammar made of a line.
  m.def(
      "syntax_tree_sexp",
      [](std::string source) {
        flowc::SourceFile file("<string>", std::move(source));
        flowc::SyntaxTree tree(file);
        if (tree.timed_out()) return std::string();
        char* s = ts_node_string(tree.root());
        std::string out(s);
        free(s);
        return out;
      },
      py::arg("source"));
  // flowc import (driver/import.h): YAML text -> DSL source and diagnostics.
  m.def(
      "import_yaml",
      [](std::string text, std::string filename, std::string argo_version) {
        flowc::ImportOptions o;
        if (!argo_version.empty()) {
          auto v = flowc::parse_argo_version(argo_version);
          if (!v) throw py::value_error("unknown Argo version '" + argo_version + "' (flowc imports for " +
                                        flowc::argo_version_list() + ")");
          o.argo_version = *v;
          o.argo_version_text = argo_version;
        }
        flowc::ImportResult r;
        {
          py::gil_scoped_release release;
          r = flowc::import_yaml(std::move(text), filename, o);
        }
        py::list diags;
        for (auto& d : r.diagnostics) diags.append(diagnostic_dict(d, *r.file));
        py::dict out;
        out["ok"] = r.ok;
        out["output"] = r.output;
        out["draft"] = r.draft;
        out["diagnostics"] = diags;
        return out;
      },
      py::arg("text"), py::arg("filename") = "<string>", py::arg("argo_version") = "");
  m.def(
      "lint",
      [](std::vector<std::pair<std::string, std::string>> files, std::string entry, bool argo_lint, bool submit,
         std::vector<std::pair<std::string, std::string>> template_files, bool templates_complete, std::string defaults,
         bool warnings_as_errors, std::string argo_version, flowc::DiagnosticsPrinter* printer) {
        flowc::LintOptions o;
        if (!argo_version.empty()) {
          auto v = flowc::parse_argo_version(argo_version);
          if (!v) throw py::value_error("unknown Argo version '" + argo_version + "' (flowc lints for " +
                                        flowc::argo_version_list() + ")");
          o.argo_version = *v;
        }
        o.entry = std::move(entry);
        o.argo_lint = argo_lint;
        o.submit = submit;
        for (auto& [n, t] : template_files) o.template_files.push_back({n, t});
        o.templates_complete = templates_complete;
        o.defaults = std::move(defaults);
        o.warnings_as_errors = warnings_as_errors;
        std::vector<flowc::LintFile> in;
        for (auto& [n, t] : files) in.push_back({n, t});
        flowc::LintResult r;
        {
          py::gil_scoped_release release;
          r = flowc::lint(in, o);
        }
        if (printer && !r.files.empty()) {
          std::vector<flowc::Diagnostic> located;  // as below: those with a file (all, today)
          for (auto& d : r.diagnostics)
            if (d.file) located.push_back(d);
          printer->add(r.files.front(), std::move(located), r.files);
        }
        py::list diags;
        for (auto& d : r.diagnostics)
          if (d.file) diags.append(diagnostic_dict(d, *d.file));
        py::dict out;
        out["ok"] = r.ok;
        out["documents"] = r.documents;
        out["diagnostics"] = diags;
        return out;
      },
      py::arg("files"), py::arg("entry") = "", py::arg("argo_lint") = true, py::arg("submit") = false,
      py::arg("template_files") = std::vector<std::pair<std::string, std::string>>{}, py::arg("templates_complete") = false,
      py::arg("defaults") = "", py::arg("warnings_as_errors") = false, py::arg("argo_version") = "",
      py::arg("printer") = nullptr);
  // The picture of each document's DAG/steps templates (driver/graph.h):
  // output is the whole picture, texts one per workflow class.
  m.def(
      "graph",
      [](std::string source, std::string filename, std::string format, bool implicit_dsl, std::string only_class,
         bool load_imports, uint32_t only_line, flowc::DiagnosticsPrinter* printer) {
        flowc::CompileOptions o;
        o.filename = std::move(filename);
        o.implicit_dsl = implicit_dsl;
        o.only_class = std::move(only_class);
        o.only_line = only_line;
        o.load_imports = load_imports;
        flowc::CompileResult r;
        {
          py::gil_scoped_release release;
          r = flowc::compile_graph(std::move(source), o, format);
        }
        if (printer) printer->add(r.file, r.diagnostics, r.imported_files);
        py::list diags;
        for (auto& d : r.diagnostics) diags.append(diagnostic_dict(d, d.file ? *d.file : *r.file));
        py::dict out;
        out["ok"] = r.ok;
        out["output"] = r.output;
        out["texts"] = r.document_texts;
        out["classes"] = r.workflow_classes;
        out["diagnostics"] = diags;
        return out;
      },
      py::arg("source"), py::arg("filename") = "<string>", py::arg("format") = "svg", py::arg("implicit_dsl") = false,
      py::arg("only_class") = "", py::arg("load_imports") = false, py::arg("only_line") = 0,
      py::arg("printer") = nullptr);
  // flowc explain (report/diagnostics_doc.h): a code's section of
  // docs/diagnostics.md as embedded in the build, None for an unknown code.
  m.def(
      "explain",
      [](std::string code) -> std::optional<std::string> {
        auto section = flowc::diagnostic_section(code);
        if (!section) return std::nullopt;
        return std::string(*section);
      },
      py::arg("code"));
  m.def("documented_codes", &flowc::documented_codes);
  py::list formats;
  for (const char* f : flowc::kGraphFormats) formats.append(f);
  m.attr("GRAPH_FORMATS") = py::tuple(formats);
}
