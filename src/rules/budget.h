// A work limit for rule evaluation.
//
// A rule file is code that another team may have written: loops nested over long lists, or
// a list that doubles with every `let`, would run for ever or fill memory. Evaluation
// charges one unit per expression node evaluated and per element of each computed list or
// string (counting shared elements each time, so a list of itself twice costs double).
// Once the budget is spent, every further evaluation yields null and the caller reports
// the rule by name.
//
// The active budget is per thread: an EvalBudget covers everything evaluated on its thread
// until it goes out of scope, so the functions of the language and Value's constructors
// need no extra parameter. With no budget active, nothing is charged.
#pragma once

#include <cstdint>

namespace seam::rules {

class EvalBudget {
 public:
  // About a second of evaluation; the built-in rules use a few thousand units a project.
  static constexpr uint64_t kDefaultUnits = 50'000'000;

  explicit EvalBudget(uint64_t units = kDefaultUnits);
  ~EvalBudget();
  EvalBudget(const EvalBudget&) = delete;
  EvalBudget& operator=(const EvalBudget&) = delete;

  bool spent() const { return spent_; }
  uint64_t limit() const { return limit_; }

  // Takes `units` from the active budget; false once it is spent (and from then on). Inline:
  // every expression node evaluated calls it.
  static bool charge(uint64_t units) {
    EvalBudget* b = active_;
    if (!b) return true;
    if (b->spent_ || units > b->left_) return b->spend();
    b->left_ -= units;
    return true;
  }
  // Whether the active budget, if any, is spent.
  static bool exhausted() { return active_ && active_->spent_; }

 private:
  bool spend();  // marks the budget spent; false

  static inline thread_local EvalBudget* active_ = nullptr;
  uint64_t limit_;
  uint64_t left_;
  bool spent_ = false;
  EvalBudget* outer_;
};

}  // namespace seam::rules
