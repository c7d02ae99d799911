from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    @task
    def wait(self):
        return self.pause()

    @template
    def pause(self) -> V1alpha1SuspendTemplate:
        return V1alpha1SuspendTemplate(duration="20")
