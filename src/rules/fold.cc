#include "rules/fold.h"

#include <algorithm>
#include <functional>

#include "doc/descriptor.h"
#include "doc/pointer.h"

namespace seam::rules {
namespace {

// Whether a location names one field: not a whole document, and not a list with entries,
// which a rule names as "the other side" of many items that need not be about the same
// thing. An empty list is a field that was not filled in, as the missing checks report it.
bool names_a_field(const Subject& s, const Location& l) {
  if (l.pointer.empty()) return false;
  auto d = doc::descriptor_from_id(l.descriptor);
  const doc::Node* root = d ? s.roots[static_cast<int>(*d)] : nullptr;
  const doc::Node* n = root ? doc::resolve(*root, l.pointer) : nullptr;
  return !n || n->kind != doc::Kind::Array || n->items.empty();  // an absent field is a field too
}

bool inside(const std::string& inner, const std::string& outer) {
  return inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 && inner[outer.size()] == '/';
}

// Two items are about the same field when a location of one is, or lies inside, a location
// of the other.
bool same_field(const Subject& s, const Item& a, const Item& b) {
  for (const auto& x : a.locations)
    for (const auto& y : b.locations)
      if (x.descriptor == y.descriptor && (x.pointer == y.pointer || inside(x.pointer, y.pointer) || inside(y.pointer, x.pointer)) &&
          names_a_field(s, x) && names_a_field(s, y))
        return true;
  return false;
}

// Moves each item of `sub` that is about the same field as an item of `main` into that
// item's related list, with whatever was already folded into it.
void fold_into(const Subject& s, Finding& main, Finding& sub) {
  std::vector<Item> keep;
  for (auto& item : sub.items) {
    auto host = std::find_if(main.items.begin(), main.items.end(), [&](const Item& m) { return same_field(s, m, item); });
    if (host == main.items.end()) {
      keep.push_back(std::move(item));
      continue;
    }
    host->related.push_back({sub.rule, sub.severity, std::move(item.text), std::move(item.locations)});
    for (auto& r : item.related) host->related.push_back(std::move(r));
  }
  sub.items = std::move(keep);
}

}  // namespace

// Subsumed rules fold first, so a chain ends up in its head.
void fold_subsumed(const Subject& s, std::vector<Finding>& out, const std::vector<const Rule*>& rules) {
  std::vector<size_t> order;
  std::vector<bool> seen(out.size());
  std::function<void(size_t)> visit = [&](size_t i) {
    if (seen[i]) return;
    seen[i] = true;
    for (const auto& ref : rules[i]->subsumes)
      for (size_t j = 0; j < out.size(); ++j)
        if (out[j].rule == ref.id) visit(j);
    order.push_back(i);
  };
  for (size_t i = 0; i < out.size(); ++i) visit(i);
  for (const size_t m : order)
    for (const auto& ref : rules[m]->subsumes)
      for (auto& f : out)
        if (f.rule == ref.id) fold_into(s, out[m], f);
  std::erase_if(out, [](const Finding& f) { return f.items.empty(); });
}

}  // namespace seam::rules
