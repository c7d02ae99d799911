"""flowc in a real Jupyter kernel: a workflow class defined in one cell, compiled in the next."""
from __future__ import annotations

import textwrap

import pytest
import yaml

jupyter_client = pytest.importorskip("jupyter_client")

import flowc  # noqa: E402
from conftest import EXAMPLES  # noqa: E402


def run_cells(cells):
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="python3")
    outputs = []
    try:
        for code in cells:
            msg_id = kc.execute(code)
            text, error = [], None
            while True:
                msg = kc.get_iopub_msg(timeout=60)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                kind, content = msg["msg_type"], msg["content"]
                if kind == "stream":
                    text.append(content["text"])
                elif kind == "error":
                    error = "\n".join(content["traceback"])
                elif kind == "status" and content["execution_state"] == "idle":
                    break
            assert error is None, error
            outputs.append("".join(text))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return outputs


def test_class_in_a_cell_compiles_from_the_next():
    body = (EXAMPLES / "dag_diamond.py").read_text()
    body = body[body.index("class DagDiamond"):]
    out = run_cells([
        "from flowc.dsl import *\nimport flowc",
        body,
        "print(DagDiamond().to_yaml(), end='')",
        "print(flowc.compile(DagDiamond) == DagDiamond().to_yaml(), DagDiamond().to_dict()['kind'])",
    ])
    assert yaml.safe_load(out[2]) == flowc.compile_to_dicts((EXAMPLES / "dag_diamond.py").read_text())[0]
    assert out[3] == "True Workflow\n"


def test_errors_in_a_cell_point_at_the_cell():
    cell = textwrap.dedent("""\
        class Oops(Workflow):
            @task
            def a(self):
                return self.missing()
        """)
    out = run_cells([
        "from flowc.dsl import *\nimport flowc",
        cell,
        "try:\n    Oops().to_yaml()\nexcept flowc.CompileError as e:\n    print(e.diagnostics[0].line, e.diagnostics[0].message)",
    ])
    assert out[2] == "4 task 'a' calls unknown template 'missing'\n"
