"""A workflow class may extend a workflow class from another file of the tree."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import flowc
from conftest import FLOWC

BASE = textwrap.dedent('''\
    from flowc.dsl import *

    class BaseFlow(Workflow):
        service_account_name = "runner"

        @task
        def hello(self):
            return self.say()

        @closure(image="python:3.11", scope="u")
        def say(u):
            import os
            u.hi()

        @scope(name="u")
        def hi():
            print("hi")
    ''')


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "base.py").write_text(BASE)
    (tmp_path / "derived.py").write_text(textwrap.dedent('''\
        from flowc.dsl import *
        from pkg.base import BaseFlow

        class Derived(BaseFlow):
            @task
            @dependencies(["hello"])
            def bye(self):
                return self.echo()

            @template
            def echo(self) -> V1Container:
                return V1Container(image="alpine", command=["echo", "bye"])
        '''))
    (tmp_path / "pkg" / "rel.py").write_text(textwrap.dedent('''\
        from .base import BaseFlow

        class Rel(BaseFlow):
            service_account_name = "other"
        '''))
    return tmp_path


def test_absolute_import_of_a_base_class(tree):
    import yaml
    doc = yaml.safe_load(flowc.compile_file(tree / "derived.py"))
    names = [t["name"] for t in doc["spec"]["templates"]]
    assert names == ["main", "say", "echo"]
    assert [t["name"] for t in doc["spec"]["templates"][0]["dag"]["tasks"]] == ["hello", "bye"]
    assert doc["spec"]["serviceAccountName"] == "runner"
    say = doc["spec"]["templates"][1]["script"]["source"]
    assert "class u:" in say and say.startswith("import os\n")


def test_relative_import_and_override(tree):
    import yaml
    doc = yaml.safe_load(flowc.compile_file(tree / "pkg" / "rel.py"))
    assert doc["metadata"]["generateName"] == "rel-"
    assert doc["spec"]["serviceAccountName"] == "other"


def test_errors_in_the_base_point_into_the_base(tree):
    (tree / "pkg" / "base.py").write_text(BASE.replace('"runner"', "42"))
    r = subprocess.run([*FLOWC, "compile", "derived.py"], cwd=tree, capture_output=True,
                       text=True)
    assert r.returncode == 1
    assert r.stderr.startswith("pkg/base.py:4:28: error: 'service_account_name' must be a str, got int [E0105]\n")


def test_a_string_reads_no_files(tree, monkeypatch):
    monkeypatch.chdir(tree)
    src = (tree / "derived.py").read_text()
    # Compiled as a string, the import names no file: BaseFlow is not a workflow class there.
    with pytest.raises(flowc.CompileError):
        flowc.compile_source(src, "derived.py", warnings_as_errors=True)


def test_circular_imports_are_reported(tmp_path):
    (tmp_path / "a.py").write_text("from b import B\nfrom flowc.dsl import *\n\nclass A(B):\n    entrypoint = 'x'\n")
    (tmp_path / "b.py").write_text("from a import A\nfrom flowc.dsl import *\n\nclass B(A):\n    pass\n")
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_file(tmp_path / "a.py")
    assert any(d.code == "E0212" for d in e.value.diagnostics)
