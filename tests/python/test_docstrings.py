"""Every public function and decorator of flowc, flowc.dsl and
flowc.dsl.peak has a docstring with an example: a `>>>` line, an indented
code block, or an inline ``@decorator(...)``/``flowc...`` call."""
from __future__ import annotations

import inspect
import re

import pytest

import flowc
import flowc.dsl
import flowc.dsl.peak


def public_functions():
    for module in (flowc, flowc.dsl, flowc.dsl.peak):
        names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
        for name in names:
            obj = getattr(module, name)
            if inspect.isfunction(obj) and getattr(obj, "__module__", "").startswith("flowc"):
                yield f"{module.__name__}.{name}", obj
    for name in ("parameter", "artifact"):
        yield f"flowc.dsl.inputs.{name}", getattr(flowc.dsl.inputs, name)
    for cls in (flowc.dsl.Workflow,):
        for name in ("to_yaml", "to_json", "to_dict"):
            yield f"{cls.__name__}.{name}", getattr(cls, name)
    yield "flowc.load_ipython_extension", flowc.load_ipython_extension


EXAMPLE = re.compile(r">>>|^ {4,}\S|``(@|flowc\.|%)\w", re.M)


@pytest.mark.parametrize("name,fn", list(public_functions()), ids=lambda x: x if isinstance(x, str) else "")
def test_docstring_has_an_example(name, fn):
    doc = inspect.getdoc(fn)
    assert doc, f"{name} has no docstring"
    assert EXAMPLE.search(doc), f"{name}'s docstring has no example:\n{doc}"
