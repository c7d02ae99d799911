# Argo example: daemon-step.yaml. A daemon step (influxdb) that later steps
# reach at {{steps.influx.ip}}.
from flowc.dsl import *


class DaemonStep(Workflow):
    entrypoint = "daemon-example"

    @steps
    def daemon_example(self):
        @step
        def influx(self):
            return self.influxdb()

        @step
        def init_database(self):
            return self.influxdb_client(
                cmd="curl -XPOST 'http://{{steps.influx.ip}}:8086/query' --data-urlencode \"q=CREATE DATABASE mydb\""
            )

        @step
        def producer_1(self):
            return self.influxdb_client(
                cmd="for i in $(seq 1 10); do curl -XPOST 'http://{{steps.influx.ip}}:8086/write?db=mydb' "
                '-d "cpu,host=server01,region=uswest load=$i" ; sleep .5 ; done'
            )

        @step
        @parallel
        def producer_2(self):
            return self.influxdb_client(
                cmd="for i in $(seq 1 10); do curl -XPOST 'http://{{steps.influx.ip}}:8086/write?db=mydb' "
                '-d "cpu,host=server02,region=uswest load=$((RANDOM % 100))" ; sleep .5 ; done'
            )

        @step
        @parallel
        def producer_3(self):
            return self.influxdb_client(
                cmd="curl -XPOST 'http://{{steps.influx.ip}}:8086/write?db=mydb' "
                "-d 'cpu,host=server03,region=useast load=15.4'"
            )

        @step
        def consumer(self):
            return self.influxdb_client(
                cmd="curl --silent -G http://{{steps.influx.ip}}:8086/query?pretty=true "
                '--data-urlencode "db=mydb" --data-urlencode "q=SELECT * FROM cpu"'
            )

    @template(daemon=True)
    def influxdb(self) -> V1Container:
        return V1Container(
            image="influxdb:1.2",
            readiness_probe=V1Probe(
                http_get=V1HTTPGetAction(path="/ping", port=8086),
                initial_delay_seconds=5,
                timeout_seconds=1,
            ),
        )

    @template
    @inputs.parameter(name="cmd")
    def influxdb_client(self) -> V1Container:
        return V1Container(
            image="curlimages/curl:latest",
            command=["sh", "-c"],
            args=["{{inputs.parameters.cmd}}"],
        )
