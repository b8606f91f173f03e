#include "rules/budget.h"

namespace seam::rules {
namespace {
thread_local EvalBudget* active = nullptr;
}  // namespace

EvalBudget::EvalBudget(uint64_t units) : limit_(units), left_(units), outer_(active) { active = this; }

EvalBudget::~EvalBudget() { active = outer_; }

bool EvalBudget::charge(uint64_t units) {
  EvalBudget* b = active;
  if (!b) return true;
  if (b->spent_ || units > b->left_) {
    b->left_ = 0;
    b->spent_ = true;
    return false;
  }
  b->left_ -= units;
  return true;
}

bool EvalBudget::exhausted() { return active && active->spent_; }

}  // namespace seam::rules
