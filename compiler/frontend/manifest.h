// A verbatim Kubernetes document in the DSL, for the documents a workflow
// file carries beside its workflows (a ConfigMap, a PersistentVolumeClaim, a
// ResourceQuota; `flowc import` writes them so):
//
//     class TestVolume(Manifest):
//         manifest = {"apiVersion": "v1", "kind": "PersistentVolumeClaim", ...}
//
// The value is evaluated statically like any other and written back
// unchanged (keys, values, types, order), in the class's place in the file.
#pragma once
#include "diag/diagnostic.h"
#include "frontend/evaluator.h"
#include "ir/workflow.h"
#include "parse/syntax_tree.h"

namespace flowc {

// Reads the class body into wf.manifest: exactly one `manifest = {...}`
// (E1031 when missing or not a mapping with apiVersion and kind; E1032 for
// any other statement).
void read_manifest_class(Workflow& wf, TSNode body, const Env& module_env, Evaluator& eval, const SyntaxTree& tree,
                         DiagnosticSink& sink);

}  // namespace flowc
