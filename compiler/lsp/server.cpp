#include "lsp/server.h"

#include <algorithm>
#include <filesystem>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "driver/compile.h"
#include "lsp/diagnostics.h"
#include "lsp/document.h"
#include "lsp/features.h"
#include "lsp/jsonrpc.h"
#include "lsp/outline.h"
#include "lsp/uri.h"
#include "lsp/workspace.h"

namespace flowc::lsp {

namespace {

using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

// JSON-RPC / LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;

// Frames read by the reader thread, handed to the main loop. Shared, so a
// reader still blocked on its stream after serve() returned stays valid.
struct Inbox {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<Frame> frames;
  // At most this many unread frames: a client that writes faster than the
  // server answers waits (memory stays bounded).
  static constexpr size_t kMaxQueued = 1024;
  std::condition_variable space;
};

struct OpenDocument {
  std::unique_ptr<Document> doc;
  std::optional<Outline> outline;           // of the current text; made on first use
  std::optional<Clock::time_point> due;     // diagnostics wanted from then on
  // Every file its last compile read or looked for (imported base classes,
  // WorkflowTemplates of typed references): a change there re-checks it.
  std::vector<std::string> dependencies;
};

class Server {
 public:
  Server(std::ostream& out, ServerOptions options) : out_(out), options_(options) {
    // FLOWC_LSP_LOG=<file>: a line per message in and out, to see what an editor sends.
    if (const char* path = std::getenv("FLOWC_LSP_LOG")) log_.open(path, std::ios::app);
  }

  // Handles one message; false once `exit` came.
  bool handle(const Frame& frame);
  // The earliest time a document's diagnostics are due, if any.
  std::optional<Clock::time_point> next_due() const;
  // Publishes the diagnostics of every document whose time has come.
  void publish_due();
  int exit_code() const { return shutdown_ ? 0 : 1; }

 private:
  void request(const json& id, const std::string& method, const json& params);
  void notification(const std::string& method, const json& params);
  json initialize(const json& params);
  void did_open(const json& params);
  void did_change(const json& params);
  void did_close(const json& params);
  // Issue 23: the open documents that read `uri`'s file are due again.
  void dependents_due(const std::string& uri, Clock::time_point when);
  std::map<std::string, std::string> unsaved_texts() const;
  // Other files for the features: open documents' texts first, then the disk.
  Workspace workspace() const {
    return Workspace([this](const std::string& path) -> std::optional<std::string> {
      for (auto& [uri, d] : docs_)
        if (d.doc->python() && std::filesystem::path(uri_to_path(uri)).lexically_normal().string() == path)
          return d.doc->text();
      return std::nullopt;
    });
  }
  OpenDocument* find(const json& params);
  const Outline& outline(OpenDocument& d);
  void publish(OpenDocument& d);

  void send(const json& m) {
    trace(">", m);
    write_frame(out_, m);
  }
  void reply(const json& id, json result) { send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}); }
  void fail(const json& id, int code, const std::string& message) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }
  void notify(const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }

  void trace(const char* dir, const json& m) {
    if (!log_.is_open()) return;
    log_ << dir << ' ' << (m.contains("method") ? m["method"].dump() : "") << ' ' << (m.contains("id") ? m["id"].dump() : "")
         << std::endl;
  }

  std::ostream& out_;
  std::ofstream log_;
  ServerOptions options_;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exit_ = false;
  std::map<std::string, OpenDocument> docs_;
};

Position position_of(const json& j) {
  return {j.at("line").get<uint32_t>(), j.at("character").get<uint32_t>()};
}

bool Server::handle(const Frame& frame) {
  if (frame.kind == Frame::Kind::Malformed) {
    if (log_.is_open()) log_ << "< malformed: " << frame.error << std::endl;
    fail(nullptr, kParseError, frame.error);
    return true;
  }
  const json& m = frame.body;
  trace("<", m);
  if (!m.is_object() || !m.contains("method") || !m["method"].is_string()) {
    if (m.is_object() && m.contains("id") && !m.contains("method")) return true;  // a response to us: none expected
    fail(m.is_object() && m.contains("id") ? m["id"] : json(nullptr), kInvalidRequest, "not a JSON-RPC request");
    return true;
  }
  std::string method = m["method"];
  json params = m.value("params", json::object());
  if (m.contains("id")) {
    const json& id = m["id"];
    try {
      request(id, method, params);
    } catch (const json::exception& e) {  // a field missing or of the wrong type
      fail(id, kInvalidParams, std::string("invalid params: ") + e.what());
    } catch (const std::exception& e) {
      fail(id, kInternalError, e.what());
    }
  } else {
    try {
      notification(method, params);
    } catch (const std::exception& e) {
      // Notifications have no reply: say it in the client's log.
      notify("window/logMessage", {{"type", 1}, {"message", "flowc lsp: " + method + ": " + e.what()}});
    }
  }
  return !exit_;
}

json Server::initialize(const json& params) {
  if (auto o = params.find("initializationOptions"); o != params.end() && o->is_object())
    if (auto d = o->find("debounceMs"); d != o->end() && d->is_number_integer())
      options_.debounce_ms = std::clamp(d->get<int>(), 0, 10'000);
  initialized_ = true;
  return {
      {"capabilities",
       {{"positionEncoding", "utf-16"},
        {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},  // 2: incremental; save: callers re-checked (issue 23)
        {"completionProvider", {{"triggerCharacters", {".", "(", ",", "@", "{", " "}}}},
        {"hoverProvider", true},
        {"definitionProvider", true},
        {"documentSymbolProvider", true},
        {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}}}},
      {"serverInfo", {{"name", "flowc"}, {"version", version()}}},
  };
}

void Server::request(const json& id, const std::string& method, const json& params) {
  if (method == "initialize") return reply(id, initialize(params));
  if (!initialized_) return fail(id, kServerNotInitialized, "the server is not initialized");
  if (method == "shutdown") {
    shutdown_ = true;
    return reply(id, nullptr);
  }
  auto text_document = [&]() -> OpenDocument* { return find(params); };
  if (method == "textDocument/completion") {
    OpenDocument* d = text_document();
    if (!d || !d->doc->python()) return reply(id, json::array());
    Workspace ws = workspace();
    return reply(id, complete(*d->doc, outline(*d), position_of(params.at("position")), &ws));
  }
  if (method == "textDocument/hover" || method == "textDocument/definition") {
    OpenDocument* d = text_document();
    if (!d || !d->doc->python()) return reply(id, nullptr);
    Position p = position_of(params.at("position"));
    Workspace ws = workspace();
    return reply(id, method == "textDocument/hover" ? hover(*d->doc, outline(*d), p, &ws)
                                                    : definition(*d->doc, outline(*d), p, &ws));
  }
  if (method == "textDocument/documentSymbol") {
    OpenDocument* d = text_document();
    if (!d || !d->doc->python()) return reply(id, json::array());
    return reply(id, document_symbols(*d->doc, outline(*d)));
  }
  if (method == "textDocument/codeAction") {
    OpenDocument* d = text_document();
    if (!d) return reply(id, json::array());
    return reply(id, code_actions(*d->doc, params));
  }
  fail(id, kMethodNotFound, "flowc lsp does not implement '" + method + "'");
}

void Server::notification(const std::string& method, const json& params) {
  if (method == "exit") {
    exit_ = true;
    return;
  }
  if (!initialized_) return;  // notifications before initialize are dropped (LSP)
  if (method == "textDocument/didOpen") return did_open(params);
  if (method == "textDocument/didChange") return did_change(params);
  if (method == "textDocument/didClose") return did_close(params);
  // A shared file saved, or changed on disk (the client watches the
  // workspace's files): its open callers are checked again.
  if (method == "textDocument/didSave")
    return dependents_due(params.at("textDocument").at("uri").get<std::string>(), Clock::now());
  if (method == "workspace/didChangeWatchedFiles") {
    if (auto changes = params.find("changes"); changes != params.end() && changes->is_array())
      for (const json& c : *changes)
        if (c.is_object() && c.contains("uri") && c["uri"].is_string()) dependents_due(c["uri"].get<std::string>(), Clock::now());
    return;
  }
  // initialized, $/cancelRequest, $/setTrace, other workspace/*: nothing to do.
}

OpenDocument* Server::find(const json& params) {
  auto it = docs_.find(params.at("textDocument").at("uri").get<std::string>());
  return it == docs_.end() ? nullptr : &it->second;
}

const Outline& Server::outline(OpenDocument& d) {
  d.doc->reparse();
  if (!d.outline) d.outline = read_outline(d.doc->root(), d.doc->text());
  return *d.outline;
}

void Server::did_open(const json& params) {
  const json& td = params.at("textDocument");
  std::string uri = td.at("uri");
  std::string language = td.value("languageId", "");
  std::string text = td.at("text");
  bool python = is_python(uri, language);
  if (!python && !is_argo_yaml(uri, language, text)) return;  // not flowc's
  OpenDocument d;
  d.doc = std::make_unique<Document>(uri, std::move(text), td.value("version", int64_t{0}), python);
  d.due = Clock::now();  // a file just opened: diagnostics at once
  docs_[uri] = std::move(d);
}

void Server::did_change(const json& params) {
  OpenDocument* d = find(params);
  if (!d) return;
  for (const json& change : params.at("contentChanges")) {
    std::optional<Range> range;
    if (change.contains("range")) {
      const json& r = change["range"];
      range = Range{position_of(r.at("start")), position_of(r.at("end"))};
    }
    d->doc->apply(range, change.at("text").get<std::string>());
  }
  // Not re-parsed here: edits pile up (ts_tree_edit) while the user types,
  // and one parse serves them all when a request or the diagnostics need it.
  if (auto v = params.at("textDocument").find("version"); v != params.at("textDocument").end() && v->is_number_integer())
    d->doc->set_version(v->get<int64_t>());
  d->outline.reset();
  d->due = Clock::now() + std::chrono::milliseconds(options_.debounce_ms);
  dependents_due(d->doc->uri(), *d->due);  // callers of a shared template see the edit, unsaved
}

void Server::dependents_due(const std::string& uri, Clock::time_point when) {
  std::string path = uri_to_path(uri);
  if (path.empty()) return;
  path = std::filesystem::path(path).lexically_normal().string();
  for (auto& [other, d] : docs_) {
    if (other == uri) continue;
    if (std::find(d.dependencies.begin(), d.dependencies.end(), path) == d.dependencies.end()) continue;
    if (!d.due || *d.due > when) d.due = when;
  }
}

std::map<std::string, std::string> Server::unsaved_texts() const {
  std::map<std::string, std::string> out;
  for (auto& [uri, d] : docs_) {
    if (!d.doc->python()) continue;
    std::string path = uri_to_path(uri);
    if (!path.empty()) out[std::filesystem::path(path).lexically_normal().string()] = d.doc->text();
  }
  return out;
}

void Server::did_close(const json& params) {
  std::string uri = params.at("textDocument").at("uri");
  if (docs_.erase(uri)) notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
}

std::optional<Clock::time_point> Server::next_due() const {
  std::optional<Clock::time_point> next;
  for (auto& [uri, d] : docs_)
    if (d.due && (!next || *d.due < *next)) next = d.due;
  return next;
}

void Server::publish(OpenDocument& d) {
  d.due.reset();
  d.doc->reparse();
  json diagnostics;
  try {
    std::map<std::string, std::string> unsaved = unsaved_texts();
    unsaved.erase(std::filesystem::path(uri_to_path(d.doc->uri())).lexically_normal().string());
    d.dependencies.clear();
    std::string path = uri_to_path(d.doc->uri());
    FileSettings settings = options_.settings_for && !path.empty() ? options_.settings_for(path) : FileSettings{};
    diagnostics = diagnose(*d.doc, &unsaved, &d.dependencies, settings);
  } catch (const std::exception& e) {  // the compiler reports, never throws; if it did, say so
    diagnostics = json::array({{{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
                                {"severity", 1},
                                {"source", "flowc"},
                                {"message", std::string("flowc lsp: internal error: ") + e.what()}}});
  }
  notify("textDocument/publishDiagnostics",
         {{"uri", d.doc->uri()}, {"version", d.doc->version()}, {"diagnostics", std::move(diagnostics)}});
}

void Server::publish_due() {
  auto now = Clock::now();
  for (auto& [uri, d] : docs_)
    if (d.due && *d.due <= now) publish(d);
}

}  // namespace

int serve(std::istream& in, std::ostream& out, ServerOptions options) {
  // std::cin is tied to std::cout: every read would flush the output, from
  // the reader thread, racing the main thread's writes (frames came out twice).
  in.tie(nullptr);
  auto inbox = std::make_shared<Inbox>();
  std::thread reader([inbox, &in] {
    while (true) {
      Frame f = read_frame(in);
      bool end = f.kind == Frame::Kind::End;
      std::unique_lock lock(inbox->mutex);
      inbox->space.wait(lock, [&] { return inbox->frames.size() < Inbox::kMaxQueued; });
      inbox->frames.push_back(std::move(f));
      inbox->ready.notify_one();
      if (end) return;
    }
  });
  reader.detach();  // may stay blocked on `in` after `exit` (see server.h)

  Server server(out, options);
  // Diagnostics wait for a pause in the messages, but no longer than this
  // past their time, so that a client that never pauses still gets them.
  constexpr auto kMaxDelay = std::chrono::seconds(2);
  while (true) {
    std::optional<Frame> frame;
    {
      std::unique_lock lock(inbox->mutex);
      auto due = server.next_due();
      auto have = [&] { return !inbox->frames.empty(); };
      if (due) inbox->ready.wait_until(lock, *due, have);
      else inbox->ready.wait(lock, have);
      bool overdue = due && Clock::now() > *due + kMaxDelay;
      if (!inbox->frames.empty() && !overdue) {
        frame = std::move(inbox->frames.front());
        inbox->frames.pop_front();
        inbox->space.notify_one();
      }
    }
    if (!frame) {
      server.publish_due();
      continue;
    }
    if (frame->kind == Frame::Kind::End) return 1;  // the client went away without `exit`
    if (!server.handle(*frame)) return server.exit_code();
  }
}

}  // namespace flowc::lsp
