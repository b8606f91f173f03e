// Missing-information checks: which of the fields a check lists are not provided.
#pragma once

#include <vector>

#include "rules/engine.h"

namespace seam::rules {

// One item per field that is absent, null, "" or []. Inside lists, one item per element
// that lacks the field. An absent descriptor gives one item for the whole descriptor.
std::vector<Item> missing_items(const Rule& check, const Subject& subject);

// A location in descriptor `doc`: `node` gives line and column, and, unless `pointer` is
// given, the pointer too.
Location locate(const Subject& s, int doc, const doc::Node* node, std::string pointer = {});

}  // namespace seam::rules
