"""`flowc graph`: golden pictures of tests/cases/graph/<name>/input.py.

DOT (expected.dot) and Mermaid (expected.mmd) are compared as text; the SVG
is read back with a real XML parser and must hold a node per task or step
and an edge per dependency of the compiled Argo document. FLOWC_REGEN=1
rewrites the expectations; read the diff before committing.
"""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import flowc
from conftest import CASES, FLOWC, REGEN

GRAPH_CASES = sorted(p.parent for p in (CASES / "graph").glob("*/input.py"))
SVG = "{http://www.w3.org/2000/svg}"


def flowc_graph(*args):
    return subprocess.run([*FLOWC, "graph", *map(str, args)], capture_output=True, text=True,
                          timeout=60)


@pytest.mark.parametrize("case", GRAPH_CASES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt,ext", [("dot", "dot"), ("mermaid", "mmd")])
def test_text_golden(case, fmt, ext):
    r = flowc_graph(case / "input.py", "--format", fmt)
    assert r.returncode == 0, r.stderr
    want = case / f"expected.{ext}"
    if REGEN:
        want.write_text(r.stdout)
    assert r.stdout == want.read_text()


def dependencies(doc):
    """(template, from, to) for every dependency the Argo document states."""
    out = set()
    for t in doc["spec"].get("templates", []):
        for task in t.get("dag", {}).get("tasks", []):
            deps = list(task.get("dependencies", []))
            if "depends" in task:
                deps += [name for name, _ in _depends(task["depends"])]
            out |= {(t["name"], d, task["name"]) for d in deps}
        groups = t.get("steps") or []
        for before, after in zip(groups, groups[1:]):
            out |= {(t["name"], a["name"], b["name"]) for a in before for b in after}
    return out


def _depends(expr):
    import re
    return [(m.group(1), m.group(2)) for m in re.finditer(r"([A-Za-z0-9_-]+)(?:\.([A-Za-z]+))?", expr)]


def tasks(doc):
    out = set()
    for t in doc["spec"].get("templates", []):
        out |= {(t["name"], x["name"]) for x in t.get("dag", {}).get("tasks", [])}
        out |= {(t["name"], s["name"]) for group in t.get("steps") or [] for s in group}
    return out


@pytest.mark.parametrize("case", GRAPH_CASES, ids=lambda p: p.name)
def test_svg_has_a_node_per_task_and_an_edge_per_dependency(case, tmp_path):
    out = tmp_path / "g.svg"
    r = flowc_graph(case / "input.py", "-o", out)
    assert r.returncode == 0, r.stderr
    root = ET.parse(out).getroot()
    assert root.tag == SVG + "svg"
    nodes, edges = set(), set()
    for cluster in root.iter(SVG + "g"):
        if cluster.get("class") != "cluster":
            continue
        template = cluster.get("data-template")
        for g in cluster.iter(SVG + "g"):
            if g.get("class") == "node":
                nodes.add((template, g.get("data-name")))
                texts = [t.text for t in g.iter(SVG + "text")]
                assert texts[0] == g.get("data-name")  # the name is drawn, not just tagged
            elif g.get("class") == "edge":
                edges.add((template, g.get("data-from"), g.get("data-to")))
                assert g.find(SVG + "path").get("marker-end") == "url(#flowc-arrow)"
    (doc,) = flowc.compile_to_dicts((case / "input.py").read_text(), str(case / "input.py"))
    assert nodes == tasks(doc) and nodes
    assert edges == dependencies(doc)


def test_conditions_and_loops_are_drawn():
    dot = flowc_graph(CASES / "graph" / "coinflip" / "input.py", "--format", "dot").stdout
    assert "when: {{steps.flip-coin.outputs.result}} == heads" in dot and "style=dashed" in dot
    svg = flowc_graph(CASES / "graph" / "loops_param_result" / "input.py").stdout
    assert "withParam: {{steps.generate.outputs.result}}" in svg


def test_api_gives_the_cli_picture():
    case = CASES / "graph" / "dag_diamond" / "input.py"
    assert flowc.graph_file(case, "dot") == (case.parent / "expected.dot").read_text()
    assert flowc.graph_source(case.read_text(), str(case), "mermaid") == (case.parent / "expected.mmd").read_text()
    with pytest.raises(ValueError):
        flowc.graph_source(case.read_text(), "x.py", "png")


def test_errors_are_diagnostics_and_nothing_is_written(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from flowc.dsl import *\nclass W(Workflow):\n    @task\n    def a(self):\n        return self.b()\n")
    out = tmp_path / "g.svg"
    out.write_text("old")
    r = flowc_graph(bad, "-o", out)
    assert r.returncode == 1
    assert f"{bad}:5:21: error:" in r.stderr and "Traceback" not in r.stderr
    assert out.read_text() == "old"
    assert flowc_graph(tmp_path / "missing.py").returncode == 2
    r = flowc_graph(bad, "--format", "png")
    assert r.returncode == 2 and "invalid choice" in r.stderr
