#include "rules/engine.h"

#include <algorithm>
#include <numeric>

#include "doc/descriptor.h"
#include "rules/budget.h"
#include "rules/fold.h"
#include "rules/missing.h"
#include "rules/text_facts.h"

namespace seam::rules {
namespace {

// The node each location of a finding was made from, and its descriptor, per item: the
// pointers are spelled out for all findings at the end (PointerResolver). A null node where
// the location's pointer is already known.
struct Placed {
  const doc::Node* node = nullptr;
  int doc = -1;
};
using ItemNodes = std::vector<std::vector<Placed>>;

// Runs the rules of one analysis, one after the other: its buffers are reused from rule to
// rule, since most rules produce nothing and allocating them cost more than running them.
class RuleRunner : public LazyLets {
 public:
  RuleRunner(const Subject& subject, const Params& params) : subject_(subject), params_(params) {}

  std::vector<Item> run(const Rule& rule, ItemNodes& nodes) {
    rule_ = &rule;
    env_.assign(rule.slots, Value());
    for (int d = 0; d < doc::kDescriptorCount; ++d) env_[d] = Value::of(subject_.roots[d], d);
    for (const auto& p : rule.params) {
      const Value* given = params_.find(rule, p.slot);
      env_[p.slot] = given ? *given : p.expr->literal;
    }
    let_of_slot_.assign(rule.slots, -1);
    for (size_t i = 0; i < rule.lets.size(); ++i) let_of_slot_[rule.lets[i].slot] = static_cast<int>(i);
    if (let_evidence_.size() < rule.lets.size()) let_evidence_.resize(rule.lets.size());
    for (auto& e : let_evidence_) e.clear();
    LazyLets* outer = LazyLets::install(this);
    take_evidence();
    // Lets are computed when first read (LazyLets); those that read no loop variable keep
    // their value, and the evidence it rests on, from item to item.
    for (const auto& l : rule.lets) env_[l.slot] = Value::pending();
    loop(0);
    LazyLets::install(outer);
    nodes = std::move(nodes_);
    nodes_.clear();
    return std::exchange(items_, {});
  }

  void force(int slot, std::vector<Value>& env) override {
    const auto i = static_cast<size_t>(let_of_slot_[slot]);
    const size_t mark = evidence_mark();
    env[slot] = evaluate(*rule_->lets[i].expr, env);
    take_evidence_since(mark, let_evidence_[i]);
  }

 private:
  void loop(size_t level) {
    if (level == rule_->for_each.size()) return test();
    const Binding& b = rule_->for_each[level];
    const Value list = evaluate(*b.expr, env_);
    for (size_t i = 0; i < list.size() && list.type() == Value::Type::List && !EvalBudget::exhausted(); ++i) {
      env_[b.slot] = list.at(i);
      loop(level + 1);
    }
  }

  void test() {
    for (size_t i = 0; i < rule_->lets.size(); ++i)
      if (!rule_->lets[i].hoisted) env_[rule_->lets[i].slot] = Value::pending(), let_evidence_[i].clear();
    const bool fires = truthy(evaluate(*rule_->when, env_)) && !EvalBudget::exhausted();
    std::vector<EvidenceRef> decided = take_evidence();
    if (!fires) return;
    // An item reports every let, and rests on the evidence of them all: the lets that read no
    // loop variable first, then the others, in the order they are written, then the condition.
    for (const auto& l : rule_->lets)
      if (env_[l.slot].is_pending()) force(l.slot, env_);
    std::vector<EvidenceRef> evidence;
    for (const bool hoisted : {true, false})
      for (size_t i = 0; i < rule_->lets.size(); ++i)
        if (rule_->lets[i].hoisted == hoisted) evidence.insert(evidence.end(), let_evidence_[i].begin(), let_evidence_[i].end());
    evidence.insert(evidence.end(), decided.begin(), decided.end());
    Item item;
    nodes_.emplace_back();
    item.text = rule_->item.literals[0];
    for (size_t i = 0; i < rule_->item.holes.size(); ++i)
      item.text += evaluate(*rule_->item.holes[i], env_).to_text() + rule_->item.literals[i + 1];
    // Objects, and lets named with a leading '_' (sections gathered for a text rule), are
    // working values, not what the item is about.
    for (const auto& l : rule_->lets)
      if (env_[l.slot].type() != Value::Type::Object && l.name[0] != '_') item.values.push_back({l.name, env_[l.slot].to_json()});
    if (rule_->locate.empty()) {
      for (const auto& b : rule_->for_each) add_location(item, env_[b.slot]);
    } else {
      for (const auto& e : rule_->locate) add_location(item, evaluate(*e, env_));
    }
    take_evidence();  // what the item text and locations read is not what the rule decided on
    add_evidence(item, evidence);
    items_.push_back(std::move(item));
  }

  // The words a text rule relied on: quoted, and their fields added to the item's places.
  void add_evidence(Item& item, const std::vector<EvidenceRef>& evidence) {
    std::vector<const EvidenceRef*> kept;
    for (const auto& e : evidence) {
      const bool seen = std::any_of(kept.begin(), kept.end(), [&](const EvidenceRef* k) {
        return k->node == e.node && k->fact.begin == e.fact.begin && k->fact.name() == e.fact.name();
      });
      if (!seen) kept.push_back(&e);
    }
    // Locations first: nodes_ holds the locations' nodes, then the evidence's.
    for (const auto* e : kept)
      if (e->node) add_location(item, Value::of(e->node, e->doc));
    for (const auto* e : kept) {
      item.evidence.push_back({e->fact.name(), e->quote, e->node ? quote_location(*e) : Location{}});
      nodes_.back().push_back(e->node && subject_.roots[e->doc] ? Placed{e->node, e->doc} : Placed{});
    }
  }

  // The quote's own line and column where the text value is written plainly in its file
  // (no escapes or folded lines before the quote), else the value's.
  Location quote_location(const EvidenceRef& e) const {
    Location loc = locate(subject_, e.doc, e.node, {});
    const doc::Source* src = subject_.sources[e.doc];
    if (!src) return loc;
    uint32_t at = e.node->offset;
    const std::string& text = src->text();
    if (at < text.size() && (text[at] == '"' || text[at] == '\'')) ++at;
    if (text.compare(at, e.fact.begin, e.node->text, 0, e.fact.begin) == 0) {
      const auto lc = src->locate(at + e.fact.begin);
      loc.line = lc.line;
      loc.column = lc.column;
    }
    return loc;
  }

  void add_location(Item& item, const Value& v) {
    if (!v.node() && v.type() == Value::Type::List) {  // a computed list: each element's place
      for (size_t i = 0; i < v.size(); ++i) add_location(item, v.at(i));
      return;
    }
    if (!v.node() || v.doc() < 0) return;
    auto& nodes = nodes_.back();
    // One place once, and the most precise one: a language inside a model component is
    // located at the language, not also at the component around it.
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (!nodes[i].node || nodes[i].doc != v.doc()) continue;
      if (within(*v.node(), nodes[i].node)) return;
      if (within(*nodes[i].node, v.node())) {
        nodes.erase(nodes.begin() + static_cast<std::ptrdiff_t>(i));
        item.locations.erase(item.locations.begin() + static_cast<std::ptrdiff_t>(i--));
      }
    }
    item.locations.push_back(locate(subject_, v.doc(), v.node(), {}));
    nodes.push_back(subject_.roots[v.doc()] ? Placed{v.node(), v.doc()} : Placed{});
  }

  // Whether `inner` is `outer` or lies inside it.
  static bool within(const doc::Node& outer, const doc::Node* inner) {
    if (&outer == inner) return true;
    for (const auto& i : outer.items)
      if (within(i, inner)) return true;
    for (const auto& m : outer.members)
      if (within(m.value, inner)) return true;
    return false;
  }

  const Subject& subject_;
  const Params& params_;
  const Rule* rule_ = nullptr;
  std::vector<Value> env_;
  std::vector<Item> items_;
  ItemNodes nodes_;  // per item: the nodes of its locations, then of its evidence
  std::vector<int> let_of_slot_;                        // the let bound to each slot, or -1
  std::vector<std::vector<EvidenceRef>> let_evidence_;  // what each let's value rests on
};

Finding finding_for(const Rule& r) {
  Finding f;
  f.rule = r.info.id;
  f.tec_rule = r.info.tec_rule;
  f.kind = r.info.kind;
  f.severity = r.info.severity;
  f.category = r.info.category;
  f.subcategory = r.info.subcategory;
  f.message = r.info.message;
  f.rationale = r.info.rationale;
  f.reads = r.reads;
  f.from_text = r.from_text;
  return f;
}

}  // namespace

Location locate(const Subject& s, int doc, const doc::Node* node, std::string pointer) {
  Location loc;
  loc.descriptor = std::string(doc::descriptor_id(doc::kAllDescriptors[doc]));
  loc.file = s.files[doc];
  if (node && s.roots[doc]) {
    if (s.sources[doc]) {
      const auto lc = s.sources[doc]->locate(node->offset);
      loc.line = lc.line;
      loc.column = lc.column;
    }
  }
  loc.pointer = std::move(pointer);
  return loc;
}

namespace {

// Appends to `path` the JSON pointer of `target` below `n`, found by offsets: children lie in
// the source in document order, so the child that holds the target's offset is found by
// binary search, a few steps per level. False where the offsets lead elsewhere (YAML aliases
// copy subtrees together with their offsets; a null may sit where its successor starts).
bool descend(const doc::Node& n, const doc::Node* target, std::string& path) {
  if (&n == target) return true;
  const uint32_t at = target->offset;
  if (n.kind == doc::Kind::Array && !n.items.empty()) {
    auto it = std::upper_bound(n.items.begin(), n.items.end(), at, [](uint32_t o, const doc::Node& c) { return o < c.offset; });
    if (it == n.items.begin()) return false;
    --it;
    path += '/';
    path += std::to_string(it - n.items.begin());
    return descend(*it, target, path);
  }
  if (n.kind == doc::Kind::Object && !n.members.empty()) {
    auto it = std::upper_bound(n.members.begin(), n.members.end(), at,
                               [](uint32_t o, const doc::Member& m) { return o < m.key_offset; });
    if (it == n.members.begin()) return false;
    --it;
    path += '/';
    for (const char c : it->key) c == '~' ? path += "~0" : c == '/' ? path += "~1" : path += c;
    return descend(it->value, target, path);
  }
  return false;
}

// Fills in the pointer of every location that names a node: by descent where it finds the
// node, else with one walk per document. Nodes lie in the source in document order, so the
// walk skips a subtree whose offset range holds no wanted node; a full walk picks up anything
// that pruning missed.
class PointerResolver {
 public:
  // nodes[f][i][l] is the node of findings[f].items[i].locations[l], or null.
  void resolve(const Subject& s, std::vector<Finding>& findings, const std::vector<ItemNodes>& nodes) {
    std::array<std::vector<std::pair<const doc::Node*, std::string*>>, doc::kDescriptorCount> missed;
    for (size_t f = 0; f < findings.size(); ++f)
      for (size_t i = 0; i < findings[f].items.size(); ++i)
        for (size_t l = 0; l < nodes[f][i].size(); ++l) {
          const Placed& p = nodes[f][i][l];
          if (!p.node) continue;
          Item& item = findings[f].items[i];
          const size_t n = item.locations.size();
          std::string& pointer = l < n ? item.locations[l].pointer : item.evidence[l - n].location.pointer;
          std::string path;
          if (descend(*s.roots[p.doc], p.node, path)) pointer = std::move(path);
          else missed[p.doc].push_back({p.node, &pointer});
        }
    for (int d = 0; d < doc::kDescriptorCount; ++d) {
      if (missed[d].empty()) continue;
      wanted_ = std::move(missed[d]);
      offsets_.clear();
      for (const auto& w : wanted_) offsets_.push_back(w.first->offset);
      std::sort(wanted_.begin(), wanted_.end());
      std::sort(offsets_.begin(), offsets_.end());
      found_ = 0;
      walk(*s.roots[d], UINT32_MAX, true);
      if (found_ < wanted_.size()) walk(*s.roots[d], UINT32_MAX, false);
    }
  }

 private:
  bool any_within(uint32_t begin, uint32_t end) const {
    auto it = std::lower_bound(offsets_.begin(), offsets_.end(), begin);
    return it != offsets_.end() && *it < end;
  }

  // Keeps the path as (parent, child index) steps and spells it out only at a wanted node.
  void walk(const doc::Node& n, uint32_t end, bool prune) {
    if (prune && !any_within(n.offset, end)) return;
    auto it = std::lower_bound(wanted_.begin(), wanted_.end(), std::pair<const doc::Node*, std::string*>{&n, nullptr});
    for (; it != wanted_.end() && it->first == &n; ++it, ++found_) *it->second = spell();
    for (size_t i = 0; i < n.items.size(); ++i) {
      trail_.emplace_back(&n, i);
      walk(n.items[i], i + 1 < n.items.size() ? n.items[i + 1].offset : end, prune);
      trail_.pop_back();
    }
    for (size_t i = 0; i < n.members.size(); ++i) {
      trail_.emplace_back(&n, i);
      walk(n.members[i].value, i + 1 < n.members.size() ? n.members[i + 1].key_offset : end, prune);
      trail_.pop_back();
    }
  }

  std::string spell() const {
    std::string path;
    for (const auto& [node, i] : trail_) {
      path += '/';
      if (node->kind == doc::Kind::Array) {
        path += std::to_string(i);
        continue;
      }
      for (const char c : node->members[i].key) c == '~' ? path += "~0" : c == '/' ? path += "~1" : path += c;
    }
    return path;
  }

  std::vector<std::pair<const doc::Node*, std::string*>> wanted_;
  std::vector<uint32_t> offsets_;
  std::vector<std::pair<const doc::Node*, size_t>> trail_;
  size_t found_ = 0;
};

}  // namespace

Subject subject_of(const doc::Project& project) {
  Subject s;
  for (const auto& d : project.documents) {
    if (!d.root) continue;
    const int i = static_cast<int>(d.descriptor);
    s.roots[i] = &*d.root;
    s.sources[i] = d.source.get();
    s.files[i] = d.path;
  }
  return s;
}

Error over_budget(const Rule& r, uint64_t limit) {
  Error e = Error::invalid("rule '" + r.info.id + "' stopped after " + std::to_string(limit) +
                           " evaluation steps: its loops or computed lists grow too large on this project");
  e.file = r.file;
  e.line = r.line;
  return e;
}

std::vector<Finding> analyse(const Catalogue& catalogue, const Subject& subject, const Params& params,
                             std::vector<Error>* errors) {
  struct Found {
    const Rule* rule;
    Finding finding;
    ItemNodes nodes;
  };
  std::vector<Found> found;
  const TextFactScope text_facts;
  RuleRunner runner(subject, params);
  for (const auto& r : catalogue.rules()) {
    std::vector<Item> items;
    ItemNodes nodes;
    EvalBudget budget;
    if (r->info.kind == FindingKind::Missing) {
      items = missing_items(*r, subject);
      for (const auto& i : items) nodes.emplace_back(i.locations.size());  // pointers known
    } else {
      const bool ready = std::all_of(r->requires_docs.begin(), r->requires_docs.end(), [&](int d) { return subject.roots[d]; });
      if (ready) items = runner.run(*r, nodes);
    }
    if (budget.spent()) {
      if (errors) errors->push_back(over_budget(*r, budget.limit()));
      continue;
    }
    if (items.empty()) continue;
    Finding f = finding_for(*r);
    f.items = std::move(items);
    found.push_back({r.get(), std::move(f), std::move(nodes)});
  }
  // Sorted by index, so that each finding moves once.
  std::vector<size_t> order(found.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t i, size_t j) {
    const Found& a = found[i];
    const Found& b = found[j];
    if (a.finding.severity != b.finding.severity) return a.finding.severity < b.finding.severity;
    if (a.finding.kind != b.finding.kind) return a.finding.kind < b.finding.kind;
    return a.finding.kind == FindingKind::Missing && a.rule->importance > b.rule->importance;
  });
  std::vector<Finding> out;
  std::vector<ItemNodes> nodes;
  std::vector<const Rule*> rules;
  out.reserve(found.size());
  nodes.reserve(found.size());
  rules.reserve(found.size());
  for (const size_t i : order) {
    out.push_back(std::move(found[i].finding));
    nodes.push_back(std::move(found[i].nodes));
    rules.push_back(found[i].rule);
  }
  PointerResolver().resolve(subject, out, nodes);
  fold_subsumed(subject, out, rules);
  return out;
}

}  // namespace seam::rules
