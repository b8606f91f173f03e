#include "rules/fold.h"

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>

#include "doc/descriptor.h"
#include "doc/pointer.h"

namespace seam::rules {
namespace {

// Whether a location names one field: not a whole document, and not a list with entries,
// which a rule names as "the other side" of many items that need not be about the same
// thing. A blank list is a field that was not filled in, as the missing checks report it.
bool names_a_field(const Subject& s, const Location& l) {
  if (l.pointer.empty()) return false;
  auto d = doc::descriptor_from_id(l.descriptor);
  const doc::Node* root = d ? s.roots[static_cast<int>(*d)] : nullptr;
  const doc::Node* n = root ? doc::resolve(*root, l.pointer) : nullptr;
  return !n || n->kind != doc::Kind::Array || n->is_blank();  // an absent field is a field too
}

// Where the items of a finding are, for looking up the first one about the same field as
// another item: one about the same field has a location that is, lies inside, or holds a
// location of the other, in the same descriptor. Keys are "descriptor\npointer".
class FieldIndex {
 public:
  FieldIndex(const Subject& s, const std::vector<Item>& items) : s_(s) {
    for (size_t i = 0; i < items.size(); ++i)
      for (const auto& x : items[i].locations) {
        if (!names_a_field(s, x)) continue;
        const std::string key = x.descriptor + "\n" + x.pointer;
        exact_.emplace(key, i);  // the first item wins, as a search in order would find it
        for (size_t cut = key.rfind('/'); cut != std::string::npos && cut > x.descriptor.size() + 1; cut = key.rfind('/', cut - 1))
          holds_.emplace(key.substr(0, cut), i);  // an item inside key[0, cut)
      }
  }

  // The first item about the same field as `item`, or npos.
  size_t host(const Item& item) const {
    size_t best = std::string::npos;
    auto take = [&](const std::unordered_map<std::string, size_t>& m, const std::string& key) {
      if (auto it = m.find(key); it != m.end()) best = std::min(best, it->second);
    };
    for (const auto& y : item.locations) {
      if (!names_a_field(s_, y)) continue;
      const std::string key = y.descriptor + "\n" + y.pointer;
      take(exact_, key);
      take(holds_, key);  // an item that lies inside y
      for (size_t cut = key.rfind('/'); cut != std::string::npos && cut > y.descriptor.size() + 1; cut = key.rfind('/', cut - 1))
        take(exact_, key.substr(0, cut));  // an item that y lies inside
    }
    return best;
  }

 private:
  const Subject& s_;
  std::unordered_map<std::string, size_t> exact_, holds_;
};

// Moves each item of `sub` that is about the same field as an item of `main` into that
// item's related list, with whatever was already folded into it. Indexed, because a list of
// thousands of entries gives findings of thousands of items on each side.
void fold_into(const Subject& s, Finding& main, Finding& sub) {
  const FieldIndex index(s, main.items);
  std::vector<Item> keep;
  for (auto& item : sub.items) {
    const size_t host = index.host(item);
    if (host == std::string::npos) {
      keep.push_back(std::move(item));
      continue;
    }
    Item& h = main.items[host];
    h.related.push_back({sub.rule, sub.severity, std::move(item.text), std::move(item.locations)});
    for (auto& r : item.related) h.related.push_back(std::move(r));
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
