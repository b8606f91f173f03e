#include "stats/time.h"

#include <cmath>
#include <cstdio>
#include <cstring>

#include "util/date.h"

namespace seam::stats {
namespace {

// Reads exactly n digits at s[i]; advances i.
bool digits(std::string_view s, size_t& i, size_t n, unsigned& out) {
  if (s.size() < i + n) return false;
  out = 0;
  for (size_t k = 0; k < n; ++k) {
    const char c = s[i + k];
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<unsigned>(c - '0');
  }
  i += n;
  return true;
}

bool expect(std::string_view s, size_t& i, char c) {
  if (i >= s.size() || s[i] != c) return false;
  ++i;
  return true;
}

// hh:mm[:ss[.fraction]] at s[i]: seconds into the day.
bool time_of_day(std::string_view s, size_t& i, double& out) {
  unsigned h, mi, sec = 0;
  if (!digits(s, i, 2, h) || !expect(s, i, ':') || !digits(s, i, 2, mi) || h > 23 || mi > 59) return false;
  double fraction = 0;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!digits(s, i, 2, sec) || sec > 60) return false;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      // Up to nanoseconds, as one correctly rounded division; finer digits are read and dropped.
      ++i;
      const size_t start = i;
      uint64_t units = 0, scale = 1;
      for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i)
        if (i - start < 9) units = units * 10 + static_cast<uint64_t>(s[i] - '0'), scale *= 10;
      if (i == start) return false;
      fraction = static_cast<double>(units) / static_cast<double>(scale);
    }
  }
  out = h * 3600.0 + mi * 60.0 + sec + fraction;
  return true;
}

// Z, +hh:mm, +hhmm, +hh (or -) at s[i]: the offset east of UTC in seconds.
bool zone(std::string_view s, size_t& i, double& offset) {
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
    offset = 0;
    return true;
  }
  if (s[i] != '+' && s[i] != '-') return false;
  const int sign = s[i++] == '-' ? -1 : 1;
  unsigned h, m = 0;
  if (!digits(s, i, 2, h) || h > 23) return false;
  if (i < s.size()) {
    if (s[i] == ':') ++i;
    if (!digits(s, i, 2, m) || m > 59) return false;
  }
  offset = sign * (h * 3600.0 + m * 60.0);
  return true;
}

}  // namespace

bool parse_timestamp(std::string_view s, double& seconds, TimeForm& form) {
  DayCache none;
  return parse_timestamp(s, seconds, form, none);
}

bool parse_timestamp(std::string_view s, double& seconds, TimeForm& form, DayCache& cache) {
  // Cheap rejection first: this runs on every value of the columns a profile types.
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  size_t i = 0;
  double t;
  if (std::memcmp(s.data(), cache.text, 10) == 0) {
    t = cache.seconds;
    i = 10;
  } else {
    unsigned y, m, d;
    if (!digits(s, i, 4, y) || !expect(s, i, '-') || !digits(s, i, 2, m) || !expect(s, i, '-') || !digits(s, i, 2, d)) return false;
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
    t = static_cast<double>(days_from_civil(y, m, d)) * 86400.0;
    std::memcpy(cache.text, s.data(), 10);
    cache.seconds = t;
  }
  form = TimeForm::Date;
  if (i < s.size()) {
    if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return false;
    ++i;
    double of_day = 0;
    if (!time_of_day(s, i, of_day)) return false;
    t += of_day;
    form = TimeForm::Local;
    if (i < s.size()) {
      double offset = 0;
      if (!zone(s, i, offset)) return false;
      t -= offset;
      form = TimeForm::Zoned;
    }
  }
  if (i != s.size()) return false;
  seconds = t;
  return true;
}

std::string format_timestamp(double seconds, bool date_only) {
  if (!std::isfinite(seconds) || std::abs(seconds) > 3e11) return "";
  const double whole = std::floor(seconds);
  const auto days = static_cast<int64_t>(std::floor(whole / 86400));
  const auto of_day = static_cast<int64_t>(whole) - days * 86400;
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[48];
  if (date_only) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return buf;
  }
  const int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", static_cast<long long>(y), m, d,
                              static_cast<long long>(of_day / 3600), static_cast<long long>(of_day / 60 % 60),
                              static_cast<long long>(of_day % 60));
  std::string out(buf, static_cast<size_t>(n));
  const auto ms = static_cast<int>(std::lround((seconds - whole) * 1000));
  if (ms > 0 && ms < 1000) {
    std::snprintf(buf, sizeof buf, ".%03d", ms);
    out += buf;
  }
  return out + "Z";
}

std::string_view epoch_unit_name(EpochUnit u) {
  return u == EpochUnit::Seconds ? "s" : u == EpochUnit::Milliseconds ? "ms" : "";
}

std::optional<EpochUnit> epoch_unit_from_name(std::string_view name) {
  if (name == "s") return EpochUnit::Seconds;
  if (name == "ms") return EpochUnit::Milliseconds;
  return std::nullopt;
}

bool epoch_instant(double count, EpochUnit unit, double& seconds) {
  constexpr double kFirst = -62167219200.0, kEnd = 253402300800.0;  // 0000-01-01, 10000-01-01
  seconds = count * epoch_scale(unit);
  return unit != EpochUnit::None && seconds >= kFirst && seconds < kEnd;
}

}  // namespace seam::stats
