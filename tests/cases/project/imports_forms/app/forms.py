# Issue 23: each way Python spells an import of the shared class, followed by
# flowc as by the type checkers: every task below is templateRef shared/echo.
import app.lib.shared
import app.lib.shared as m
from app.lib import shared
from app.lib.shared import Shared as Common
from flowc.dsl import V1alpha1Template, Workflow, task

from .lib import shared as rel
from .lib.shared import Shared as RelShared


class Forms(Workflow):
    @task
    def alias(self) -> V1alpha1Template:
        return Common.echo(message="from M import C as Alias")

    @task
    def dotted(self) -> V1alpha1Template:
        return app.lib.shared.Shared.echo(message="import pkg.mod")

    @task
    def module_alias(self) -> V1alpha1Template:
        return m.Shared.echo(message="import pkg.mod as m")

    @task
    def from_package(self) -> V1alpha1Template:
        return shared.Shared.echo(message="from pkg import mod")

    @task
    def relative_module(self) -> V1alpha1Template:
        return rel.Shared.echo(message="from .lib import shared as rel")

    @task
    def relative_alias(self) -> V1alpha1Template:
        return RelShared.echo(message="from .lib.shared import Shared as RelShared")
