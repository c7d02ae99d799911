// The validator: Argo's validate.go (v4.1.2) over one document. Its checks
// are spread over the files of this folder by what they check (workflow,
// templates, variables, steps, dag, leaf templates, template fields); this
// class holds the state they share while one document is walked.
#pragma once
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "diag/diagnostic.h"
#include "validate/depends.h"
#include "validate/scope.h"
#include "validate/validate.h"

namespace flowc::validation {

class Validator {
 public:
  Validator(const SourcedDocument& doc, const ValidateOptions& o, DiagnosticSink& sink) : doc_(doc), o_(o), sink_(sink) {}
  void run();

 private:
  struct DagTask {
    const J* json;
    std::string name, ptr;
    std::vector<DependsRef> deps;  // from depends or dependencies
    const J* resolved = nullptr;
    std::vector<int> dep_index;    // indexes of known dependencies
  };


  // ---- reporting ----
  void report(const char* code, const std::string& ptr, std::string message, const Base* base = nullptr);
  Diagnostic& error_at(const char* code, const std::string& ptr, std::string message, const Base* base);
  void warn(const char* code, const std::string& ptr, std::string message, const Base* base = nullptr);
  void note(const std::string& ptr, std::string message, const Base* base = nullptr);  // no code (issue 23)

  // ---- metadata (Kubernetes' rules, and Argo's name lengths) ----
  void check_metadata(const std::string& entry);

  // ---- CronWorkflow's own fields ----
  bool check_cron(const J* spec);

  // ---- Argo's Workflow() ----
  void run_workflow(const J* spec, const std::string& spec_ptr, bool ignore_entrypoint, bool wft);
  void check_spec_extras(const J& spec, const std::string& sp);

  // ---- WorkflowTemplates reached by reference ----
  enum class MissingRef { NotFound, NotGiven, Unchecked };
  MissingRef template_ref_missing() const;
  Base* template_base(const std::string& name, bool cluster, const std::string& at, const Base* from = nullptr);
  void collect_global_outputs(Base& base);

  // ---- Argo's validateTemplateHolder ----
  const J* holder_template(const J& holder, const std::string& ptr, Base& base, const Args& args, const std::string& where, Base** resolved_base = nullptr);

  // ---- Argo's validateTemplate ----
  void validate_template(const J& t, const std::string& tp, Base& base, const Args& args, const std::string& where);
  bool substitute(const J& t, const Scope& scope, J& out);
  void check_inputs(const J& t, const std::string& tp, const std::string& type, Base& base, const std::string& label);
  void check_clean_path(const std::string& path, const std::string& ptr, const std::string& ref, Base& base);
  void check_location(const J& a, const std::string& ap, const std::string& ref, Base& base);
  void check_supplied(const J& t, const std::string& tp, const Args& args, Base& base, const std::string& label, const std::string& where);
  void report_at_call(const std::string& fallback, Base& base, std::string message);

  // ---- names ----
  void check_field_names(const J* list, const std::string& ptr, const std::string& label, bool params, Base* base);
  void check_arguments(const J& args, const std::string& ptr, const std::string& prefix, bool allow_empty, Base* base);

  // ---- {{variables}} ----
  void check_vars(const J& node, std::string& ptr, const Scope& scope, const Extra* extra, Base& base, const std::string& where);
  void check_text(const std::string& s, const std::string& ptr, const Scope& scope, const Extra* extra, Base& base, const std::string& where);
  bool resolves(const std::string& tag, const Scope& scope, const Extra* extra) const;
  bool add_items(const J& task, const std::string& tp, Scope& scope, Base& base, const std::string& label);
  void add_outputs(const J* tmpl, const char* kind, const std::string& name, Scope& scope, bool aggregate);
  void check_hooks(const J* hooks, const std::string& ptr, const std::string& label, Base& base);

  // ---- steps ----
  void validate_steps(const J& t, const std::string& tp, Scope& scope, Base& base, const std::string& label);
  void validate_dag(const J& t, const std::string& tp, Scope& scope, Base& base, const std::string& label);
  bool is_ancestor(const std::vector<DagTask>& ts, int task, int anc);
  bool check_cycles(const std::vector<DagTask>& ts, const std::string& label, Base& base);

  // ---- leaf templates ----
  void validate_leaf(const J& t, const std::string& tp, const std::string& type, Scope& scope, Base& base, const std::string& label);
  bool default_image(const Base& base, const char* kind);
  void check_reserved_names(const J& t, const std::string& tp, const std::string& label, Base& base);
  void check_resource(const J& t, const J& r, const std::string& tp, const std::string& label, Base& base);
  void check_container_set(const J& t, const J& cs, const std::string& tp, const std::string& label, Base& base);

  // ---- pod-level fields Kubernetes checks ----
  void check_pod_gc_selector(const J& gc, const std::string& gp);
  void check_pod_resources(const J& pr, const std::string& pp, const std::string& label, Base& base);
  void check_containers(const J& t, const std::string& tp, const std::string& label, Base& base);

  // ---- outputs ----
  void validate_outputs(const J& t, const std::string& tp, const std::string& type, const Scope& scope, Base& base, const std::string& label);

  // ---- metrics, retry, synchronization ----
  static bool metric_name(std::string_view n);
  void check_metrics(const J& t, const std::string& tp, Base& base, const std::string& label);
  void check_retry(const J& rs, const std::string& rp, const std::string& label, Base& base);
  void check_synchronization(const J* sync, const std::string& sp, const std::string& label, Base& base);

  inline static const J kEmptyArgs = J::object();

  const SourcedDocument& doc_;
  const ValidateOptions& o_;
  DiagnosticSink& sink_;
  Base root_;
  std::unordered_map<std::string, std::unique_ptr<Base>> bases_;
  std::unordered_set<std::string> globals_;
  std::unordered_set<const J*> seen_;  // templates validated (each once; calls check their inputs)
  bool wft_ = false;
  bool any_wf_out_params_ = false, any_wf_out_artifacts_ = false;
  bool unknown_refs_ = false;
  std::unordered_set<std::string> missing_reported_;  // places of references to templates not given
  std::unordered_set<std::string> external_noted_;    // external templates already noted (one note each)
  std::string call_ptr_;          // the task or step whose arguments are being checked
  Base* call_base_ = nullptr;
  std::vector<uint32_t> mark_;
  size_t placeholders_ = 0;
  std::unordered_map<std::string, std::string> placeholder_of_;  // a tag's placeholder, the same at every use
  std::unordered_map<std::string, std::string> global_values_;  // workflow parameters with a value
  uint32_t stamp_ = 0;
};

}  // namespace flowc::validation
