// Typed facts found in descriptor prose: "no GPU", "recall of 0.81", "data must stay in the
// EU", "200 requests per second".
//
// The extractor is deterministic and explainable: it matches the phrases of a lexicon
// (rules/lexicon/*.yaml, compiled into the binary) word by word, reads numbers with their
// units, bounds and ranges, and calendar dates and periods, and marks a fact negated when a
// negating word governs it in the same clause. Every fact keeps the byte span of the text it
// came from, so a finding can quote it. Phrases that could mean several things ("score",
// "edge case", "us") state nothing.
//
// Thread safety: extract() and Lexicon::builtin() may be called from any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace seam::facts {

struct Fact {
  // A lexicon kind ("metric", "hardware", "region", ...), "quantity" or "date".
  std::string kind;
  // The lexicon value ("recall", "gpu", "eu"); for a quantity its dimension ("duration",
  // "size", "percent", "rate", "count", "currency", ...); for a date "date" or "period".
  std::string value;
  bool negated = false;
  // Quantities: the amount in the dimension's canonical unit (seconds, bytes, fraction,
  // per second, metres, kg, m/s; as written for currencies, temperatures and counts). A
  // range has low < high; a single number has low == high == amount. Dates: days since
  // 1970-01-01 of the first (low) and last (high) day; amount is low.
  double amount = 0, low = 0, high = 0;
  // Quantities: the canonical unit ("s", "B", "/s"), the currency or temperature code
  // ("USD", "C"), or for a count the noun counted ("record").
  std::string unit;
  // Quantities with a unit, and units named without a number (kind "unit", whose value is the
  // dimension: "speed in km/h"): the unit's short name, the same for all its spellings
  // ("km/h" for "kilometres per hour").
  std::string unit_name;
  enum class Bound : uint8_t { Exact, AtLeast, AtMost } bound = Bound::Exact;
  uint32_t begin = 0, end = 0;  // byte span of the evidence in the text

  // "hardware:gpu", "quantity:duration", prefixed "not " when negated: for messages and tests.
  std::string name() const;
};

class Lexicon {
 public:
  // Parses the three lexicon files (terms, units, grammar) from their YAML text; an error
  // names the file, line and field.
  static Result<std::shared_ptr<const Lexicon>> parse(std::string_view terms, std::string_view units,
                                                      std::string_view grammar);
  // The lexicon compiled into the binary, parsed on first use. A broken built-in lexicon is a
  // build defect; the lexicon test catches it, and at run time it yields no facts.
  static const Lexicon& builtin();

  struct Impl;
  explicit Lexicon(std::unique_ptr<Impl> impl);
  ~Lexicon();
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// A field name without a unit at its end, in lower case with '_' between words:
// "pixel_spacing_mm" and "Pixel spacing" are both "pixel_spacing", so fields that carry their
// unit in their name can be paired with their unitless counterparts.
std::string field_stem(std::string_view name, const Lexicon& lexicon = Lexicon::builtin());

// The facts stated in `text`, in the order they appear. Text longer than kMaxText bytes is
// read only up to that length: descriptors hold sentences, not books.
inline constexpr size_t kMaxText = 64 * 1024;
std::vector<Fact> extract(std::string_view text, const Lexicon& lexicon = Lexicon::builtin());

}  // namespace seam::facts
