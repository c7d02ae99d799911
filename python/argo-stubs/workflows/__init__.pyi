# Type stubs for argo.workflows.dsl (argo-python-dsl's import path), shipped
# with flowc: flowc compiles that DSL, and these stubs give it flowc.dsl's
# types. The package is partial (py.typed says so): every other argo module
# (argo.workflows.client, ...) is still read from its own package.
