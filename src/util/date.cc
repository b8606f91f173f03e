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

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

unsigned number_at(std::string_view s, size_t at, size_t n) {
  unsigned v = 0;
  for (size_t i = 0; i < n; ++i) v = v * 10 + static_cast<unsigned>(s[at + i] - '0');
  return v;
}

// A date of the form YYYY-MM-DD or YYYY/MM/DD at s[i], not inside a longer run of digits.
std::optional<int64_t> date_at(std::string_view s, size_t i) {
  if (i + 10 > s.size() || (i > 0 && is_digit(s[i - 1])) || (i + 10 < s.size() && is_digit(s[i + 10]))) return std::nullopt;
  const char sep = s[i + 4];
  if ((sep != '-' && sep != '/') || s[i + 7] != sep) return std::nullopt;
  for (const size_t k : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!is_digit(s[i + k])) return std::nullopt;
  const unsigned y = number_at(s, i, 4), m = number_at(s, i + 5, 2), d = number_at(s, i + 8, 2);
  static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1] || (m == 2 && d == 29 && !leap)) return std::nullopt;
  return days_from_civil(y, m, d);
}

}  // namespace

std::vector<int64_t> dates_in(std::string_view text) {
  std::vector<int64_t> out;
  for (size_t i = 0; i + 10 <= text.size(); ++i) {
    if (!is_digit(text[i])) continue;
    if (auto d = date_at(text, i)) {
      out.push_back(*d);
      i += 9;
    }
  }
  return out;
}

}  // namespace seam
