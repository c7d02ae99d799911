"""YAML -> Python importers in one process, for bench/run.py's import row.

    python import_driver.py flowc|hera ROOT OUTDIR FILE...

flowc: flowc.import_yaml (which also compiles the Python it wrote back and
compares it with the YAML). hera: Hera's own `hera generate python` steps
(load_yaml_workflows, then workflow_to_python for each workflow; the CLI
stops at the first file it cannot convert, this goes on). Each output is
written under OUTDIR at the input's path relative to ROOT, with .py.

Prints one line: `import_ns=N converted=K failed=F` (N: the in-process time
of the conversions alone, excluding interpreter start, imports and writes)."""
import os
import sys
import time
import warnings


def converter(tool):
    if tool == "flowc":
        import flowc

        warnings.simplefilter("ignore")  # W1040-W1042 are the import's to report, not the benchmark's

        def convert(path):
            with open(path, encoding="utf-8") as f:
                return flowc.import_yaml(f.read(), filename=path)

        return convert
    from pathlib import Path

    from hera._cli.generate.python import load_yaml_workflows, workflow_to_python

    def convert(path):
        return "\n".join(workflow_to_python(w) for w in load_yaml_workflows(Path(path)))

    return convert


def main(argv):
    tool, root, outdir, files = argv[0], argv[1], argv[2], argv[3:]
    convert = converter(tool)
    total = converted = failed = 0
    for path in files:
        t0 = time.perf_counter_ns()
        try:
            text = convert(path)
        except Exception as e:  # noqa: BLE001 - a file the tool cannot convert is counted, not fatal
            failed += 1
            sys.stderr.write("%s: %s: %s\n" % (path, type(e).__name__, str(e).splitlines()[0] if str(e) else ""))
            continue
        finally:
            total += time.perf_counter_ns() - t0
        converted += 1
        target = os.path.join(outdir, os.path.splitext(os.path.relpath(path, root))[0] + ".py")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
    print("import_ns=%d converted=%d failed=%d" % (total, converted, failed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
