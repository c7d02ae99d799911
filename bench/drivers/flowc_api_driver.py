"""flowc's Python API in one process: compile each file with flowc.compile_file
and write one YAML per input into OUTDIR.

    python flowc_api_driver.py OUTDIR FILE...

Prints one line to stdout: `compile_ns=N` (the in-process time of the
compile_file calls alone, excluding interpreter start, import and writes)."""
import os
import sys
import time


def main(argv):
    outdir, files = argv[0], argv[1:]
    os.makedirs(outdir, exist_ok=True)
    import flowc

    total = 0
    failed = 0
    for path in files:
        t0 = time.perf_counter_ns()
        try:
            text = flowc.compile_file(path)
        except flowc.CompileError as e:
            failed += 1
            sys.stderr.write(str(e) + "\n")
            continue
        finally:
            total += time.perf_counter_ns() - t0
        base = os.path.splitext(os.path.basename(path))[0]
        with open(os.path.join(outdir, base + ".yaml"), "w", encoding="utf-8") as f:
            f.write(text)
    print("compile_ns=%d" % total)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
