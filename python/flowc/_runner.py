"""``flowc.run``: run a workflow on this machine with Argo's semantics (docs/run.md).

The binding layer stays thin: this runs the native ``flowc run`` command
(the executable pip installed beside this package) with ``--report``, and
reads the report, which is the Workflow object as ``argo get -o json``
prints it. Nothing here decides a node's phase.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import weakref
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

__all__ = ["run", "RunResult", "NodeResult", "Outputs", "RunError"]


class RunError(Exception):
    """The run was refused before anything ran (exit code 2): the message is
    flowc's diagnostics."""


@dataclass
class Outputs:
    """A node's (or the workflow's) outputs as Argo records them."""
    parameters: Dict[str, str] = field(default_factory=dict)
    artifacts: Dict[str, str] = field(default_factory=dict)  # name -> local path
    result: Optional[str] = None
    exit_code: Optional[int] = None

    @classmethod
    def from_argo(cls, o: Optional[Mapping[str, Any]]) -> "Outputs":
        o = o or {}
        params = {p["name"]: p.get("value") for p in o.get("parameters", []) if "value" in p}
        arts = {a["name"]: a.get("localPath", "") for a in o.get("artifacts", [])}
        code = o.get("exitCode")
        return cls(params, arts, o.get("result"), int(code) if code is not None else None)


@dataclass
class NodeResult:
    """One node of the run, from its Argo NodeStatus."""
    id: str
    name: str
    display_name: str
    type: str
    phase: str
    message: str
    template_name: str
    outputs: Outputs
    children: List[str]


@dataclass
class RunResult:
    """What ``flowc.run`` returns: the workflow's phase, its nodes by display
    name (``result.nodes["load"].outputs.parameters["rows"]``), its global
    outputs, and the whole report (Argo's Workflow JSON)."""
    phase: str
    message: str
    nodes: Dict[str, NodeResult]
    outputs: Outputs
    report: Dict[str, Any]
    work_dir: str
    exit_code: int
    stdout: str
    stderr: str

    @property
    def succeeded(self) -> bool:
        return self.phase == "Succeeded"

    def node(self, name: str) -> NodeResult:
        """A node by its full Argo name (``wf[0].step``) or display name."""
        for n in self.report["status"]["nodes"].values():
            if n["name"] == name:
                return _node(n)
        return self.nodes[name]


def _node(n: Mapping[str, Any]) -> NodeResult:
    return NodeResult(n["id"], n["name"], n["displayName"], n["type"], n["phase"], n.get("message", ""),
                      n.get("templateName", ""), Outputs.from_argo(n.get("outputs")), list(n.get("children", [])))


def _flowc_exe() -> str:
    from .__main__ import find_flowc_bin, places
    exe = find_flowc_bin()
    if exe is None:
        raise RunError("the native flowc executable was not found; looked in " + ", ".join(places()))
    return exe


def _workflow_file(path_or_class: Any, tmp: str) -> str:
    if isinstance(path_or_class, (str, os.PathLike)):
        return os.fspath(path_or_class)
    # A workflow class (or instance): compiled from its own source text.
    import flowc
    text = str(flowc.compile(path_or_class))
    path = os.path.join(tmp, "workflow.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def run(path_or_class: Any, parameters: Optional[Mapping[str, Any]] = None, *, entrypoint: Optional[str] = None,
        templates: Iterable[Union[str, os.PathLike]] = (), skip: Iterable[str] = (),
        artifacts: Optional[Mapping[str, Union[str, os.PathLike]]] = None, parallelism: Optional[int] = None,
        timeout: Optional[float] = None, resume: bool = False, python: Optional[str] = None,
        work_dir: Optional[str] = None, logs: bool = False,
        volumes: Optional[Mapping[str, Union[str, os.PathLike]]] = None,
        config_maps: Optional[Mapping[str, Any]] = None,
        semaphores: Optional[Mapping[str, int]] = None) -> RunResult:
    """Runs a workflow (a DSL ``.py`` file, an Argo YAML file, or a workflow
    class) with ``flowc run`` and returns its result.

        >>> r = flowc.run("flows/etl.py", parameters={"day": "2026-01-01"})
        >>> assert r.phase == "Succeeded"
        >>> assert r.nodes["load"].outputs.parameters["rows"] == "42"

    ``python`` is the interpreter ``python``/``python3`` commands of script
    templates run (default: this one, ``sys.executable``). The work folder
    (node outputs, artifacts: ``outputs.artifacts`` are paths in it) is kept
    until the result is garbage-collected, unless ``work_dir`` is given.
    ``volumes`` maps volume names to local folders (``--volume``),
    ``config_maps`` maps ``"NAME/KEY"`` to the value of that ConfigMap key
    (``--configmap``), ``semaphores`` gives semaphores' limits
    (``--semaphore``). Raises RunError when the run is refused before anything runs.
    """
    tmp = tempfile.mkdtemp(prefix="flowc-run-py-")
    own_work = work_dir is None
    work = os.path.join(tmp, "work") if own_work else os.fspath(work_dir)
    try:
        path = _workflow_file(path_or_class, tmp)
        report_path = os.path.join(tmp, "report.json")
        argv = [_flowc_exe(), "run", path, "--report", report_path, "--work-dir", work,
                "--python", python or sys.executable]
        if not logs:
            argv.append("-q")
        else:
            argv.append("--logs")
        for k, v in (parameters or {}).items():
            argv += ["-p", f"{k}={_text(v)}"]
        if entrypoint:
            argv += ["--entrypoint", entrypoint]
        for t in templates:
            argv += ["--templates", os.fspath(t)]
        for s in skip:
            argv += ["--skip", s]
        for name, p in (artifacts or {}).items():
            argv += ["--artifact", f"{name}={os.fspath(p)}"]
        for key, v in (config_maps or {}).items():  # "NAME/KEY": value
            argv += ["--configmap", f"{key}={_text(v)}"]
        for key, n in (semaphores or {}).items():  # "CONFIGMAP/KEY" or a database key: limit
            argv += ["--semaphore", f"{key}={n}"]
        for name, p in (volumes or {}).items():
            argv += ["--volume", f"{name}={os.fspath(p)}"]
        if parallelism:
            argv += ["--parallelism", str(parallelism)]
        if timeout:
            argv += ["--timeout", str(timeout)]
        if resume:
            argv.append("--resume")
        proc = subprocess.run(argv, capture_output=not logs, text=True)
        if proc.returncode == 2 or not os.path.exists(report_path):
            raise RunError((proc.stderr or "").strip() or f"flowc run exited with {proc.returncode}")
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    status = report["status"]
    nodes: Dict[str, NodeResult] = {}
    ordered = sorted(status["nodes"].values(), key=lambda n: (n.get("startedAt") or "", n["name"]))
    for n in ordered:
        nodes.setdefault(n["displayName"], _node(n))
    result = RunResult(status["phase"], status.get("message", ""), nodes, Outputs.from_argo(status.get("outputs")),
                       report, work, proc.returncode, proc.stdout or "", proc.stderr or "")
    weakref.finalize(result, shutil.rmtree, tmp, True)
    return result


def _text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, separators=(",", ":"))
    return str(v)
