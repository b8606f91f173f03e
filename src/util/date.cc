#include "util/date.h"

#include <cstdlib>
#include <ctime>

namespace seam {

std::string today_utc() {
  std::time_t now = std::time(nullptr);
  if (const char* fixed = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    const long long s = std::strtoll(fixed, &end, 10);
    if (*fixed && !*end && s >= 0) now = static_cast<std::time_t>(s);
  }
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace seam
