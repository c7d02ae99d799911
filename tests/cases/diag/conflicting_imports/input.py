from flowc.dsl import *

class W(Workflow):
    entrypoint = "go"

    @scope(name="s")
    def dump(x):
        from simplejson import json
        return json.dumps(x)

    @closure(image="python:3.11", scope="s")
    def go(s):
        import json
        print(s.dump([1]))
