// Reading profiles back. Every field is checked, and a fault names its JSON pointer, line
// and column: a profile may have been edited, truncated or written by a newer seam.
#include <cmath>

#include "doc/parse.h"
#include "doc/source.h"
#include "stats/profile.h"

namespace seam::stats {
namespace {

constexpr uint64_t kMaxProfileBytes = 256ull << 20;

// Reads typed fields from a JSON object, remembering the first fault.
class Fields {
 public:
  Fields(const doc::Source& src, const doc::Node& obj, std::string pointer) : src_(src), obj_(obj), pointer_(std::move(pointer)) {}

  const doc::Node* get(std::string_view key, doc::Kind kind, bool required = true) {
    const doc::Node* n = obj_.kind == doc::Kind::Object ? obj_.find(key) : nullptr;
    if (!n || n->kind == doc::Kind::Null) {
      if (required) fail(obj_, "missing field '" + std::string(key) + "'", key);
      return nullptr;
    }
    const bool ok = n->kind == kind || (kind == doc::Kind::Float && n->kind == doc::Kind::Int);
    if (!ok) fail(*n, "expected " + std::string(doc::kind_name(kind)) + "; found " + n->describe(), key);
    return ok ? n : nullptr;
  }
  uint64_t u64(std::string_view key) {
    const doc::Node* n = get(key, doc::Kind::Int);
    if (n && n->integer < 0) fail(*n, "expected a count (0 or more)", key);
    return n && n->integer >= 0 ? static_cast<uint64_t>(n->integer) : 0;
  }
  double number(std::string_view key, double fallback = NAN) {
    const doc::Node* n = get(key, doc::Kind::Float, false);
    return n ? n->number : fallback;
  }
  std::string text(std::string_view key) {
    const doc::Node* n = get(key, doc::Kind::String);
    return n ? n->text : std::string();
  }
  void fail(const doc::Node& at, std::string msg, std::string_view key = {}) {
    if (!error_) error_ = src_.error_at(at.offset, std::move(msg), key.empty() ? pointer_ : pointer_ + "/" + std::string(key));
  }
  // The object under `key` of this one, with its pointer.
  Fields child(const doc::Node& n, std::string_view key) { return Fields(src_, n, pointer_ + "/" + std::string(key)); }
  std::optional<Error>& error() { return error_; }

 private:
  const doc::Source& src_;
  const doc::Node& obj_;
  std::string pointer_;
  std::optional<Error> error_;
};

void read_numeric(Fields& f, ColumnProfile& c) {
  const doc::Node* num = f.get("numeric", doc::Kind::Object);
  if (!num) return;
  Fields nf(f.child(*num, "numeric"));
  if (const doc::Node* m = nf.get("moments", doc::Kind::Object)) {
    Fields mf = nf.child(*m, "moments");
    c.moments.n = mf.u64("n");
    c.moments.mean = mf.number("mean", 0);
    c.moments.m2 = mf.number("m2", 0);
    if (mf.error()) nf.error() = mf.error();
  }
  c.moments.min = nf.number("min", INFINITY);
  c.moments.max = nf.number("max", -INFINITY);
  const doc::Node* kll = nf.get("kll", doc::Kind::Object);
  if (kll && !nf.error()) {
    Fields kf = nf.child(*kll, "kll");
    const uint64_t k = kf.u64("k"), n = kf.u64("n");
    const double weight = kf.number("compaction_weight");  // absent in profiles of seam before 0.x: NaN
    std::vector<std::vector<double>> levels;
    if (const doc::Node* lv = kf.get("levels", doc::Kind::Array))
      for (const auto& level : lv->items) {
        levels.emplace_back();
        for (const auto& v : level.items) {
          if (!v.is_number()) kf.fail(v, "expected a number; found " + v.describe(), "levels");
          levels.back().push_back(v.number);
        }
      }
    // Both count the column's finite values; a profile where they differ cannot be written back.
    if (!kf.error() && n != c.moments.n)
      kf.fail(*kll->find("n"), "the quantile sketch holds " + std::to_string(n) + " values but the moments count " +
                                   std::to_string(c.moments.n) + "; both must count the finite values",
              "n");
    if (!kf.error()) {
      auto sketch = KllSketch::from_levels(static_cast<int>(k), n, c.moments.min, c.moments.max, std::move(levels), weight);
      if (sketch.ok()) c.quantiles = std::move(sketch).value();
      else kf.fail(*kll, sketch.error().message);
    }
    if (kf.error()) nf.error() = kf.error();
  }
  if (nf.error() && !f.error()) f.error() = nf.error();
}

void read_time(Fields& f, ColumnProfile& c) {
  const doc::Node* t = f.get("timestamp", doc::Kind::Object);
  if (!t) return;
  Fields tf = f.child(*t, "timestamp");
  TimeSummary& ts = c.time;
  ts.dates = tf.u64("dates");
  ts.local = tf.u64("local");
  ts.zoned = tf.u64("zoned");
  if (tf.get("epoch", doc::Kind::Int, false)) ts.epoch = tf.u64("epoch");  // absent in older profiles: none
  if (const doc::Node* unit = tf.get("unit", doc::Kind::String, false)) {
    const auto u = epoch_unit_from_name(unit->text);
    if (!u) tf.fail(*unit, "expected \"s\" or \"ms\"; found \"" + unit->text + "\"", "unit");
    else ts.unit = *u;
  }
  ts.first = tf.number("first");
  ts.last = tf.number("last");
  if (const doc::Node* sorted = tf.get("sorted", doc::Kind::Bool)) ts.sorted = sorted->boolean;
  const uint64_t forms = ts.dates + ts.local + ts.zoned + ts.epoch;
  if (!tf.error() && forms != c.moments.n)
    tf.fail(*t, "the timestamp forms count " + std::to_string(forms) + " values but the moments " +
                    std::to_string(c.moments.n));
  if (!tf.error() && std::isnan(ts.first) != (c.moments.n == 0))
    tf.fail(*t, "first and last are set exactly when the column has instants", "first");
  if (tf.error() && !f.error()) f.error() = tf.error();
}

void read_values(Fields& f, ColumnProfile& c, bool required = true) {
  const doc::Node* vals = f.get("values", doc::Kind::Object, required);
  if (!vals) return;
  Fields vf = f.child(*vals, "values");
  const doc::Node* exact = vf.get("exact", doc::Kind::Bool);
  const uint64_t total = vf.u64("total"), error = vf.u64("max_error");
  std::vector<std::pair<std::string, uint64_t>> items;
  if (const doc::Node* counts = vf.get("counts", doc::Kind::Array))
    for (const auto& pair : counts->items) {
      if (pair.kind != doc::Kind::Array || pair.items.size() != 2 || pair.items[0].kind != doc::Kind::String ||
          pair.items[1].kind != doc::Kind::Int || pair.items[1].integer < 0) {
        vf.fail(pair, "expected [value, count]; found " + pair.describe(), "counts");
        break;
      }
      items.emplace_back(pair.items[0].text, static_cast<uint64_t>(pair.items[1].integer));
    }
  c.values = FrequentItems::restore(1000, 1000, exact && exact->boolean, total, error, std::move(items));
  if (vf.error() && !f.error()) f.error() = vf.error();
}

Result<ColumnProfile> read_column(const doc::Source& src, const doc::Node& n, const std::string& pointer) {
  Fields f(src, n, pointer);
  ColumnProfile c;
  c.name = f.text("name");
  const std::string type = f.text("type");
  if (auto t = type_from_name(type)) c.type = *t;
  else if (!f.error()) f.fail(n, "unknown column type '" + type + "'", "type");
  c.count = f.u64("count");
  c.missing = f.u64("missing");
  c.non_finite = f.u64("non_finite");
  c.invalid = f.u64("invalid");
  c.first_invalid_line = f.u64("first_invalid_line");
  c.non_integral = f.u64("non_integral");
  if (const doc::Node* d = f.get("distinct", doc::Kind::Object)) {
    Fields df = f.child(*d, "distinct");
    if (const doc::Node* h = df.get("hll", doc::Kind::Object)) {
      Fields hf = df.child(*h, "hll");
      const uint64_t precision = hf.u64("precision");
      const bool sparse = h->find("sparse") != nullptr;  // the short form; else "registers"
      const char* field = sparse ? "sparse" : "registers";
      const std::string text = hf.text(field);
      auto hll = sparse ? HyperLogLog::decode_sparse(static_cast<int>(precision), text)
                        : HyperLogLog::decode(static_cast<int>(precision), text);
      if (hll.ok()) c.distinct = std::move(hll).value();
      else hf.fail(*h, hll.error().message, field);
      if (hf.error()) df.error() = hf.error();
    }
    if (df.error() && !f.error()) f.error() = df.error();
  }
  if (has_numbers(c.type)) read_numeric(f, c);
  if (c.type == ColumnType::Timestamp) read_time(f, c);
  read_values(f, c, !has_numbers(c.type));  // optional for numbers: a numeric label's classes
  if (f.error()) return *f.error();
  return c;
}

}  // namespace

Result<Profile> profile_from_json(const std::string& path, std::string text) {
  auto src = doc::make_source(path, std::move(text));
  if (!src.ok()) return std::move(src).take_error();
  auto root = doc::parse_json(src.value());
  if (!root.ok()) return std::move(root).take_error();
  const doc::Source& s = src.value();
  const doc::Node& r = root.value();
  Fields f(s, r, "");
  if (f.text("format") != "seam-profile" && !f.error()) f.fail(r, "not a seam profile: 'format' is not \"seam-profile\"", "format");
  const uint64_t version = f.u64("format_version");
  if (!f.error() && version > static_cast<uint64_t>(kProfileFormatVersion))
    f.fail(*r.find("format_version"), "profile format version " + std::to_string(version) +
                                          " is newer than this seam reads (" + std::to_string(kProfileFormatVersion) + "); upgrade seam",
           "format_version");
  Profile p;
  p.seam_version = f.text("seam_version");
  p.rows = f.u64("rows");
  p.bad_rows = f.u64("bad_rows");
  if (const doc::Node* l = f.get("label", doc::Kind::String, false)) p.label = l->text;
  if (const doc::Node* srcs = f.get("sources", doc::Kind::Array))
    for (const auto& x : srcs->items) p.sources.push_back(x.kind == doc::Kind::String ? x.text : x.describe());
  if (f.error()) return *f.error();
  const doc::Node* cols = f.get("columns", doc::Kind::Array);
  if (!cols) return *f.error();
  for (size_t i = 0; i < cols->items.size(); ++i) {
    auto c = read_column(s, cols->items[i], "/columns/" + std::to_string(i));
    if (!c.ok()) return std::move(c).take_error();
    p.columns.push_back(std::move(c).value());
  }
  return p;
}

Result<Profile> read_profile(const std::string& path) {
  auto src = doc::read_source(path, disk(), kMaxProfileBytes);
  if (!src.ok()) return std::move(src).take_error();
  return profile_from_json(path, src.value().text());
}

}  // namespace seam::stats
