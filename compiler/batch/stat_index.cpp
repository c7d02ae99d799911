#include "batch/stat_index.h"

#include <algorithm>
#include <cstring>

#include "batch/atomic_file.h"
#include "batch/content_hash.h"
#include "driver/compile.h"

namespace flowc {

namespace fs = std::filesystem;

namespace {

// Bumped when the layout below changes (an index of another layout is ignored).
constexpr std::string_view kMagic = "flowc-stat-index 1\n";
constexpr size_t kChecksum = 32;  // content_hash() hex digits at the end

// Fixed-width little-endian numbers and length-prefixed strings: a warm run
// reads a record per input, so decoding must cost next to nothing.
class Writer {
 public:
  void u64(uint64_t v) {
    char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<char>(v >> (8 * i));
    out.append(b, 8);
  }
  void str(std::string_view s) {
    u64(s.size());
    out += s;
  }
  void stamp(const FileStamp& s) {
    u64((s.present ? 1u : 0u) | (s.racy ? 2u : 0u));
    u64(s.dev);
    u64(s.ino);
    u64(s.size);
    u64(static_cast<uint64_t>(s.mtime_ns));
    u64(static_cast<uint64_t>(s.ctime_ns));
  }
  std::string out{kMagic};
};

// Reads what Writer wrote; anything out of bounds sets `bad`, after which
// reads return zero values.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  uint64_t u64() {
    if (bad || in_.size() - pos_ < 8) return fail(), 0;
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(in_[pos_ + static_cast<size_t>(i)]);
    pos_ += 8;
    return v;
  }
  std::string_view str() {
    uint64_t n = u64();
    if (bad || n > in_.size() - pos_) return fail(), std::string_view();
    std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  FileStamp stamp() {
    FileStamp s;
    uint64_t flags = u64();
    if (flags > 3) fail();
    s.present = flags & 1;
    s.racy = flags & 2;
    s.dev = u64();
    s.ino = u64();
    s.size = u64();
    s.mtime_ns = static_cast<int64_t>(u64());
    s.ctime_ns = static_cast<int64_t>(u64());
    return s;
  }
  // A count of items that each take at least `min_bytes`: one larger than
  // what is left is corrupt (and must not size a vector).
  uint64_t count(size_t min_bytes) {
    uint64_t n = u64();
    if (n > (in_.size() - pos_) / min_bytes) fail();
    return bad ? 0 : n;
  }
  bool at_end() const { return !bad && pos_ == in_.size(); }
  bool bad = false;

 private:
  void fail() { bad = true; }
  std::string_view in_;
  size_t pos_ = 0;
};

void put_record(Writer& w, const std::string& key, const StatRecord& r) {
  w.str(key);
  w.str(r.input_path);
  w.stamp(r.input);
  w.str(r.input_hash);
  w.u64(r.dependencies.size());
  for (auto& d : r.dependencies) {
    w.str(d.path);
    w.stamp(d.stamp);
  }
  w.u64(r.has_output ? 1 : 0);
  w.str(r.output_path);
  w.stamp(r.output);
  w.str(r.output_hash);
  w.u64(static_cast<uint64_t>(r.written_ns));
}

StatRecord get_record(Reader& rd, std::string& key) {
  StatRecord r;
  key = rd.str();
  r.input_path = rd.str();
  r.input = rd.stamp();
  r.input_hash = rd.str();
  for (uint64_t n = rd.count(8 + 48); n > 0 && !rd.bad; --n) {
    StatRecord::Dependency d;
    d.path = rd.str();
    d.stamp = rd.stamp();
    r.dependencies.push_back(std::move(d));
  }
  r.has_output = rd.u64() == 1;
  r.output_path = rd.str();
  r.output = rd.stamp();
  r.output_hash = rd.str();
  r.written_ns = static_cast<int64_t>(rd.u64());
  return r;
}

// The record, if the file it stamps is still as stamped.
bool still(const std::string& path, const FileStamp& recorded, int64_t run_start_ns) {
  return recorded.matches(stamp_file(path, run_start_ns));
}

}  // namespace

StatIndex::StatIndex(const fs::path& cache_dir, int64_t run_start_ns)
    : dir_(cache_dir), file_(cache_dir / (std::string("stat-index-") + version())), run_start_ns_(run_start_ns) {}

std::string StatIndex::key(std::string_view absolute_input, std::string_view options_key, std::string_view how,
                           std::string_view output_path) {
  ContentHash h;
  h.add_field(absolute_input);
  h.add_field(options_key);
  h.add_field(how);
  h.add_field(output_path);
  return h.hex();
}

std::string StatIndex::encode(const std::unordered_map<std::string, StatRecord>& records) {
  // Sorted by key: the same records make the same bytes.
  std::vector<const std::pair<const std::string, StatRecord>*> sorted;
  sorted.reserve(records.size());
  for (auto& kv : records) sorted.push_back(&kv);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
  Writer w;
  w.u64(sorted.size());
  for (auto* kv : sorted) put_record(w, kv->first, kv->second);
  w.out += content_hash(w.out);  // the checksum of everything before it
  return std::move(w.out);
}

std::optional<std::unordered_map<std::string, StatRecord>> StatIndex::decode(std::string_view bytes) {
  if (bytes.size() < kMagic.size() + kChecksum || !bytes.starts_with(kMagic)) return std::nullopt;
  std::string_view body = bytes.substr(0, bytes.size() - kChecksum);
  if (content_hash(body) != bytes.substr(body.size())) return std::nullopt;
  Reader rd(body.substr(kMagic.size()));
  std::unordered_map<std::string, StatRecord> records;
  uint64_t n = rd.count(64);
  records.reserve(n);
  for (; n > 0 && !rd.bad; --n) {
    std::string key;
    StatRecord r = get_record(rd, key);
    records[std::move(key)] = std::move(r);
  }
  if (!rd.at_end()) return std::nullopt;
  return records;
}

void StatIndex::load() {
  records_.clear();
  if (auto bytes = read_whole_file(file_))
    if (auto records = decode(*bytes)) records_ = std::move(*records);
}

const StatRecord* StatIndex::up_to_date(const std::string& key, const FileStamp* input_now) const {
  auto it = records_.find(key);
  if (it == records_.end()) return nullptr;
  const StatRecord& r = it->second;
  if (input_now ? !r.input.matches(*input_now) : !still(r.input_path, r.input, run_start_ns_)) return nullptr;
  for (auto& d : r.dependencies)
    if (!still(d.path, d.stamp, run_start_ns_)) return nullptr;
  if (r.has_output && !still(r.output_path, r.output, run_start_ns_)) return nullptr;
  return &r;
}

void StatIndex::put(const std::string& key, StatRecord record) {
  record.written_ns = run_start_ns_;
  changes_[key] = record;
  records_[key] = std::move(record);
}

void StatIndex::erase(const std::string& key) {
  // Only worth a write if there was something to remove.
  if (records_.erase(key) || changes_.count(key)) changes_[key] = std::nullopt;
}

bool StatIndex::save(std::string& error) {
  if (changes_.empty()) return true;  // a warm run that found everything up to date writes nothing
  // What another run wrote since load() is kept; this run's changes win.
  std::unordered_map<std::string, StatRecord> merged;
  if (auto bytes = read_whole_file(file_))
    if (auto records = decode(*bytes)) merged = std::move(*records);
  for (auto& [key, change] : changes_) {
    if (change)
      merged[key] = *change;
    else
      merged.erase(key);
  }
  if (merged.size() > kMaxRecords) {  // drop the least recently written
    std::vector<std::pair<int64_t, std::string>> by_age;
    for (auto& [key, r] : merged) by_age.emplace_back(r.written_ns, key);
    std::sort(by_age.begin(), by_age.end());
    size_t excess = merged.size() - kMaxRecords;
    for (size_t i = 0; i < excess; ++i) merged.erase(by_age[i].second);
  }
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) {
    error = "cannot create " + dir_.string() + ": " + ec.message();
    return false;
  }
  if (!write_file_atomic(file_, encode(merged), error)) return false;
  records_ = std::move(merged);
  changes_.clear();
  return true;
}

}  // namespace flowc
