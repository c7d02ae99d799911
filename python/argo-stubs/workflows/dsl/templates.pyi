# argo.workflows.dsl.templates: the names of flowc.dsl.templates, with its types (see python/argo-stubs/__init__.pyi).
from flowc.dsl.templates import *
from flowc.dsl.templates import __all__ as __all__
