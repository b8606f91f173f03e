// The rule expression language: a small language with CEL-like syntax.
//
//   trained_model.computing_resource_reqs.gpu > production_environment.computing_resources.gpu
//   trained_model.output_spec.exists(o, same(o.item_name, "score"))
//   to_seconds(m.time, m.unit) <= 0.1
//
// An expression is parsed and type-checked once, against the descriptor schemas, when the
// rule catalogue loads; then it is evaluated many times. docs/rules.md is the user guide.
//
// Absent information is not an error at run time: a path through a missing field is null,
// comparisons and arithmetic with null give null, && and || use three-valued logic, and a
// rule whose condition is null does not fire. That is what makes rules safe on sparse
// documents.
//
// Thread safety: compiled expressions are immutable; evaluation writes only the caller's environment.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "doc/schema.h"
#include "rules/value.h"
#include "util/result.h"

namespace seam::rules {

// Static types. Object and List types may carry the schema they were read from, so that
// a misspelt field is caught when the rule loads.
struct Type {
  enum Kind : uint8_t { Dyn, Null, Bool, Int, Double, String, List, Object };
  Kind kind = Dyn;
  const doc::SchemaNode* schema = nullptr;
  std::shared_ptr<const Type> elem;  // List: element type (null means dyn)
  std::string path;  // where a value of this type is read from: "trained_model.output_spec[]"

  static Type of(Kind k) { return Type{k, nullptr, nullptr, {}}; }
  static Type list_of(Type elem);
  static Type from_schema(const doc::SchemaNode* s);
  bool numeric() const { return kind == Int || kind == Double; }
  Type element() const { return elem ? *elem : Type{}; }
  std::string name() const;  // "int", "list(string)", "object"...
  // This type, recorded as read from `path` (its elements from `path[]`).
  Type at_path(std::string path) const;
};

enum class Op : uint8_t {
  Literal, Var, Select, Index, Call, ListLit, Cond,
  Not, Neg, Add, Sub, Mul, Div, Mod, Eq, Ne, Lt, Le, Gt, Ge, And, Or, In,
  All, Exists, Filter, Map,  // macros: target.all(x, predicate) ...
  Find,                      // first(target.filter(x, predicate)), without building the list
  Path,                      // var.a.b.c folded into one step (see fold_paths)
};

struct Function;

// The compact form evaluate() runs (expr_code.cc): a root expression's nodes in one array,
// each node's operands next to each other, with the literals, field names and lookup hints
// they read packed beside them. A catalogue's expression trees, node by node on the heap, do
// not fit in a core's cache, and fetching them was a good part of every check.
struct Code {
  // A field read by name (Select, Path), with where it was last found among its object's
  // members (Node::find). Threads share the hint, so it is atomic; a stale one costs a scan.
  struct Name {
    std::string_view text;
    mutable std::atomic<uint32_t> hint{0};
  };
  Op op = Op::Literal;
  uint16_t count = 0;            // names
  int32_t slot = -1;             // Var, Path and macros: the variable's slot
  uint32_t nargs = 0;
  const Code* args = nullptr;    // nargs operands, receiver first
  union {
    const Function* fn = nullptr;  // Call
    const Value* literal;          // Literal
  };
  const Name* names = nullptr;   // Select: its field; Path: the fields after the variable
};
static_assert(sizeof(Code) == 40);

struct CodeBlock {
  std::vector<Code> nodes;      // nodes[0] is the root
  std::vector<Value> literals;
  std::unique_ptr<Code::Name[]> names;
  std::string chars;  // the names' text
};

struct Expr {
  Op op = Op::Literal;
  uint32_t offset = 0;  // byte offset in the expression text, for messages
  Value literal;        // Literal
  std::string name;     // Var, Select, Call, macro variable
  int slot = -1;        // Var and macros: the variable's slot in the environment
  const Function* fn = nullptr;  // Call
  std::vector<std::unique_ptr<Expr>> args;  // operands, receiver first
  std::vector<std::string> path;  // Path: the field names after the variable
  Type type;            // filled in by the checker
  uint16_t height = 1;  // levels in this subtree; the parser bounds it (kMaxExprHeight)
  // A root's compact form, made by fold_paths(); the tree must not change after, though it
  // may be released (release_tree).
  std::unique_ptr<const CodeBlock> code;
};
using ExprPtr = std::unique_ptr<Expr>;

// The names an expression may use, each bound to a slot of the evaluation environment.
class Scope {
 public:
  // A scope that knows the eight descriptors (slots 0..7), typed by their schemas.
  static Scope with_descriptors();
  int declare(const std::string& name, Type type);  // shadows earlier names
  const std::pair<std::string, Type>* find(std::string_view name, int* slot) const;
  void pop(size_t to_size) { names_.resize(to_size); }
  size_t depth() const { return names_.size(); }
  size_t slot_count() const { return slot_count_; }
  std::vector<std::string> names() const;

 private:
  std::vector<std::pair<std::string, Type>> names_;  // index == slot while nested
  std::vector<int> slots_;
  size_t slot_count_ = 0;
};

// Parses and type-checks `text` in `scope` (macro variables are declared and popped).
// Errors carry line 1 and the column as a 1-based byte offset into `text`; the rule loader
// turns that into a file position.
Result<ExprPtr> compile(std::string_view text, Scope& scope);

// Rewrites chains of field reads on a variable (trained_model.inference_time.unit) into
// single Path steps that walk the document without building intermediate values, and lists
// of literals into one literal; then remakes its compact form. Run it on a root, after
// everything that inspects the tree (such as collecting the fields a rule reads).
void fold_paths(Expr& e);
// Frees the tree below a folded root, and what only the checker needed: from then on only its
// compact form runs.
void release_tree(Expr& root);

// Runs a compiled expression. `env` holds one value per scope slot. It runs fastest once
// fold_paths() has made its compact form. The result may borrow the expression's literals
// (Value::borrowed): use it while the expression lives, as rules do while their catalogue
// does.
Value evaluate(const Expr& e, std::vector<Value>& env);

// Lets computed on first read: the engine leaves a let's slot Value::pending() and installs
// its LazyLets while the rule runs; evaluate() asks it to fill a pending slot it reads. A
// condition that is false early then never pays for the lets only later parts would read.
class LazyLets {
 public:
  virtual ~LazyLets() = default;
  virtual void force(int slot, std::vector<Value>& env) = 0;
  // The lets of the running rule on this thread, or null; returns the previous ones.
  static LazyLets* install(LazyLets* lets);
};

// True when the value counts as a "yes" for a rule condition: only the boolean true.
inline bool truthy(const Value& v) { return v.type() == Value::Type::Bool && v.as_bool(); }

}  // namespace seam::rules
