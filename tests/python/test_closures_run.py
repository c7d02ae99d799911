"""Compiled closure sources are valid Python and do what the closure says, run by a real python3."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import flowc
from conftest import EXAMPLES


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
