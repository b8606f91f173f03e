// Dates and periods written in prose (dates.cc), as facts of kind "date".
#pragma once

#include <string_view>
#include <vector>

#include "facts/facts.h"

namespace seam::facts {

// The dates and periods in `text`, in order, each with its byte span.
std::vector<Fact> dates(std::string_view text);

}  // namespace seam::facts
