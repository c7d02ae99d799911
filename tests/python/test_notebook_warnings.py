"""In a real Jupyter kernel, a compiler warning shows under the cell that
compiled the class (as a FlowcWarning with the CLI's text), and the result
carries it."""
from __future__ import annotations

import textwrap

import pytest

pytest.importorskip("jupyter_client")

from test_notebook import run_cells  # noqa: E402


def test_warning_shows_under_the_cell():
    cell = textwrap.dedent("""\
        class Implicit(Workflow):
            @task
            def a(self):
                return self.echo(x="1")

            @task
            @parameter(name="x", value="{{tasks.a.outputs.result}}")
            def b(self, x):
                return self.echo(x=x)

            @template
            @inputs.parameter(name="x")
            def echo(self, x) -> V1Container:
                return V1Container(image="alpine", command=["echo", "{{inputs.parameters.x}}"])
        """)
    out = run_cells([
        "from flowc.dsl import *\nimport flowc",
        cell,
        "text = Implicit().to_yaml()",
        "print([d.code for d in text.warnings])",
        "try:\n    Implicit().to_yaml(warnings_as_errors=True)\nexcept flowc.CompileError as e:\n"
        "    print([d.code for d in e.errors])",
    ])
    shown = out[2]
    assert "FlowcWarning" in shown and "warning: task 'b' uses an output of 'a'" in shown
    assert "[W0301]" in shown and "^~~~" in shown
    assert out[3] == "['W0301']\n"
    assert out[4] == "['W0301']\n"
