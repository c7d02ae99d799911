"""argo-python-dsl driver: imports each workflow file (which runs the user's
code, as argo-python-dsl must), instantiates every Workflow subclass defined in
it and calls to_yaml(). Writes one YAML per input into OUTDIR.

    python argo_dsl_driver.py OUTDIR FILE...

Runs in the argo-python-dsl venv (argo-workflows-dsl pinned there)."""
import importlib.util
import inspect
import os
import sys


def main(argv):
    outdir, files = argv[0], argv[1:]
    os.makedirs(outdir, exist_ok=True)
    from argo.workflows.dsl import Workflow  # noqa: E402  (the peer's own import cost is measured)

    failed = 0
    for i, path in enumerate(files):
        name = "bench_wf_%d_%s" % (i, os.path.splitext(os.path.basename(path))[0])
        try:
            spec = importlib.util.spec_from_file_location(name, path)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            docs = []
            for obj in vars(mod).values():
                if inspect.isclass(obj) and issubclass(obj, Workflow) and obj.__module__ == name:
                    docs.append(obj().to_yaml())
            if not docs:
                raise RuntimeError("no Workflow class")
            base = os.path.splitext(os.path.basename(path))[0]
            with open(os.path.join(outdir, base + ".yaml"), "w") as f:
                f.write("---\n".join(docs))
        except Exception as e:  # report and go on: the harness counts failures
            failed += 1
            sys.stderr.write("argo-dsl: %s: %s: %s\n" % (path, type(e).__name__, e))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
