# @typing.no_type_check on a closure and a scope function (whose first
# parameter type checkers would read as `self`) changes nothing in the output;
# imported either way.
import typing
from typing import no_type_check

from flowc.dsl import *


class NoTypeCheck(Workflow):
    @task
    def generate(self) -> V1alpha1Template:
        return self.gen()

    @closure(scope="util", image="python:3.12")
    @no_type_check
    def gen(util):
        util.log("DEBUG")
        print(3)

    @scope(name="util")
    @typing.no_type_check
    def log(level="INFO"):
        import logging
        logging.getLogger("gen").setLevel(getattr(logging, level))
