# Argo example: workflow-event-binding/github-path-filter-workfloweventbinding.yaml.
# A WorkflowEventBinding with a complex event selector: the WorkflowTemplate
# github-path-filter runs only for pushes that touch subpath/A/ or subpath/B/.
# Both the selector and the parameter's valueFrom use expr-lang syntax.
from flowc.dsl import (
    V1alpha1Arguments,
    V1alpha1Event,
    V1alpha1Parameter,
    V1alpha1Submit,
    V1alpha1ValueFrom,
    V1alpha1WorkflowTemplateRef,
    WorkflowEventBinding,
)

SELECTOR = """\
metadata["x-github-event"] == ["push"]

// The discriminator is the last subpath of URL path
&& discriminator == "github-path-filter"

// for each of these file paths
&& any([ "subpath/A/", "subpath/B/" ], {
    let prefix = #;

    // loop over every commit
    any(payload.commits ?? [], {
      let commit = #;

      // loop over each file action in the commit
      any(["added", "removed", "modified"], {
        let file_action = #;

        // Loop over each of the files in the file action
        any(commit[file_action] ?? [], {
          let filepath = #;

          // return true if the given file is in our subpath
          hasPrefix(filepath, prefix)
        })
      })
    })
  })
"""

# Every file affected by the commits of this push.
FILES = """\
// Use the reduce function to collect all files affeccted by commits in this push
reduce(
  payload.commits ?? [],
  {
    let commit = #;
    concat(#acc, commit["added"], commit["removed"], commit["modified"])
  },
  []
)
"""


class GithubPathFilter(WorkflowEventBinding):
    event = V1alpha1Event(selector=SELECTOR)
    submit = V1alpha1Submit(
        workflow_template_ref=V1alpha1WorkflowTemplateRef(name="github-path-filter"),
        arguments=V1alpha1Arguments(
            parameters=[
                V1alpha1Parameter(
                    name="files", value_from=V1alpha1ValueFrom(event=FILES)
                )
            ],
        ),
    )
