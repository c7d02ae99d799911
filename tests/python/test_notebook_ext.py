"""`%load_ext flowc` in a real Jupyter kernel (jupyter_client + ipykernel):
the %%flowc cell magic, rich display of workflows (YAML and an SVG of the
DAG), classes that use constants and base classes of earlier cells (read
from IPython's history, never run), redefined classes, and errors that name
the cell with no flowc internals."""
from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET

import pytest
import yaml

jupyter_client = pytest.importorskip("jupyter_client")

import flowc  # noqa: E402
from conftest import EXAMPLES  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


class Cell:
    def __init__(self):
        self.text, self.data, self.error, self.ename = [], [], None, None
        self.count = None  # the cell's In[N], as the kernel announced it (execute_input)

    @property
    def stdout(self):
        return "".join(self.text)


@pytest.fixture(scope="module")
def kernel():
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="python3")

    def run(code):
        msg_id = kc.execute(code)
        cell = Cell()
        while True:
            msg = kc.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "execute_input":
                cell.count = content["execution_count"]
            elif kind == "stream":
                cell.text.append(content["text"])
            elif kind in ("display_data", "execute_result"):
                cell.data.append(content["data"])
            elif kind == "error":
                cell.error, cell.ename = "\n".join(content["traceback"]), content["ename"]
            elif kind == "status" and content["execution_state"] == "idle":
                return cell

    try:
        yield run
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


DIAMOND = (EXAMPLES / "dag_diamond.py").read_text()
DIAMOND_CLASS = DIAMOND[DIAMOND.index("class DagDiamond"):]


def svg_graph(svg_text):
    root = ET.fromstring(svg_text)
    nodes = {g.get("data-name") for g in root.iter(SVG + "g") if g.get("class") == "node"}
    edges = {(g.get("data-from"), g.get("data-to")) for g in root.iter(SVG + "g") if g.get("class") == "edge"}
    return nodes, edges


def ok(cell):
    assert cell.error is None, cell.error
    return cell


def test_load_ext_and_rich_display(kernel):
    ok(kernel("from flowc.dsl import *\nimport flowc"))
    ok(kernel("%load_ext flowc"))
    ok(kernel(DIAMOND_CLASS))
    for code in ("DagDiamond", "DagDiamond()"):  # the class (extension) and an instance (_repr_mimebundle_)
        (data,) = ok(kernel(code)).data
        assert {"text/html", "image/svg+xml"} <= set(data)
        nodes, edges = svg_graph(data["image/svg+xml"])
        assert nodes == {"A", "B", "C", "D"}
        assert edges == {("A", "B"), ("A", "C"), ("B", "D"), ("C", "D")}
        if code == "DagDiamond()":  # a class keeps IPython's own text/plain (its name)
            assert yaml.safe_load(data["text/plain"]) == flowc.compile_to_dicts(DIAMOND)[0]
        assert "<span" in data["text/html"] and "<svg" in data["text/html"]  # highlighted YAML and the picture
    # a class that is not a workflow displays as before
    (data,) = ok(kernel("class Plain: pass\nPlain")).data
    assert set(data) == {"text/plain"}
    # to_yaml() as the last value: the YAML itself, not an escaped string
    (data,) = ok(kernel("DagDiamond().to_yaml()")).data
    assert data["text/plain"] == str(flowc.compile_source(DIAMOND))


def test_flowc_cell_magic(kernel, tmp_path):
    ok(kernel("from flowc.dsl import *\nimport flowc\n%load_ext flowc"))
    (data,) = ok(kernel("%%flowc\n" + DIAMOND_CLASS)).data
    assert "dag-diamond" in data["text/html"]
    (data,) = ok(kernel("%%flowc --format svg\n" + DIAMOND_CLASS)).data
    assert svg_graph(data["image/svg+xml"])[0] == {"A", "B", "C", "D"}
    out = tmp_path / "wf.json"
    cell = ok(kernel(f"%%flowc --format json -o {out}\n" + DIAMOND_CLASS))
    assert f"wrote {out}" in cell.stdout
    import json
    assert json.loads(out.read_text()) == flowc.compile_to_dicts(DIAMOND)[0]
    cell = kernel("%%flowc --target peak\n" + DIAMOND_CLASS)  # reaches the Peak backend: it wants images
    assert cell.ename == "CompileError" and "error: step 'A' has no Peak image [E0603]" in cell.error
    out = ok(kernel("%%flowc\nx = 1")).stdout
    assert "%%flowc: no workflow class in this cell\n" in out
    assert "Cell In[" in out and "[W0001]" in out and "site-packages" not in out
    cell = kernel("%%flowc --format png\n" + DIAMOND_CLASS)
    assert cell.ename == "ValueError" and "usage: %%flowc" in cell.error


def test_a_magic_cell_is_not_run(kernel):
    ok(kernel("%load_ext flowc"))
    ok(kernel("%%flowc\nfrom flowc.dsl import *\nclass NotRun(Workflow):\n    @task\n    def a(self):\n"
              "        return self.b()\n    @template\n    def b(self):\n        return V1Container(image='x')\n"))
    assert kernel("'NotRun' in dir()").data[0]["text/plain"] == "False"


def test_earlier_cells_are_the_module(kernel):
    ok(kernel("from flowc.dsl import *\nimport flowc\n%load_ext flowc"))
    ok(kernel("IMAGE = 'alpine:3.19'"))
    ok(kernel(textwrap.dedent("""\
        class Base(Workflow):
            @template
            def echo(self) -> V1Container:
                return V1Container(image=IMAGE, name="echo", command=["echo", "hi"])
        """)))
    ok(kernel(textwrap.dedent("""\
        class Child(Base):
            @task
            def hello(self) -> V1alpha1Template:
                return self.echo()
        """)))
    ok(kernel("class Two(Child): pass"))
    doc = yaml.safe_load(ok(kernel("print(Child().to_yaml())")).stdout)
    (echo,) = [t for t in doc["spec"]["templates"] if t["name"] == "echo"]
    assert echo["container"]["image"] == "alpine:3.19"
    doc = yaml.safe_load(ok(kernel("print(Two().to_yaml())")).stdout)
    assert doc["metadata"]["generateName"] == "two-"
    assert {t["name"] for t in doc["spec"]["templates"]} == {t["name"] for t in
                                                             yaml.safe_load(kernel("print(Child().to_yaml())").stdout)["spec"]["templates"]}
    # redefined: the constant and the class as the kernel has them now
    ok(kernel("IMAGE = 'busybox:1'"))
    ok(kernel(textwrap.dedent("""\
        class Child(Base):
            @task
            def bye(self) -> V1alpha1Template:
                return self.echo()
        """)))
    doc = yaml.safe_load(ok(kernel("print(Child().to_yaml())")).stdout)
    dag = [t for t in doc["spec"]["templates"] if "dag" in t][0]["dag"]
    assert [t["name"] for t in dag["tasks"]] == ["bye"]
    (echo,) = [t for t in doc["spec"]["templates"] if t["name"] == "echo"]
    assert echo["container"]["image"] == "busybox:1"


def test_errors_name_the_cell_and_show_no_flowc_frames(kernel):
    ok(kernel("from flowc.dsl import *\nimport flowc"))
    ok(kernel("x = 1"))
    defined = kernel(textwrap.dedent("""\
        class Oops(Workflow):
            @task
            def a(self):
                return self.missing()
        """))
    ok(defined)
    number = defined.count
    cell = kernel("Oops().to_yaml()")
    assert cell.ename == "CompileError"
    assert f"Cell In[{number}], line 4, column 21: error: task 'a' calls unknown template 'missing' [E0301]" in cell.error
    assert "flowc/__init__.py" not in cell.error and "site-packages" not in cell.error
    assert "ipykernel_" not in cell.error
    # a %%flowc cell names itself
    ok(kernel("%load_ext flowc"))
    cell = kernel("%%flowc\nclass Bad(Workflow):\n    @task\n    def a(self):\n        return self.nope()\n")
    assert f"Cell In[{cell.count}], line 4" in cell.error, cell.error


def test_import_does_not_load_the_notebook_parts():
    """`import flowc` and `import flowc.dsl` stay as fast as before: IPython,
    the graph API and the display code are imported on first use only
    (timings: bench/import_time.py)."""
    import subprocess
    import sys
    code = ("import sys, flowc, flowc.dsl; print(sorted(m for m in sys.modules if m == 'IPython' or "
            "m in ('flowc._graph', 'flowc._notebook', 'flowc._ipython', 'flowc._display')))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout == "[]\n", r.stdout + r.stderr


def test_other_cells_errors_do_not_leak(kernel):
    """A broken workflow or a syntax error in another cell is not this class's error."""
    ok(kernel("from flowc.dsl import *\nimport flowc"))
    ok(kernel("class Broken(Workflow):\n    @task\n    def a(self):\n        return self.nowhere()\n"))
    assert kernel("def f(:\n    pass").ename == "SyntaxError"
    ok(kernel(DIAMOND_CLASS))
    doc = yaml.safe_load(ok(kernel("print(DagDiamond().to_yaml())")).stdout)
    assert doc == flowc.compile_to_dicts(DIAMOND)[0]
