"""Compiled closure sources are valid Python and do what the closure says, run by a real python3."""
from __future__ import annotations

import subprocess

import pytest
import sys
import textwrap

import flowc
from conftest import CASES, EXAMPLES


def scripts(src: str) -> dict:
    [doc] = flowc.compile_to_dicts(src)
    return {t["name"]: t["script"]["source"] for t in doc["spec"]["templates"] if "script" in t}


def run(source: str) -> str:
    compile(source, "<closure>", "exec")
    r = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_seed_scripts_example_runs():
    src = scripts((EXAMPLES / "scripts_python.py").read_text())["gen-random-int"]
    out = run(src)
    assert 1 <= int(out.strip()) <= 100


def test_scope_functions_call_each_other_and_use_hoisted_imports():
    src = textwrap.dedent('''\
        from flowc.dsl import *

        @scope(name="util")
        def double(x):
            import math
            return int(math.fsum([x, x]))

        class W(Workflow):
            entrypoint = "go"

            @scope(name="util")
            def quad(x):
                return util.double(util.double(x))

            @closure(image="python:3.11", scope="util")
            def go(util):
                """The docstring is dropped."""
                import json
                print(json.dumps({"quad": util.quad(3)}))
        ''')
    out = run(scripts(src)["go"])
    assert out == '{"quad": 12}\n'


def test_imports_inside_blocks_stay_put():
    src = textwrap.dedent('''\
        from flowc.dsl import *

        class W(Workflow):
            entrypoint = "go"

            @closure(image="python:3.11")
            def go():
                import os
                text = "import sys  # not an import"
                if os.sep == "/":
                    import json
                    print(json.dumps([text]))
        ''')
    source = scripts(src)["go"]
    assert source.startswith("import os\n")
    assert "    import json\n" in source
    assert run(source) == '["import sys  # not an import"]\n'


def run_template(doc_or_src, name, params=None, extra_env=None):
    """Runs one script template the way Argo would: {{inputs.parameters.X}}
    substituted as text everywhere in the template (source and env values),
    inputs' defaults applied, the env set, then `python3` on the source."""
    import json
    import os
    docs = flowc.compile_to_dicts(doc_or_src) if isinstance(doc_or_src, str) else [doc_or_src]
    [t] = [t for t in docs[0]["spec"]["templates"] if t["name"] == name]
    values = {p["name"]: p.get("default") for p in t.get("inputs", {}).get("parameters", [])}
    values.update(params or {})

    def subst(text):
        for k, v in values.items():
            text = text.replace("{{inputs.parameters.%s}}" % k, v)
        return text

    script = t["script"]
    env = dict(os.environ)
    for e in script.get("env", []):
        env[e["name"]] = subst(e["value"])
    env.update(extra_env or {})
    source = subst(script["source"])
    compile(source, name, "exec")
    r = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, timeout=60, env=env)
    assert r.returncode == 0, r.stderr
    return r.stdout


TYPED = CASES / "closures" / "typed_inputs_and_result" / "input.py"


def test_typed_inputs_defaults_and_result_as_json():
    import json
    out = run_template(TYPED.read_text(), "train")
    assert json.loads(out.splitlines()[-1]) == {
        "total": 22.5, "tags": [], "options": {"a": 1}, "verbose": False, "name": "model", "note": "free text"}


AWKWARD = ['', ' ', 'a"b', "a'b", 'x\ny', '\\', '{{', '"""', "'''", '$(rm -rf /)', '`id`', 'é ✓ 日本',
           '\t tab', 'line\r\nbreak', '0x1F', 'null', 'yes', '1e3', '-', '# not a comment', "'); import os; ('"]


@pytest.mark.parametrize("value", AWKWARD)
def test_awkward_strings_arrive_exactly(value):
    import json
    out = run_template(TYPED.read_text(), "train", {"name": value, "note": value, "tags": json.dumps([value])})
    got = json.loads(out.splitlines()[-1])
    assert got["name"] == value and got["note"] == value and got["tags"] == [value]


@pytest.mark.parametrize("text,expected", [("true", True), ("True", True), ("false", False), ("0", False)])
def test_bool_inputs(text, expected):
    import json
    out = run_template(TYPED.read_text(), "train", {"verbose": text})
    assert json.loads(out.splitlines()[-1])["verbose"] is expected


def test_number_inputs():
    import json
    out = run_template(TYPED.read_text(), "train", {"epochs": "4", "lr": "0.25", "options": '{"k": [1, 2]}'})
    got = json.loads(out.splitlines()[-1])
    assert got["total"] == 1.5 and got["options"] == {"k": [1, 2]}


def test_result_feeds_the_next_closure():
    import json
    src = TYPED.read_text()
    result = run_template(src, "train", {"epochs": "3"}).splitlines()[-1]
    assert run_template(src, "show", {"summary": result}) == "total: 1.5\n"
    assert json.loads(result)["total"] == 1.5


def test_several_scopes_call_each_other():
    src = (CASES / "closures" / "several_scopes" / "input.py").read_text()
    assert run_template(src, "go") == "CUBE! 27\n"


def test_multiline_signature_keeps_strings_exact():
    src = (CASES / "closures" / "multiline_signature" / "input.py").read_text()
    out = run_template(src, "go", {"count": "2", "label": "L"})
    assert out == 'L 3 keep\n    this   indentation\nexactly C:\\temp\\file naïve ✓\n'


def test_crlf_and_tabs_run():
    src = (CASES / "closures" / "crlf_and_tabs" / "input.py").read_bytes().decode()
    assert run_template(src, "go") == "tabs and crlf\n"
