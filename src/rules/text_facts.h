// Facts read from descriptor prose, for the rule language: says(), denies(), facts(),
// amount(), peak(), unit_of(), amount_near(), conflicts(), together(), earliest() and latest()
// (docs/rules.md, "Facts from text").
//
// A rule that uses them compares what people wrote as it compares structured fields. Each
// call that finds a fact records it as evidence; the engine attaches the evidence of a rule's
// evaluation to the item it produces, so a finding quotes the words it relied on.
//
// Thread safety: the cache and the evidence are per thread; an analysis runs on one thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "doc/node.h"
#include "facts/facts.h"
#include "rules/value.h"

namespace seam::rules {

// A fact a rule relied on, with the text value it came from (null for a computed string).
struct EvidenceRef {
  const doc::Node* node = nullptr;
  int doc = -1;
  facts::Fact fact;
  std::string quote;  // the words of the fact, as written
};

// For the length of one analysis: keeps the facts of each text value, so that the extractor
// reads each value (and each text repeated across values) once however many rules ask, and
// collects evidence. Nodes and their text are stable while the analysis runs, which is what
// makes them usable as cache keys.
class TextFactScope {
 public:
  TextFactScope();
  ~TextFactScope();
  TextFactScope(const TextFactScope&) = delete;
  TextFactScope& operator=(const TextFactScope&) = delete;
};

// The evidence recorded on this thread since the last call, which it clears.
std::vector<EvidenceRef> take_evidence();
// How much evidence this thread holds now; take_evidence_since(mark) takes what was recorded
// after, and leaves what came before.
size_t evidence_mark();
void take_evidence_since(size_t mark, std::vector<EvidenceRef>& out);

// The functions themselves, for the table in functions.cc.
Value f_says(const Value* a, size_t n);
Value f_denies(const Value* a, size_t n);
Value f_facts(const Value* a, size_t n);
Value f_amount(const Value* a, size_t n);
Value f_unit_of(const Value* a, size_t n);
Value f_conflicts(const Value* a, size_t n);
Value f_amount_near(const Value* a, size_t n);
Value f_peak(const Value* a, size_t n);
Value f_earliest(const Value* a, size_t n);
Value f_latest(const Value* a, size_t n);
Value f_together(const Value* a, size_t n);

}  // namespace seam::rules
