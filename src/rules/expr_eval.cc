// Evaluation. Null flows through: a missing field, or arithmetic on one, gives null rather
// than an error, so that rules work on the sparse documents real projects have.
#include <algorithm>
#include <cmath>
#include <utility>

#include "rules/budget.h"
#include "rules/expr_internal.h"

namespace seam::rules {
namespace {

using T = Value::Type;

Value run(const Code& e, std::vector<Value>& env);

Value compare(Op op, const Value& a, const Value& b) {
  if (!EvalBudget::charge(std::min(a.weight(), b.weight()))) return {};
  if (op == Op::Eq) return Value::boolean(a.equals(b));
  if (op == Op::Ne) return Value::boolean(!a.equals(b));
  int c = 0;
  if (a.is_number() && b.is_number()) {
    c = a.as_double() < b.as_double() ? -1 : a.as_double() > b.as_double() ? 1 : 0;
  } else if (a.type() == T::String && b.type() == T::String) {
    c = a.as_string().compare(b.as_string());
  } else {
    return {};  // null, or types that have no order
  }
  switch (op) {
    case Op::Lt: return Value::boolean(c < 0);
    case Op::Le: return Value::boolean(c <= 0);
    case Op::Gt: return Value::boolean(c > 0);
    default: return Value::boolean(c >= 0);
  }
}

Value arithmetic(Op op, const Value& a, const Value& b) {
  if (op == Op::Add && a.type() == T::String && b.type() == T::String)
    return !EvalBudget::charge(a.size() + b.size()) ? Value{} : Value::string(std::string(a.as_string()) + std::string(b.as_string()));
  if (!a.is_number() || !b.is_number()) return {};
  if (a.type() == T::Int && b.type() == T::Int && op != Op::Div) {
    const int64_t x = a.as_int(), y = b.as_int();
    int64_t r = 0;
    switch (op) {
      case Op::Add: if (__builtin_add_overflow(x, y, &r)) return {}; return Value::integer(r);
      case Op::Sub: if (__builtin_sub_overflow(x, y, &r)) return {}; return Value::integer(r);
      case Op::Mul: if (__builtin_mul_overflow(x, y, &r)) return {}; return Value::integer(r);
      default: return (y == 0 || (x == INT64_MIN && y == -1)) ? Value{} : Value::integer(x % y);
    }
  }
  const double x = a.as_double(), y = b.as_double();
  switch (op) {
    case Op::Add: return Value::number(x + y);
    case Op::Sub: return Value::number(x - y);
    case Op::Mul: return Value::number(x * y);
    case Op::Div: return y == 0 ? Value{} : Value::number(x / y);
    default: return y == 0 ? Value{} : Value::number(std::fmod(x, y));
  }
}

// Kleene logic: false wins for &&, true wins for ||, otherwise unknown stays unknown.
Value logic(const Code& e, std::vector<Value>& env) {
  const bool is_and = e.op == Op::And;
  const Value a = run(e.args[0], env);
  if (a.type() == T::Bool && a.as_bool() != is_and) return a;
  const Value b = run(e.args[1], env);
  if (b.type() == T::Bool && b.as_bool() != is_and) return b;
  if (a.type() == T::Bool && b.type() == T::Bool) return Value::boolean(is_and);
  return {};
}

Value macro(const Code& e, std::vector<Value>& env) {
  const Value list = run(e.args[0], env);
  const size_t n = list.type() == T::List ? list.size() : 0;
  std::vector<Value> out;
  if (e.op == Op::Map) out.reserve(n);
  bool unknown = false;
  for (size_t i = 0; i < n && !EvalBudget::exhausted(); ++i) {
    env[e.slot] = list.at(i);
    const Value r = run(e.args[2], env);
    switch (e.op) {
      case Op::All:
        if (r.type() == T::Bool && !r.as_bool()) return Value::boolean(false);
        unknown |= r.type() != T::Bool;
        break;
      case Op::Exists:
        if (truthy(r)) return Value::boolean(true);
        unknown |= r.type() != T::Bool;
        break;
      case Op::Filter:
        if (truthy(r)) out.push_back(list.at(i));
        break;
      default: out.push_back(r); break;
    }
  }
  if (e.op == Op::All) return unknown ? Value{} : Value::boolean(true);
  if (e.op == Op::Exists) return unknown ? Value{} : Value::boolean(false);
  return Value::list(std::move(out));
}

Value find(const Code& e, std::vector<Value>& env) {
  const Value list = run(e.args[0], env);
  const size_t n = list.type() == T::List ? list.size() : 0;
  for (size_t i = 0; i < n && !EvalBudget::exhausted(); ++i) {
    env[e.slot] = list.at(i);
    if (truthy(run(e.args[2], env))) return list.at(i);
  }
  return {};
}

thread_local LazyLets* g_lazy = nullptr;

// The value of a slot, computing a pending let first.
const Value& slot_value(int slot, std::vector<Value>& env) {
  if (env[slot].is_pending() && g_lazy) g_lazy->force(slot, env);
  return env[slot];
}

Value path(const Code& e, std::vector<Value>& env) {
  const Value& base = slot_value(e.slot, env);
  const doc::Node* n = base.node();
  if (!n) {  // a computed value: read it field by field
    Value v = base;
    for (uint32_t i = 0; i < e.count; ++i) v = v.field(e.names[i].text);
    return v;
  }
  for (uint32_t i = 0; i < e.count; ++i) {
    if (n->kind != doc::Kind::Object) return {};
    uint32_t hint = e.names[i].hint.load(std::memory_order_relaxed);
    if (!(n = n->find(e.names[i].text, hint))) return {};
    e.names[i].hint.store(hint, std::memory_order_relaxed);
  }
  return Value::of(n, base.doc());
}

Value in(const Value& needle, const Value& hay) {
  if (hay.type() != T::List || !EvalBudget::charge(hay.size() * needle.weight())) return {};
  for (size_t i = 0; i < hay.size(); ++i)
    if (needle.equals(hay.at(i))) return Value::boolean(true);
  return Value::boolean(false);
}

// The arguments are built in place, as many as there are: an array of four default Values
// assigned one by one cost more than most functions do.
Value call(const Code& e, std::vector<Value>& env) {
  const Code* a = e.args;
  switch (e.nargs) {
    case 0: return e.fn->call(nullptr, 0);
    case 1: {
      const Value args[1] = {run(a[0], env)};
      return e.fn->call(args, 1);
    }
    case 2: {
      const Value args[2] = {run(a[0], env), run(a[1], env)};
      return e.fn->call(args, 2);
    }
    case 3: {
      const Value args[3] = {run(a[0], env), run(a[1], env), run(a[2], env)};
      return e.fn->call(args, 3);
    }
    default: {
      const Value args[4] = {run(a[0], env), run(a[1], env), run(a[2], env), run(a[3], env)};
      return e.fn->call(args, 4);
    }
  }
}

Value run(const Code& e, std::vector<Value>& env) {
  if (!EvalBudget::charge(1)) return {};
  switch (e.op) {
    case Op::Literal: return e.literal->borrowed();
    case Op::Var: return slot_value(e.slot, env);
    case Op::Select: return run(e.args[0], env).field(e.names[0].text);
    case Op::Index: {
      const Value base = run(e.args[0], env);
      const Value key = run(e.args[1], env);
      if (base.type() == T::List && key.type() == T::Int && key.as_int() >= 0) return base.at(key.as_int());
      if (base.type() == T::Object && key.type() == T::String) return base.field(key.as_string());
      return {};
    }
    case Op::Call: return call(e, env);
    case Op::ListLit: {
      std::vector<Value> items;
      items.reserve(e.nargs);
      for (size_t i = 0; i < e.nargs; ++i) items.push_back(run(e.args[i], env));
      return Value::list(std::move(items));
    }
    case Op::Cond: {
      const Value c = run(e.args[0], env);
      if (c.type() != T::Bool) return {};
      return run(e.args[c.as_bool() ? 1 : 2], env);
    }
    case Op::Not: {
      const Value v = run(e.args[0], env);
      return v.type() == T::Bool ? Value::boolean(!v.as_bool()) : Value{};
    }
    case Op::Neg: {
      const Value v = run(e.args[0], env);
      if (v.type() == T::Int && v.as_int() != INT64_MIN) return Value::integer(-v.as_int());
      return v.is_number() ? Value::number(-v.as_double()) : Value{};
    }
    case Op::And: case Op::Or: return logic(e, env);
    case Op::Eq: case Op::Ne: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge:
      return compare(e.op, run(e.args[0], env), run(e.args[1], env));
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Mod:
      return arithmetic(e.op, run(e.args[0], env), run(e.args[1], env));
    case Op::In: return in(run(e.args[0], env), run(e.args[1], env));
    case Op::All: case Op::Exists: case Op::Filter: case Op::Map: return macro(e, env);
    case Op::Find: return find(e, env);
    case Op::Path: return path(e, env);
  }
  return {};
}

}  // namespace

Value evaluate(const Expr& e, std::vector<Value>& env) {
  if (e.code) return run(e.code->nodes[0], env);
  return run(make_code(e)->nodes[0], env);  // a tree not folded, as in the expression tests
}

namespace {

void fold(Expr& e) {
  for (auto& a : e.args) fold(*a);
  // A list of literals (the kinds a text rule asks about) is built once, here.
  if (e.op == Op::ListLit && std::all_of(e.args.begin(), e.args.end(), [](const ExprPtr& a) { return a->op == Op::Literal; })) {
    std::vector<Value> items;
    items.reserve(e.args.size());
    for (const auto& a : e.args) items.push_back(a->literal);
    e.literal = Value::list(std::move(items));
    e.op = Op::Literal;
    e.args.clear();
    return;
  }
  if (e.op != Op::Select) return;
  Expr& base = *e.args[0];
  if (base.op != Op::Var && base.op != Op::Path) return;
  std::vector<std::string> names = std::move(base.path);
  names.push_back(std::move(e.name));
  e.op = Op::Path;
  e.slot = base.slot;
  e.path = std::move(names);
  e.args.clear();
}

}  // namespace

void fold_paths(Expr& e) {
  fold(e);
  e.code = make_code(e);
}

void release_tree(Expr& root) {
  std::vector<ExprPtr>().swap(root.args);
  std::vector<std::string>().swap(root.path);
  std::string().swap(root.name);
  root.literal = Value();
  root.type = Type();
}

LazyLets* LazyLets::install(LazyLets* lets) { return std::exchange(g_lazy, lets); }

}  // namespace seam::rules
