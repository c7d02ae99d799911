// `http` templates in `flowc run` (issue 21): Argo sends an http template's
// request from its agent pod (workflow/controller/agent.go creates it;
// workflow/executor/agent.go executeHTTPTemplate sends it with Go's
// net/http and judges the response). flowc run does the same in a process
// of its own, run by the executor like a pod: the interpreter flowc runs
// scripts with (`python3` beside flowc, or --python) with CPython's own
// HTTP client (urllib.request / http.client), which follows redirects as Go's
// client does. Only local addresses are reached: loopback (`localhost`,
// 127.0.0.0/8, ::1); any other is refused before anything runs (E1260).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run/executor.h"
#include "run/status.h"

namespace flowc::run {

// Empty when `url` is an http(s) URL to a loopback host; else why not.
std::string local_url_problem(const std::string& url);

// The agent's command for a substituted `http` object: python -c AGENT
// REQUEST-JSON; it prints the response as one JSON object.
std::vector<std::string> http_agent_argv(const std::string& python, const nlohmann::ordered_json& http);

// The node's phase, message and outputs from the agent's run, as
// executeHTTPTemplate decides them: the body is `result`; without a
// successCondition a 2xx status succeeds, any other fails ("received non-2xx
// response code: N"); with one, the expr condition over `request` and
// `response` (statusCode, body, headers: canonical names to lists of
// values) decides ("successCondition '...' evaluated false"); a request
// that fails, or a condition that cannot be evaluated, fails the node with
// the error.
void http_node_result(const nlohmann::ordered_json& http, const ProcessResult& run, Phase& phase, std::string& message,
                      nlohmann::ordered_json& outputs);

}  // namespace flowc::run
