#include "rules/budget.h"

namespace seam::rules {

EvalBudget::EvalBudget(uint64_t units) : limit_(units), left_(units), outer_(active_) { active_ = this; }

EvalBudget::~EvalBudget() { active_ = outer_; }

bool EvalBudget::spend() {
  left_ = 0;
  spent_ = true;
  return false;
}

}  // namespace seam::rules
