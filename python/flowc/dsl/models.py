"""Every Argo and Kubernetes model class of the DSL (V1Container,
V1alpha1Parameter, ...), by its Python client name.

At run time a model class only keeps its keyword arguments: flowc reads the
source text, it never runs it. The classes are made here from the generated
table flowc._models, which keeps ``import flowc.dsl`` fast; their keywords,
types and docstrings are in models.pyi (generated from the same spec by
scripts/gen_models.py), which only type checkers read.
"""
from __future__ import annotations

from typing import Any, Tuple

from .._models import MODELS

__all__ = sorted(MODELS)


class Model:
    """Base of the model classes: keeps its keyword arguments, nothing else."""

    definition: str = ""
    fields: Tuple[str, ...] = ()

    def __init__(self, **kwargs: Any) -> None:
        self.__dict__.update(kwargs)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({args})"


for _name, (_definition, _fields) in MODELS.items():
    globals()[_name] = type(_name, (Model,), {"definition": _definition, "fields": _fields, "__module__": __name__})
del _name, _definition, _fields
