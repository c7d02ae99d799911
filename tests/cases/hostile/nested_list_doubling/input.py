# Eight copies of the list before, 12 levels: 8^13 items. Bounded, with a
# diagnostic at the place.
from flowc.dsl import *

L0 = ["x", "x", "x", "x", "x", "x", "x", "x"]
L1 = [L0, L0, L0, L0, L0, L0, L0, L0]
L2 = [L1, L1, L1, L1, L1, L1, L1, L1]
L3 = [L2, L2, L2, L2, L2, L2, L2, L2]
L4 = [L3, L3, L3, L3, L3, L3, L3, L3]
L5 = [L4, L4, L4, L4, L4, L4, L4, L4]
L6 = [L5, L5, L5, L5, L5, L5, L5, L5]
L7 = [L6, L6, L6, L6, L6, L6, L6, L6]
L8 = [L7, L7, L7, L7, L7, L7, L7, L7]
L9 = [L8, L8, L8, L8, L8, L8, L8, L8]
L10 = [L9, L9, L9, L9, L9, L9, L9, L9]
L11 = [L10, L10, L10, L10, L10, L10, L10, L10]
L12 = [L11, L11, L11, L11, L11, L11, L11, L11]


class Big(Workflow):
    entrypoint = "echo"

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo"], args=L12)
