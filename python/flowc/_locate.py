"""Where a class was defined: its file and a line inside its definition,
found without running any of the user's code.

`flowc.compile(cls)` must not trigger the class's code: plain attribute
access (`cls.__name__`, `value.__func__`, `inspect.getsource(cls)`) goes
through a metaclass's `__getattribute__` and an attribute value's
`__getattr__`. Everything here reads the type's slots and the class's own
namespace directly (what `inspect.getattr_static` does), and touches only
objects whose exact type is a built-in one.

And it must compile the right class: not a top-level namesake of a class
defined in a function, nor another class of the same name. So the class is
found by place, not by name: by `__firstlineno__` (Python 3.13+), else by
the first line of a method defined in its body (a function whose
`__qualname__` is `<class qualname>.<name>`).
"""
from __future__ import annotations

import sys
import types
from typing import Optional, Tuple

# The descriptors `type` itself defines: calling them runs no metaclass code.
_namespace = type.__dict__["__dict__"].__get__
_name = type.__dict__["__name__"].__get__
_qualname = type.__dict__["__qualname__"].__get__


def class_name(cls: type) -> str:
    return _name(cls)


def class_qualname(cls: type) -> str:
    return _qualname(cls)


def _own_functions(cls: type):
    """Plain functions defined in the class body (methods, static and class
    methods, property getters), as the namespace holds them."""
    prefix = _qualname(cls) + "."
    for value in _namespace(cls).values():
        kind = type(value)
        if kind is staticmethod or kind is classmethod:
            value = value.__func__
        elif kind is property:
            value = value.fget
        if type(value) is not types.FunctionType:
            continue
        qualname = value.__qualname__
        if type(qualname) is str and qualname.startswith(prefix) and "." not in qualname[len(prefix):]:
            yield value


def _module_file(cls: type) -> Optional[str]:
    module = _namespace(cls).get("__module__")
    if type(module) is not str:
        return None
    mod = sys.modules.get(module)
    if type(mod) is not types.ModuleType:
        return None
    path = vars(mod).get("__file__")  # an exact module: its __dict__ is the built-in one
    return path if type(path) is str else None


def locate(cls: type) -> Tuple[Optional[str], int]:
    """(file, line): the file that defines `cls` and a line of its
    definition (0 if not known). file is None if not found."""
    ns = _namespace(cls)
    filename = None
    line = 0
    for fn in _own_functions(cls):
        code = fn.__code__
        filename = code.co_filename
        line = code.co_firstlineno
        break
    first = ns.get("__firstlineno__")  # Python 3.13+: the class statement's line
    if type(first) is int and first > 0:
        line = first
    if filename is None:
        filename = _module_file(cls)
    return filename, line
