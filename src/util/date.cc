#include "util/date.h"

#include <cstdlib>
#include <ctime>

namespace seam {
namespace {

std::string format_utc(std::time_t t, const char* format) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

std::string format_now(const char* format) {
  std::time_t now = std::time(nullptr);
  if (const char* fixed = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    const long long s = std::strtoll(fixed, &end, 10);
    if (*fixed && !*end && s >= 0) now = static_cast<std::time_t>(s);
  }
  return format_utc(now, format);
}

}  // namespace

std::string today_utc() { return format_now("%Y-%m-%d"); }

std::string now_utc() { return format_now("%Y-%m-%dT%H:%M:%SZ"); }

std::string iso_utc(int64_t unix_seconds) { return format_utc(static_cast<std::time_t>(unix_seconds), "%Y-%m-%dT%H:%M:%SZ"); }

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil: eras of 400 years, years starting in March so that
  // the leap day is last.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace seam
