// Type checking: resolves names, and refuses at load time what could never work at run
// time, such as a misspelt field, a string compared with a number, or an unknown function.
#include "doc/descriptor.h"
#include "rules/expr_internal.h"
#include "util/text.h"

namespace seam::rules {

Type Type::list_of(Type elem) {
  Type t = of(List);
  t.elem = std::make_shared<const Type>(std::move(elem));
  return t;
}

Type Type::from_schema(const doc::SchemaNode* s) {
  if (!s) return {};
  auto only = [&](doc::Kind k) { return s->types == (1u << static_cast<int>(k)) || s->types == ((1u << static_cast<int>(k)) | doc::SchemaNode::kIntegralFloat); };
  Type t;
  if (only(doc::Kind::Object)) t.kind = Object;
  else if (only(doc::Kind::Array)) { t = list_of(from_schema(s->items.get())); }
  else if (only(doc::Kind::String)) t.kind = String;
  else if (only(doc::Kind::Bool)) t.kind = Bool;
  else if (only(doc::Kind::Int)) t.kind = Int;
  else if (s->allows(doc::Kind::Float) && s->allows(doc::Kind::Int) && !s->allows(doc::Kind::String)) t.kind = Double;
  t.schema = s;
  return t;
}

Type Type::at_path(std::string p) const {
  Type t = *this;
  if (t.kind == List) t.elem = std::make_shared<const Type>(element().at_path(p + "[]"));
  t.path = std::move(p);
  return t;
}

std::string Type::name() const {
  switch (kind) {
    case Dyn: return "dyn";
    case Null: return "null";
    case Bool: return "bool";
    case Int: return "int";
    case Double: return "double";
    case String: return "string";
    case List: return "list(" + element().name() + ")";
    case Object: return "object";
  }
  return "dyn";
}

Scope Scope::with_descriptors() {
  Scope s;
  for (auto d : doc::kAllDescriptors) {
    Type t = Type::of(Type::Object);
    t.schema = &doc::descriptor_schema(d).root();
    s.declare(std::string(doc::descriptor_id(d)), t.at_path(std::string(doc::descriptor_id(d))));
  }
  return s;
}

int Scope::declare(const std::string& name, Type type) {
  names_.emplace_back(name, std::move(type));
  slots_.resize(names_.size());
  slots_.back() = static_cast<int>(slot_count_++);
  return slots_.back();
}

const std::pair<std::string, Type>* Scope::find(std::string_view name, int* slot) const {
  for (size_t i = names_.size(); i-- > 0;)
    if (names_[i].first == name) {
      *slot = slots_[i];
      return &names_[i];
    }
  return nullptr;
}

std::vector<std::string> Scope::names() const {
  std::vector<std::string> out;
  for (const auto& n : names_) out.push_back(n.first);
  return out;
}

namespace {

bool loose(const Type& t) { return t.kind == Type::Dyn || t.kind == Type::Null; }

bool comparable(const Type& a, const Type& b) {
  if (loose(a) || loose(b)) return true;
  if (a.numeric() && b.numeric()) return true;
  return a.kind == b.kind;
}

class Checker {
 public:
  explicit Checker(Scope& scope) : scope_(scope) {}

  Status check(Expr& e) {
    switch (e.op) {
      case Op::Literal: e.type = literal_type(e.literal); return Ok{};
      case Op::Var: return var(e);
      case Op::Select: return select(e);
      case Op::Index: return index(e);
      case Op::Call: return call(e);
      case Op::ListLit: return list(e);
      case Op::Cond: return cond(e);
      case Op::Not: return unary(e, Type::Bool, "'!' needs a bool");
      case Op::Neg: return negate(e);
      case Op::And: case Op::Or: return logic(e);
      case Op::Eq: case Op::Ne: return equality(e);
      case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: return ordering(e);
      case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Mod: return arithmetic(e);
      case Op::In: return in(e);
      default: return Ok{};  // macros are created by call(), already checked
    }
  }

 private:
  static Type literal_type(const Value& v) {
    switch (v.type()) {
      case Value::Type::Bool: return Type::of(Type::Bool);
      case Value::Type::Int: return Type::of(Type::Int);
      case Value::Type::Double: return Type::of(Type::Double);
      case Value::Type::String: return Type::of(Type::String);
      case Value::Type::Null: return Type::of(Type::Null);
      default: return {};
    }
  }

  Status args(Expr& e) {
    for (auto& a : e.args)
      if (auto st = check(*a); !st.ok()) return st;
    return Ok{};
  }

  Status var(Expr& e) {
    int slot = -1;
    const auto* found = scope_.find(e.name, &slot);
    if (!found) {
      std::string msg = "unknown name '" + e.name + "'";
      msg += text::did_you_mean(e.name, scope_.names());
      return expr_error(e.offset, msg);
    }
    e.slot = slot;
    e.type = found->second;
    return Ok{};
  }

  Status select(Expr& e) {
    if (auto st = args(e); !st.ok()) return st;
    const Type& base = e.args[0]->type;
    if (base.kind == Type::List)
      return expr_error(e.offset, "'" + e.name + "' is read from a list; use exists(), all(), filter() or map() to look at its elements");
    if (loose(base)) return Ok{};
    if (base.kind != Type::Object) return expr_error(e.offset, "cannot read field '" + e.name + "' from a " + base.name());
    if (!base.schema || base.schema->properties.empty()) return Ok{};  // free-form object
    const doc::SchemaNode* field = base.schema->property(e.name);
    if (!field) {
      std::vector<std::string> known;
      for (const auto& p : base.schema->properties) known.push_back(p.first);
      std::string msg = "no field '" + e.name + "' here; known fields: " + text::join(known, ", ");
      if (auto near = text::closest(e.name, known)) msg = "no field '" + e.name + "' here (did you mean '" + *near + "'?)";
      return expr_error(e.offset, msg);
    }
    e.type = Type::from_schema(field);
    if (!base.path.empty()) e.type = e.type.at_path(base.path + "." + e.name);
    return Ok{};
  }

  Status index(Expr& e) {
    if (auto st = args(e); !st.ok()) return st;
    const Type& base = e.args[0]->type;
    const Type& key = e.args[1]->type;
    if (base.kind == Type::List) {
      if (!key.numeric() && !loose(key)) return expr_error(e.args[1]->offset, "a list index must be an int; found " + key.name());
      e.type = base.element();
      return Ok{};
    }
    if (base.kind == Type::Object) {  // obj[name]: a field chosen at run time
      if (key.kind != Type::String && !loose(key)) return expr_error(e.args[1]->offset, "a field name must be a string; found " + key.name());
      return Ok{};
    }
    if (!loose(base)) return expr_error(e.offset, "cannot index a " + base.name());
    return Ok{};
  }

  Status list(Expr& e) {
    if (auto st = args(e); !st.ok()) return st;
    Type elem = e.args.empty() ? Type{} : e.args[0]->type;
    for (const auto& a : e.args)
      if (a->type.kind != elem.kind) elem = Type{};
    e.type = Type::list_of(elem);
    return Ok{};
  }

  Status cond(Expr& e) {
    if (auto st = args(e); !st.ok()) return st;
    if (!loose(e.args[0]->type) && e.args[0]->type.kind != Type::Bool)
      return expr_error(e.args[0]->offset, "the condition of '?:' must be a bool; found " + e.args[0]->type.name());
    e.type = e.args[1]->type.kind == e.args[2]->type.kind ? e.args[1]->type : Type{};
    return Ok{};
  }

  Status unary(Expr& e, Type::Kind want, const char* msg) {
    if (auto st = args(e); !st.ok()) return st;
    const Type& t = e.args[0]->type;
    if (!loose(t) && t.kind != want) return expr_error(e.offset, std::string(msg) + "; found " + t.name());
    e.type = Type::of(want);
    return Ok{};
  }

  Status negate(Expr& e) {
    if (auto st = args(e); !st.ok()) return st;
    const Type& t = e.args[0]->type;
    if (!loose(t) && !t.numeric()) return expr_error(e.offset, "'-' needs a number; found " + t.name());
    e.type = t;
    return Ok{};
  }

  Status logic(Expr& e) {
    if (auto st = args(e); !st.ok()) return st;
    for (const auto& a : e.args)
      if (!loose(a->type) && a->type.kind != Type::Bool)
        return expr_error(a->offset, std::string(e.op == Op::And ? "'&&'" : "'||'") + " needs bools; found " + a->type.name());
    e.type = Type::of(Type::Bool);
    return Ok{};
  }

  Status equality(Expr& e) {
    if (auto st = args(e); !st.ok()) return st;
    const Type &a = e.args[0]->type, &b = e.args[1]->type;
    if (!comparable(a, b))
      return expr_error(e.offset, "compares " + a.name() + " with " + b.name() + ", which is never equal");
    e.type = Type::of(Type::Bool);
    return Ok{};
  }

  Status ordering(Expr& e) {
    if (auto st = args(e); !st.ok()) return st;
    const Type &a = e.args[0]->type, &b = e.args[1]->type;
    const bool ok = (loose(a) || a.numeric() || a.kind == Type::String) && comparable(a, b);
    if (!ok) return expr_error(e.offset, "cannot order " + a.name() + " against " + b.name());
    e.type = Type::of(Type::Bool);
    return Ok{};
  }

  Status arithmetic(Expr& e) {
    if (auto st = args(e); !st.ok()) return st;
    const Type &a = e.args[0]->type, &b = e.args[1]->type;
    if (e.op == Op::Add && (a.kind == Type::String || b.kind == Type::String)) {
      if (!(a.kind == Type::String || loose(a)) || !(b.kind == Type::String || loose(b)))
        return expr_error(e.offset, "'+' joins two strings; found " + a.name() + " and " + b.name() + " (use string())");
      e.type = Type::of(Type::String);
      return Ok{};
    }
    for (const auto* t : {&a, &b})
      if (!loose(*t) && !t->numeric()) return expr_error(e.offset, "arithmetic needs numbers; found " + t->name());
    const bool ints = a.kind == Type::Int && b.kind == Type::Int && e.op != Op::Div;
    e.type = ints ? Type::of(Type::Int) : (loose(a) || loose(b)) ? Type{} : Type::of(Type::Double);
    return Ok{};
  }

  Status in(Expr& e) {
    if (auto st = args(e); !st.ok()) return st;
    const Type& hay = e.args[1]->type;
    if (!loose(hay) && hay.kind != Type::List)
      return expr_error(e.args[1]->offset, "'in' needs a list on its right; found " + hay.name());
    if (hay.kind == Type::List && !comparable(e.args[0]->type, hay.element()))
      return expr_error(e.offset, "looks for a " + e.args[0]->type.name() + " in a " + hay.name());
    e.type = Type::of(Type::Bool);
    return Ok{};
  }

  Status call(Expr& e) {
    static const std::pair<std::string_view, Op> macros[] = {
        {"all", Op::All}, {"exists", Op::Exists}, {"filter", Op::Filter}, {"map", Op::Map}};
    for (const auto& [name, op] : macros)
      if (e.name == name && e.args.size() == 3) return macro(e, op);
    const Function* fn = find_function(e.name);
    if (!fn) {
      std::vector<std::string> known = function_names();
      for (const auto& m : macros) known.emplace_back(m.first);
      std::string msg = "unknown function '" + e.name + "'";
      msg += text::did_you_mean(e.name, known);
      return expr_error(e.offset, msg);
    }
    const int n = static_cast<int>(e.args.size());
    if (n < fn->min_args || n > fn->max_args)
      return expr_error(e.offset, "wrong number of arguments: " + std::string(fn->signature));
    if (auto st = args(e); !st.ok()) return st;
    std::vector<Type> types;
    for (const auto& a : e.args) types.push_back(a->type);
    auto result = fn->check(types);
    if (!result.ok()) return expr_error(e.offset, result.error().message + " in " + std::string(fn->signature));
    e.fn = fn;
    e.type = result.value();
    if (e.name == "first" && e.args[0]->op == Op::Filter) {  // the commonest lookup: fuse it
      ExprPtr filter = std::move(e.args[0]);
      e.op = Op::Find;
      e.slot = filter->slot;
      e.args = std::move(filter->args);
      e.fn = nullptr;
    }
    return Ok{};
  }

  // target.all(x, predicate): x is bound to each element while the predicate is checked.
  Status macro(Expr& e, Op op) {
    if (auto st = check(*e.args[0]); !st.ok()) return st;
    const Type target = e.args[0]->type;
    if (!loose(target) && target.kind != Type::List)
      return expr_error(e.offset, "'" + e.name + "' works on a list; found " + target.name());
    if (e.args[1]->op != Op::Var) return expr_error(e.args[1]->offset, "expected a variable name to bind each element to");
    const size_t depth = scope_.depth();
    e.slot = scope_.declare(e.args[1]->name, target.element());
    e.args[1]->slot = e.slot;
    Status st = check(*e.args[2]);
    scope_.pop(depth);
    if (!st.ok()) return st;
    const Type& body = e.args[2]->type;
    if (op != Op::Map && !loose(body) && body.kind != Type::Bool)
      return expr_error(e.args[2]->offset, "the condition of '" + e.name + "' must be a bool; found " + body.name());
    e.op = op;
    e.type = op == Op::Filter ? target : op == Op::Map ? Type::list_of(body) : Type::of(Type::Bool);
    return Ok{};
  }

  Scope& scope_;
};

}  // namespace

Status check_expr(Expr& e, Scope& scope) { return Checker(scope).check(e); }

Result<ExprPtr> compile(std::string_view text, Scope& scope) {
  auto parsed = parse_expr(text);
  if (!parsed.ok()) return parsed;
  if (auto st = check_expr(*parsed.value(), scope); !st.ok()) return std::move(st).take_error();
  return parsed;
}

}  // namespace seam::rules
