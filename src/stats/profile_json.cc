// Profiles as JSON: written with JsonWriter, read back through the document loader so that
// a malformed profile gets the same located messages as a malformed descriptor.
#include <cmath>

#include "stats/profile.h"
#include "stats/time.h"
#include "util/json_writer.h"

namespace seam::stats {
namespace {

constexpr std::string_view kFormatName = "seam-profile";

void write_number(JsonWriter& w, double d) { std::isfinite(d) ? w.value(d) : w.null(); }

void write_numeric(JsonWriter& w, const ColumnProfile& c) {
  w.key("numeric").begin_object();
  w.key("min"); write_number(w, c.moments.n ? c.moments.min : NAN);
  w.key("max"); write_number(w, c.moments.n ? c.moments.max : NAN);
  w.key("mean"); write_number(w, c.moments.n ? c.moments.mean : NAN);
  w.key("stddev"); write_number(w, c.moments.stddev(1));
  w.key("moments").begin_object().key("n").value(static_cast<int64_t>(c.moments.n));
  w.key("mean").value(c.moments.mean).key("m2").value(c.moments.m2).end_object();
  w.key("quantiles").begin_object();
  for (double q : {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99}) {
    char key[16];
    std::snprintf(key, sizeof key, "%g", q);
    w.key(key);
    write_number(w, c.quantiles.quantile(q));
  }
  w.end_object();
  w.key("rank_error").value(c.quantiles.exact() ? 0.0 : c.quantiles.normalized_rank_error());
  // A histogram for people; the sketch below is what merging and drift use.
  w.key("histogram").begin_object();
  const int bins = 20;
  const double lo = c.quantiles.min(), hi = c.quantiles.max();
  w.key("edges").begin_array();
  for (int i = 0; c.moments.n && i <= bins; ++i) w.value(lo + (hi - lo) * i / bins);
  w.end_array().key("counts").begin_array();
  double prev = 0;
  for (int i = 1; c.moments.n && i <= bins; ++i) {
    const double cdf = i == bins ? 1.0 : c.quantiles.cdf(lo + (hi - lo) * i / bins);
    w.value(std::round((cdf - prev) * static_cast<double>(c.moments.n)));
    prev = cdf;
  }
  w.end_array().end_object();
  w.key("kll").begin_object().key("k").value(c.quantiles.k()).key("n").value(static_cast<int64_t>(c.quantiles.count()));
  // What the error bound of drift tests rests on; without it a reader derives a looser one.
  w.key("compaction_weight");
  write_number(w, c.quantiles.compaction_weight());
  w.key("levels").begin_array();
  for (const auto& level : c.quantiles.levels()) {
    w.begin_array();
    for (double v : level) w.value(v);
    w.end_array();
  }
  w.end_array().end_object().end_object();
}

// Seconds since the epoch are in "numeric"; this says how they were written, their range as
// text, and whether they came in order.
void write_time(JsonWriter& w, const ColumnProfile& c) {
  const TimeSummary& t = c.time;
  const bool dates = t.dates_only();
  w.key("timestamp").begin_object();
  w.key("min").value(c.moments.n ? format_timestamp(c.moments.min, dates) : "");
  w.key("max").value(c.moments.n ? format_timestamp(c.moments.max, dates) : "");
  w.key("sorted").value(t.sorted);
  w.key("first"); write_number(w, t.first);
  w.key("last"); write_number(w, t.last);
  w.key("dates").value(static_cast<int64_t>(t.dates)).key("local").value(static_cast<int64_t>(t.local));
  w.key("zoned").value(static_cast<int64_t>(t.zoned)).key("epoch").value(static_cast<int64_t>(t.epoch));
  if (t.unit != EpochUnit::None) w.key("unit").value(epoch_unit_name(t.unit));
  w.end_object();
}

void write_values(JsonWriter& w, const ColumnProfile& c) {
  w.key("values").begin_object();
  w.key("exact").value(c.values.exact()).key("total").value(static_cast<int64_t>(c.values.total()));
  w.key("max_error").value(static_cast<int64_t>(c.values.max_error()));
  w.key("counts").begin_array();
  for (const auto& [value, count] : c.values.items()) w.begin_array().value(value).value(static_cast<int64_t>(count)).end_array();
  w.end_array().end_object();
}

void write_column(JsonWriter& w, const ColumnProfile& c) {
  w.begin_object();
  w.key("name").value(c.name).key("type").value(type_name(c.type));
  w.key("count").value(static_cast<int64_t>(c.count)).key("missing").value(static_cast<int64_t>(c.missing));
  w.key("non_finite").value(static_cast<int64_t>(c.non_finite)).key("invalid").value(static_cast<int64_t>(c.invalid));
  w.key("first_invalid_line").value(static_cast<int64_t>(c.first_invalid_line));
  w.key("non_integral").value(static_cast<int64_t>(c.non_integral));
  w.key("distinct").begin_object().key("estimate").value(std::round(c.distinct.estimate()));
  w.key("relative_error").value(c.distinct.relative_error());
  w.key("hll").begin_object().key("precision").value(c.distinct.precision());
  if (const std::string sparse = c.distinct.encode_sparse(); !sparse.empty()) w.key("sparse").value(sparse);
  else w.key("registers").value(c.distinct.encode());
  w.end_object().end_object();
  if (has_numbers(c.type)) write_numeric(w, c);
  if (c.type == ColumnType::Timestamp) write_time(w, c);
  if (!has_numbers(c.type) || c.values.total() > 0) write_values(w, c);  // a numeric label's classes
  w.end_object();
}

}  // namespace

std::string to_json(const Profile& p) {
  JsonWriter w(1);
  w.begin_object();
  w.key("format").value(kFormatName).key("format_version").value(kProfileFormatVersion);
  w.key("seam_version").value(p.seam_version);
  w.key("sources").begin_array();
  for (const auto& s : p.sources) w.value(s);
  w.end_array();
  w.key("rows").value(static_cast<int64_t>(p.rows)).key("bad_rows").value(static_cast<int64_t>(p.bad_rows));
  w.key("bad_row_samples").begin_array();
  for (const auto& b : p.bad_row_samples)
    w.begin_object().key("file").value(b.file).key("line").value(static_cast<int64_t>(b.line)).key("message").value(b.message).end_object();
  w.end_array();
  w.key("label");
  p.label.empty() ? w.null() : w.value(p.label);
  w.key("columns").begin_array();
  for (const auto& c : p.columns) write_column(w, c);
  w.end_array().end_object();
  return w.str() + "\n";
}

bool looks_like_profile(std::string_view text) {
  const size_t at = text.find("\"format\"");
  return at < 200 && text.find(kFormatName) != std::string_view::npos;
}

}  // namespace seam::stats
