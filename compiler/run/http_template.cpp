#include "run/http_template.h"

#include <fstream>
#include <sstream>

#include "run/expression/expr.h"

namespace flowc::run {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

namespace {

// The agent, run as `python -c AGENT REQUEST`. CPython's urllib sends the
// request (redirects followed, as Go's http.Client does); an HTTP error
// status is a response, not a failure. Header names come back canonical
// (Go's CanonicalMIMEHeaderKey: Content-Type), each with its list of values.
const char* kAgent = R"PY(
import json, sys, urllib.request, urllib.error
req = json.loads(sys.argv[1])
method = req.get("method") or "GET"
body = req.get("body", "").encode()
r = urllib.request.Request(req["url"], data=body if body or method not in ("GET", "HEAD") else None, method=method)
for name, value in req.get("headers", []):
    if name.lower() == "host":
        r.add_unredirected_header("Host", value)
    else:
        r.add_header(name, value)
def canon(k):
    return "-".join(w[:1].upper() + w[1:].lower() for w in k.split("-"))
def answer(status, headers, data):
    hs = {}
    for k, v in headers.items():
        hs.setdefault(canon(k), []).append(v)
    print(json.dumps({"ok": True, "statusCode": status, "headers": hs, "body": data.decode("utf-8", "replace")}))
try:
    with urllib.request.urlopen(r) as resp:
        answer(resp.status, resp.headers, resp.read())
except urllib.error.HTTPError as e:
    answer(e.code, e.headers, e.read())
except Exception as e:
    reason = getattr(e, "reason", e)
    print(json.dumps({"ok": False, "error": str(reason)}))
)PY";

std::string text_of(const ojson& o, const char* key) {
  if (!o.contains(key) || o[key].is_null()) return "";
  return o[key].is_string() ? o[key].get<std::string>() : o[key].dump();
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

// How Go's url.Error names the operation: "Get", "Post", ...
std::string go_op(std::string method) {
  if (method.empty()) method = "GET";
  std::string out = lower(method);
  out[0] = static_cast<char>(toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string local_url_problem(const std::string& url) {
  std::string rest;
  const std::string l = lower(url);
  if (l.rfind("http://", 0) == 0) rest = url.substr(7);
  else if (l.rfind("https://", 0) == 0) rest = url.substr(8);
  else return "'" + url + "' is not an http or https URL";
  std::string authority = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  std::string host;
  if (!authority.empty() && authority[0] == '[') {
    host = authority.substr(1, authority.find(']') == std::string::npos ? std::string::npos : authority.find(']') - 1);
  } else {
    host = authority.substr(0, authority.find(':'));
  }
  host = lower(host);
  if (host == "localhost" || host == "::1") return "";
  // 127.0.0.0/8, written as four decimal numbers.
  int parts[4], n = 0;
  std::istringstream in(host);
  std::string part;
  bool dotted = true;
  while (std::getline(in, part, '.')) {
    if (n == 4 || part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string::npos) {
      dotted = false;
      break;
    }
    parts[n++] = std::stoi(part);
  }
  if (dotted && n == 4 && parts[0] == 127 && parts[1] < 256 && parts[2] < 256 && parts[3] < 256) return "";
  return "the host '" + host + "' is not this machine (localhost, 127.0.0.0/8 or ::1)";
}

std::vector<std::string> http_agent_argv(const std::string& python, const ojson& http) {
  json req = json::object();
  req["method"] = text_of(http, "method");
  req["url"] = text_of(http, "url");
  req["body"] = text_of(http, "body");
  json headers = json::array();
  if (http.contains("headers") && http["headers"].is_array())
    for (const ojson& h : http["headers"]) headers.push_back(json::array({text_of(h, "name"), text_of(h, "value")}));
  req["headers"] = headers;
  return {python, "-c", kAgent, req.dump()};
}

void http_node_result(const ojson& http, const ProcessResult& run, Phase& phase, std::string& message,
                      ojson& outputs) {
  const std::string method = text_of(http, "method"), url = text_of(http, "url");
  const std::string op = go_op(method) + " \"" + url + "\": ";
  phase = Phase::Failed;  // agent.go processTask: an error fails the node with its text
  if (!run.error.empty()) {
    phase = Phase::Error;
    message = run.error;
    return;
  }
  if (run.timed_out) {
    message = op + "context deadline exceeded";
    return;
  }
  if (run.cancelled) {
    message = "terminated";
    return;
  }
  json response;
  try {
    response = json::parse(read_all(run.stdout_path));
  } catch (const std::exception&) {
    phase = Phase::Error;
    message = "the HTTP agent gave no answer (exit code " + std::to_string(run.exit_code) + "): " +
              read_all(run.stderr_path).substr(0, 500);
    return;
  }
  if (!response.value("ok", false)) {
    message = op + response.value("error", std::string("request failed"));
    return;
  }
  const int status = response.value("statusCode", 0);
  outputs["result"] = response.value("body", std::string());
  const std::string condition = text_of(http, "successCondition");
  if (condition.empty()) {
    // Default success condition: StatusCode == 2xx.
    if (status >= 200 && status < 300) {
      phase = Phase::Succeeded;
      message.clear();
    } else {
      message = "received non-2xx response code: " + std::to_string(status);
    }
    return;
  }
  json request_headers = json::object();
  if (http.contains("headers") && http["headers"].is_array())
    for (const ojson& h : http["headers"]) request_headers[text_of(h, "name")].push_back(text_of(h, "value"));
  json env = {{"request", {{"method", method}, {"url", url}, {"body", text_of(http, "body")}, {"headers", request_headers}}},
              {"response", {{"statusCode", status}, {"body", response["body"]}, {"headers", response["headers"]}}}};
  ExprResult r = evaluate_expr(condition, env);
  if (!r.ok) {
    message = r.error;
    return;
  }
  if (!r.value.is_boolean()) {
    // argoexpr.EvalBool: a result that is not a bool is an error.
    message = "expected bool, but got " + std::string(r.value.type_name());
    return;
  }
  if (r.value.get<bool>()) {
    phase = Phase::Succeeded;
    message.clear();
  } else {
    message = "successCondition '" + condition + "' evaluated false";
  }
}

}  // namespace flowc::run
