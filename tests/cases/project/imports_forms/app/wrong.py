# The same calls with a misspelled keyword: flowc, mypy and pyright each report every one.
import app.lib.shared
import app.lib.shared as m
from app.lib import shared
from app.lib.shared import Shared as Common
from flowc.dsl import V1alpha1Template, Workflow, task

from .lib import shared as rel
from .lib.shared import Shared as RelShared


class Wrong(Workflow):
    @task
    def alias(self) -> V1alpha1Template:
        return Common.echo(mesage="from M import C as Alias")

    @task
    def dotted(self) -> V1alpha1Template:
        return app.lib.shared.Shared.echo(mesage="import pkg.mod")

    @task
    def module_alias(self) -> V1alpha1Template:
        return m.Shared.echo(mesage="import pkg.mod as m")

    @task
    def from_package(self) -> V1alpha1Template:
        return shared.Shared.echo(mesage="from pkg import mod")

    @task
    def relative_module(self) -> V1alpha1Template:
        return rel.Shared.echo(mesage="from .lib import shared as rel")

    @task
    def relative_alias(self) -> V1alpha1Template:
        return RelShared.echo(mesage="from .lib.shared import Shared as RelShared")
