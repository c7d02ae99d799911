#include "batch/cache_entry.h"

#include <charconv>

#include "batch/content_hash.h"

namespace flowc {

namespace {

// 2: the output is stored once (document texts; the whole output only when
// it is not their join), documents parsed only when asked for.
constexpr std::string_view kMagic = "flowc-cache-entry 2\n";

// What compile() makes of its documents' texts (driver/compile.cpp): YAML
// documents joined by "---". Several JSON documents are one array rendered
// anew, so that output is stored as it is.
std::string joined(const std::vector<std::string>& texts) {
  std::string out;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i) out += "---\n";
    out += texts[i];
  }
  return out;
}

// Fields are written as "<decimal length>:<bytes>"; numbers as their decimal text.
class Writer {
 public:
  void str(std::string_view s) {
    out += std::to_string(s.size());
    out += ':';
    out += s;
  }
  void num(uint64_t n) { str(std::to_string(n)); }
  std::string out{kMagic};
};

// Reads what Writer wrote; any malformed or out-of-bounds field sets `bad`,
// after which every read returns empty.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::string_view str() {
    if (bad) return {};
    size_t colon = in_.find(':', pos_);
    uint64_t len = 0;
    if (colon == std::string_view::npos || colon == pos_ || colon - pos_ > 12) return fail();
    auto [end, ec] = std::from_chars(in_.data() + pos_, in_.data() + colon, len);
    if (ec != std::errc() || end != in_.data() + colon || len > in_.size() - colon - 1) return fail();
    std::string_view s = in_.substr(colon + 1, len);
    pos_ = colon + 1 + len;
    return s;
  }
  uint64_t num() {
    std::string_view s = str();
    uint64_t n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) fail();
    return bad ? 0 : n;
  }
  // A count of items that follow: each takes at least 2 bytes, so a count
  // larger than what is left is corrupt (and must not size a vector).
  uint64_t count() {
    uint64_t n = num();
    if (n > (in_.size() - pos_) / 2) fail();
    return bad ? 0 : n;
  }
  bool at_end() const { return !bad && pos_ == in_.size(); }
  bool bad = false;

 private:
  std::string_view fail() {
    bad = true;
    return {};
  }
  std::string_view in_;
  size_t pos_ = 0;
};

void put_span(Writer& w, Span s) {
  w.num(s.begin);
  w.num(s.end);
}

Span get_span(Reader& r) {
  Span s;
  s.begin = static_cast<uint32_t>(r.num());
  s.end = static_cast<uint32_t>(r.num());
  return s;
}

}  // namespace

std::optional<std::string> encode_entry(const CacheEntry& entry) {
  const CompileResult& res = entry.result;
  Writer w;
  w.str(entry.key);
  w.num(entry.dependencies.size());
  for (const auto& d : entry.dependencies) {
    w.str(d.path);
    w.num(static_cast<uint64_t>(d.state));
    w.num(d.size);
    w.str(d.hash);
  }
  w.num(res.ok ? 1 : 0);
  w.num(res.document_texts.size());
  for (const auto& t : res.document_texts) w.str(t);
  bool output_is_join = res.output == joined(res.document_texts);
  w.num(output_is_join ? 1 : 0);
  if (!output_is_join) w.str(res.output);
  w.num(res.workflow_classes.size());
  for (const auto& c : res.workflow_classes) w.str(c);
  w.num(res.class_spans.size());
  for (const Span& sp : res.class_spans) {
    w.num(sp.begin);
    w.num(sp.end);
  }
  w.num(res.documents.size());
  try {
    for (const auto& d : res.documents) w.str(d.dump());
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // text that is not UTF-8 cannot be dumped: not stored
  }
  w.num(res.import_probes.size());
  for (const auto& p : res.import_probes) w.str(p);
  w.num(res.imported_files.size());
  for (const auto& f : res.imported_files) {
    w.str(f->name());
    w.str(f->text());
  }
  w.num(res.diagnostics.size());
  for (const auto& d : res.diagnostics) {
    // 0: the compiled file; k: imported_files[k-1].
    uint64_t file = 0;
    if (d.file && d.file != res.file.get()) {
      for (size_t k = 0; k < res.imported_files.size() && !file; ++k)
        if (res.imported_files[k].get() == d.file) file = k + 1;
      if (!file) return std::nullopt;
    }
    w.num(static_cast<uint64_t>(d.severity));
    w.str(d.code);
    w.str(d.message);
    put_span(w, d.span);
    w.num(file);
    w.num(d.notes.size());
    for (const auto& n : d.notes) {
      w.str(n.message);
      w.num(n.span ? 1 : 0);
      if (n.span) put_span(w, *n.span);
    }
    w.num(d.fixes.size());
    for (const auto& f : d.fixes) {
      w.str(f.message);
      put_span(w, f.span);
      w.str(f.replacement);
    }
  }
  w.out += '\n';
  w.out += content_hash(w.out);  // the checksum of everything before it
  return std::move(w.out);
}

std::optional<CacheEntry> decode_entry(std::string_view bytes, bool with_documents) {
  constexpr size_t kSum = 32;
  if (bytes.size() < kMagic.size() + kSum + 1 || !bytes.starts_with(kMagic)) return std::nullopt;
  std::string_view body = bytes.substr(0, bytes.size() - kSum);
  if (content_hash(body) != bytes.substr(body.size())) return std::nullopt;
  Reader r(body.substr(kMagic.size(), body.size() - kMagic.size() - 1));
  CacheEntry e;
  CompileResult& res = e.result;
  e.key = r.str();
  for (uint64_t n = r.count(); n > 0 && !r.bad; --n) {
    CacheDependency d;
    d.path = r.str();
    uint64_t state = r.num();
    if (state > 2) return std::nullopt;
    d.state = static_cast<CacheDependency::State>(state);
    d.size = r.num();
    d.hash = r.str();
    e.dependencies.push_back(std::move(d));
  }
  res.ok = r.num() == 1;
  for (uint64_t n = r.count(); n > 0 && !r.bad; --n) res.document_texts.emplace_back(r.str());
  if (r.num() == 1)
    res.output = joined(res.document_texts);
  else
    res.output = r.str();
  for (uint64_t n = r.count(); n > 0 && !r.bad; --n) res.workflow_classes.emplace_back(r.str());
  for (uint64_t n = r.count(); n > 0 && !r.bad; --n) {
    uint64_t begin = r.num(), end = r.num();
    res.class_spans.push_back(Span{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
  }
  for (uint64_t n = r.count(); n > 0 && !r.bad; --n) {
    std::string_view dump = r.str();
    if (!with_documents) continue;  // parsing JSON is most of a hit's cost; most callers need only text
    auto doc = nlohmann::ordered_json::parse(dump, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return std::nullopt;
    res.documents.push_back(std::move(doc));
  }
  for (uint64_t n = r.count(); n > 0 && !r.bad; --n) res.import_probes.emplace_back(r.str());
  for (uint64_t n = r.count(); n > 0 && !r.bad; --n) {
    std::string name(r.str());
    std::string text(r.str());
    res.imported_files.push_back(std::make_shared<SourceFile>(std::move(name), std::move(text)));
  }
  for (uint64_t n = r.count(); n > 0 && !r.bad; --n) {
    Diagnostic d;
    uint64_t severity = r.num();
    if (severity > 2) return std::nullopt;
    d.severity = static_cast<Severity>(severity);
    d.code = r.str();
    d.message = r.str();
    d.span = get_span(r);
    uint64_t file = r.num();
    if (file > res.imported_files.size()) return std::nullopt;
    if (file) d.file = res.imported_files[file - 1].get();
    for (uint64_t k = r.count(); k > 0 && !r.bad; --k) {
      Note note;
      note.message = r.str();
      if (r.num() == 1) note.span = get_span(r);
      d.notes.push_back(std::move(note));
    }
    for (uint64_t k = r.count(); k > 0 && !r.bad; --k) {
      Fix fix;
      fix.message = r.str();
      fix.span = get_span(r);
      fix.replacement = r.str();
      d.fixes.push_back(std::move(fix));
    }
    res.diagnostics.push_back(std::move(d));
  }
  if (!r.at_end()) return std::nullopt;
  return e;
}

}  // namespace flowc
