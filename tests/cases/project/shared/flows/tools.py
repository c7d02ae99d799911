# Cluster-wide tools: one ClusterWorkflowTemplate for every namespace.
from flowc.dsl import ClusterWorkflowTemplate, V1Container, inputs, template


class Tools(ClusterWorkflowTemplate):
    name = "cluster-tools"

    @template
    @inputs.parameter(name="table")
    @inputs.artifact(name="rows", path="/data/rows.csv")
    def load_table(self, table, rows):
        return V1Container(image="postgres:16", command=["psql", "-c", "\\copy {{inputs.parameters.table}} from /data/rows.csv csv"])

    @template
    @inputs.parameter(name="channel", default="#builds")
    @inputs.parameter(name="text")
    def notify(self, channel, text):
        return V1Container(image="curlimages/curl:8.8.0", args=["{{inputs.parameters.channel}}", "{{inputs.parameters.text}}"])
