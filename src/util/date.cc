#include "util/date.h"

#include <cstdlib>
#include <ctime>

namespace seam {
namespace {

std::string format_now(const char* format) {
  std::time_t now = std::time(nullptr);
  if (const char* fixed = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    const long long s = std::strtoll(fixed, &end, 10);
    if (*fixed && !*end && s >= 0) now = static_cast<std::time_t>(s);
  }
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

}  // namespace

std::string today_utc() { return format_now("%Y-%m-%d"); }

std::string now_utc() { return format_now("%Y-%m-%dT%H:%M:%SZ"); }

}  // namespace seam
