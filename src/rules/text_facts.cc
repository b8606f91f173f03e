#include "rules/text_facts.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>

namespace seam::rules {
namespace {

using Facts = std::vector<facts::Fact>;

// The facts of each text value for the length of one analysis, found by node, and by text so
// that a description copied from one descriptor into another is read once. Open addressing
// over arrays that a thread keeps from analysis to analysis: a new generation number empties
// them at once, and most values cost no allocation.
class FactCache {
 public:
  FactCache() : by_node_(1024), by_text_(1024) {}

  void clear() {
    ++generation_;
    nodes_ = texts_ = 0;
    facts_.clear();
  }

  const Facts& of(const doc::Node& n) {
    NodeSlot& slot = probe(by_node_, hash(&n), [&](const NodeSlot& x) { return x.node == &n; });
    if (slot.generation == generation_) return facts_[slot.facts];
    slot = {&n, generation_, text_facts(n.text)};
    const uint32_t at = slot.facts;
    if (2 * ++nodes_ > by_node_.size()) grow(by_node_, [](const NodeSlot& x) { return hash(x.node); });
    return facts_[at];
  }

 private:
  struct NodeSlot {
    const doc::Node* node = nullptr;
    uint32_t generation = 0;
    uint32_t facts = 0;  // index in facts_
  };
  struct TextSlot {
    uint64_t hash = 0;
    std::string_view text;
    uint32_t generation = 0;
    uint32_t facts = 0;
  };

  // The product's middle bits: its low bits depend only on the pointer's low bits.
  static uint64_t hash(const doc::Node* n) { return (reinterpret_cast<uintptr_t>(n) >> 3) * 0x9E3779B97F4A7C15ull >> 20; }

  // The slot of this generation that `is` accepts, or the empty slot where it would go.
  template <class Slot, class Is>
  Slot& probe(std::vector<Slot>& table, uint64_t hash, const Is& is) const {
    const size_t mask = table.size() - 1;
    size_t i = hash & mask;
    while (table[i].generation == generation_ && !is(table[i])) i = (i + 1) & mask;
    return table[i];
  }

  uint32_t text_facts(std::string_view text) {
    const uint64_t h = std::hash<std::string_view>()(text);
    TextSlot& slot = probe(by_text_, h, [&](const TextSlot& x) { return x.hash == h && x.text == text; });
    if (slot.generation == generation_) return slot.facts;
    const auto at = static_cast<uint32_t>(facts_.size());
    facts_.push_back(facts::extract(text));
    slot = {h, text, generation_, at};
    if (2 * ++texts_ > by_text_.size()) grow(by_text_, [](const TextSlot& x) { return x.hash; });
    return at;
  }

  // Doubles a table, keeping this generation's entries.
  template <class Slot, class Hash>
  void grow(std::vector<Slot>& table, const Hash& hash_of) {
    std::vector<Slot> old(table.size() * 2);
    old.swap(table);
    for (const Slot& x : old)
      if (x.generation == generation_) probe(table, hash_of(x), [](const Slot&) { return false; }) = x;
  }

  std::vector<NodeSlot> by_node_;
  std::vector<TextSlot> by_text_;
  size_t nodes_ = 0, texts_ = 0;  // this generation's entries
  uint32_t generation_ = 1;       // slots of other generations are empty
  std::deque<Facts> facts_;       // stable: callers hold references while reading more
};

struct State {
  FactCache cache;
  std::vector<EvidenceRef> evidence;
};

thread_local State* g_state = nullptr;

// The facts of computed strings, kept until the next text function starts, so that the
// pointers a function holds into them stay valid while it runs.
thread_local std::deque<Facts> g_computed;

const Facts& facts_of(const doc::Node& n) {
  if (!g_state) {
    thread_local Facts scratch;
    scratch = facts::extract(n.text);
    return scratch;
  }
  return g_state->cache.of(n);
}

void record(const doc::Node* node, int doc, std::string_view text, const facts::Fact& f) {
  if (!g_state) return;
  g_state->evidence.push_back({node, doc, f, std::string(text.substr(f.begin, f.end - f.begin))});
}

// Calls `visit(node, doc, text, facts)` for every text value in `v`: a string, or every
// string inside a list or object read from a descriptor. Stops when visit returns true.
template <class Visit>
bool each_text(const Value& v, const Visit& visit) {
  if (const doc::Node* n = v.node()) {
    if (n->kind == doc::Kind::String) return visit(n, v.doc(), std::string_view(n->text), facts_of(*n));
    for (const auto& i : n->items)
      if (each_text(Value::of(&i, v.doc()), visit)) return true;
    for (const auto& m : n->members)
      if (each_text(Value::of(&m.value, v.doc()), visit)) return true;
    return false;
  }
  if (v.type() == Value::Type::String) {
    g_computed.push_back(facts::extract(v.as_string()));
    return visit(nullptr, -1, v.as_string(), g_computed.back());
  }
  if (v.type() == Value::Type::List)
    for (size_t i = 0; i < v.size(); ++i)
      if (each_text(v.at(i), visit)) return true;
  return false;
}

// "kind:value" into its two parts; a bare "kind" matches every value of the kind.
std::pair<std::string_view, std::string_view> split_name(std::string_view name) {
  const size_t colon = name.find(':');
  if (colon == std::string_view::npos) return {name, {}};
  return {name.substr(0, colon), name.substr(colon + 1)};
}

// Whether fact f is the wanted "kind:value" (split_name), negated as asked.
bool is(const facts::Fact& f, const std::pair<std::string_view, std::string_view>& wanted, bool negated = false) {
  return f.negated == negated && f.kind == wanted.first && (wanted.second.empty() || f.value == wanted.second);
}

Value stated(const Value* a, bool negated) {
  g_computed.clear();
  if (a[1].type() != Value::Type::String) return {};
  // Not a structured binding: clang 15 cannot capture those in a lambda.
  const auto wanted = split_name(a[1].as_string());
  bool found = false;
  each_text(a[0], [&](const doc::Node* n, int doc, std::string_view text, const Facts& fs) {
    for (const auto& f : fs) {
      if (!is(f, wanted, negated)) continue;
      record(n, doc, text, f);
      found = true;
      return true;  // one quote is enough evidence
    }
    return false;
  });
  return Value::boolean(found);
}

// The first quantity of a dimension, not negated.
template <class Pick>
Value first_quantity(const Value* a, const Pick& pick) {
  g_computed.clear();
  if (a[1].type() != Value::Type::String) return {};
  const std::string_view dimension = a[1].as_string();
  Value out;
  each_text(a[0], [&](const doc::Node* n, int doc, std::string_view text, const Facts& fs) {
    for (const auto& f : fs) {
      if (f.kind != "quantity" || f.value != dimension) continue;
      record(n, doc, text, f);
      out = pick(f);
      return true;
    }
    return false;
  });
  return out;
}

// A fact with the text value it was read from.
struct Sourced {
  const doc::Node* node;
  int doc;
  std::string_view text;
  const facts::Fact* fact;
};

// What a fact says for conflicts(), without copying: a value within a family. Units are
// compared within their dimension ("speed", "km/h"); other kinds have one family. Nothing
// (an empty name) when the fact is not of `kind` or is negated. "unit:currency" asks for
// the units of one dimension only.
struct Said {
  std::string_view family, name;
};

Said said(const facts::Fact& f, std::string_view kind) {
  if (f.negated) return {};
  if (kind.substr(0, 4) == "unit") {
    const bool unit = f.kind == "unit" || (f.kind == "quantity" && !f.unit_name.empty());
    const std::string_view dimension = kind.size() > 5 ? kind.substr(5) : std::string_view();
    if (!unit || (!dimension.empty() && f.value != dimension)) return {};
    return {f.value, f.unit_name};
  }
  return f.kind == kind ? Said{{}, f.value} : Said{};
}

// Every fact in `v` (text, list or section), with where it was read: one walk, whatever
// kinds are asked for next.
void all_facts(const Value& v, std::vector<Sourced>& out) {
  out.clear();
  each_text(v, [&](const doc::Node* n, int doc, std::string_view text, const Facts& fs) {
    for (const auto& f : fs) out.push_back(Sourced{n, doc, text, &f});
    return false;
  });
}

}  // namespace

TextFactScope::TextFactScope() {
  thread_local State state;  // its tables are kept for the thread's next analysis
  state.cache.clear();
  state.evidence.clear();
  g_state = &state;
}
TextFactScope::~TextFactScope() { g_state = nullptr; }

std::vector<EvidenceRef> take_evidence() {
  if (!g_state) return {};
  return std::exchange(g_state->evidence, {});
}

size_t evidence_mark() { return g_state ? g_state->evidence.size() : 0; }

void take_evidence_since(size_t mark, std::vector<EvidenceRef>& out) {
  out.clear();
  if (!g_state || mark >= g_state->evidence.size()) return;
  auto& all = g_state->evidence;
  out.assign(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(mark)), std::make_move_iterator(all.end()));
  all.resize(mark);
}

Value f_says(const Value* a, size_t) { return stated(a, false); }
Value f_denies(const Value* a, size_t) { return stated(a, true); }

Value f_facts(const Value* a, size_t) {
  g_computed.clear();
  if (a[1].type() != Value::Type::String) return {};
  const std::string_view kind = a[1].as_string();
  std::vector<Value> values;
  each_text(a[0], [&](const doc::Node* n, int doc, std::string_view text, const Facts& fs) {
    for (const auto& f : fs) {
      if (f.kind != kind || f.negated) continue;
      const bool seen = std::any_of(values.begin(), values.end(), [&](const Value& v) { return v.as_string() == f.value; });
      if (!seen) values.push_back(Value::string(f.value)), record(n, doc, text, f);
    }
    return false;
  });
  return Value::list(std::move(values));
}

Value f_amount(const Value* a, size_t) {
  return first_quantity(a, [](const facts::Fact& f) { return Value::number(f.amount); });
}

Value f_unit_of(const Value* a, size_t) {
  return first_quantity(a, [](const facts::Fact& f) { return f.unit.empty() ? Value{} : Value::string(f.unit); });
}

// For each kind named in a[2], whether a and b both state something of that kind and share
// none of it: "clock: device vs server". Units are compared within a dimension.
Value f_conflicts(const Value* a, size_t) {
  g_computed.clear();
  if (a[2].type() != Value::Type::List) return {};
  thread_local std::vector<Sourced> left_all, right_all;  // kept: conflicts() runs in loops over fields
  all_facts(a[0], left_all);
  // Only what the first side says of the kinds asked can conflict: when it says nothing of
  // them, the second side need not be read.
  const bool any = std::any_of(left_all.begin(), left_all.end(), [&](const Sourced& x) {
    for (size_t k = 0; k < a[2].size(); ++k)
      if (a[2].at(k).type() == Value::Type::String && !said(*x.fact, a[2].at(k).as_string()).name.empty()) return true;
    return false;
  });
  static const Value none = Value::list({});
  if (!any) return none.borrowed();  // most calls: no allocation
  all_facts(a[1], right_all);
  std::vector<Value> out;
  for (size_t k = 0; k < a[2].size(); ++k) {
    if (a[2].at(k).type() != Value::Type::String) continue;
    const std::string_view kind = a[2].at(k).as_string();
    std::vector<std::pair<Said, const Sourced*>> left, right;
    for (const auto& x : left_all)
      if (const Said s = said(*x.fact, kind); !s.name.empty()) left.emplace_back(s, &x);
    if (left.empty()) continue;
    for (const auto& x : right_all)
      if (const Said s = said(*x.fact, kind); !s.name.empty()) right.emplace_back(s, &x);
    std::vector<std::string_view> families;
    for (const auto& l : left) {
      const std::string_view fam = l.first.family;
      if (std::find(families.begin(), families.end(), fam) != families.end()) continue;
      families.push_back(fam);
      std::string lv, rv;
      bool shared = false, any_right = false;
      std::vector<const Sourced*> cited;
      for (const auto* side : {&left, &right})
        for (const auto& entry : *side) {
          const Said& x = entry.first;  // not a structured binding: the lambda below captures it
          if (x.family != fam) continue;
          std::string& names = side == &left ? lv : rv;
          if (side == &right) {
            any_right = true;
            shared = shared || std::any_of(left.begin(), left.end(), [&](const auto& y) {
              return y.first.family == fam && y.first.name == x.name;
            });
          }
          const std::string name = fam.empty() ? std::string(x.name) : std::string(fam) + ":" + std::string(x.name);
          if (names.find(name) == std::string::npos) names += (names.empty() ? "" : ", ") + name;
          cited.push_back(entry.second);
        }
      if (shared || !any_right) continue;
      for (const Sourced* c : cited) record(c->node, c->doc, c->text, *c->fact);
      out.push_back(Value::string(std::string(kind) + ": " + lv + " vs " + rv));
    }
  }
  return Value::list(std::move(out));
}

// The quantity of a dimension written nearest to a fact, in each text value that states the
// fact: amount_near(policy, 'retention', 'duration') reads "kept for at most 24 months". Of
// several such values, a[3] picks the 'first' (the default), the 'min' or the 'max'.
Value f_amount_near(const Value* a, size_t n) {
  g_computed.clear();
  if (a[1].type() != Value::Type::String || a[2].type() != Value::Type::String) return {};
  const auto wanted = split_name(a[1].as_string());
  const std::string_view dimension = a[2].as_string();
  const std::string_view pick = n > 3 && a[3].type() == Value::Type::String ? a[3].as_string() : "first";
  std::optional<double> out;
  struct Kept {
    const doc::Node* node;
    int doc;
    std::string_view text;
    facts::Fact fact;
  };
  std::vector<Kept> kept;
  each_text(a[0], [&](const doc::Node* node, int doc, std::string_view text, const Facts& fs) {
    for (const auto& f : fs) {
      if (!is(f, wanted)) continue;
      const facts::Fact* best = nullptr;
      for (const auto& q : fs) {
        if (q.kind != "quantity" || q.value != dimension) continue;
        // Distance between the two spans; a sentence or clause between them counts for much.
        auto gap = [&](const facts::Fact& x) {
          const uint32_t from = std::min(x.end, f.end), to = std::max(x.begin, f.begin);
          const uint32_t d = to > from ? to - from : 0;
          const bool apart = to > from && text.substr(from, to - from).find_first_of(".;") != std::string_view::npos;
          return d + (apart ? 1000u : 0u);
        };
        if (!best || gap(q) < gap(*best)) best = &q;
      }
      if (!best) continue;
      const bool better = !out || (pick == "min" && best->amount < *out) || (pick == "max" && best->amount > *out);
      if (better) {
        out = best->amount;
        kept = {{node, doc, text, f}, {node, doc, text, *best}};
      }
      if (pick == "first") return true;
    }
    return false;
  });
  for (const auto& k : kept) record(k.node, k.doc, k.text, k.fact);
  return out ? Value::number(*out) : Value{};
}

namespace {

// The fact of every text value in a[0] that `better` prefers, recorded as evidence.
template <class Keep, class Better>
const facts::Fact* best_fact(const Value& v, const Keep& keep, const Better& better) {
  g_computed.clear();
  const facts::Fact* best = nullptr;
  Sourced where{};
  each_text(v, [&](const doc::Node* n, int doc, std::string_view text, const Facts& fs) {
    for (const auto& f : fs)
      if (keep(f) && (!best || better(f, *best))) best = &f, where = Sourced{n, doc, text, &f};
    return false;
  });
  if (best) record(where.node, where.doc, where.text, *best);
  return best;
}

}  // namespace

// The largest quantity of a dimension: the peak of "40 per second on average, 400 at peak".
Value f_peak(const Value* a, size_t) {
  if (a[1].type() != Value::Type::String) return {};
  const std::string_view dimension = a[1].as_string();
  const auto* f = best_fact(a[0], [&](const facts::Fact& x) { return x.kind == "quantity" && x.value == dimension; },
                            [](const facts::Fact& x, const facts::Fact& y) { return x.high > y.high; });
  return f ? Value::number(f->high) : Value{};
}

// The first and last days of the dates and periods written anywhere in a[0].
Value f_earliest(const Value* a, size_t) {
  const auto* f = best_fact(a[0], [](const facts::Fact& x) { return x.kind == "date"; },
                            [](const facts::Fact& x, const facts::Fact& y) { return x.low < y.low; });
  return f ? Value::number(f->low) : Value{};
}

Value f_latest(const Value* a, size_t) {
  const auto* f = best_fact(a[0], [](const facts::Fact& x) { return x.kind == "date"; },
                            [](const facts::Fact& x, const facts::Fact& y) { return x.high > y.high; });
  return f ? Value::number(f->high) : Value{};
}

// Whether one sentence of one text value in a[0] states both a[1] and a[2], neither negated:
// together(model, 'hardware:gpu', 'phase:serving') for "serving needs a GPU".
Value f_together(const Value* a, size_t) {
  g_computed.clear();
  if (a[1].type() != Value::Type::String || a[2].type() != Value::Type::String) return {};
  const auto first = split_name(a[1].as_string()), second = split_name(a[2].as_string());
  bool found = false;
  each_text(a[0], [&](const doc::Node* n, int doc, std::string_view text, const Facts& fs) {
    for (const auto& x : fs) {
      if (!is(x, first)) continue;
      for (const auto& y : fs) {
        if (!is(y, second)) continue;
        const uint32_t from = std::min(x.end, y.end), to = std::max(x.begin, y.begin);
        if (to > from && text.substr(from, to - from).find_first_of(".;\n") != std::string_view::npos) continue;
        record(n, doc, text, x);
        record(n, doc, text, y);
        return found = true;
      }
    }
    return false;
  });
  return Value::boolean(found);
}

}  // namespace seam::rules
