#!/usr/bin/env python3
"""What differs between the Argo versions flowc writes for.

    python3 scripts/argo_version_diff.py [path/to/argo/versions]

Diffs the swagger.json of every version (../shared/argo/versions/<X.Y>/) and
prints, as Markdown, every model and field that some version lacks (with the
versions that have it) and every field whose type changed. This is how the
renamed and moved settings in frontend/version_rules.cpp and the table in
docs/dsl.md were found; rerun it when a version is added. Models that are API
responses or a workflow's status are left out: nothing a workflow writes.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_models  # noqa: E402

STATUS_WORDS = ("Status", "Response", "Request", "List", "Opts", "Options", "Result", "NodeFlag", "TaskSet",
                "ArtifactGCSpec", "ArtifactNodeSpec", "Cause")


def versions_text(r) -> str:
    since, until = r
    first, last = gen_models.VERSIONS[since], gen_models.VERSIONS[until - 1]
    if until == len(gen_models.VERSIONS):
        return f"{first}+"
    return f"{first}-{last}" if first != last else first


def main() -> int:
    import json
    specs = Path(sys.argv[1]) if len(sys.argv) > 1 else gen_models.DEFAULT_SPECS
    defs = {v: json.loads((specs / v / "swagger.json").read_text())["definitions"] for v in gen_models.VERSIONS}
    per_version = {v: gen_models.collect(d) for v, d in defs.items()}
    models, model_ranges, field_ranges = gen_models.union(per_version)
    skip = lambda name: any(w in name for w in STATUS_WORDS)  # noqa: E731
    print("| model | field | versions |\n| --- | --- | --- |")
    for name, r in sorted(model_ranges.items()):
        if not skip(name):
            print(f"| {name} | (the model) | {versions_text(r)} |")
    for (name, f), r in sorted(field_ranges.items()):
        if not skip(name):
            print(f"| {name} | {f} | {versions_text(r)} |")
    print("\n| model | field | type per version |\n| --- | --- | --- |")
    for name, (definition, fields) in sorted(models.items()):
        if skip(name):
            continue
        for f, _, _ in fields:
            types = {}
            for v in gen_models.VERSIONS:
                for g, desc, _ in per_version[v].get(name, ("", []))[1]:
                    if g == f:
                        types.setdefault(desc, []).append(v)
            if len(types) > 1:
                print(f"| {name} | {f} | " + "; ".join(f"{d} ({', '.join(vs)})" for d, vs in types.items()) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
