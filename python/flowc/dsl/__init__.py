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

    ``@template(retry_strategy=..., timeout=...)`` sets template-level fields."""
    return _bare_or_called("template", fn, fields)


def task(fn: Optional[F] = None, **fields: Any) -> Any:
    """A method whose body is ``return self.<template>(...)``: one task of a DAG.

    ``@task(on_exit=..., hooks=...)`` sets DAG task fields."""
    return _bare_or_called("task", fn, fields)


def dag(fn: Optional[F] = None, **fields: Any) -> Any:
    """A DAG template: its body holds ``@task`` functions (calls of other templates)."""
    return _bare_or_called("dag", fn, fields)


def steps(fn: Optional[F] = None, **fields: Any) -> Any:
    """A steps template: its body holds ``@step`` functions, run in order;
    a step marked ``@parallel`` runs together with the step before it."""
    return _bare_or_called("steps", fn, fields)


def step(fn: Optional[F] = None, **fields: Any) -> Any:
    """One step of a ``@steps`` template: ``return self.<template>(...)``."""
    return _bare_or_called("step", fn, fields)


def parallel(fn: F) -> F:
    """Runs this step in the same group as the step before it."""
    return _mark(fn, "parallel")


def depends(expression: str) -> Callable[[F], F]:
    """Argo's enhanced dependency expression: ``@depends("A.Succeeded && (B || C.Failed)")``."""
    return _decorator("depends", expression=expression)


def closure(*, image: str, scope: Union[str, List[str], None] = None, **fields: Any) -> Callable[[F], F]:
    """A plain Python function that becomes a script template run in ``image``."""
    return _decorator("closure", image=image, scope=scope, **fields)


def scope(name: str) -> Callable[[F], F]:
    """Adds a function to a scope; closures using the scope get it as ``<scope>.<function>``."""
    return _decorator("scope", name=name)


class _IO:
    def __init__(self, direction: str) -> None:
        self._direction = direction

    def parameter(self, name: Optional[str] = None, **fields: Any) -> Callable[[F], F]:
        return _decorator(f"{self._direction}.parameter", name=name, **fields)

    def artifact(self, name: Optional[str] = None, **fields: Any) -> Callable[[F], F]:
        return _decorator(f"{self._direction}.artifact", name=name, **fields)


inputs = _IO("inputs")
outputs = _IO("outputs")


def parameter(name: Optional[str] = None, **fields: Any) -> Callable[[F], F]:
    """An argument parameter of a task (an input parameter on a template)."""
    return _decorator("parameter", name=name, **fields)


def artifact(name: Optional[str] = None, **fields: Any) -> Callable[[F], F]:
    """An argument artifact of a task (an input artifact on a template)."""
    return _decorator("artifact", name=name, **fields)


def dependencies(names: List[str]) -> Callable[[F], F]:
    return _decorator("dependencies", names=names)


def when(expression: str) -> Callable[[F], F]:
    return _decorator("when", expression=expression)


def with_items(items: List[Any]) -> Callable[[F], F]:
    return _decorator("with_items", items=items)


def with_param(param: str) -> Callable[[F], F]:
    return _decorator("with_param", param=param)


def with_sequence(**fields: Any) -> Callable[[F], F]:
    return _decorator("with_sequence", **fields)


def continue_on(**fields: Any) -> Callable[[F], F]:
    return _decorator("continue_on", **fields)


class Workflow:
    """Base class of a workflow. Subclass it; compile with ``to_yaml()`` or ``flowc.compile``."""

    def to_yaml(self, target: str = "argo", *, warnings_as_errors: bool = False) -> str:
        """The document as YAML text: a flowc.CompileResult, a str that also
        carries ``.diagnostics`` and ``.warnings``. Warnings are issued through
        ``warnings`` as flowc.FlowcWarning; ``warnings_as_errors=True`` makes
        them errors (flowc.CompileError)."""
        from .. import compile as _compile
        return _compile(type(self), target=target, format="yaml", warnings_as_errors=warnings_as_errors)

    def to_json(self, target: str = "argo", *, warnings_as_errors: bool = False) -> str:
        """The document as JSON text (a flowc.CompileResult, as to_yaml)."""
        from .. import compile as _compile
        return _compile(type(self), target=target, format="json", warnings_as_errors=warnings_as_errors)

    def to_dict(self, target: str = "argo", *, warnings_as_errors: bool = False) -> Dict[str, Any]:
        """The document as one dict, always; with target="peak", the Peak
        workflow body (what the Peak SDK's ``create_workflow(body)`` takes).
        Warnings are issued through ``warnings``, as for to_yaml."""
        from .. import compile as _compile
        return _compile(type(self), target=target, as_dict=True, warnings_as_errors=warnings_as_errors)


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
