from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    entrypoint = "use"

    @template
    @inputs.artifact(name="data", path="/tmp/data", s3={"key": "data.csv"})
    @outputs.artifact(name="result", path="/tmp/result")
    def use(self) -> V1Container:
        return V1Container(image="alpine", command=["cat", "/tmp/data"])
