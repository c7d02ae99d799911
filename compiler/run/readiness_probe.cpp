#include "run/readiness_probe.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace flowc::run {

using ojson = nlohmann::ordered_json;

namespace {

// A whole number of seconds at least `min`, or the default when absent.
bool seconds(const ojson& probe, const char* key, int min, int& out, std::string& error) {
  if (!probe.contains(key)) return true;
  if (!probe[key].is_number_integer() || probe[key].get<int64_t>() < min || probe[key].get<int64_t>() > 86400) {
    error = std::string("readinessProbe.") + key + " must be a whole number of at least " + std::to_string(min);
    return false;
  }
  out = probe[key].get<int>();
  return true;
}

// A port by number, or by the name of one of the container's ports.
bool port_of(const ojson& value, const ojson& container, int& port, std::string& error) {
  if (value.is_number_integer()) {
    port = value.get<int>();
  } else if (value.is_string()) {
    port = 0;
    if (container.contains("ports") && container["ports"].is_array())
      for (const ojson& p : container["ports"])
        if (p.value("name", "") == value.get<std::string>() && p.contains("containerPort") && p["containerPort"].is_number_integer())
          port = p["containerPort"].get<int>();
    if (!port) {
      error = "readinessProbe port '" + value.get<std::string>() + "' names none of the container's ports";
      return false;
    }
  }
  if (port < 1 || port > 65535) {
    error = "readinessProbe port must be a number from 1 to 65535";
    return false;
  }
  return true;
}

long ms_left(std::chrono::steady_clock::time_point until) {
  return std::max<long>(0, std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count());
}

// A TCP connection to host:port by `until`; -1 when none.
int connect_by(const std::string& host, int port, std::chrono::steady_clock::time_point until) {
  addrinfo hints{}, *res = nullptr;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res) != 0 || !res) return -1;
  int fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  bool ok = fd >= 0;
  if (ok && connect(fd, res->ai_addr, res->ai_addrlen) != 0) {
    ok = errno == EINPROGRESS;
    pollfd p{fd, POLLOUT, 0};
    ok = ok && poll(&p, 1, static_cast<int>(ms_left(until))) == 1;
    int err = 0;
    socklen_t len = sizeof err;
    ok = ok && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0;
  }
  freeaddrinfo(res);
  if (!ok && fd >= 0) close(fd);
  return ok ? fd : -1;
}

}  // namespace

std::string read_readiness_probe(const ojson& container, ReadinessProbe& out) {
  const ojson& p = container["readinessProbe"];
  std::string error;
  if (!p.is_object()) return "readinessProbe must be an object";
  if (p.contains("exec") || p.contains("grpc"))
    return std::string("a readinessProbe with ") + (p.contains("exec") ? "exec" : "grpc") +
           " is not run by flowc run (only httpGet and tcpSocket)";
  const char* kind = p.contains("httpGet") ? "httpGet" : p.contains("tcpSocket") ? "tcpSocket" : nullptr;
  if (!kind) return "readinessProbe has no httpGet, tcpSocket, exec or grpc handler";
  const ojson& h = p[kind];
  out.http = std::string(kind) == "httpGet";
  if (!h.is_object() || !h.contains("port")) return std::string("readinessProbe.") + kind + " has no port";
  if (!port_of(h["port"], container, out.port, error)) return error;
  if (h.contains("host") && h["host"].is_string() && !h["host"].get<std::string>().empty()) {
    std::string host = h["host"].get<std::string>();
    if (host != "127.0.0.1" && host != "localhost" && host != "::1")
      return "readinessProbe host '" + host + "' is not this machine (the pod's IP here is 127.0.0.1)";
    out.host = host;
  }
  if (out.http) {
    if (h.value("scheme", "HTTP") != "HTTP") return "readinessProbe.httpGet.scheme " + h.value("scheme", "") + " is not run by flowc run (only HTTP)";
    out.path = h.value("path", "/");
    if (out.path.empty() || out.path[0] != '/') out.path = "/" + out.path;
    if (out.path.find_first_of("\r\n ") != std::string::npos) return "readinessProbe.httpGet.path has a space or a line break";
    if (h.contains("httpHeaders") && h["httpHeaders"].is_array())
      for (const ojson& x : h["httpHeaders"]) {
        std::string name = x.value("name", ""), value = x.value("value", "");
        if (name.empty() || (name + value).find_first_of("\r\n") != std::string::npos)
          return "readinessProbe.httpGet.httpHeaders has an empty name or a line break";
        out.headers.emplace_back(name, value);
      }
  }
  if (!seconds(p, "initialDelaySeconds", 0, out.initial_delay_seconds, error) ||
      !seconds(p, "periodSeconds", 1, out.period_seconds, error) ||
      !seconds(p, "timeoutSeconds", 1, out.timeout_seconds, error) ||
      !seconds(p, "successThreshold", 1, out.success_threshold, error) ||
      !seconds(p, "failureThreshold", 1, out.failure_threshold, error))
    return error;
  return {};
}

bool probe_once(const ReadinessProbe& probe) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(probe.timeout_seconds);
  int fd = connect_by(probe.host, probe.port, until);
  if (fd < 0) return false;
  if (!probe.http) {
    close(fd);
    return true;
  }
  // probe/http: GET with the kubelet's User-Agent and Accept, the probe's headers.
  std::string host = probe.host.find(':') != std::string::npos ? "[" + probe.host + "]" : probe.host;
  std::string req = "GET " + probe.path + " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(probe.port) +
                    "\r\nUser-Agent: kube-probe/1.31\r\nAccept: */*\r\nConnection: close\r\n";
  for (auto& [k, v] : probe.headers) req += k + ": " + v + "\r\n";
  req += "\r\n";
  size_t sent = 0;
  while (sent < req.size()) {
    pollfd p{fd, POLLOUT, 0};
    if (poll(&p, 1, static_cast<int>(ms_left(until))) != 1) break;
    ssize_t n = send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string head;
  while (sent == req.size() && head.find("\r\n") == std::string::npos && head.size() < 4096) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(ms_left(until))) != 1) break;
    char buf[1024];
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    head.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  // "HTTP/1.x NNN reason"
  if (head.compare(0, 5, "HTTP/") != 0) return false;
  size_t sp = head.find(' ');
  if (sp == std::string::npos || head.size() < sp + 4) return false;
  int code = std::atoi(head.substr(sp + 1, 3).c_str());
  return code >= 200 && code < 400;
}

}  // namespace flowc::run
