// Dates and periods written in prose (dates.cc), as facts of kind "date".
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "facts/facts.h"

namespace seam::facts {

// The dates and periods in `text`, in order, each with its byte span. `starts`, when given,
// are the offsets where one may begin, in order (the starts of words that hold a digit or
// name a month); else every word is tried.
std::vector<Fact> dates(std::string_view text, const std::vector<uint32_t>* starts = nullptr);

// Whether a word in lower case names a month: "march", "mar", "sept".
bool month_word(std::string_view lower);

}  // namespace seam::facts
