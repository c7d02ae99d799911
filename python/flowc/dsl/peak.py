"""Settings only the Peak target uses (``flowc compile --target peak``).

    from flowc.dsl import peak

    @peak.workflow(image_id=100, image_version_id=100, instance_type_id=21, storage="10GB",
                   triggers=[{"cron": "0 0 * * *"}], tags=["foo"])
    class Nightly(Workflow):
        @task
        @peak.step(step_timeout=30, retry_options={"number_of_retries": 3})
        def train(self):
            return self.run_training()

``@peak.workflow(...)`` on the class (or a class attribute ``__peak__ = {...}``
with the same keys) gives the workflow's Peak settings and every step's
defaults; ``@peak.step(...)`` on a task, or on a template for every task that
calls it, overrides them for its steps (the task's win over the template's).
The Argo target ignores all of them.

Like the rest of the DSL these do nothing when Python runs them: flowc reads
them from the source text. Values must be literals (or module constants).
Keys are snake_case; the camelCase names of the Peak documents work too.
A string ``"{{ name }}"`` is a placeholder that ``peak workflows create FILE
-v params.yaml`` / ``-p name=value`` fills in; it is kept as written.

Workflow settings (``peak.workflow`` / ``__peak__``):

- ``name``: the Peak workflow's name (default: the class name in kebab-case).
- ``triggers``: a list of ``{"cron": "0 0 * * *"}`` or ``{"webhook": True, "webhook_policy": "generate"}``
  (a CronWorkflow's ``schedule`` becomes a cron trigger by itself).
- ``watchers``: a list of ``{"user": email | "webhook": {name, url, payload} | "email": {name, recipients: {to: [...]}},
  "events": {"success": bool, "fail": bool, "runtime_exceeded": minutes}}``.
- ``tags``: a list of tag names.
- ``retry_options``: the workflow-wide ``{"duration", "exit_codes", "exponential_backoff", "number_of_retries"}``.
- and every step setting below except the ones only a step has, as the default of every step.

Step settings (``peak.step``; defaults in ``peak.workflow``):

- ``image_id``, ``image_version_id``: the Peak image that runs the step (required, here or as a default).
- ``instance_type_id``, ``storage`` (``"10GB"``): the step's resources.
- ``step_timeout`` (minutes), ``clear_image_cache`` (bool).
- ``repository``: ``{"url": ..., "branch": ..., "token": ...}``.
- ``env`` (dict, added to the container's env), ``secrets`` (list of secret names, added to secret env refs).
- ``retry_options``: the step's, merged over what its template's ``retry_strategy`` gives.
- step only: ``skip``, ``skip_dag`` (skip the step / it and every step after it),
  ``command`` (replaces the command made from the template), ``output_parameters``
  (``{name: path}``, added to the template's outputs read from a path),
  ``conditional`` (``[{"condition": "equals", "param_name", "step_name", "value"}]``) and
  ``parent_status`` (``[{"condition": "one-of", "parents": [...], "status": ["success"]}]``),
  added to what ``when`` and ``depends`` give.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, TypeVar, Union

T = TypeVar("T")

__all__ = ["workflow", "step"]

Number = Union[int, float, str]


def _record(target: T, kind: str, settings: Dict[str, Any]) -> T:
    marks = getattr(target, "__flowc_peak__", [])
    try:
        target.__flowc_peak__ = [(kind, settings)] + list(marks)  # type: ignore[attr-defined]
    except (AttributeError, TypeError):
        pass
    return target


def workflow(*, name: Optional[str] = None,
             image_id: Union[int, str, None] = None, image_version_id: Union[int, str, None] = None,
             instance_type_id: Union[int, str, None] = None, storage: Optional[str] = None,
             step_timeout: Optional[Number] = None, clear_image_cache: Union[bool, str, None] = None,
             repository: Optional[Dict[str, str]] = None, env: Optional[Dict[str, Any]] = None,
             secrets: Optional[List[str]] = None, triggers: Optional[List[Dict[str, Any]]] = None,
             watchers: Optional[List[Dict[str, Any]]] = None, tags: Optional[List[str]] = None,
             retry_options: Optional[Dict[str, Any]] = None) -> Callable[[T], T]:
    """Peak settings of the workflow class and defaults of its steps: ``@peak.workflow(...)`` on the class.

        @peak.workflow(image_id=101, image_version_id=2, tags=["nightly"])
        class Train(Workflow): ...
    """
    settings = {k: v for k, v in locals().items() if v is not None}
    return lambda cls: _record(cls, "workflow", settings)


def step(*, image_id: Union[int, str, None] = None, image_version_id: Union[int, str, None] = None,
         instance_type_id: Union[int, str, None] = None, storage: Optional[str] = None,
         step_timeout: Optional[Number] = None, clear_image_cache: Union[bool, str, None] = None,
         repository: Optional[Dict[str, str]] = None, env: Optional[Dict[str, Any]] = None,
         secrets: Optional[List[str]] = None, retry_options: Optional[Dict[str, Any]] = None,
         skip: Union[bool, str, None] = None, skip_dag: Union[bool, str, None] = None,
         command: Optional[str] = None, output_parameters: Optional[Dict[str, str]] = None,
         conditional: Optional[List[Dict[str, str]]] = None,
         parent_status: Optional[List[Dict[str, Any]]] = None) -> Callable[[T], T]:
    """Peak settings of a task's step (on a template: of every step that calls it).

        @task
        @peak.step(instance_type_id=23, step_timeout=30)
        def train(self) -> V1alpha1Template:
            return self.run()
    """
    settings = {k: v for k, v in locals().items() if v is not None}
    return lambda fn: _record(fn, "step", settings)
