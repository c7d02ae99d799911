"""The workflow DSL, importable so that workflow classes can be defined and
type-checked in ordinary Python and in notebooks.

Type checkers read __init__.pyi and models.pyi beside this file (typed
decorators, every model's keywords with their types and docstrings).

Everything here does nothing at run time: decorators return the function they
decorate, and model classes just keep their keyword arguments. flowc compiles
the class's *source text*; ``MyWorkflow().to_yaml()`` and
``flowc.compile(MyWorkflow)`` find that text and hand it to the compiler.

The names and their meaning are those of argo-python-dsl (``argo.workflows.dsl``):
Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow (and
flowc's WorkflowEventBinding); template,
closure, scope, inputs, outputs; task, parameter, artifact, dependencies, when,
with_items, with_param, with_sequence, continue_on; and every Argo and
Kubernetes model class (V1Container, V1alpha1Parameter, ...).
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, TypeVar, Union

from . import models
from .models import *  # noqa: F401,F403  (every model class)
from .models import Model  # noqa: F401

F = TypeVar("F", bound=Callable[..., Any])

__all__ = [
    "Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow", "WorkflowEventBinding", "Manifest",
    "template", "closure", "scope", "inputs", "outputs",
    "task", "parameter", "artifact", "dependencies", "depends", "when", "with_items", "with_param",
    "with_sequence", "continue_on", "dag", "steps", "step", "parallel",
]
__all__ += models.__all__


def _mark(fn: F, kind: str, **info: Any) -> F:
    marks = getattr(fn, "__flowc__", [])
    fn.__flowc__ = [(kind, info)] + list(marks)  # type: ignore[attr-defined]
    return fn


def _decorator(kind: str, **info: Any) -> Callable[[F], F]:
    def apply(fn: F) -> F:
        return _mark(fn, kind, **info)
    return apply


def _bare_or_called(kind: str, fn: Optional[F], fields: Dict[str, Any]) -> Any:
    """Supports both ``@kind`` and ``@kind(field=...)``."""
    if fn is not None and callable(fn) and not fields:
        return _mark(fn, kind)
    return _decorator(kind, **fields)


def template(fn: Optional[F] = None, **fields: Any) -> Any:
    """A method returning a template body (V1Container, V1alpha1ScriptTemplate, ...).

    ``@template(retry_strategy=..., timeout=...)`` sets template-level fields.

        @template
        @inputs.parameter(name="message")
        def echo(self, message: V1alpha1Parameter) -> V1Container:
            return V1Container(image="alpine", command=["echo", "{{inputs.parameters.message}}"])
    """
    return _bare_or_called("template", fn, fields)


def task(fn: Optional[F] = None, **fields: Any) -> Any:
    """A method whose body is ``return self.<template>(...)``: one task of a DAG.

    ``@task(on_exit=..., hooks=...)`` sets DAG task fields.

        @task
        @parameter(name="message", value="A")
        def a(self, message: V1alpha1Parameter) -> V1alpha1Template:
            return self.echo(message=message)
    """
    return _bare_or_called("task", fn, fields)


def dag(fn: Optional[F] = None, **fields: Any) -> Any:
    """A DAG template: its body holds ``@task`` functions (calls of other templates).

        @dag(fail_fast=False)
        def main(self) -> V1alpha1Template:
            @task
            def a(self) -> V1alpha1Template:
                return self.echo()
    """
    return _bare_or_called("dag", fn, fields)


def steps(fn: Optional[F] = None, **fields: Any) -> Any:
    """A steps template: its body holds ``@step`` functions, run in order;
    a step marked ``@parallel`` runs together with the step before it.

        @steps
        def main(self) -> V1alpha1Template:
            @step
            def flip(self) -> V1alpha1Template:
                return self.flip_coin()
    """
    return _bare_or_called("steps", fn, fields)


def step(fn: Optional[F] = None, **fields: Any) -> Any:
    """One step of a ``@steps`` template: ``return self.<template>(...)``.

        @step
        @when("{{steps.flip.outputs.result}} == heads")
        def heads(self) -> V1alpha1Template:
            return self.echo()
    """
    return _bare_or_called("step", fn, fields)


def parallel(fn: F) -> F:
    """Runs this step in the same group as the step before it.

        @step
        @parallel
        def b(self) -> V1alpha1Template:
            return self.echo()
    """
    return _mark(fn, "parallel")


def depends(expression: str) -> Callable[[F], F]:
    """Argo's enhanced dependency expression.

        @task
        @depends("A.Succeeded && (B || C.Failed)")
        def d(self) -> V1alpha1Template:
            return self.echo()
    """
    return _decorator("depends", expression=expression)


def closure(*, image: str, scope: Union[str, List[str], None] = None, **fields: Any) -> Callable[[F], F]:
    """A plain Python function that becomes a script template run in ``image``.

        @closure(image="python:3.12", scope="main")
        def gen_random_int(main) -> V1alpha1ScriptTemplate:
            import random
            print(random.randint(1, 100))
    """
    return _decorator("closure", image=image, scope=scope, **fields)


def scope(name: str) -> Callable[[F], F]:
    """Adds a function to a scope; closures using the scope get it as ``<scope>.<function>``.

        @scope(name="main")
        def address() -> str:
            return "localhost"
    """
    return _decorator("scope", name=name)


class _IO:
    def __init__(self, direction: str) -> None:
        self._direction = direction

    def parameter(self, name: Optional[str] = None, **fields: Any) -> Callable[[F], F]:
        """A parameter of the template: ``@inputs.parameter(name="message")``.

            @template
            @inputs.parameter(name="message")
            def echo(self, message: V1alpha1Parameter) -> V1Container: ...
        """
        return _decorator(f"{self._direction}.parameter", name=name, **fields)

    def artifact(self, name: Optional[str] = None, **fields: Any) -> Callable[[F], F]:
        """An artifact of the template: ``@outputs.artifact(name="out", path="/tmp/out.txt")``.

            @template
            @outputs.artifact(name="out", path="/tmp/out.txt")
            def produce(self) -> V1Container: ...
        """
        return _decorator(f"{self._direction}.artifact", name=name, **fields)


inputs = _IO("inputs")
outputs = _IO("outputs")


def parameter(name: Optional[str] = None, **fields: Any) -> Callable[[F], F]:
    """An argument parameter of a task (an input parameter on a template).

        @task
        @parameter(name="message", value="A")
        def a(self, message: V1alpha1Parameter) -> V1alpha1Template:
            return self.echo(message=message)
    """
    return _decorator("parameter", name=name, **fields)


def artifact(name: Optional[str] = None, **fields: Any) -> Callable[[F], F]:
    """An argument artifact of a task (an input artifact on a template).

        @task
        @artifact(name="data", _from="{{tasks.a.outputs.artifacts.out}}")
        def b(self, data: V1alpha1Artifact) -> V1alpha1Template:
            return self.consume(data=data)
    """
    return _decorator("artifact", name=name, **fields)


def dependencies(names: List[str]) -> Callable[[F], F]:
    """The tasks this task runs after.

        @task
        @dependencies(["A", "B"])
        def c(self) -> V1alpha1Template:
            return self.echo()
    """
    return _decorator("dependencies", names=names)


def when(expression: str) -> Callable[[F], F]:
    """Runs the task or step only if the expression holds.

        @step
        @when("{{steps.flip.outputs.result}} == heads")
        def heads(self) -> V1alpha1Template:
            return self.echo()
    """
    return _decorator("when", expression=expression)


def with_items(items: List[Any]) -> Callable[[F], F]:
    """Runs the task once per item (``{{item}}`` in its arguments).

        @task
        @parameter(name="message", value="{{item}}")
        @with_items(["hello", "world"])
        def say(self, message: V1alpha1Parameter) -> V1alpha1Template:
            return self.echo(message=message)
    """
    return _decorator("with_items", items=items)


def with_param(param: str) -> Callable[[F], F]:
    """Runs the task once per item of a JSON list known at run time.

        @task
        @with_param("{{tasks.generate.outputs.result}}")
        def each(self) -> V1alpha1Template:
            return self.echo()
    """
    return _decorator("with_param", param=param)


def with_sequence(**fields: Any) -> Callable[[F], F]:
    """Runs the task once per number (fields of V1alpha1Sequence).

        @task
        @with_sequence(count="5")
        def each(self) -> V1alpha1Template:
            return self.echo()
    """
    return _decorator("with_sequence", **fields)


def continue_on(**fields: Any) -> Callable[[F], F]:
    """Lets the workflow go on if the task fails or errs.

        @task
        @continue_on(failed=True)
        def may_fail(self) -> V1alpha1Template:
            return self.flaky()
    """
    return _decorator("continue_on", **fields)


class Workflow:
    """Base class of a workflow. Subclass it; compile with ``to_yaml()`` or ``flowc.compile``."""

    def to_yaml(self, target: str = "argo", *, warnings_as_errors: bool = False) -> str:
        """The document as YAML text: a flowc.CompileResult, a str that also
        carries ``.diagnostics`` and ``.warnings``. Warnings are issued through
        ``warnings`` as flowc.FlowcWarning; ``warnings_as_errors=True`` makes
        them errors (flowc.CompileError).

            >>> print(DagDiamond().to_yaml())
            >>> DagDiamond().to_yaml(target="peak", warnings_as_errors=True)
        """
        from .. import compile as _compile
        return _compile(type(self), target=target, format="yaml", warnings_as_errors=warnings_as_errors)

    def to_json(self, target: str = "argo", *, warnings_as_errors: bool = False) -> str:
        """The document as JSON text (a flowc.CompileResult, as to_yaml).

            >>> json.loads(DagDiamond().to_json())["kind"]
            'Workflow'
        """
        from .. import compile as _compile
        return _compile(type(self), target=target, format="json", warnings_as_errors=warnings_as_errors)

    def to_dict(self, target: str = "argo", *, warnings_as_errors: bool = False) -> Dict[str, Any]:
        """The document as one dict, always; with target="peak", the Peak
        workflow body (what the Peak SDK's ``create_workflow(body)`` takes).
        Warnings are issued through ``warnings``, as for to_yaml.

            >>> DagDiamond().to_dict()["spec"]["entrypoint"]
            'dag-diamond'
        """
        from .. import compile as _compile
        return _compile(type(self), target=target, as_dict=True, warnings_as_errors=warnings_as_errors)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Dict[str, str]:
        """A workflow as a notebook cell's last value: its YAML
        (syntax-highlighted) and the SVG picture of its DAG; the diagnostics
        if it does not compile."""
        from .._display import bundle
        return bundle(type(self))


class WorkflowTemplate(Workflow):
    """A WorkflowTemplate: stored in the cluster, referenced by other workflows."""


class ClusterWorkflowTemplate(Workflow):
    """A cluster-scoped WorkflowTemplate."""


class CronWorkflow(Workflow):
    """A workflow run on a schedule (``schedule = "0 * * * *"``)."""


class WorkflowEventBinding(Workflow):
    """Submits a WorkflowTemplate when an event matches: class attributes
    ``event = V1alpha1Event(selector=...)`` and ``submit = V1alpha1Submit(...)``;
    no templates or tasks."""


class Manifest(Workflow):
    """Any other Kubernetes document, verbatim: ``manifest = {...}`` (its JSON
    keys and values) is written back unchanged, in its place among the file's
    documents (a ConfigMap or a PersistentVolumeClaim a workflow uses)."""
