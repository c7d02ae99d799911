# argo.workflows.dsl.tasks: the names of flowc.dsl.tasks, with its types (see python/argo-stubs/__init__.pyi).
from flowc.dsl.tasks import *
from flowc.dsl.tasks import __all__ as __all__
