"""flowc run on hostile or runaway workflows: bounded, with Argo's verdict or
a clear error, never a crash. Real `flowc run`, real processes."""
from __future__ import annotations

import subprocess
import sys

from conftest import FLOWC
from test_run import HEAD, by_display, flowc_run


def test_unbounded_recursion_ends_at_argos_depth(tmp_path):
    # operator.go executeTemplate: currentStackDepth >= maxStackDepth
    # (controller.go maxAllowedStackDepth = 100) -> the node is an Error,
    # ErrMaxDepthExceeded; the workflow fails instead of nesting forever.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: loop
      templates:
      - name: loop
        steps:
        - - name: again
            template: loop
    """, timeout=120)
    assert code == 1, out
    errors = [n for n in report["status"]["nodes"].values() if n["phase"] == "Error"]
    assert len(errors) == 1
    assert errors[0]["message"].startswith("Maximum recursion depth exceeded. See https://argo-workflows")
    assert errors[0]["name"].count(".again") == 99  # the 100th nested template
    assert report["status"]["phase"] == "Failed"


def test_huge_sequence_is_an_error_not_an_allocation(tmp_path):
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - name: s
            template: t
            withSequence: {count: "1000000000"}
      - name: t
        container: {image: alpine, command: ["true"]}
    """)
    assert code == 1, out
    assert "more than 100000 items" in report["status"]["message"]


def test_sequence_format_is_gos_not_cs(tmp_path):
    # A %s on an int is Go's "%!s(int=0)", never a C printf reading a string
    # pointer (which crashed flowc before).
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - name: s
            template: t
            withSequence: {count: "2", format: "%s%s%n-%03d"}
      - name: t
        container: {image: alpine, command: ["true"]}
    """)
    assert code == 0, out
    names = sorted(by_display(report))
    assert "s(0:%!s(int=0)%!s(MISSING)%!n(MISSING)-%!d(MISSING))" in names


def test_a_flood_of_output_is_not_held_in_memory(tmp_path):
    # 200 MB on standard output: the result keeps its last 256 kB
    # (CaptureScriptResult) and flowc's peak memory stays far below the
    # output's size.
    wf = tmp_path / "wf.yaml"
    wf.write_text(HEAD + """\
  entrypoint: t
  templates:
  - name: t
    container:
      image: alpine
      command: [sh, -c, "head -c 200000000 /dev/zero | tr '\\\\0' a"]
""")
    probe = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    p = subprocess.run([sys.executable, "-c", probe, *FLOWC, "run", "-q", str(wf)], capture_output=True, text=True,
                       timeout=300)
    code, rss_kb = map(int, p.stdout.split())
    assert code == 0, p.stderr
    assert rss_kb < 100_000, f"peak RSS {rss_kb} kB for 200 MB of output"
