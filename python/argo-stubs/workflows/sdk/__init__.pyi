# argo.workflows.sdk: the names of flowc.dsl, with its types (see python/argo-stubs/__init__.pyi).
from flowc.dsl import *
from flowc.dsl import __all__ as __all__
