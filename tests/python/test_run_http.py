"""`http` templates in `flowc run` (issue 21) against a real local HTTP
server this test starts (Python's http.server in a thread), through the
installed `flowc run`. The rules are workflow/executor/agent.go's
executeHTTPTemplate (argoproj/argo-workflows v4.1.2): the body is the
result; without successCondition a 2xx succeeds and anything else fails
"received non-2xx response code: N"; a successCondition is an expr over
`request` and `response` ("successCondition '...' evaluated false"); a
failed request or timeoutSeconds fails the node with Go's url.Error text."""
from __future__ import annotations

import http.server
import json
import re
import threading
import time

import pytest

from test_run import by_display, run_spec


class Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        if self.path.startswith("/slow"):
            time.sleep(5)
        if self.path.startswith("/missing"):
            self.send_response(404)
            self.end_headers()
            self.wfile.write(b"no such thing")
            return
        data = json.dumps({"method": self.command, "path": self.path, "body": body,
                           "token": self.headers.get("X-Token", "")}).encode()
        self.send_response(201 if self.command == "POST" else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Served-By", "flowc-test")
        self.end_headers()
        try:
            self.wfile.write(data)
        except BrokenPipeError:  # /slow: the client gave up, as it should
            pass

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()




WORKFLOW = """\
entrypoint: main
arguments:
  parameters: [{name: base}]
templates:
- name: main
  dag:
    failFast: false  # (dag.go: else a failed task stops new ones, use-result among them)
    tasks:
    - {name: get, template: get}
    - {name: missing, template: missing}
    - {name: post, template: post}
    - {name: condition-true, template: condition-true}
    - {name: condition-false, template: condition-false}
    - {name: slow, template: slow}
    - {name: refused, template: refused}
    - name: use-result
      depends: get
      template: echo
      arguments: {parameters: [{name: text, value: "{{tasks.get.outputs.result}}"}]}
- name: get
  http: {url: "{{workflow.parameters.base}}/get"}
- name: missing
  http: {url: "{{workflow.parameters.base}}/missing"}
- name: post
  http:
    method: POST
    url: "{{workflow.parameters.base}}/post"
    headers: [{name: X-Token, value: secret-ish}]
    body: '{"n": 1}'
- name: condition-true
  http:
    url: "{{workflow.parameters.base}}/missing"
    successCondition: 'response.statusCode == 404 && response.body contains "no such" && response.headers["X-Served-By"] == nil'
- name: condition-false
  http:
    url: "{{workflow.parameters.base}}/get"
    successCondition: 'response.headers["X-Served-By"][0] == "someone-else"'
- name: slow
  http: {url: "{{workflow.parameters.base}}/slow", timeoutSeconds: 1}
- name: refused
  http: {url: "http://127.0.0.1:9/"}
- name: echo
  inputs: {parameters: [{name: text}]}
  container: {image: alpine, command: [sh, -c, "echo '{{inputs.parameters.text}}' | python3 -c 'import json,sys; print(json.load(sys.stdin)[\\"method\\"])'"]}
"""


def test_http_templates_against_a_local_server(tmp_path, server):
    code, report, out = run_spec(tmp_path, WORKFLOW, "-p", f"base={server}")
    assert code == 1, out  # some fail on purpose
    n = by_display(report)
    assert {k: n[k]["type"] for k in ("get", "post", "slow")} == {"get": "HTTP", "post": "HTTP", "slow": "HTTP"}
    # The body is the result; a later task reads it.
    assert n["get"]["phase"] == "Succeeded"
    assert json.loads(n["get"]["outputs"]["result"]) == {"method": "GET", "path": "/get", "body": "", "token": ""}
    assert n["use-result"]["phase"] == "Succeeded" and n["use-result"]["outputs"]["result"] == "GET"
    # Default success condition: 2xx.
    assert n["missing"]["phase"] == "Failed"
    assert n["missing"]["message"] == "received non-2xx response code: 404"
    assert n["missing"]["outputs"]["result"] == "no such thing"
    # Method, headers and body are sent; 201 is a 2xx.
    assert n["post"]["phase"] == "Succeeded"
    assert json.loads(n["post"]["outputs"]["result"]) == {"method": "POST", "path": "/post", "body": '{"n": 1}',
                                                          "token": "secret-ish"}
    # successCondition over response.statusCode/body/headers (canonical names, lists of values).
    assert n["condition-true"]["phase"] == "Succeeded", n["condition-true"]
    assert n["condition-false"]["phase"] == "Failed"
    assert n["condition-false"]["message"] == \
        """successCondition 'response.headers["X-Served-By"][0] == "someone-else"' evaluated false"""
    # timeoutSeconds: Go's context deadline, as url.Error words it.
    assert n["slow"]["phase"] == "Failed"
    assert n["slow"]["message"] == f'Get "{server}/slow": context deadline exceeded'
    # A request that fails (nothing listens on port 9) fails the node with the error.
    assert n["refused"]["phase"] == "Failed"
    assert n["refused"]["message"].startswith('Get "http://127.0.0.1:9/": '), n["refused"]["message"]
    assert "refused" in n["refused"]["message"].lower()


def test_non_local_urls_and_secret_headers_are_refused_before_running(tmp_path, server):
    code, report, out = run_spec(tmp_path, """\
        entrypoint: main
        arguments:
          parameters: [{name: base, value: "http://example.com"}]
        templates:
        - name: main
          steps:
          - - {name: a, template: remote}
            - {name: b, template: from-input, arguments: {parameters: [{name: url, value: "http://127.0.0.1:1/"}]}}
            - {name: c, template: secret}
        - name: remote
          http: {url: "{{workflow.parameters.base}}/x"}
        - name: from-input
          inputs: {parameters: [{name: url}]}
          http: {url: "{{inputs.parameters.url}}"}
        - name: secret
          http:
            url: http://localhost:1/
            headers: [{name: Authorization, valueFrom: {secretKeyRef: {name: s, key: k}}}]
        """)
    assert code == 2 and report is None, out
    assert re.search(r"wf\.yaml:\d+:\d+: error: template 'remote': flowc run sends http requests only to this "
                     r"machine: the host 'example.com' is not this machine .*\[E1260\]", out), out
    assert re.search(r"error: template 'from-input': the url '\{\{inputs.parameters.url\}\}' is known only while "
                     r"running.*\[E1261\]", out), out
    assert re.search(r"error: template 'secret': header 'Authorization' takes its value from a Secret.*\[E1262\]", out)
    # The url's line, and the caret under it.
    assert re.search(r'http: \{url: "\{\{workflow.parameters.base\}\}/x"\}\n\s+\^', out), out
    # A local base given with -p runs no further than the other two refusals.
    code, report, out = run_spec(tmp_path, (tmp_path / "wf.yaml").read_text().split("spec:\n", 1)[1],
                                  "-p", f"base={server}", "--skip", "from-input", "--skip", "secret")
    assert code == 0, out
    assert by_display(report)["a"]["phase"] == "Succeeded" and by_display(report)["b"]["phase"] == "Skipped"
