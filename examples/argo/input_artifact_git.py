# Argo example: input-artifact-git.yaml. An input artifact cloned from git.
from typing import ClassVar

from flowc.dsl import *


class InputArtifactGit(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "git-clone"

    @template
    @inputs.artifact(
        name="argo-source",
        path="/src",
        git=V1alpha1GitArtifact(
            repo="https://github.com/argoproj/argo-workflows.git", revision="v2.1.1"
        ),
    )
    def git_clone(self) -> V1Container:
        return V1Container(
            image="golang:1.10",
            command=["sh", "-c"],
            args=["git status && ls && cat VERSION"],
            working_dir="/src",
        )
