"""Workload generator for the flowc benchmark.

Writes, for each workload, the same workflows twice:

- ``dsl/``: argo-python-dsl classes (``from argo.workflows.dsl import ...``),
  the input of flowc and of argo-python-dsl;
- ``hera/``: equivalent Hera workflows (``from hera.workflows import ...``),
  the input of ``hera generate yaml``.

Workloads: ``examples`` (the repository's examples/*.py, with hand-written
Hera equivalents from bench/hera_examples/), ``dag/`` (one workflow of N tasks
per N) and ``corpus`` (many workflows of 5 to 50 tasks each).

The synthetic workflows are a seeded, deterministic mix of: container tasks
with parameters, closure (script) tasks with scopes, imports and an input
parameter, tasks that pass an output result on as a parameter, artifact
producer/consumer pairs, loops (``@with_items``) and ``@when`` conditions.
Features are switched on only when the compilers at hand accept them (see
``FEATURES`` and ``probe_features`` in run.py): ``when`` is off by default
because argo-workflows-dsl 0.4.0's ``@when("...")`` raises
``TypeError: when() takes no arguments`` (its ``when`` Prop has ``__model__ =
str``, which its metaclass does not turn into a base class), so a workload
with it would not be the same input for both DSL peers.
"""
from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# Features a synthetic workflow may use. run.py switches off what does not compile.
ALL_FEATURES = ("containers", "closures", "parameters", "results", "artifacts", "loops", "when")
DEFAULT_FEATURES = ("containers", "closures", "parameters", "results", "artifacts", "loops")


@dataclass
class TaskSpec:
    name: str
    kind: str  # echo | compute | produce | consume
    template: str
    params: Dict[str, str] = field(default_factory=dict)
    artifact_from: Optional[str] = None  # producer task name
    deps: List[str] = field(default_factory=list)
    with_items: Optional[List[str]] = None
    when: Optional[str] = None


@dataclass
class WorkflowSpec:
    class_name: str
    wf_name: str  # dasherized class name, as both DSLs name it
    n_echo: int
    n_compute: int
    n_produce: int
    tasks: List[TaskSpec]
    # Templates some task calls. Only these are written: argo-python-dsl calls
    # every template method while compiling, and one with inputs that no task
    # calls fails ("consume3() missing 1 required positional argument").
    used: set = field(default_factory=set)


def dasherize(class_name: str) -> str:
    out = []
    for i, ch in enumerate(class_name):
        if ch.isupper() and i and not class_name[i - 1].isupper():
            out.append("-")
        out.append(ch.lower())
    return "".join(out)


def make_spec(n: int, seed: int, class_name: str, features: Sequence[str]) -> WorkflowSpec:
    rng = random.Random(seed)
    feats = set(features)
    n_echo = max(1, n // 20)
    n_compute = max(1, n // 25) if "closures" in feats else 0
    n_produce = max(1, n // 50) if "artifacts" in feats else 0
    kinds, weights = ["echo"], [45]
    if n_compute:
        kinds.append("compute"), weights.append(25)
    if n_produce:
        kinds += ["produce", "consume"]
        weights += [12, 8]
    if "loops" in feats:
        kinds.append("loop"), weights.append(10)
    tasks: List[TaskSpec] = []
    computes: List[str] = []
    producers: List[str] = []
    width = len(str(n - 1))
    for i in range(n):
        name = f"t{i:0{width}d}"
        kind = "echo" if i == 0 else rng.choices(kinds, weights)[0]
        if kind == "consume" and not producers:
            kind = "produce"
        deps: List[str] = []
        if i:
            window = tasks[max(0, i - 20):]
            for d in rng.sample(window, min(len(window), rng.randint(1, 2))):
                deps.append(d.name)
        t = TaskSpec(name=name, kind=kind, template="")
        if kind == "echo":
            t.template = f"echo{rng.randrange(n_echo)}"
            if "results" in feats and computes and rng.random() < 0.3:
                src = rng.choice(computes[-10:])
                t.params["message"] = "{{tasks.%s.outputs.result}}" % src
                deps.append(src)
            else:
                t.params["message"] = f"message {i}"
            if "when" in feats and computes and rng.random() < 0.2:
                src = rng.choice(computes[-10:])
                t.when = "{{tasks.%s.outputs.result}} > 50" % src
                deps.append(src)
        elif kind == "loop":
            t.kind = "echo"
            t.template = f"echo{rng.randrange(n_echo)}"
            t.params["message"] = "{{item}}"
            t.with_items = [f"item-{i}-{j}" for j in range(3)]
        elif kind == "compute":
            t.template = f"compute{rng.randrange(n_compute)}"
            t.params["n"] = str(rng.randint(1, 100))
            computes.append(name)
        elif kind == "produce":
            t.template = f"produce{rng.randrange(n_produce)}"
            producers.append(name)
        elif kind == "consume":
            src = rng.choice(producers[-10:])
            # The consumer must use the producer's template's artifact: every
            # produceK names its output "data", every consumeK reads "data".
            t.template = f"consume{rng.randrange(n_produce)}"
            t.artifact_from = src
            deps.append(src)
        t.deps = list(dict.fromkeys(deps))
        tasks.append(t)
    return WorkflowSpec(class_name, dasherize(class_name), n_echo, n_compute, n_produce, tasks,
                        {t.template for t in tasks})


# --------------------------------------------------------------------------- DSL

_CLOSURE_BODIES = [
    [
        "import json",
        "import random",
        "main.init_logging()",
        "values = [random.randint(1, 100) for _ in range(int(n))]",
        "print(json.dumps(sum(values) % 100))",
    ],
    [
        "import hashlib",
        "main.init_logging(level=\"DEBUG\")",
        "digest = main.checksum(str(n))",
        "print(int(digest[:2], 16) % 100)",
    ],
    [
        "import math",
        "import statistics",
        "main.init_logging()",
        "xs = [math.sqrt(i) for i in range(1, int(n) + 1)]",
        "print(round(statistics.mean(xs)) % 100)",
    ],
]


def render_dsl(spec: WorkflowSpec) -> str:
    L: List[str] = []
    a = L.append
    a(f'"""{spec.class_name}: a synthetic workflow of {len(spec.tasks)} tasks (bench/gen.py)."""')
    a("from argo.workflows.dsl import Workflow")
    a("from argo.workflows.dsl.tasks import *")
    a("from argo.workflows.dsl.templates import *")
    a("")
    a('ALPINE = "alpine:3.18"')
    a('PYTHON = "python:3.11-alpine"')
    a("")
    a("")
    a(f"class {spec.class_name}(Workflow):")
    for t in spec.tasks:
        a("    @task")
        args = []
        for k, v in t.params.items():
            a(f'    @parameter(name="{k}", value="{v}")')
            args.append(f"{k}: V1alpha1Parameter")
        if t.artifact_from:
            a(f'    @artifact(name="data", _from="{{{{tasks.{t.artifact_from}.outputs.artifacts.data}}}}")')
            args.append("data: V1alpha1Artifact")
        if t.deps:
            a("    @dependencies([%s])" % ", ".join(f'"{d}"' for d in t.deps))
        if t.when:
            a(f'    @when("{t.when}")')
        if t.with_items:
            a("    @with_items([%s])" % ", ".join(f'"{x}"' for x in t.with_items))
        a(f"    def {t.name}(self{''.join(', ' + x for x in args)}) -> V1alpha1Template:")
        call = ", ".join([f"{k}={k}" for k in t.params] + (["data=data"] if t.artifact_from else []))
        a(f"        return self.{t.template}({call})")
        a("")
    for k in range(spec.n_echo):
        if f"echo{k}" not in spec.used:
            continue
        a("    @template")
        a('    @inputs.parameter(name="message")')
        a(f"    def echo{k}(self, message: V1alpha1Parameter) -> V1Container:")
        a("        container = V1Container(")
        a(f'            name="echo{k}",')
        a("            image=ALPINE,")
        a('            command=["sh", "-c"],')
        a(f'            args=["echo step {k}: {{{{inputs.parameters.message}}}}"],')
        a("        )")
        a("        return container")
        a("")
    for k in range(spec.n_compute):
        if f"compute{k}" not in spec.used:
            continue
        a('    @closure(scope="main", image=PYTHON)')
        a('    @inputs.parameter(name="n")')
        a(f"    def compute{k}(main, n) -> V1alpha1ScriptTemplate:")
        for line in _CLOSURE_BODIES[k % len(_CLOSURE_BODIES)]:
            a("        " + line)
        a("")
    for k in range(spec.n_produce):
      if f"produce{k}" in spec.used:
        a("    @template")
        a('    @outputs.artifact(name="data", path="/tmp/data.txt")')
        a(f"    def produce{k}(self) -> V1Container:")
        a("        return V1Container(")
        a(f'            name="produce{k}",')
        a("            image=ALPINE,")
        a('            command=["sh", "-c"],')
        a(f'            args=["echo produced by {k} > /tmp/data.txt"],')
        a("        )")
        a("")
      if f"consume{k}" in spec.used:
        a("    @template")
        a('    @inputs.artifact(name="data", path="/tmp/data")')
        a(f"    def consume{k}(self, data: V1alpha1Artifact) -> V1Container:")
        a("        return V1Container(")
        a(f'            name="consume{k}",')
        a("            image=ALPINE,")
        a('            command=["cat", "/tmp/data"],')
        a("        )")
        a("")
    if any(t.startswith("compute") for t in spec.used):
        a('    @scope(name="main")')
        a('    def init_logging(level="INFO"):')
        a("        import logging")
        a("        logging.basicConfig(level=getattr(logging, level, logging.INFO))")
        a("")
        a('    @scope(name="main")')
        a("    def checksum(text):")
        a("        import hashlib")
        a('        return hashlib.sha256(text.encode("utf-8")).hexdigest()')
        a("")
    return "\n".join(L).rstrip("\n") + "\n"


# -------------------------------------------------------------------------- Hera

def render_hera(spec: WorkflowSpec) -> str:
    """The same workflow in Hera: templates as Container / @script objects, the
    DAG as calls inside `with DAG(...)`. Hera has no scopes: the scope helpers
    are written into each script's body, as a Hera user would."""
    L: List[str] = []
    a = L.append
    a(f'"""{spec.class_name} in Hera: a synthetic workflow of {len(spec.tasks)} tasks (bench/gen.py)."""')
    a("from hera.workflows import DAG, Artifact, Container, Parameter, Workflow, script")
    a("")
    a('ALPINE = "alpine:3.18"')
    a('PYTHON = "python:3.11-alpine"')
    a("")
    for k in range(spec.n_compute):
        if f"compute{k}" not in spec.used:
            continue
        a("")
        a(f'@script(name="compute{k}", image=PYTHON)')
        a(f"def compute{k}(n):")
        body = _CLOSURE_BODIES[k % len(_CLOSURE_BODIES)]
        a("    import logging")
        if any("checksum" in x for x in body):
            a("    import hashlib")
        for line in body:
            if line.startswith("main.init_logging"):
                level = "DEBUG" if "DEBUG" in line else "INFO"
                a(f'    logging.basicConfig(level=getattr(logging, "{level}", logging.INFO))')
            elif "main.checksum" in line:
                a('    digest = hashlib.sha256(str(n).encode("utf-8")).hexdigest()')
            else:
                a("    " + line)
    a("")
    a("")
    a(f'with Workflow(generate_name="{spec.wf_name}-", entrypoint="main") as w:')
    for k in range(spec.n_echo):
        if f"echo{k}" not in spec.used:
            continue
        a(f"    echo{k} = Container(")
        a(f'        name="echo{k}",')
        a("        image=ALPINE,")
        a('        command=["sh", "-c"],')
        a(f'        args=["echo step {k}: {{{{inputs.parameters.message}}}}"],')
        a('        inputs=[Parameter(name="message")],')
        a("    )")
    for k in range(spec.n_produce):
      if f"produce{k}" in spec.used:
        a(f"    produce{k} = Container(")
        a(f'        name="produce{k}",')
        a("        image=ALPINE,")
        a('        command=["sh", "-c"],')
        a(f'        args=["echo produced by {k} > /tmp/data.txt"],')
        a('        outputs=[Artifact(name="data", path="/tmp/data.txt")],')
        a("    )")
      if f"consume{k}" in spec.used:
        a(f"    consume{k} = Container(")
        a(f'        name="consume{k}",')
        a("        image=ALPINE,")
        a('        command=["cat", "/tmp/data"],')
        a('        inputs=[Artifact(name="data", path="/tmp/data")],')
        a("    )")
    a('    with DAG(name="main"):')
    for t in spec.tasks:
        kw = [f'name="{t.name}"']
        if t.artifact_from:
            kw.append('arguments=[Artifact(name="data", from_="{{tasks.%s.outputs.artifacts.data}}")]' % t.artifact_from)
        elif t.params:
            kw.append("arguments={%s}" % ", ".join(f'"{k}": "{v}"' for k, v in t.params.items()))
        if t.deps:
            kw.append("dependencies=[%s]" % ", ".join(f'"{d}"' for d in t.deps))
        if t.when:
            kw.append(f'when="{t.when}"')
        if t.with_items:
            kw.append("with_items=[%s]" % ", ".join(f'"{x}"' for x in t.with_items))
        a(f"        {t.template}({', '.join(kw)})")
    return "\n".join(L).rstrip("\n") + "\n"


# ---------------------------------------------------------------------- workloads

DAG_SIZES = (10, 100, 1000, 10000)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def gen_examples(root: Path) -> None:
    for sub in ("dsl", "hera"):
        shutil.rmtree(root / sub, ignore_errors=True)
        (root / sub).mkdir(parents=True)
    for p in sorted((REPO / "examples").glob("*.py")):
        shutil.copyfile(p, root / "dsl" / p.name)
    for p in sorted((HERE / "hera_examples").glob("*.py")):
        shutil.copyfile(p, root / "hera" / p.name)


def gen_dag(root: Path, sizes: Sequence[int], features: Sequence[str]) -> Dict[int, str]:
    out = {}
    for n in sizes:
        spec = make_spec(n, seed=1000 + n, class_name=f"BenchDag{n}", features=features)
        name = f"dag_{n:05d}"
        for sub, render in (("dsl", render_dsl), ("hera", render_hera)):
            d = root / f"n{n}" / sub
            shutil.rmtree(d, ignore_errors=True)
            write(d / f"{name}.py", render(spec))
        out[n] = name
    return out


def gen_corpus(root: Path, count: int, features: Sequence[str], lo: int = 5, hi: int = 50) -> None:
    rng = random.Random(7)
    for sub in ("dsl", "hera"):
        shutil.rmtree(root / sub, ignore_errors=True)
        (root / sub).mkdir(parents=True)
    for i in range(count):
        n = rng.randint(lo, hi)
        spec = make_spec(n, seed=i, class_name=f"Corpus{i:04d}", features=features)
        write(root / "dsl" / f"wf_{i:04d}.py", render_dsl(spec))
        write(root / "hera" / f"wf_{i:04d}.py", render_hera(spec))


if __name__ == "__main__":  # python3 bench/gen.py OUT_DIR: a quick look at the output
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else HERE / "work" / "gen-preview")
    gen_dag(out / "dag", (10,), DEFAULT_FEATURES)
    gen_corpus(out / "corpus", 3, DEFAULT_FEATURES)
    print(out)
