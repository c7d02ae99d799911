"""The validation stage in a compile reports at the Python place that
produced the field, also when that place is in another file (a template
inherited from a base class in an imported module)."""
from __future__ import annotations

import textwrap

import pytest

import flowc


def test_inherited_template_is_reported_in_its_own_file(tmp_path):
    (tmp_path / "base.py").write_text(textwrap.dedent('''\
        from flowc.dsl import *

        # a comment, so that the place differs from any line of main.py


        class Base(Workflow):
            @template
            def echo(self) -> V1Container:
                return V1Container(command=["echo", "hi"])
        '''))
    (tmp_path / "main.py").write_text(textwrap.dedent('''\
        from flowc.dsl import *
        from .base import Base

        class Child(Base):
            @task
            def a(self):
                return self.echo()
        '''))
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_file(tmp_path / "main.py")
    [d] = e.value.diagnostics
    assert d.code == "E0708"
    assert d.file.endswith("base.py") and d.line == 9
    assert str(d).startswith(f"{d.file}:9:") and 'V1Container(command=["echo", "hi"])' in str(d)
