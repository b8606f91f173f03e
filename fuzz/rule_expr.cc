// The rule language: parse and type-check an expression against the descriptor schemas,
// then evaluate it over the example project, under the evaluation budget that keeps a
// hostile rule from hanging `seam check`.
#include "doc/load.h"
#include "fuzz.h"
#include "rules/budget.h"
#include "rules/engine.h"
#include "rules/expr.h"

namespace {

const seam::doc::Project& project() {
  static const seam::doc::Project p = [] {
    auto loaded = seam::doc::load_project(seam::fuzz::kProjectDir, seam::fuzz::example_project());
    if (!loaded.ok()) std::abort();
    return std::move(loaded.value());
  }();
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seam;
  static const rules::Subject subject = rules::subject_of(project());
  auto scope = rules::Scope::with_descriptors();
  auto expr = rules::compile(std::string_view(reinterpret_cast<const char*>(data), size), scope);
  if (!expr.ok()) {
    // The loader adds the file; the expression's own errors carry line 1 and a column.
    fuzz::expect(!expr.error().message.empty(), "an error has a message", expr.error());
    fuzz::expect(expr.error().line == 1 && expr.error().column >= 1, "an expression error has a column",
                 expr.error());
    return 0;
  }
  rules::fold_paths(*expr.value());
  std::vector<rules::Value> env(std::max<size_t>(scope.slot_count(), doc::kDescriptorCount));
  for (int d = 0; d < doc::kDescriptorCount; ++d) env[d] = rules::Value::of(subject.roots[d], d);
  rules::EvalBudget budget;
  (void)rules::evaluate(*expr.value(), env);
  return 0;
}
