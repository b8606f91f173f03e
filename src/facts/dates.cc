// Calendar dates and periods in prose: "2024-03-01", "March 2024", "1 March 2024",
// "March 1, 2024", "Q2 2023", "in 2022", and two of them joined into a period ("from
// January 2023 to June 2024", "2019-2021"). Orders of day and month that are ambiguous
// ("03/04/2024") are not read.
#include "facts/dates.h"

#include <algorithm>
#include <optional>

#include "util/date.h"
#include "util/text.h"

namespace seam::facts {
namespace {

struct Span {
  int64_t low = 0, high = 0;  // days since 1970-01-01
  size_t begin = 0, end = 0;  // bytes
};

constexpr std::string_view kMonths[] = {"january", "february", "march", "april", "may", "june", "july",
                                   "august", "september", "october", "november", "december"};

bool digit(std::string_view s, size_t i) { return i < s.size() && text::ascii_digit(s[i]); }
bool alpha(std::string_view s, size_t i) { return i < s.size() && text::ascii_alpha(s[i]); }

// A run of `n` digits at i, not part of a longer number.
std::optional<int> digits(std::string_view s, size_t i, size_t n) {
  if (i + n > s.size() || digit(s, i + n) || (i > 0 && digit(s, i - 1))) return std::nullopt;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    if (!digit(s, i + k)) return std::nullopt;
    v = v * 10 + (s[i + k] - '0');
  }
  return v;
}

bool plausible_year(int y) { return y >= 1900 && y <= 2100; }

// The month a word in lower case names (1 to 12): its name, its first three letters, or
// "sept". Most words are no month, and their first letter or length says so at once.
std::optional<unsigned> month_number(std::string_view w) {
  if (w.size() < 3 || w.size() > 9) return std::nullopt;
  switch (w[0]) {
    case 'j': case 'f': case 'm': case 'a': case 's': case 'o': case 'n': case 'd': break;
    default: return std::nullopt;
  }
  for (unsigned m = 0; m < 12; ++m) {
    const std::string_view full = kMonths[m];
    if (w == full || (w.size() == 3 && full.substr(0, 3) == w) || (m == 8 && w == "sept")) return m + 1;
  }
  return std::nullopt;
}

// A month name at i, as month_number reads it; its length, with a point after it, in `len`.
std::optional<unsigned> month_at(std::string_view s, size_t i, size_t& len) {
  if (i >= s.size() || (i > 0 && alpha(s, i - 1))) return std::nullopt;
  size_t n = 0;
  while (alpha(s, i + n)) ++n;
  if (n < 3 || n > 9) return std::nullopt;
  char buffer[9];
  for (size_t k = 0; k < n; ++k) buffer[k] = text::ascii_lower(s[i + k]);
  const auto m = month_number(std::string_view(buffer, n));
  if (m) len = n + (s.substr(i + n, 1) == "." ? 1 : 0);
  return m;
}

size_t skip_spaces(std::string_view s, size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

// Whether s[i] continues a word or a path: "report-2024-06", "v2024", "/2024/".
bool glued(std::string_view s, size_t i) {
  if (i == 0) return false;
  const auto c = static_cast<unsigned char>(s[i - 1]);
  if (text::ascii_alnum(static_cast<char>(c))) return true;
  return (c == '-' || c == '/' || c == '_' || c == '.') && i > 1 && text::ascii_alnum(s[i - 2]);
}

// One date or month or quarter at i.
std::optional<Span> date_at(std::string_view s, size_t i) {
  if (glued(s, i)) return std::nullopt;
  // YYYY-MM-DD, YYYY/MM/DD, YYYY-MM
  if (auto y = digits(s, i, 4); y && plausible_year(*y) && (s.substr(i + 4, 1) == "-" || s.substr(i + 4, 1) == "/")) {
    const char sep = s[i + 4];
    if (auto m = digits(s, i + 5, 2); m && *m >= 1 && *m <= 12) {
      if (s.substr(i + 7, 1) == std::string_view(&sep, 1)) {
        if (auto d = digits(s, i + 8, 2); d && *d >= 1 && static_cast<unsigned>(*d) <= days_in_month(*y, *m)) {
          const int64_t day = days_from_civil(*y, *m, *d);
          return Span{day, day, i, i + 10};
        }
        return std::nullopt;
      }
      const bool cut = i + 7 < s.size() && (s[i + 7] == '/' || s[i + 7] == '-');  // "2023-01/01" is no month
      if (sep == '-' && !cut) return Span{days_from_civil(*y, *m, 1), days_from_civil(*y, *m, days_in_month(*y, *m)), i, i + 7};
    }
  }
  // Q1 2024
  if ((s[i] == 'Q' || s[i] == 'q') && !alpha(s, i - (i > 0 ? 1 : 0)) && digit(s, i + 1) && s[i + 1] >= '1' && s[i + 1] <= '4') {
    const size_t at = skip_spaces(s, i + 2);
    if (auto y = digits(s, at, 4); y && plausible_year(*y) && at > i + 2) {
      const unsigned q = s[i + 1] - '0', m0 = 3 * q - 2;
      return Span{days_from_civil(*y, m0, 1), days_from_civil(*y, m0 + 2, days_in_month(*y, m0 + 2)), i, at + 4};
    }
  }
  // 1 March 2024
  if (digit(s, i) && (i == 0 || !digit(s, i - 1))) {
    size_t n = digit(s, i + 1) ? 2 : 1;
    const int d = n == 2 ? (s[i] - '0') * 10 + (s[i + 1] - '0') : s[i] - '0';
    size_t at = i + n;
    if (s.substr(at, 2) == "st" || s.substr(at, 2) == "nd" || s.substr(at, 2) == "rd" || s.substr(at, 2) == "th") at += 2;
    at = skip_spaces(s, at);
    size_t len = 0;
    if (auto m = month_at(s, at, len); m && at > i + n - 1) {
      const size_t yat = skip_spaces(s, at + len);
      if (auto y = digits(s, yat, 4); y && plausible_year(*y) && d >= 1 && static_cast<unsigned>(d) <= days_in_month(*y, *m)) {
        const int64_t day = days_from_civil(*y, *m, d);
        return Span{day, day, i, yat + 4};
      }
    }
  }
  // March 2024, March 1, 2024
  size_t len = 0;
  if (auto m = month_at(s, i, len)) {
    size_t at = skip_spaces(s, i + len);
    if (auto y = digits(s, at, 4); y && plausible_year(*y))
      return Span{days_from_civil(*y, *m, 1), days_from_civil(*y, *m, days_in_month(*y, *m)), i, at + 4};
    if (digit(s, at)) {
      const size_t n = digit(s, at + 1) ? 2 : 1;
      const int d = n == 2 ? (s[at] - '0') * 10 + (s[at + 1] - '0') : s[at] - '0';
      size_t yat = at + n;
      if (s.substr(yat, 1) == ",") ++yat;
      yat = skip_spaces(s, yat);
      if (auto y = digits(s, yat, 4); y && plausible_year(*y) && d >= 1 && static_cast<unsigned>(d) <= days_in_month(*y, *m)) {
        const int64_t day = days_from_civil(*y, *m, d);
        return Span{day, day, i, yat + 4};
      }
    }
  }
  return std::nullopt;
}

// The length of a joiner between two dates at i (" to ", " - ", "–", " through ", " until "),
// or 0. " and " joins only after "between", which the caller checks.
size_t joiner_at(std::string_view s, size_t i) {
  for (const std::string_view j : {" to ", " - ", " – ", "–", " through ", " until ", " till ", "-", " — "})
    if (s.substr(i, j.size()) == j) return j.size();
  return 0;
}

// A day and month, or a month, without a year ("8 January", "January"), that starts a period
// whose end has one: "8 January to 31 March 2024", "January to March 2024".
std::optional<Span> open_start_at(std::string_view s, size_t i) {
  unsigned day = 0;
  size_t at = i;
  if (digit(s, i) && (i == 0 || !digit(s, i - 1))) {
    const size_t n = digit(s, i + 1) ? 2 : 1;
    day = n == 2 ? (s[i] - '0') * 10 + (s[i + 1] - '0') : s[i] - '0';
    at = skip_spaces(s, i + n);
    if (at == i + n) return std::nullopt;
  }
  size_t len = 0;
  auto month = month_at(s, at, len);
  if (!month) return std::nullopt;
  size_t end = at + len;
  if (!day && digit(s, skip_spaces(s, end)) && skip_spaces(s, end) > end) {  // "March 8"
    const size_t d = skip_spaces(s, end);
    const size_t n = digit(s, d + 1) ? 2 : 1;
    day = n == 2 ? (s[d] - '0') * 10 + (s[d + 1] - '0') : s[d] - '0';
    end = d + n;
  }
  const size_t j = joiner_at(s, end);
  if (!j) return std::nullopt;
  auto until = date_at(s, end + j);
  if (!until) return std::nullopt;
  int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(until->high, y, m, d);
  if (*month > m || (*month == m && day > d)) --y;  // "December to February 2024"
  if (day > days_in_month(y, *month)) return std::nullopt;
  return Span{days_from_civil(y, *month, day ? day : 1), until->high, i, until->end};
}

// A year on its own, only where the words around make it one: "in 2022", "2019-2021".
std::optional<Span> year_at(std::string_view s, size_t i) {
  auto y = digits(s, i, 4);
  if (glued(s, i) && !(i > 0 && (s[i - 1] == '-' || s[i - 1] == '/') && i > 4 && digits(s, i - 5, 4))) return std::nullopt;
  if (!y || !plausible_year(*y) || alpha(s, i + 4)) return std::nullopt;
  return Span{days_from_civil(*y, 1, 1), days_from_civil(*y, 12, 31), i, i + 4};
}

bool word_before(std::string_view s, size_t i, std::string_view word) {
  if (i < word.size() + 1 || s[i - 1] != ' ') return false;
  const size_t at = i - 1 - word.size();
  if (at > 0 && alpha(s, at - 1)) return false;
  for (size_t k = 0; k < word.size(); ++k)
    if (text::ascii_lower(s[at + k]) != word[k]) return false;
  return true;
}

}  // namespace

bool month_word(std::string_view lower) { return month_number(lower).has_value(); }

std::vector<Fact> dates(std::string_view s, const std::vector<uint32_t>* starts) {
  // Every date has a year: text without a digit has none, and most text values are such.
  if (std::none_of(s.begin(), s.end(), text::ascii_digit)) return {};
  std::vector<Span> found;
  // The date at word start i, if any; returns where to look next.
  auto read_at = [&](size_t i) {
    auto d = date_at(s, i);
    if (!d) d = open_start_at(s, i);
    if (!d) {
      // A bare year counts after "in", "during", "since", "from", or joined to another year.
      auto y = year_at(s, i);
      if (!y) return i + 1;
      const size_t j = joiner_at(s, y->end);
      auto next = j ? year_at(s, y->end + j) : std::nullopt;
      if (next) {
        found.push_back(*y);
        d = next;
      } else if (word_before(s, i, "in") || word_before(s, i, "during") || word_before(s, i, "from") ||
                 word_before(s, i, "between")) {
        d = y;
      }
    }
    if (!d) return i + 1;
    found.push_back(*d);
    return d->end;
  };
  size_t next = 0;
  if (starts) {
    for (const uint32_t i : *starts)
      if (i >= next) next = read_at(i);
  }
  for (size_t i = 0; !starts && i < s.size(); ++i) {
    // Dates start words, with a digit, a month's first letter or the Q of a quarter.
    const char c = text::ascii_lower(s[i]);
    if (!text::ascii_alnum(c) || (i > 0 && text::ascii_alnum(s[i - 1]))) continue;
    if (!text::ascii_digit(c)) {
      size_t len = 0;
      if (c != 'q' && !month_at(s, i, len)) {  // a word that is no month starts no date
        while (i + 1 < s.size() && text::ascii_alnum(s[i + 1])) ++i;
        continue;
      }
    }
    i = read_at(i) - 1;
  }
  std::vector<Fact> out;
  for (size_t k = 0; k < found.size(); ++k) {
    Span span = found[k];
    // Two dates with a joiner between them make one period, when the second is not earlier.
    if (k + 1 < found.size()) {
      size_t j = joiner_at(s, span.end);
      if (!j && word_before(s, span.begin, "between") && s.substr(span.end, 5) == " and ") j = 5;
      if (j && span.end + j == found[k + 1].begin && found[k + 1].high >= span.low) {
        span.high = found[k + 1].high;
        span.end = found[k + 1].end;
        ++k;
      }
    }
    Fact f;
    f.kind = "date";
    f.value = span.low == span.high ? "date" : "period";
    f.amount = f.low = static_cast<double>(span.low);
    f.high = static_cast<double>(span.high);
    f.begin = static_cast<uint32_t>(span.begin);
    f.end = static_cast<uint32_t>(span.end);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace seam::facts
