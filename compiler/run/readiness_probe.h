// A daemon's readinessProbe (issue 21), run as the kubelet runs one
// (pkg/kubelet/prober: prober.go, worker.go; probe/http, probe/tcp). Argo
// marks a daemon's node daemoned, and lets its steps/tasks go on, only once
// its pod is ready (operator.go assessNodeStatus: pod Running and every
// container Ready), and a container with a readinessProbe is ready only once
// the probe has passed successThreshold times in a row. Pods here share the
// host's network: the probe goes to 127.0.0.1 (the pod's IP here).
// httpGet and tcpSocket are run; exec and grpc probes are refused by the plan.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowc::run {

struct ReadinessProbe {
  bool http = false;  // httpGet; else tcpSocket
  std::string host = "127.0.0.1";
  int port = 0;
  std::string path = "/";
  std::vector<std::pair<std::string, std::string>> headers;  // httpHeaders, in order
  // The kubelet's defaults (k8s.io/api core/v1 Probe; defaults.go SetDefaults_Probe).
  int initial_delay_seconds = 0;
  int period_seconds = 10;
  int timeout_seconds = 1;
  int success_threshold = 1;
  int failure_threshold = 3;
};

// The probe of `container` (its `readinessProbe`, substituted), a named
// port resolved from its `ports`. Empty when it can run; else why not.
std::string read_readiness_probe(const nlohmann::ordered_json& container, ReadinessProbe& out);

// One probe attempt, bounded by timeoutSeconds: tcpSocket succeeds when the
// connection is made (probe/tcp); httpGet when the response's status is
// 200 <= code < 400 (probe/http: a redirect is not followed here, and counts
// as success, as the kubelet counts a redirect to another host).
bool probe_once(const ReadinessProbe& probe);

}  // namespace flowc::run
