// One cause, one finding: folding the items of subsumed rules (`subsumes:` in a rule file)
// into the items of the rules that subsume them. Internal to src/rules; the engine calls it
// once per analysis, after the pointers of every location are known.
#pragma once

#include <vector>

#include "rules/engine.h"

namespace seam::rules {

// Moves each item of a subsumed rule's finding that is about the same field as an item of
// the subsuming rule's finding into that item's `related`, and drops findings left empty.
// `rules[i]` is the rule of `findings[i]`.
void fold_subsumed(const Subject& s, std::vector<Finding>& findings, const std::vector<const Rule*>& rules);

}  // namespace seam::rules
