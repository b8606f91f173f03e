// Reading rule files: YAML in, compiled rules out. Every fault is reported at its place in
// the rule file (line, column, caret), including faults inside an expression.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "doc/descriptor.h"
#include "doc/parse.h"
#include "rules/expr_internal.h"
#include "rules/rule.h"
#include "util/embedded.h"
#include "util/text.h"

namespace seam::rules {
namespace {

const std::vector<std::string> kRuleKeys = {
    "id", "tec_rule", "kind", "severity", "category", "subcategory", "message", "rationale", "requires",
    "params", "for_each", "let", "when", "item", "locate", "fields", "subsumes"};

// Finds where byte `at` of an expression lies in the file. Plain and quoted scalars map
// one to one; for block scalars the faulty text is searched after the scalar's start.
uint32_t source_offset(const doc::Source& src, const doc::Node& scalar, std::string_view expr, uint32_t at) {
  const std::string& text = src.text();
  uint32_t start = scalar.offset;
  if (start < text.size() && (text[start] == '"' || text[start] == '\'')) ++start;
  if (text.compare(start, expr.size(), expr) == 0) return start + at;
  // Block and folded scalars: find the text from the fault onwards, shortening it until it
  // no longer spans a line break that folding removed.
  size_t len = std::min<size_t>(24, expr.size() - std::min<size_t>(at, expr.size()));
  len = std::min(len, expr.substr(at).find('\n'));
  for (; len >= 3; len -= 3) {
    const size_t found = text.find(expr.substr(at, len), scalar.offset);
    if (found != std::string::npos) return static_cast<uint32_t>(found);
  }
  return scalar.offset;
}

class Loader {
 public:
  Loader(const doc::Source& src, Catalogue& into, std::vector<std::unique_ptr<Rule>>& out)
      : src_(src), catalogue_(into), out_(out) {}

  Status load(const doc::Node& root) {
    const doc::Node* list = root.kind == doc::Kind::Object ? root.find("rules") : nullptr;
    if (!list || list->kind != doc::Kind::Array)
      return src_.error_at(root.offset, "expected a mapping with a 'rules' list at the top of a rule file");
    for (size_t i = 0; i < list->items.size(); ++i) {
      pointer_ = std::string("/rules/").append(std::to_string(i));
      auto rule = load_rule(list->items[i]);
      if (!rule.ok()) return std::move(rule).take_error();
      out_.push_back(std::move(rule).value());
    }
    return Ok{};
  }

 private:
  Error fail(const doc::Node& at, std::string msg, std::string_view key = {}) const {
    return src_.error_at(at.offset, std::move(msg), key.empty() ? pointer_ : pointer_ + "/" + std::string(key));
  }

  Result<std::string> text(const doc::Node& rule, std::string_view key, bool required) {
    const doc::Node* n = rule.find(key);
    if (!n || n->is_absent()) {
      if (required) return fail(rule, "rule needs a '" + std::string(key) + "'", key);
      return std::string();
    }
    if (n->kind != doc::Kind::String && n->kind != doc::Kind::Int && n->kind != doc::Kind::Float)
      return fail(*n, "'" + std::string(key) + "' must be text; found " + n->describe(), key);
    return n->kind == doc::Kind::String ? n->text : n->describe();
  }

  Result<ExprPtr> expression(const doc::Node& n, Scope& scope, std::string_view key) {
    if (n.kind == doc::Kind::Bool) n.boolean ? expr_text_ = "true" : expr_text_ = "false";
    else if (n.kind != doc::Kind::String) return fail(n, "expected an expression (text); found " + n.describe(), key);
    else expr_text_ = n.text;
    auto e = compile(expr_text_, scope);
    if (e.ok()) return e;
    return fail_in(n, expr_text_, e.error().column - 1, e.error().message, key);
  }

  Error fail_in(const doc::Node& n, std::string_view expr, uint32_t at, const std::string& msg, std::string_view key) const {
    const uint32_t offset = n.kind == doc::Kind::String ? source_offset(src_, n, expr, at) : n.offset;
    return src_.error_at(offset, msg, pointer_ + "/" + std::string(key));
  }

  // "Output '{o.item_name}' is {o.item_type}": literal text with expression holes.
  Result<Template> message_template(const doc::Node& n, Scope& scope, std::string_view key) {
    Template t;
    t.literals.emplace_back();
    const std::string& s = n.text;
    for (size_t i = 0; i < s.size(); ++i) {
      if ((s[i] == '{' || s[i] == '}') && i + 1 < s.size() && s[i + 1] == s[i]) {
        t.literals.back() += s[i++];
      } else if (s[i] == '{') {
        const size_t close = s.find('}', i);
        if (close == std::string::npos) return fail_in(n, s, static_cast<uint32_t>(i), "'{' is not closed (write '{{' for a brace)", key);
        auto e = compile(std::string_view(s).substr(i + 1, close - i - 1), scope);
        if (!e.ok()) return fail_in(n, s, static_cast<uint32_t>(i + e.error().column), e.error().message, key);
        t.holes.push_back(std::move(e).value());
        t.literals.emplace_back();
        i = close;
      } else {
        t.literals.back() += s[i];
      }
    }
    return t;
  }

  Result<std::unique_ptr<Rule>> load_rule(const doc::Node& n);
  Status header(const doc::Node& n, Rule& r);
  Status bindings(const doc::Node& n, std::string_view key, Scope& scope, std::vector<Binding>& out, bool loop);
  Status fields(const doc::Node& n, Rule& r);
  Status taxonomy(const doc::Node& n, Rule& r);
  Status subsumes(const doc::Node& n, Rule& r);

  const doc::Source& src_;
  Catalogue& catalogue_;
  std::vector<std::unique_ptr<Rule>>& out_;
  std::string pointer_;
  std::string expr_text_;
};

Status Loader::header(const doc::Node& n, Rule& r) {
  for (const auto& m : n.members)
    if (std::find(kRuleKeys.begin(), kRuleKeys.end(), m.key) == kRuleKeys.end()) {
      std::string msg = "unknown rule key '" + m.key + "'";
      msg += text::did_you_mean(m.key, kRuleKeys);
      return src_.error_at(m.key_offset, msg, pointer_ + "/" + m.key);
    }
  auto id = text(n, "id", true);
  if (!id.ok()) return std::move(id).take_error();
  r.info.id = id.value();
  if (catalogue_.find(r.info.id) || std::any_of(out_.begin(), out_.end(), [&](const auto& o) { return o->info.id == r.info.id; }))
    return fail(*n.find("id"), "a rule with id '" + r.info.id + "' is already defined", "id");
  auto kind = text(n, "kind", false);
  if (!kind.ok()) return std::move(kind).take_error();
  if (kind.value() == "missing") r.info.kind = FindingKind::Missing;
  else if (!kind.value().empty() && kind.value() != "mismatch")
    return fail(*n.find("kind"), "expected one of mismatch, missing; found '" + kind.value() + "'" + text::did_you_mean(kind.value(), {"mismatch", "missing"}), "kind");
  auto severity = text(n, "severity", true);
  if (!severity.ok()) return std::move(severity).take_error();
  if (severity.value() == "error") r.info.severity = Severity::Error;
  else if (severity.value() == "warning") r.info.severity = Severity::Warning;
  else if (severity.value() == "info") r.info.severity = Severity::Info;
  else return fail(*n.find("severity"), "expected one of error, warning, info; found '" + severity.value() + "'" + text::did_you_mean(severity.value(), {"error", "warning", "info"}), "severity");
  for (auto [key, field] : {std::pair{"tec_rule", &r.info.tec_rule}, {"message", &r.info.message}, {"rationale", &r.info.rationale}}) {
    auto v = text(n, key, std::string_view(key) != "tec_rule");
    if (!v.ok()) return std::move(v).take_error();
    *field = v.value();
  }
  return taxonomy(n, r);
}

Status Loader::taxonomy(const doc::Node& n, Rule& r) {
  auto category = text(n, "category", true);
  if (!category.ok()) return std::move(category).take_error();
  auto sub = text(n, "subcategory", true);
  if (!sub.ok()) return std::move(sub).take_error();
  const Taxonomy& tax = Taxonomy::builtin();
  const Subcategory* s = tax.find(category.value(), sub.value());
  if (!s) {
    std::vector<std::string> names;
    for (const auto& c : tax.all())
      if (c.category == category.value()) names.push_back(c.name);
    if (names.empty())
      return fail(*n.find("category"), "unknown taxonomy category '" + category.value() + "'" + text::did_you_mean(category.value(), tax.categories()) +
                  "; expected one of " + text::join(tax.categories(), ", "), "category");
    return fail(*n.find("subcategory"), "'" + sub.value() + "' is not a subcategory of " + category.value() + text::did_you_mean(sub.value(), names) +
                "; expected one of " + text::join(names, ", "), "subcategory");
  }
  r.info.category = s->category;
  r.info.subcategory = s->name;
  r.importance = s->importance;
  return Ok{};
}

// for_each, let and params: a list of one-key mappings, so that order is explicit.
Status Loader::bindings(const doc::Node& n, std::string_view key, Scope& scope, std::vector<Binding>& out, bool loop) {
  const doc::Node* list = n.find(key);
  if (!list || list->is_absent()) return Ok{};
  if (list->kind != doc::Kind::Array) return fail(*list, "'" + std::string(key) + "' must be a list of 'name: expression' entries", key);
  for (const auto& entry : list->items) {
    if (entry.kind != doc::Kind::Object || entry.members.size() != 1)
      return fail(entry, "each '" + std::string(key) + "' entry is one 'name: expression' pair", key);
    const auto& m = entry.members[0];
    auto e = key == "params" ? Result<ExprPtr>(std::make_unique<Expr>()) : expression(m.value, scope, key);
    if (!e.ok()) return std::move(e).take_error();
    if (key == "params") {  // a constant: its literal value
      Value v = Value::of(&m.value, -1);
      if (v.type() == Value::Type::List || v.type() == Value::Type::Object) return fail(m.value, "a parameter must be a number, text or boolean", key);
      e.value()->literal = v.type() == Value::Type::String ? Value::string(m.value.text) : v.is_number() ? (m.value.kind == doc::Kind::Int ? Value::integer(m.value.integer) : Value::number(m.value.number)) : v;
      e.value()->type = v.type() == Value::Type::String ? Type::of(Type::String) : v.is_number() ? Type::of(Type::Double) : Type::of(Type::Bool);
    }
    Type type = e.value()->type;
    if (loop) {
      if (type.kind != Type::List && type.kind != Type::Dyn)
        return fail(m.value, "'" + m.key + "' must iterate over a list; this is a " + type.name(), key);
      type = type.element();
    }
    Binding b{m.key, scope.declare(m.key, type), std::move(e).value(), m.value.describe()};
    if (m.value.kind == doc::Kind::String) b.text = m.value.text;
    out.push_back(std::move(b));
  }
  return Ok{};
}

Status Loader::fields(const doc::Node& n, Rule& r) {
  const doc::Node* list = n.find("fields");
  if (!list || list->kind != doc::Kind::Array || list->items.empty())
    return fail(n, "a missing-information check needs a 'fields' list", "fields");
  for (const auto& f : list->items) {
    if (f.kind != doc::Kind::String) return fail(f, "a field is a path such as trained_model.output_spec[].item_type", "fields");
    FieldPath path{f.text, -1, {}};
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t dot; (dot = f.text.find('.', start)) != std::string::npos; start = dot + 1) parts.push_back(f.text.substr(start, dot - start));
    parts.push_back(f.text.substr(start));
    auto d = doc::descriptor_from_id(parts[0]);
    if (!d)
      return fail(f, "'" + parts[0] + "' is not a descriptor" + text::did_you_mean(parts[0], doc::descriptor_ids()) + "; expected one of " +
                         text::join(doc::descriptor_ids(), ", "), "fields");
    path.descriptor = static_cast<int>(*d);
    const doc::SchemaNode* s = &doc::descriptor_schema(*d).root();
    for (size_t i = 1; i < parts.size(); ++i) {
      const bool each = parts[i].size() > 2 && parts[i].ends_with("[]");
      const std::string name = each ? parts[i].substr(0, parts[i].size() - 2) : parts[i];
      const doc::SchemaNode* parent = s;
      s = s ? s->property(name) : nullptr;
      if (!s) {
        std::vector<std::string> known;
        if (parent) for (const auto& p : parent->properties) known.push_back(p.first);
        return fail(f, "no field '" + name + "' in " + text::join(std::vector<std::string>(parts.begin(), parts.begin() + i), ".") +
                           text::did_you_mean(name, known), "fields");
      }
      if (each) s = s->items.get();
      path.segments.push_back(parts[i]);
    }
    if (path.segments.empty()) return fail(f, "name a field of the descriptor, not the descriptor itself", "fields");
    r.reads.push_back(f.text);
    if (std::find(r.requires_docs.begin(), r.requires_docs.end(), path.descriptor) == r.requires_docs.end())
      r.requires_docs.push_back(path.descriptor);
    r.fields.push_back(std::move(path));
  }
  return Ok{};
}

// The ids are checked against the catalogue by Catalogue::link, once every rule has loaded.
Status Loader::subsumes(const doc::Node& n, Rule& r) {
  const doc::Node* list = n.find("subsumes");
  if (!list || list->is_absent()) return Ok{};
  if (list->kind != doc::Kind::Array) return fail(*list, "'subsumes' must be a list of rule ids", "subsumes");
  for (size_t i = 0; i < list->items.size(); ++i) {
    const doc::Node& id = list->items[i];
    if (id.kind != doc::Kind::String) return fail(id, "expected a rule id; found " + id.describe(), "subsumes");
    r.subsumes.push_back({id.text, id.offset, pointer_ + "/subsumes/" + std::to_string(i)});
  }
  return Ok{};
}

void collect(const Expr& e, std::set<std::string>& reads, std::set<int>& docs, bool& from_text) {
  if (e.op == Op::Var && e.slot >= 0 && e.slot < doc::kDescriptorCount) docs.insert(e.slot);
  if (e.op == Op::Select && !e.type.path.empty()) reads.insert(e.type.path);
  if (e.op == Op::Call && e.fn && e.fn->reads_text) from_text = true;
  for (const auto& a : e.args) collect(*a, reads, docs, from_text);
}

void summarize(Rule& r) {
  std::set<std::string> reads;
  std::set<int> docs;
  auto add = [&](const ExprPtr& e) { if (e) collect(*e, reads, docs, r.from_text); };
  for (const auto& b : r.for_each) add(b.expr);
  for (const auto& b : r.lets) add(b.expr);
  add(r.when);
  for (const auto& h : r.item.holes) add(h);
  for (const auto& l : r.locate) add(l);
  for (const auto& p : reads) {  // keep the most specific paths only
    const bool prefix = std::any_of(reads.begin(), reads.end(), [&](const std::string& q) {
      return q.size() > p.size() && q.compare(0, p.size(), p) == 0 && (q[p.size()] == '.' || q[p.size()] == '[');
    });
    if (!prefix) r.reads.push_back(p);
  }
  if (!r.requires_given) r.requires_docs.assign(docs.begin(), docs.end());
}

void slots_read(const Expr& e, std::set<int>& out) {
  if (e.op == Op::Var || e.op == Op::Path) out.insert(e.slot);
  for (const auto& a : e.args) slots_read(*a, out);
}

// Lets that depend on no loop variable (directly or through another let) are evaluated once
// per rule instead of once per item.
void hoist(Rule& r) {
  std::set<int> varying;
  for (const auto& b : r.for_each) varying.insert(b.slot);
  for (auto& l : r.lets) {
    std::set<int> reads;
    slots_read(*l.expr, reads);
    l.hoisted = std::none_of(reads.begin(), reads.end(), [&](int s) { return varying.count(s) > 0; });
    if (!l.hoisted) varying.insert(l.slot);
  }
}

// Folds the rule's expressions into their compact form and lets go of their trees: a
// catalogue's trees take a megabyte, and each page of it touched is paid for at start-up.
void optimize(Rule& r) {
  std::vector<ExprPtr*> roots;
  for (auto& b : r.for_each) roots.push_back(&b.expr);
  for (auto& b : r.lets) roots.push_back(&b.expr);
  roots.push_back(&r.when);
  for (auto& h : r.item.holes) roots.push_back(&h);
  for (auto& l : r.locate) roots.push_back(&l);
  for (ExprPtr* e : roots)
    if (*e) fold_paths(**e);
  if (!r.for_each.empty()) hoist(r);  // reads the trees
  for (ExprPtr* e : roots)
    if (*e) release_tree(**e);
}

Result<std::unique_ptr<Rule>> Loader::load_rule(const doc::Node& n) {
  if (n.kind != doc::Kind::Object) return fail(n, "a rule is a mapping; found " + n.describe());
  auto r = std::make_unique<Rule>();
  r->file = src_.path();
  r->line = src_.locate(n.offset).line;
  if (auto st = header(n, *r); !st.ok()) return std::move(st).take_error();
  Scope scope = Scope::with_descriptors();
  // `requires: []` says the rule runs on whatever is there: rules that read prose look for
  // a fact in several descriptors, and any one of them may hold it.
  if (const doc::Node* req = n.find("requires"); req && req->kind == doc::Kind::Array) {
    r->requires_given = true;
    for (const auto& d : req->items) {
      auto id = d.kind == doc::Kind::String ? doc::descriptor_from_id(d.text) : std::nullopt;
      if (!id) return fail(d, "expected a descriptor name; found " + d.describe(), "requires");
      r->requires_docs.push_back(static_cast<int>(*id));
    }
  }
  for (auto [key, out, loop] : {std::tuple{"params", &r->params, false}, {"for_each", &r->for_each, true}, {"let", &r->lets, false}})
    if (auto st = bindings(n, key, scope, *out, loop); !st.ok()) return std::move(st).take_error();
  if (const doc::Node* when = n.find("when"); when && !when->is_absent()) {
    auto e = expression(*when, scope, "when");
    if (!e.ok()) return std::move(e).take_error();
    if (e.value()->type.kind != Type::Bool && e.value()->type.kind != Type::Dyn)
      return fail(*when, "'when' must be a condition (bool); this is a " + e.value()->type.name(), "when");
    r->when = std::move(e).value();
    r->when_text = expr_text_;
  } else if (r->info.kind == FindingKind::Mismatch) {
    return fail(n, "a mismatch rule needs a 'when' condition", "when");
  }
  if (r->info.kind == FindingKind::Missing) {
    if (auto st = fields(n, *r); !st.ok()) return std::move(st).take_error();
  } else {
    const doc::Node* item = n.find("item");
    if (!item || item->kind != doc::Kind::String) return fail(n, "a mismatch rule needs an 'item' text", "item");
    auto t = message_template(*item, scope, "item");
    if (!t.ok()) return std::move(t).take_error();
    r->item = std::move(t).value();
  }
  if (const doc::Node* loc = n.find("locate"); loc && !loc->is_absent()) {
    for (const auto& l : loc->items) {
      auto e = expression(l, scope, "locate");
      if (!e.ok()) return std::move(e).take_error();
      r->locate.push_back(std::move(e).value());
    }
  }
  if (auto st = subsumes(n, *r); !st.ok()) return std::move(st).take_error();
  r->slots = scope.slot_count();
  summarize(*r);
  optimize(*r);
  return r;
}

}  // namespace

Status Catalogue::load_text(const std::string& path, std::string text, bool json) {
  auto src = doc::make_source(path, std::move(text));
  if (!src.ok()) return std::move(src).take_error();
  auto shared = std::make_shared<const doc::Source>(std::move(src).value());
  auto root = json ? doc::parse_json(*shared) : doc::parse_yaml(*shared);
  if (!root.ok()) return std::move(root).take_error();
  std::vector<std::unique_ptr<Rule>> added;
  if (auto st = Loader(*shared, *this, added).load(root.value()); !st.ok()) return st;
  for (auto& r : added) rules_.push_back(std::shared_ptr<const Rule>(std::move(r)));
  sources_.push_back(std::move(shared));
  return Ok{};
}

Status Catalogue::add_text(const std::string& path, std::string text) {
  const size_t first = rules_.size(), sources = sources_.size();
  auto st = load_text(path, std::move(text));
  if (st.ok()) st = link(first);
  if (!st.ok()) {
    rules_.resize(first);
    sources_.resize(sources);
  }
  return st;
}

Status Catalogue::add_file(const std::string& path, const FileSystem& fs) {
  auto src = doc::read_source(path, fs);
  if (!src.ok()) return std::move(src).take_error();
  return add_text(path, src.value().text());
}

const Catalogue& Catalogue::builtin() {
  // Never destroyed: it lives until exit, and freeing it would only make every process end
  // later.
  static const Catalogue* compiled = [] {
    auto* c = new Catalogue;
    auto st = Status(Ok{});
    // Named as the YAML they were converted from, whose line numbers they keep.
    for (const auto& f : embedded_rules())
      if (st.ok()) st = c->load_text("rules/" + std::string(f.name) + ".yaml", f.text, true);
    if (st.ok()) st = c->link(0);  // the built-in files may name each other's rules
    if (!st.ok()) {
      std::fprintf(stderr, "seam: built-in rule catalogue: %s:%u: %s\n", st.error().file.c_str(), st.error().line,
                   st.error().message.c_str());
      std::abort();
    }
    return c;
  }();
  return *compiled;
}

const Rule* Catalogue::find(std::string_view id) const {
  for (const auto& r : rules_)
    if (r->info.id == id) return r.get();
  return nullptr;
}

Result<Params> Catalogue::params(const std::vector<std::string>& assignments) const {
  Params out;
  for (const auto& a : assignments)
    if (auto st = override_one(a, out); !st.ok()) return std::move(st).take_error();
  return out;
}

Status Catalogue::override_one(const std::string& assignment, Params& out) const {
  const size_t dot = assignment.find('.'), eq = assignment.find('=');
  if (dot == std::string::npos || eq == std::string::npos || eq < dot)
    return Error::usage_at("/params", "a parameter override is written RULE.PARAM=VALUE; found '" + assignment + "'");
  const std::string id = assignment.substr(0, dot), name = assignment.substr(dot + 1, eq - dot - 1);
  const std::string value = assignment.substr(eq + 1);
  const Rule* r = find(id);
  if (!r) return Error::usage_at("/params", "no rule '" + id + "' to set a parameter of" + text::did_you_mean(id, ids()));
  for (const auto& p : r->params) {
    if (p.name != name) continue;
    Value v = Value::string(value);
    if (p.expr->type.kind == Type::Double) {
      char* end = nullptr;
      const double d = std::strtod(value.c_str(), &end);
      if (value.empty() || *end) return Error::usage_at("/params", id + "." + name + " expects a number; found '" + value + "'");
      v = Value::number(d);
    } else if (p.expr->type.kind == Type::Bool) {
      if (value != "true" && value != "false") return Error::usage_at("/params", id + "." + name + " expects true or false");
      v = Value::boolean(value == "true");
    }
    out.overrides_.push_back({r, p.slot, std::move(v)});
    return Ok{};
  }
  std::vector<std::string> names;
  for (const auto& p : r->params) names.push_back(p.name);
  if (names.empty()) return Error::usage_at("/params", "rule '" + id + "' has no parameters");
  std::string hint = text::did_you_mean(name, names);
  if (hint.empty()) hint = "; its parameters are " + text::join(names, ", ");
  return Error::usage_at("/params", "rule '" + id + "' has no parameter '" + name + "'" + hint);
}

const Value* Params::find(const Rule& rule, int slot) const {
  const Value* found = nullptr;  // the last override of a parameter wins, as on a command line
  for (const auto& o : overrides_)
    if (o.rule == &rule && o.slot == slot) found = &o.value;
  return found;
}

}  // namespace seam::rules
