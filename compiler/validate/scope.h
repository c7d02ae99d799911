// What the validator carries while it walks a document: the documents
// templates come from (Base), the variables a field may name (Scope), and the
// arguments a template is called with (Args).
#pragma once
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "validate/document_access.h"
#include "validate/validate.h"

namespace flowc::validation {

// The document whose templates a name resolves in (Argo's template context
// base): the validated workflow, or a WorkflowTemplate reached by templateRef.
struct Base {
  SourcedDocument src;
  const J* spec = nullptr;
  std::string spec_ptr;  // JSON pointer of the spec in its document
  std::string id;        // "" for the validated document, else "wft/NAME" or "cwft/NAME"
  std::unordered_map<std::string, size_t> by_name;  // template name -> index
  bool indexed = false;

  const J* templates() const { return get(spec, "templates"); }
  const J* find(const std::string& name, size_t* index) {
    const J* ts = templates();
    if (!ts || !ts->is_array()) return nullptr;
    if (!indexed) {
      for (size_t i = 0; i < ts->size(); ++i) by_name.emplace(text((*ts)[i], "name"), i);
      indexed = true;
    }
    auto it = by_name.find(name);
    if (it == by_name.end()) return nullptr;
    *index = it->second;
    return &(*ts)[it->second];
  }
};

// The variables a field may use (Argo's scope map), with its magic "any" flags.
// A task or step whose outputs a field may name ({{tasks.X.outputs.result}}):
// asked on demand rather than written out as names (a DAG may have 100,000 tasks).
struct NodeRef {
  const J* tmpl = nullptr;  // the template it calls
  bool unknown = false;     // its template is not known here: anything goes
  bool aggregate = false;   // looped: its outputs are aggregated
  bool status = false;      // {{X.status}} is known
};

struct Scope {
  std::unordered_set<std::string> keys;
  bool any_item = false;
  std::unordered_map<std::string, NodeRef> nodes;  // "tasks.X" / "steps.X"
};

bool named_in(const J* list, std::string_view name);

// Argo's addOutputsToScope, asked: whether `tag` names something of a known task or step.
bool node_resolves(const std::string& tag, const Scope& scope);

// Extra names one task or step sees (ancestors, its own loop), asked on demand
// so that a DAG's scope is never copied per task.
using Extra = std::function<bool(const std::string&)>;

// Arguments a template is called with (Argo's ArgumentsProvider): a call's
// `arguments`, or any value at all (FakeArguments) when validating a template alone.
struct Args {
  const J* arguments = nullptr;  // null: fake, everything supplied
  const J* param(const std::string& name) const { return find("parameters", name); }
  const J* artifact(const std::string& name) const { return find("artifacts", name); }
  const J* find(const char* list, const std::string& name) const {
    const J* l = get(arguments, list);
    if (!l || !l->is_array()) return nullptr;
    for (auto& p : *l)
      if (text(p, "name") == name) return &p;
    return nullptr;
  }
};

// What a substituted variable becomes (Argo's placeholders): valid in names.
inline constexpr const char* kPlaceholder = "flowc-placeholder-";

// Argo's placeholderGenerator.IsPlaceholder: a field that was a variable
// ({{inputs.parameters.x}}) before ProcessArgs substituted it (validate.go:825, :885).
inline bool is_placeholder(std::string_view s) { return s.starts_with(kPlaceholder); }

}  // namespace flowc::validation
