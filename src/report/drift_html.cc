#include "report/drift_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "report/drift_common.h"
#include "report/html_page.h"
#include "util/escape.h"
#include "util/text.h"

namespace seam::report {
namespace {

// The drift page's own rules; report/html_page.cc holds the rest.
constexpr std::string_view kStyle = R"(table { border-collapse: collapse; margin: .5em 0; }
td, th { border: 1px solid #d0d7de; padding: .25em .6em; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.column { border: 1px solid #d0d7de; border-radius: 6px; padding: .6em 1em; margin: 1em 0; }
.column.drift { border-left: 6px solid #cf222e; }
.column.inconclusive { border-left: 6px solid #9a6700; }
.badge.drift { background: #cf222e; } .badge.ok { background: #1a7f37; } .badge.inconclusive { background: #9a6700; }
.badge.critical { background: #59636e; }
.why { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: .4em .8em; }
figure { margin: .5em 0; }
figure svg { max-width: 100%; height: auto; }
.nochart { color: #59636e; font-style: italic; }
)";

constexpr const char* kReferenceFill = "#0969da";  // blue, solid
constexpr const char* kCurrentFill = "#e16f24";    // orange, hatched and outlined
constexpr const char* kCurrentHatch = "#7c3a0c";
constexpr const char* kInk = "#1f2328";
constexpr const char* kMuted = "#59636e";
constexpr size_t kMaxCategories = 20;
constexpr size_t kMaxLabel = 18;  // characters of an axis label; the bar's tooltip has all

// The CSS class of a verdict: red, amber or green.
std::string_view verdict_class(stats::Verdict v) {
  return v == stats::Verdict::Drift ? "drift" : v == stats::Verdict::Inconclusive ? "inconclusive" : "ok";
}

std::string badge(stats::Verdict v) {
  return "<span class=\"badge " + std::string(verdict_class(v)) + "\">" + std::string(detail::verdict_word(v)) + "</span>";
}

std::string critical_badge(const stats::ColumnDrift& c) {
  return c.critical.empty() ? "" : " <span class=\"badge critical\">critical</span>";
}

// The page's verdict: green only when no column drifted and none is inconclusive.
std::string headline_badge(const stats::DriftReport& r) {
  const stats::Verdict v = r.drifted ? stats::Verdict::Drift : r.inconclusive ? stats::Verdict::Inconclusive : stats::Verdict::NoDrift;
  const std::string word = r.drifted ? "drift" : r.inconclusive ? "inconclusive" : "no drift";
  return "<span class=\"badge " + std::string(verdict_class(v)) + "\">" + word + "</span>";
}

// An SVG coordinate.
std::string px(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g%%", fraction * 100);
  return buf;
}

// `s` cut to `n` characters (UTF-8 aware), with an ellipsis when cut.
std::string shorten(std::string_view s, size_t n) {
  if (text::utf8_length(s) <= n) return std::string(s);
  size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == n - 1) break;
  }
  return std::string(s.substr(0, i)) + "\xE2\x80\xA6";
}

struct Bar {
  std::string label;  // the whole label, for tooltips
  double reference = 0, current = 0;
};

double share(const std::vector<double>& v, size_t i) {
  return i < v.size() && std::isfinite(v[i]) && v[i] > 0 ? v[i] : 0;
}

// A bin edge for an axis label: four significant digits, without an exponent for the
// magnitudes data usually has ("10000", "0.125"), and "-inf"/"inf" for open ends.
std::string edge(double x) {
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  if (std::isnan(x)) return "?";
  const double mag = std::fabs(x);
  char buf[48];
  if (mag == 0 || (mag >= 1e-3 && mag < 1e7)) {
    const int decimals = mag == 0 ? 0 : std::max(0, 3 - static_cast<int>(std::floor(std::log10(mag))));
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
  }
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

// "[1.5, 3)", the last bin closed: "[3, 4.5]".
std::string bin_range(double lo, double hi, bool last) {
  const std::string a = edge(lo), b = edge(hi);
  if (a == b) return a;
  return (std::isinf(lo) ? "(" : "[") + a + ", " + b + (last && !std::isinf(hi) ? "]" : ")");
}

// The bars to draw and how many categories were left out.
std::vector<Bar> bars(const stats::Histogram& h, size_t& hidden) {
  hidden = 0;
  const size_t n = std::max(h.reference.size(), h.current.size());
  std::vector<Bar> out;
  if (h.labels.empty() && !h.edges.empty()) {
    for (size_t i = 0; i < n; ++i) {
      const std::string label = i + 1 < h.edges.size() ? bin_range(h.edges[i], h.edges[i + 1], i + 1 == n)
                                                       : "bin " + std::to_string(i + 1);
      out.push_back({label, share(h.reference, i), share(h.current, i)});
    }
    return out;
  }
  // Categories: the largest first (by both sides together), at most kMaxCategories.
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return share(h.reference, a) + share(h.current, a) > share(h.reference, b) + share(h.current, b);
  });
  if (order.size() > kMaxCategories) {
    hidden = order.size() - kMaxCategories;
    order.resize(kMaxCategories);
  }
  for (size_t i : order) {
    std::string label = i < h.labels.size() ? h.labels[i] : "category " + std::to_string(i + 1);
    if (label.empty()) label = "(empty)";
    out.push_back({std::move(label), share(h.reference, i), share(h.current, i)});
  }
  return out;
}

// A step of 1, 2, 2.5 or 5 times a power of ten that covers `top` in about four ticks.
double tick_step(double top) {
  const double raw = top / 4;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double f : {1.0, 2.0, 2.5, 5.0})
    if (f * p >= raw * (1 - 1e-9)) return f * p;
  return 10 * p;
}

std::string text_at(double x, double y, std::string_view anchor, const std::string& body,
                    const std::string& extra = "") {
  return "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\" text-anchor=\"" + std::string(anchor) + "\"" + extra + ">" +
         body + "</text>\n";
}

// Both distributions as grouped bars: reference solid blue, current hatched orange with an
// outline, so that the two also differ without colour. Every bar has a tooltip (<title>).
std::string chart(const stats::ColumnDrift& c, size_t index) {
  size_t hidden = 0;
  const std::vector<Bar> bs = bars(c.histogram, hidden);
  if (bs.empty()) return "<p class=\"nochart\">no distribution to draw</p>\n";
  const bool numeric = c.histogram.labels.empty() && !c.histogram.edges.empty();

  std::vector<std::string> labels;
  size_t longest = 0;
  for (const auto& b : bs) {
    labels.push_back(shorten(b.label, kMaxLabel));
    longest = std::max(longest, text::utf8_length(labels.back()));
  }
  const double width = 720, left = 56, right = 16, top = 40, plot_h = 180;
  const double plot_w = width - left - right;
  const double group = plot_w / static_cast<double>(bs.size());
  const double bar = std::min(group * 0.4, 36.0);
  const double char_w = 6.2;  // at font-size 11
  const bool rotate = static_cast<double>(longest) * char_w > group - 4;
  const double label_h = rotate ? static_cast<double>(longest) * char_w * 0.72 + 14 : 18;
  const double height = top + plot_h + label_h + 24;
  const double base = top + plot_h;

  double most = 0;
  for (const auto& b : bs) most = std::max({most, b.reference, b.current});
  const double step = most > 0 ? tick_step(most) : 0.25;
  const double ymax = most > 0 ? step * std::ceil(most / step - 1e-9) : 1;
  auto y = [&](double v) { return base - v / ymax * plot_h; };

  const std::string id = std::to_string(index);
  const std::string name = escape::xml(c.name);
  std::string out = "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + px(width) + "\" height=\"" +
                    px(height) + "\" viewBox=\"0 0 " + px(width) + " " + px(height) +
                    "\" role=\"img\" aria-labelledby=\"chart-" + id + "\" font-family=\"system-ui, sans-serif\" font-size=\"11\">\n";
  out += "<title id=\"chart-" + id + "\">Distribution of " + name +
         ": reference (solid bars) and current (hatched bars), share of rows per " +
         (numeric ? "bin" : "category") + "</title>\n";
  out += "<defs><pattern id=\"hatch-" + id +
         "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
         "<rect width=\"6\" height=\"6\" fill=\"" + std::string(kCurrentFill) + "\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"" +
         kCurrentHatch + "\" stroke-width=\"2.5\"/></pattern></defs>\n";
  const std::string current_fill = "fill=\"url(#hatch-" + id + ")\" stroke=\"" + kInk + "\" stroke-width=\"1\"";
  const std::string reference_fill = std::string("fill=\"") + kReferenceFill + "\"";

  // Legend.
  const std::string ref_legend = "reference (" + std::to_string(c.n_reference) + " rows)";
  out += "<g class=\"legend\">\n";
  out += "<rect x=\"" + px(left) + "\" y=\"12\" width=\"12\" height=\"12\" " + reference_fill + "/>\n";
  out += text_at(left + 18, 22, "start", ref_legend);
  const double second = left + 18 + std::max(180.0, static_cast<double>(ref_legend.size()) * char_w + 24);
  out += "<rect x=\"" + px(second) + "\" y=\"12\" width=\"12\" height=\"12\" " + current_fill + "/>\n";
  out += text_at(second + 18, 22, "start", "current (" + std::to_string(c.n_current) + " rows)");
  out += "</g>\n";

  // Grid and y axis: share of rows.
  out += "<g class=\"y-axis\" fill=\"" + std::string(kMuted) + "\">\n";
  const int ticks = static_cast<int>(std::lround(ymax / step));
  for (int t = 0; t <= ticks; ++t) {
    const double v = step * t;
    out += "<line x1=\"" + px(left) + "\" y1=\"" + px(y(v)) + "\" x2=\"" + px(width - right) + "\" y2=\"" + px(y(v)) +
           "\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\n";
    out += text_at(left - 6, y(v) + 4, "end", percent(v));
  }
  out += text_at(14, top + plot_h / 2, "middle", "share of rows",
                 " transform=\"rotate(-90 14 " + px(top + plot_h / 2) + ")\"");
  out += "</g>\n";

  // Bars.
  out += "<g class=\"bars\">\n";
  for (size_t i = 0; i < bs.size(); ++i) {
    const double mid = left + group * (static_cast<double>(i) + 0.5);
    const std::string label = escape::xml(bs[i].label);
    auto rect = [&](double x, double v, const std::string& fill, std::string_view side) {
      const double h = std::max(v / ymax * plot_h, v > 0 ? 0.5 : 0.0);
      return "<rect x=\"" + px(x) + "\" y=\"" + px(base - h) + "\" width=\"" + px(bar) + "\" height=\"" + px(h) + "\" " +
             fill + "><title>" + std::string(side) + ", " + label + ": " + percent(v) + "</title></rect>\n";
    };
    out += rect(mid - bar - 1, bs[i].reference, reference_fill, "reference");
    out += rect(mid + 1, bs[i].current, current_fill, "current");
  }
  out += "</g>\n";

  // X axis: the bin range or category under each group.
  out += "<g class=\"x-axis\" fill=\"" + std::string(kInk) + "\">\n";
  out += "<line x1=\"" + px(left) + "\" y1=\"" + px(base) + "\" x2=\"" + px(width - right) + "\" y2=\"" + px(base) +
         "\" stroke=\"" + kInk + "\" stroke-width=\"1\"/>\n";
  for (size_t i = 0; i < bs.size(); ++i) {
    const double mid = left + group * (static_cast<double>(i) + 0.5);
    const std::string body = escape::xml(labels[i]);
    if (rotate)
      out += text_at(mid + 3, base + 12, "end", body, " transform=\"rotate(-45 " + px(mid + 3) + " " + px(base + 12) + ")\"");
    else
      out += text_at(mid, base + 14, "middle", body);
  }
  out += text_at(left + plot_w / 2, height - 6, "middle", numeric ? "value (bin range)" : "category",
                 " fill=\"" + std::string(kMuted) + "\"");
  out += "</g>\n</svg>\n";
  if (hidden)
    out += "<figcaption class=\"meta\">The " + std::to_string(bs.size()) + " largest categories; " +
           std::to_string(hidden) + " more not shown.</figcaption>\n";
  return out + "</figure>\n";
}

std::string rule(const stats::ColumnDrift& c) {
  const std::string t = detail::drift_number(c.threshold);
  return stats::is_test(c.method) ? "drift when the p-value is below " + t
                                  : "drift when the distance is above " + t;
}

void write_column(const stats::ColumnDrift& c, size_t index, std::string& out) {
  out += "<section class=\"column " + std::string(verdict_class(c.verdict)) + "\" id=\"col-" + std::to_string(index) +
         "\">\n<h3><code>" + escape::xml(c.name) + "</code> " + badge(c.verdict) + critical_badge(c) + "</h3>\n";
  if (!c.critical.empty()) out += "<p class=\"meta\">critical: " + escape::xml(c.critical) + "</p>\n";
  if (c.verdict == stats::Verdict::Inconclusive)
    out += "<p class=\"why\"><strong>Inconclusive:</strong> " + escape::xml(c.why) + "." +
           (c.advice.empty() ? "" : " <strong>To decide:</strong> " + escape::xml(c.advice) + ".") + "</p>\n";
  out += "<table class=\"result\">\n<tr><th>Type</th><th>Method</th><th>" +
         std::string(stats::is_test(c.method) ? "Statistic" : "Distance") +
         "</th><th>p-value</th><th>Threshold</th><th>Rows (reference)</th><th>Rows (current)</th></tr>\n";
  out += "<tr><td>" + std::string(stats::type_name(c.type)) + "</td><td>" + std::string(stats::method_name(c.method)) +
         "</td><td class=\"num\">" + escape::xml(detail::statistic_cell(c)) + "</td><td class=\"num\">" +
         escape::xml(detail::p_value_cell(c)) + "</td><td class=\"num\">" + detail::drift_number(c.threshold) +
         "</td><td class=\"num\">" + std::to_string(c.n_reference) + "</td><td class=\"num\">" +
         std::to_string(c.n_current) + "</td></tr>\n</table>\n";
  out += "<p class=\"meta\">" + rule(c);
  for (const auto& [key, value] : c.details)
    out += " &#183; " + escape::xml(key) + " = <code>" + escape::xml(detail::detail_json(value)) + "</code>";
  out += "</p>\n";
  out += chart(c, index);
  out += "</section>\n";
}

std::string name_list(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + ("<code>" + escape::xml(s) + "</code>");
  return out;
}

}  // namespace

std::string drift_html(const stats::DriftReport& r) {
  const std::string title = "seam drift: " + escape::xml(r.reference) + " vs " + escape::xml(r.current);
  std::string out = detail::html_page_begin(title, kStyle) + "<h1>seam drift</h1>\n";
  out += "<p class=\"meta\">reference <code>" + escape::xml(r.reference) + "</code> &#183; current <code>" +
         escape::xml(r.current) + "</code></p>\n";
  out += "<p>" + headline_badge(r) + " " + escape::xml(detail::drift_summary_line(r)) + "</p>\n";

  if (!r.columns.empty()) {
    out += "<table class=\"overview\">\n<tr><th>Column</th><th>Type</th><th>Method</th><th>Statistic</th>"
           "<th>p-value</th><th>Threshold</th><th>Result</th></tr>\n";
    for (size_t i = 0; i < r.columns.size(); ++i) {
      const auto& c = r.columns[i];
      out += "<tr><td><a href=\"#col-" + std::to_string(i) + "\"><code>" + escape::xml(c.name) + "</code></a></td><td>" +
             std::string(stats::type_name(c.type)) + "</td><td>" + std::string(stats::method_name(c.method)) +
             "</td><td class=\"num\">" + escape::xml(detail::statistic_cell(c)) + "</td><td class=\"num\">" +
             escape::xml(detail::p_value_cell(c)) + "</td><td class=\"num\">" + detail::drift_number(c.threshold) +
             "</td><td>" + badge(c.verdict) + critical_badge(c) + "</td></tr>\n";
    }
    out += "</table>\n";
  } else {
    out += "<p>No column tested.</p>\n";
  }

  if (!r.notes.empty()) {
    out += "<h2>Notes</h2>\n<ul>\n";
    for (const auto& n : r.notes) out += "<li>" + escape::xml(n) + "</li>\n";
    out += "</ul>\n";
  }
  if (!r.only_in_reference.empty() || !r.only_in_current.empty() || !r.skipped.empty()) {
    out += "<h2>Columns not compared</h2>\n<ul>\n";
    if (!r.only_in_reference.empty()) out += "<li>Only in the reference: " + name_list(r.only_in_reference) + "</li>\n";
    if (!r.only_in_current.empty()) out += "<li>Only in the current data: " + name_list(r.only_in_current) + "</li>\n";
    if (!r.skipped.empty()) out += "<li>Not tested: " + name_list(r.skipped) + "</li>\n";
    out += "</ul>\n";
  }

  if (!r.columns.empty()) out += "<h2>Columns</h2>\n";
  for (size_t i = 0; i < r.columns.size(); ++i) write_column(r.columns[i], i, out);
  return out.append(detail::html_page_end());
}

}  // namespace seam::report
