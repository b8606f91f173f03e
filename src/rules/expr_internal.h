// Pieces of the expression language shared between its parser, checker and evaluator.
#pragma once

#include <string_view>
#include <vector>

#include "rules/expr.h"

namespace seam::rules {

// A failure at `offset` in the expression text, in the shape compile() returns.
Error expr_error(uint32_t offset, std::string message);

// Syntax only: builds the tree, leaves types and slots unset.
Result<ExprPtr> parse_expr(std::string_view text);

// Resolves names to slots and functions, and computes every node's type.
Status check_expr(Expr& e, Scope& scope);

// The compact form of the tree below `root` (Code in expr.h), valid while the tree lives
// unchanged.
std::unique_ptr<const CodeBlock> make_code(const Expr& root);

// A built-in function. `check` receives the argument types and returns the result type,
// or an error message; `call` receives the evaluated arguments.
struct Function {
  std::string_view name;
  int min_args;
  int max_args;
  std::string_view signature;  // for messages and docs: "to_seconds(number, string) -> double"
  Result<Type> (*check)(const std::vector<Type>& args);
  Value (*call)(const Value* args, size_t n);
  bool reads_text = false;  // reads facts from prose (text_facts.h): its rules have basis "text"
};

const Function* find_function(std::string_view name);
std::vector<std::string> function_names();

}  // namespace seam::rules
