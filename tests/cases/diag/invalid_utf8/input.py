from flowc.dsl import *

class W(Workflow):
    entrypoint = "café"
