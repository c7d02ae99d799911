# The closing line of a multi-line quoted string in a flow sequence sits at
# the key's own indentation (Argo's ci.yaml does this); PyYAML and Go's yaml
# read it, and so does flowc import.
from flowc.dsl import V1Container, Workflow, template


class Build(Workflow):
    entrypoint = "build"

    @template
    def build(self) -> V1Container:
        return V1Container(
            image="golang:1.8",
            command=["sh", "-c"],
            args=[" cd /go/src/github.com/golang/example/hello && go build -v . "],
            # one string, folded
        )
