"""argo-python-dsl compatibility: the warnings and file-level behaviour the
golden cases (tests/cases/compat/, which show outputs and errors only) cannot
show."""
from __future__ import annotations

import textwrap

import pytest

import flowc
from conftest import CASES, FLOWC

COMPAT = CASES / "compat"


def diagnostics(source: str) -> list:
    """Every diagnostic of a compile that has no errors (warnings promoted to see them)."""
    try:
        flowc.compile_source(textwrap.dedent(source), "w.py", warnings_as_errors=True)
    except flowc.CompileError as e:
        return e.diagnostics
    return []


def codes(source: str) -> list:
    return [d.code for d in diagnostics(source)]


@pytest.mark.parametrize("case", ["02_ignored_methods", "03_models_module", "04_scope_without_parameter",
                                  "05_init_calls_base_only", "07_closure_source", "08_client_keywords",
                                  "01_positional_arguments", "10_event_binding"])
def test_compat_cases_compile_without_warnings(case):
    flowc.compile_source((COMPAT / case / "input.py").read_text(), "input.py", warnings_as_errors=True)


def test_later_member_wins_with_a_warning():
    [d] = diagnostics((COMPAT / "06_later_member_wins" / "input.py").read_text())
    assert d.code == "W0202"
    assert "'clone' is defined again" in d.message and "this @task is ignored" in d.message
    assert d.line == 12


def test_redefined_constant_is_not_warned_about():
    assert codes('''
        from flowc.dsl import *

        class W(Workflow):
            entrypoint = "a"
            entrypoint = "echo"

            @template
            def echo(self) -> V1Container:
                return V1Container(image="alpine")
    ''') == []


def test_subclass_member_replaces_base_member_of_another_kind():
    out = flowc.compile_to_dicts(textwrap.dedent('''
        from flowc.dsl import *

        class Base(Workflow):
            @task
            def clone(self):
                return self.fetch()

            @template
            def fetch(self) -> V1Container:
                return V1Container(image="git")

        class Derived(Base):
            entrypoint = "clone"

            @template
            def clone(self) -> V1Container:
                return V1Container(image="git", command=["clone"])
    '''))
    derived = out[1]["spec"]
    assert [t["name"] for t in derived["templates"]] == ["fetch", "clone"]  # no `main` DAG: the task is gone


def test_helper_that_looks_like_a_template_is_warned_about():
    [d] = diagnostics('''
        from flowc.dsl import *

        class W(Workflow):
            entrypoint = "echo"

            @staticmethod
            def make() -> V1Container:
                return V1Container(image="alpine")

            @template
            def echo(self) -> V1Container:
                return V1Container(image="alpine")
    ''')
    assert d.code == "W0203" and "'make'" in d.message


def test_helper_that_looks_like_a_task_is_warned_about():
    [d] = diagnostics('''
        from flowc.dsl import *

        class W(Workflow):
            entrypoint = "echo"

            def run_echo(self):
                return self.echo()

            @template
            def echo(self) -> V1Container:
                return V1Container(image="alpine")
    ''')
    assert d.code == "W0203" and "self.echo" in d.message


def test_unknown_decorator_on_a_helper_is_still_an_error():
    # flowc cannot know what an unknown decorator makes of a method (it may
    # register a template); only the decorators known to be inert are ignored.
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_source(textwrap.dedent('''
            from flowc.dsl import *
            from mylib import register

            class W(Workflow):
                entrypoint = "echo"

                @register
                def helper(self):
                    return 1

                @template
                def echo(self) -> V1Container:
                    return V1Container(image="alpine")
        '''))
    assert [d.code for d in e.value.errors] == ["E0203"]


def test_init_setting_an_instance_attribute_says_how_to_write_it():
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_source(textwrap.dedent('''
            from flowc.dsl import *

            class W(Workflow):
                entrypoint = "echo"

                def __init__(self):
                    super().__init__()
                    self.image = "alpine:3.19"

                @template
                def echo(self) -> V1Container:
                    return V1Container(image="alpine")
        '''))
    [d] = e.value.errors
    assert d.code == "E0213"
    assert any("class constant" in n.message for n in d.notes)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def test_base_from_a_module_missing_from_the_tree_names_the_import(tmp_path):
    main = write(tmp_path / "nightly.py", '''
        from flowc.dsl import *
        from pipelines.base import BasePipeline

        class Nightly(BasePipeline):
            entrypoint = "echo"

            @template
            def echo(self) -> V1Container:
                return V1Container(image="alpine")
    ''')
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_file(main)
    [d] = e.value.errors
    assert d.code == "E0217"
    assert "'pipelines.base'" in d.message and "cannot find" in d.message


def test_base_module_without_that_workflow_class(tmp_path):
    write(tmp_path / "common.py", '''
        class BasePipeline:
            pass
    ''')
    main = write(tmp_path / "nightly.py", '''
        from flowc.dsl import *
        from common import BasePipeline

        class Nightly(BasePipeline):
            @template
            def echo(self) -> V1Container:
                return V1Container(image="alpine")
    ''')
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_file(main)
    [d] = e.value.errors
    assert d.code == "E0217" and "has no workflow class 'BasePipeline'" in d.message


def test_unrelated_third_party_bases_are_left_alone(tmp_path):
    main = write(tmp_path / "flow.py", '''
        from flowc.dsl import *
        from pydantic import BaseModel

        class Settings(BaseModel):
            retries: int = 3

        class Mixin:
            pass

        class Flow(Mixin, Workflow):
            entrypoint = "echo"

            @template
            def echo(self) -> V1Container:
                return V1Container(image="alpine")
    ''')
    docs = flowc.compile_to_dicts(main.read_text(), str(main))
    assert [d["kind"] for d in docs] == ["Workflow"]


def test_cli_exit_code_for_a_missing_base(tmp_path):
    import subprocess
    import sys

    main = write(tmp_path / "nightly.py", '''
        from flowc.dsl import *
        from .base import BasePipeline

        class Nightly(BasePipeline):
            @template
            def echo(self) -> V1Container:
                return V1Container(image="alpine")
    ''')
    out = tmp_path / "nightly.yaml"
    out.write_text("old output\n")
    r = subprocess.run([*FLOWC, "compile", str(main), "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    assert "[E0217]" in r.stderr and "'.base'" in r.stderr
    assert out.read_text() == "old output\n"  # not replaced by an empty document


def test_dsl_looking_base_that_is_not_imported():
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_source(textwrap.dedent('''
            from argo.workflows.dsl import Workflow

            class OnPush(WorkflowEventBinding):
                pass
        '''))
    [d] = e.value.errors
    assert d.code == "E0217" and "neither imported nor defined" in d.message


def test_event_binding_from_the_importable_dsl(tmp_path):
    import subprocess
    import sys

    path = write(tmp_path / "binding.py", '''
        from flowc.dsl import V1alpha1Event, V1alpha1Submit, V1alpha1WorkflowTemplateRef, WorkflowEventBinding

        class OnPush(WorkflowEventBinding):
            event = V1alpha1Event(selector="true")
            submit = V1alpha1Submit(workflow_template_ref=V1alpha1WorkflowTemplateRef(name="build"))

        print(OnPush().to_yaml(), end="")
    ''')
    r = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, check=True)
    assert r.stdout == flowc.compile_file(path)
    assert "kind: WorkflowEventBinding" in r.stdout


def test_subclass_with_settings_only_of_a_missing_base(tmp_path):
    # The usual inheritance case: the base has the templates, the subclass
    # only settings. Without the base, exit 0 and an empty output would hide it.
    main = write(tmp_path / "nightly.py", '''
        from pipelines.base import BasePipeline

        class Nightly(BasePipeline):
            schedule = "0 2 * * *"
            parallelism = 2
    ''')
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_file(main)
    assert [d.code for d in e.value.errors] == ["E0217"]


def test_annotated_fields_of_a_third_party_model_are_not_settings(tmp_path):
    main = write(tmp_path / "flow.py", '''
        from flowc.dsl import *
        from pydantic import BaseModel

        class Limits(BaseModel):
            parallelism: int = 3

        class Flow(Workflow):
            entrypoint = "echo"

            @template
            def echo(self) -> V1Container:
                return V1Container(image="alpine")
    ''')
    assert len(flowc.compile_to_dicts(main.read_text(), str(main))) == 1
