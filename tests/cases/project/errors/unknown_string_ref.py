from flowc.dsl import V1alpha1TemplateRef, Workflow, task


class Caller(Workflow):
    @task
    def hello(self):
        return V1alpha1TemplateRef(name="shraed", template="echo")
