// Linking a catalogue: the rule ids that rules name (subsumes) are checked once every rule
// they may name has loaded, and reported at their place in the rule file.
#include <algorithm>

#include "rules/rule.h"
#include "util/text.h"

namespace seam::rules {

std::vector<std::string> Catalogue::ids() const {
  std::vector<std::string> out;
  for (const auto& r : rules_) out.push_back(r->info.id);
  return out;
}

Status Catalogue::link(size_t first) const {
  for (size_t i = first; i < rules_.size(); ++i)
    if (auto st = link_one(*rules_[i]); !st.ok()) return st;
  return Ok{};
}

// Each subsumed rule exists, is no more severe than the rule subsuming it (folding must not
// hide an error inside a warning), and does not lead back to it.
Status Catalogue::link_one(const Rule& r) const {
  const doc::Source* src = nullptr;
  for (const auto& s : sources_)
    if (s->path() == r.file) src = s.get();
  for (const auto& ref : r.subsumes) {
    // Every rule with subsumes was read from one of sources_; the fallback only keeps a
    // broken invariant from becoming a null dereference.
    auto fail = [&](const std::string& msg) {
      if (src) return src->error_at(ref.offset, msg, ref.pointer);
      Error e = Error::invalid(msg);
      e.file = r.file;
      return e;
    };
    const Rule* target = find(ref.id);
    if (!target) {
      auto near = text::closest(ref.id, ids());
      return fail("no rule '" + ref.id + "' to subsume" + (near ? " (did you mean '" + *near + "'?)" : ""));
    }
    if (target == &r) return fail("a rule cannot subsume itself");
    if (target->info.severity < r.info.severity)
      return fail("'" + ref.id + "' is " + std::string(severity_name(target->info.severity)) + ", more severe than this " +
                  std::string(severity_name(r.info.severity)) + " rule; only a rule of the same or lower severity can be subsumed");
    std::vector<const Rule*> todo = {target};  // a cycle would fold two findings into each other
    for (size_t i = 0; i < todo.size() && todo.size() <= rules_.size(); ++i)
      for (const auto& next : todo[i]->subsumes) {
        const Rule* n = find(next.id);
        if (n == &r) return fail("'" + ref.id + "' already subsumes '" + r.info.id + "', directly or through other rules");
        if (n && std::find(todo.begin(), todo.end(), n) == todo.end()) todo.push_back(n);
      }
  }
  return Ok{};
}

}  // namespace seam::rules
