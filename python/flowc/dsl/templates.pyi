# argo.workflows.dsl.templates layout: the same names as flowc.dsl (see __init__.pyi).
from flowc.dsl import *
from flowc.dsl import __all__ as __all__
