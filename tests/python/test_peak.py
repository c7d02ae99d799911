"""The Peak target: seed examples compared as data, the body schema, command
quoting (shlex and a real sh), closures run under sh -c, Jinja placeholders
and escaping, the CLI and the Python API, and the published peak-sdk's
template loader reading flowc's files."""
from __future__ import annotations

import ast
import json
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

import flowc
from conftest import EXAMPLES, FLOWC, REGEN, ROOT, SHARED
from peak_schema import VALIDATOR, validate_peak

PEAK = EXAMPLES / "peak"
SEED_SDK = SHARED / "seeds" / "000_21a827737c398790.txt"
SEED_CLI = SHARED / "seeds" / "001_7535d9aa8da366de.txt"


def peak_dicts(src: str) -> list:
    docs = flowc.compile_to_dicts(src, target="peak")
    for d in docs:
        validate_peak(d)
    return docs


# ---------------------------------------------------------------- the seeds' bodies

def cli_seed_bodies() -> list:
    """(file name comment, body) for every `body:` YAML block of the CLI seed."""
    lines = SEED_CLI.read_text().splitlines()
    out, name = [], None
    i = 0
    while i < len(lines):
        line = lines[i]
        if re.fullmatch(r"# [\w.-]+\.yaml", line.strip()):
            name = line.strip()[2:]
        if line == "body:":
            block = [line]
            i += 1
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith(" ")):
                block.append(lines[i])
                i += 1
            try:
                out.append((name, yaml.safe_load("\n".join(block))["body"]))
            except yaml.YAMLError:  # image bodies with unquoted {{ }} placeholders
                pass
            continue
        i += 1
    return out


def cli_seed(name: str, pred=lambda b: True) -> dict:
    found = [b for n, b in cli_seed_bodies() if n == name and "steps" in b and pred(b)]
    assert len(found) == 1, (name, len(found))
    return found[0]


def sdk_seed_body() -> dict:
    text = SEED_SDK.read_text()
    start = text.index("workflow_body = ") + len("workflow_body = ")
    end = text.index("\nworkflow = workflow_client.create_workflow", start)
    return ast.literal_eval(text[start:end])


SEED_BODIES = {
    "create_workflow.py": lambda: cli_seed("workflow.yaml", lambda b: "watchers" in b),
    "create_workflow_sdk.py": sdk_seed_body,
    "auto_retry.py": lambda: cli_seed("workflow-auto-retry.yaml", lambda b: "retryOptions" in b),
    # the seed names the skippable-steps file workflow-auto-retry.yaml too
    "skippable_steps.py": lambda: cli_seed("workflow-auto-retry.yaml", lambda b: "retryOptions" not in b),
    "input_parameters.py": lambda: cli_seed("workflow_input_parameters.yaml"),
    "output_parameters.py": lambda: cli_seed("workflow_output_parameters.yaml"),
    "execution_conditions.py": lambda: cli_seed("workflow-execution-parameters.yaml"),
}

PEAK_EXAMPLES = sorted(PEAK.glob("*.py"))


def test_every_seed_example_has_a_dsl_example():
    assert {p.name for p in PEAK_EXAMPLES} == set(SEED_BODIES)


@pytest.mark.parametrize("path", PEAK_EXAMPLES, ids=lambda p: p.name)
def test_example_compiles_to_the_documented_body(path):
    [doc] = peak_dicts(path.read_text())
    assert doc["body"] == SEED_BODIES[path.name]()
    # the file beside it, read as YAML, is the same data
    out = flowc.compile_file(path, target="peak")
    golden = path.with_suffix(".yaml")
    if REGEN:
        golden.write_text(out)
    assert out == golden.read_text()
    assert yaml.safe_load(out) == doc
    assert json.loads(flowc.compile_file(path, target="peak", format="json")) == doc


@pytest.mark.parametrize("path", PEAK_EXAMPLES, ids=lambda p: p.name)
def test_argo_target_ignores_peak_settings(path, validate_argo):
    out = flowc.compile_file(path)
    assert "peak" not in out.lower().replace("alpine", "")
    for doc in yaml.safe_load_all(out):
        validate_argo(doc)


def test_seed_bodies_satisfy_the_schema():
    for _, body in cli_seed_bodies():
        if "steps" in body and body["name"] == "new-workflow":
            assert not list(VALIDATOR.iter_errors(body))
    assert not list(VALIDATOR.iter_errors(sdk_seed_body()))


@pytest.mark.parametrize("bad", [
    {"name": "w", "steps": {"s": {"type": "standard", "imageId": 1, "command": "x", "extra": 1}}},
    {"name": "w", "steps": {"s": {"type": "standard", "imageId": "1", "command": "x"}}},
    {"name": "w", "steps": {"s": {"type": "sql", "imageId": 1, "command": "x"}}},
    {"name": "w", "steps": {}, "unknown": True},
    {"name": "w", "steps": {"s": {"type": "standard", "imageId": 1, "command": "x",
                                  "executionParameters": {"conditional": [{"condition": "gt"}]}}}},
])
def test_schema_is_strict(bad):
    assert list(VALIDATOR.iter_errors(bad))


# ---------------------------------------------------------------- commands

def container_workflow(command: list, args: list = (), extra: str = "") -> str:
    return textwrap.dedent(f'''\
        from flowc.dsl import *
        from flowc.dsl import peak

        @peak.workflow(image_id=1)
        class W(Workflow):
            entrypoint = "run"
            {extra}
            @template
            def run(self) -> V1Container:
                return V1Container(image="alpine", command={list(command)!r}, args={list(args)!r})
        ''')


def step_command(src: str) -> str:
    [doc] = peak_dicts(src)
    [step] = doc["body"]["steps"].values()
    return step["command"]


ADVERSARIAL = [
    ["echo", "it's", "\"quoted\"", "$HOME", "${X:-y}", "`id`", "$(id)", "back\\slash", "a\\'b"],
    ["printf", "%s\\n", "", "two\nlines", "tab\there", "  spaces  ", "*", "?", "[a]", "~", "#not a comment"],
    ["echo", "ünïcødé", "日本語", "emoji 🎉", "\u2028", "'", "''", "\"", "\\", "!", "&&", "|", ";", ">", "<"],
    ["x"],
]


@pytest.mark.parametrize("words", ADVERSARIAL)
def test_command_round_trips_through_shlex(words):
    assert shlex.split(step_command(container_workflow(words[:1], words[1:]))) == words


def run_sh(command: str) -> str:
    r = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


ARGV = [sys.executable, "-c", "import sys, json; print(json.dumps(sys.argv[1:]))"]


@pytest.mark.parametrize("words", ADVERSARIAL)
def test_command_gives_sh_the_same_argv(words):
    assert json.loads(run_sh(step_command(container_workflow(ARGV, words)))) == words


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r{}\x01\x02"),
                        max_size=12), max_size=5))
def test_any_arguments_round_trip(words):
    command = step_command(container_workflow(ARGV, words))
    assert shlex.split(command)[3:] == words
    assert json.loads(run_sh(command)) == words


def test_working_dir_becomes_cd():
    src = container_workflow(["pwd"]).replace("command=['pwd']", "command=['pwd'], working_dir='/tmp/a b'")
    assert step_command(src) == "cd '/tmp/a b' && pwd"


# ---------------------------------------------------------------- closures

def closure_workflow(body: str, extra: str = "") -> str:
    return textwrap.dedent('''\
        from flowc.dsl import *
        from flowc.dsl import peak

        @scope(name="util")
        def shout(text):
            import string
            return text.upper() + string.digits[:3]

        @peak.workflow(image_id=1)
        class W(Workflow):
            entrypoint = "go"
        %s
            @closure(image="python:3.11", command=["python3"], scope="util")
            def go(util):
        %s
        ''') % (textwrap.indent(extra, "    "), textwrap.indent(textwrap.dedent(body), " " * 8))


CLOSURE_BODY = '''\
    import json
    x = 42
    print(f"{{literal braces}} {x} {{% raw %}} {{# c #}}")
    print("it's $HOME `id` $(id) \\\\ \\"q\\"")
    print(util.shout("ünïcødé 日本"))
    print(json.dumps({"a": [1, 2]}))
'''
CLOSURE_OUT = ('{literal braces} 42 {% raw %} {# c #}\n'
               'it\'s $HOME `id` $(id) \\ "q"\n'
               'ÜNÏCØDÉ 日本012\n'
               '{"a": [1, 2]}\n')


def test_closure_runs_under_sh():
    command = step_command(closure_workflow(CLOSURE_BODY))
    assert command.startswith("python3 -c '")
    assert run_sh(command) == CLOSURE_OUT


def test_closure_from_the_file_renders_through_jinja_and_runs():
    import jinja2
    text = flowc.compile_source(closure_workflow(CLOSURE_BODY), target="peak")
    rendered = jinja2.Environment().from_string(text).render()
    [step] = yaml.safe_load(rendered)["body"]["steps"].values()
    assert run_sh(step["command"]) == CLOSURE_OUT


def test_closure_with_input_parameter_from_a_task():
    src = textwrap.dedent('''\
        from flowc.dsl import *
        from flowc.dsl import peak

        @peak.workflow(image_id=1)
        class W(Workflow):
            @task
            @parameter(name="who", value="wörld's")
            def hello(self, who):
                return self.greet(who=who)

            @closure(image="python:3.11", command=["python3"])
            @inputs.parameter(name="who")
            def greet():
                print("hello {{inputs.parameters.who}}")
        ''')
    [doc] = peak_dicts(src)
    assert run_sh(doc["body"]["steps"]["hello"]["command"]) == "hello wörld's\n"


# ---------------------------------------------------------------- placeholders, outputs

def test_placeholders_pass_through_and_other_braces_are_escaped():
    import jinja2
    src = container_workflow(["echo", "{{ greeting }}", "{{.Go}}", "{% x", "{#"]).replace(
        "@peak.workflow(image_id=1)", '@peak.workflow(image_id="{{ image_id }}", tags=["{{tag}}"])')
    [doc] = peak_dicts(src)
    body = doc["body"]
    assert body["steps"]["run"]["imageId"] == "{{ image_id }}"
    assert body["tags"] == [{"name": "{{tag}}"}]
    text = flowc.compile_source(src, target="peak")
    # a number field's placeholder is written unquoted, so that it renders as a number
    assert "imageId: {{ image_id }}\n" in text and "'{{ greeting }}'" in text
    rendered = yaml.safe_load(jinja2.Environment().from_string(text).render(image_id=7, greeting="hi", tag="t"))
    step = rendered["body"]["steps"]["run"]
    assert shlex.split(step["command"]) == ["echo", "hi", "{{.Go}}", "{% x", "{#"]
    assert step["imageId"] == 7 and rendered["body"]["tags"] == [{"name": "t"}]


def test_parent_output_reaches_child_through_inherit():
    src = textwrap.dedent('''\
        from flowc.dsl import *
        from flowc.dsl import peak

        @peak.workflow(image_id=1)
        class W(Workflow):
            @task
            def produce(self):
                return self.make()

            @task
            @parameter(name="value", value="{{tasks.produce.outputs.parameters.result-file}}")
            def consume(self, value):
                return self.show(value=value)

            @template
            @outputs.parameter(name="result-file", value_from={"path": "/tmp/out.txt"})
            def make(self) -> V1Container:
                return V1Container(image="alpine", command=["sh", "-c", "echo 42 > /tmp/out.txt"])

            @template
            @inputs.parameter(name="value")
            def show(self, value) -> V1Container:
                return V1Container(image="alpine", command=["echo", "got {{inputs.parameters.value}}!"],
                                   env=[V1EnvVar(name="VALUE", value="{{inputs.parameters.value}}")])
        ''')
    [doc] = peak_dicts(src)
    steps = doc["body"]["steps"]
    assert steps["produce"]["outputParameters"] == {"result-file": "/tmp/out.txt"}
    consume = steps["consume"]
    assert consume["parents"] == ["produce"]
    assert consume["parameters"] == {"inherit": {"value": "result-file", "VALUE": "result-file"}}
    assert consume["command"] == "echo 'got '\"$value\"'!'"
    assert run_sh(f"value=42; {consume['command']}") == "got 42!\n"


def test_cron_workflow_schedule_becomes_a_trigger():
    src = textwrap.dedent('''\
        from flowc.dsl import *
        from flowc.dsl import peak

        @peak.workflow(image_id=1, triggers=[{"webhook": True, "webhook_policy": "generate"}])
        class Nightly(CronWorkflow):
            schedule = "0 3 * * *"
            entrypoint = "run"

            @template
            def run(self) -> V1Container:
                return V1Container(image="alpine", command=["date"])
        ''')
    [doc] = peak_dicts(src)
    assert doc["body"]["triggers"] == [{"cron": "0 3 * * *"}, {"webhook": True, "webhookPolicy": "generate"}]


def test_timeout_in_whole_minutes():
    src = textwrap.dedent('''\
        from flowc.dsl import *
        from flowc.dsl import peak

        @peak.workflow(image_id=1)
        class W(Workflow):
            entrypoint = "run"

            @template
            def run(self) -> V1alpha1Template:
                return V1alpha1Template(name="run", active_deadline_seconds=120,
                                        container=V1Container(image="alpine", command=["date"]))
        ''')
    [doc] = peak_dicts(src)
    assert doc["body"]["steps"]["run"]["stepTimeout"] == 2


# ---------------------------------------------------------------- API and CLI

def test_python_api_gives_the_body():
    src = (PEAK / "create_workflow_sdk.py").read_text()
    assert flowc.peak_bodies(src) == [sdk_seed_body()]
    with pytest.raises(ValueError, match="unknown target"):
        flowc.compile_source(src, target="peek")


def flowc_cli(*args, cwd=None):
    return subprocess.run([*FLOWC, *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_cli_target_peak(tmp_path):
    r = flowc_cli("compile", "--target", "peak", PEAK / "auto_retry.py")
    assert r.returncode == 0, r.stderr
    assert r.stdout == (PEAK / "auto_retry.yaml").read_text()
    r = flowc_cli("compile", "--target", "peak", "--format", "json", PEAK / "auto_retry.py")
    assert json.loads(r.stdout) == yaml.safe_load((PEAK / "auto_retry.yaml").read_text())


def test_cli_peak_writes_one_file_per_workflow_class(tmp_path):
    src = tmp_path / "two.py"
    src.write_text(textwrap.dedent('''\
        from flowc.dsl import *
        from flowc.dsl import peak

        @peak.workflow(image_id=1)
        class First(Workflow):
            entrypoint = "run"

            @template
            def run(self) -> V1Container:
                return V1Container(image="alpine", command=["date"])

        @peak.workflow(image_id=2)
        class Second(First):
            pass
        '''))
    r = flowc_cli("compile", "--target", "peak", src)
    assert r.returncode == 2
    assert "a Peak file holds one workflow" in r.stderr
    r = flowc_cli("compile", "--target", "peak", src, "-o", f"{tmp_path}/out/")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["first.yaml", "second.yaml"]
    second = yaml.safe_load((tmp_path / "out" / "second.yaml").read_text())
    validate_peak(second)
    assert second["body"]["steps"]["run"]["imageId"] == 2


# ---------------------------------------------------------------- the published Peak SDK

def test_peak_sdk_renders_flowc_output(tmp_path):
    """peak-sdk's own template loader (what `peak workflows create FILE -v
    params.yaml -p k=v` runs before calling the API) reads flowc's file."""
    template = pytest.importorskip("peak.template")
    src = container_workflow(["echo", "{{ greeting }}", "{{.Go}}", "it's"]).replace(
        "@peak.workflow(image_id=1)", '@peak.workflow(image_id="{{ image_id }}", name="{{ wf_name }}")')
    path = tmp_path / "workflow.yaml"
    path.write_text(flowc.compile_source(src, target="peak"))
    loaded = template.load_template(path, {"image_id": 5, "greeting": "hi there", "wf_name": "demo"})
    validate_peak(loaded)
    step = loaded["body"]["steps"]["run"]
    assert loaded["body"]["name"] == "demo"
    assert shlex.split(step["command"]) == ["echo", "hi there", "{{.Go}}", "it's"]
    for example in PEAK_EXAMPLES:
        path.write_text(flowc.compile_file(example, target="peak"))
        assert template.load_template(path, {}) == flowc.compile_to_dicts(example.read_text(), target="peak")[0]


# ---------------------------------------------------------------- the portable DSL for Peak's own fields

def test_execution_conditions_example_is_written_with_depends_and_when():
    text = (PEAK / "execution_conditions.py").read_text()
    assert '@depends("step-1.Succeeded")' in text and "@when(" in text
    assert "parent_status" not in text and "conditional=" not in text
    step = peak_dicts(text)[0]["body"]["steps"]["step-2"]
    assert step["executionParameters"]["parentStatus"] == [
        {"condition": "one-of", "parents": ["step-1"], "status": ["success"]}]


WORKFLOW_PARAMETERS = textwrap.dedent('''\
    from flowc.dsl import *
    from flowc.dsl import peak

    @peak.workflow(image_id=1)
    class W(Workflow):
        arguments = V1alpha1Arguments(parameters=[V1alpha1Parameter(name="who", value="wörld's $HOME")])

        @task
        def hello(self):
            return self.greet()

        @closure(image="python:3.11", command=["python3"])
        def greet():
            print("hello {{workflow.parameters.who}}!")
    ''')


def test_workflow_parameter_is_a_step_variable_with_its_value_as_default():
    [doc] = peak_dicts(WORKFLOW_PARAMETERS)
    step = doc["body"]["steps"]["hello"]
    assert step["parameters"] == {"env": {"who": "wörld's $HOME"}}
    # Peak sets the step's variables; `peak workflows execute` may pass another value
    run = lambda value: subprocess.run(["sh", "-c", step["command"]], capture_output=True, text=True,
                                       env={"PATH": "/usr/bin:/bin", "who": value}, timeout=60).stdout
    assert run(step["parameters"]["env"]["who"]) == "hello wörld's $HOME!\n"
    assert run("other") == "hello other!\n"


def test_number_placeholder_is_unquoted_in_json_too():
    import jinja2
    src = container_workflow(["date"]).replace("@peak.workflow(image_id=1)", '@peak.workflow(image_id="{{ image_id }}")')
    text = flowc.compile_source(src, target="peak", format="json")
    assert '"imageId": {{ image_id }},' in text
    rendered = json.loads(jinja2.Environment().from_string(text).render(image_id=7))
    assert rendered["body"]["steps"]["run"]["imageId"] == 7


def test_peak_sdk_renders_workflow_parameters_and_retries(tmp_path):
    template = pytest.importorskip("peak.template")
    path = tmp_path / "workflow.yaml"
    for case in ("workflow_parameters", "retry_exit_codes", "depends_status", "secret_env"):
        src = (ROOT / "tests" / "cases" / "peak" / case / "input.py").read_text()
        path.write_text(flowc.compile_source(src, target="peak"))
        loaded = template.load_template(path, {})
        validate_peak(loaded)
        assert loaded == flowc.compile_to_dicts(src, target="peak")[0]
