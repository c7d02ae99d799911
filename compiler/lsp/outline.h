// What the editor features need to know of a document, read straight from
// its tree-sitter tree: the classes, their decorated methods (templates,
// tasks, steps, closures, nested DAG tasks) with their decorators, and the
// names those declare. It is syntactic on purpose: the user is typing, the
// file is often half-written, and tree-sitter still gives the parts that
// parse. (Diagnostics run the whole compiler; this is only for answers.)
#pragma once
#include <tree_sitter/api.h>

#include <string>
#include <string_view>
#include <vector>

#include "diag/source.h"

namespace flowc::lsp {

struct Decorator {
  std::string name;  // "template", "inputs.parameter", "dsl.task" (as written, without '@')
  TSNode node{};     // the decorator's expression: an identifier, attribute or call
  Span span;         // the name
  // Keyword arguments given as string literals, e.g. name="message".
  std::vector<std::pair<std::string, std::string>> strings;
  std::string string(std::string_view key) const;
};

enum class MemberKind { Template, Closure, Dag, Steps, Task, Step, Scope, Other };

struct Member {
  MemberKind kind = MemberKind::Other;
  std::string method;  // the Python name
  std::string name;    // the Argo name (method_to_name)
  Span name_span;      // the method's name
  Span span;           // the whole definition, decorators included
  TSNode definition{};  // function_definition
  std::vector<Decorator> decorators;
  std::vector<std::string> params;  // without self
  std::string calls;                // tasks and steps: the template called as `self.<calls>(...)`
  Span calls_span;                  // ... the attribute's name
  std::vector<Member> nested;       // a DAG's tasks, a steps template's steps

  bool has(std::string_view decorator) const;
  // Names from decorators (`@inputs.parameter(name="x")`: inputs_of(*, "inputs.parameter")).
  std::vector<std::string> declared(std::string_view decorator) const;
  // Input parameters: @inputs.parameter names, and a closure's own parameters.
  std::vector<std::string> input_parameters() const;
};

struct ClassInfo {
  std::string name;
  Span name_span;
  Span span;
  std::vector<std::string> bases;
  std::vector<Member> members;
  std::vector<std::string> workflow_parameters;  // names in the `arguments = ...` setting
  std::vector<std::pair<std::string, Span>> settings;  // other class attributes

  const Member* find(std::string_view method_or_name) const;  // a direct member
  // A task or step of the class, or nested in one of its DAG / steps templates.
  const Member* find_task(std::string_view method_or_name) const;
};

struct Outline {
  std::vector<ClassInfo> classes;
  const ClassInfo* class_at(uint32_t offset) const;
  const ClassInfo* find_class(std::string_view name) const;
};

Outline read_outline(TSNode root, std::string_view text);

// The innermost decorated member (nested tasks first) holding `offset`, or null.
const Member* member_at(const ClassInfo& c, uint32_t offset);
// The DAG / steps template holding a nested task or step, or null.
const Member* parent_of(const ClassInfo& c, const Member& nested);

// Helpers over the tree.
std::string_view node_text(TSNode n, std::string_view text);
std::vector<TSNode> named_children(TSNode n);  // in order, in linear time
// tree-sitter's accessors crash on a null node, and a half-typed file has
// missing parts everywhere (a class without bases, a def without
// parameters): these give null / 0 instead.
TSNode safe_field(TSNode n, const char* name);
uint32_t named_count_of(TSNode n);
TSNode named_child_of(TSNode n, uint32_t i);
// A string literal's content, without prefix and quotes (escapes kept), or "".
std::string string_content(TSNode n, std::string_view text);

}  // namespace flowc::lsp
