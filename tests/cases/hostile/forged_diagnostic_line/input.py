# Strings quoted in messages are escaped: the newline cannot forge a second
# "file:line:col: error:" line, the OSC/CSI sequences and the right-to-left
# override never reach the terminal.
from flowc.dsl import *


class Esc(Workflow):
    @task
    @dependencies(["nope\ninput.py:1:1: error: forged [E9999]", "x\x1b]0;pwned\x07\x1b[2Jy", "\u202egnp.exe"])
    def a(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo"])
