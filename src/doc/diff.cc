#include "doc/diff.h"

#include <cmath>
#include <unordered_map>

#include "doc/parse.h"
#include "doc/pointer.h"
#include "doc/source.h"
#include "util/text.h"

namespace seam::doc {
namespace {

// Finds an object's members by key. Small objects (almost all of a descriptor) are scanned;
// large ones get a hash table, so that an object of n keys costs O(n), not O(n^2).
class KeyIndex {
 public:
  explicit KeyIndex(const Node& object) : members_(object.members) {
    if (members_.size() <= kScanLimit) return;
    table_.reserve(members_.size());
    for (size_t i = 0; i < members_.size(); ++i) table_.emplace(members_[i].key, i);
  }
  // The member's index, or npos.
  size_t find(std::string_view key) const {
    if (members_.size() > kScanLimit) {
      auto it = table_.find(key);
      return it == table_.end() ? npos : it->second;
    }
    for (size_t i = 0; i < members_.size(); ++i)
      if (members_[i].key == key) return i;
    return npos;
  }
  static constexpr size_t npos = static_cast<size_t>(-1);

 private:
  static constexpr size_t kScanLimit = 16;
  const std::vector<Member>& members_;
  std::unordered_map<std::string_view, size_t> table_;
};

bool same_scalar(const Node& a, const Node& b) {
  // Node::equals follows JSON Schema, where NaN (a YAML .nan) is unequal to itself; an
  // unchanged .nan is no change.
  if (a.kind == Kind::Float && b.kind == Kind::Float && std::isnan(a.number) && std::isnan(b.number)) return true;
  return a.equals(b);
}

class Differ {
 public:
  Diff take() { return std::move(out_); }

  void compare(const Node& a, const Node& b) {
    if (a.kind == Kind::Object && b.kind == Kind::Object) return objects(a, b);
    if (a.kind == Kind::Array && b.kind == Kind::Array) return arrays(a, b);
    if (a.kind == Kind::Object || a.kind == Kind::Array || !same_scalar(a, b)) emit(ChangeOp::Changed, &a, &b);
  }

 private:
  void objects(const Node& a, const Node& b) {
    const KeyIndex old_keys(a);
    std::vector<char> kept(a.members.size(), 0);
    for (const auto& m : b.members) {
      path_.push(m.key);
      if (size_t i = old_keys.find(m.key); i == KeyIndex::npos) {
        emit(ChangeOp::Added, nullptr, &m.value);
      } else {
        kept[i] = 1;
        compare(a.members[i].value, m.value);
      }
      path_.pop();
    }
    for (size_t i = 0; i < a.members.size(); ++i) {
      if (kept[i]) continue;
      path_.push(a.members[i].key);
      emit(ChangeOp::Removed, &a.members[i].value, nullptr);
      path_.pop();
    }
  }

  void arrays(const Node& a, const Node& b) {
    for (size_t i = 0; i < std::max(a.items.size(), b.items.size()); ++i) {
      path_.push(i);
      if (i >= a.items.size()) emit(ChangeOp::Added, nullptr, &b.items[i]);
      else if (i >= b.items.size()) emit(ChangeOp::Removed, &a.items[i], nullptr);
      else compare(a.items[i], b.items[i]);
      path_.pop();
    }
  }

  void emit(ChangeOp op, const Node* before, const Node* after) {
    Change c;
    c.op = op;
    c.pointer = path_.pointer();
    if (before) c.before = to_json(*before);
    if (after) c.after = to_json(*after);
    out_.push_back(std::move(c));
  }

  PathStack path_;
  Diff out_;
};

Result<Node> parse_text(std::string path, std::string text) {
  if (text.size() > kMaxDescriptorBytes) {
    Error e = Error::invalid("text is " + text::mib(text.size()) + "; descriptors are limited to " +
                             text::mib(kMaxDescriptorBytes));
    e.file = std::move(path);
    return e;
  }
  auto src = make_source(std::move(path), std::move(text));
  if (!src.ok()) return std::move(src).take_error();
  return parse(src.value());
}

}  // namespace

std::string_view op_name(ChangeOp op) {
  switch (op) {
    case ChangeOp::Added: return "added";
    case ChangeOp::Removed: return "removed";
    case ChangeOp::Changed: return "changed";
  }
  return "?";
}

Diff diff(const Node& before, const Node& after) {
  Differ d;
  d.compare(before, after);
  return d.take();
}

Result<Diff> diff_texts(std::string before_path, std::string before_text, std::string after_path,
                        std::string after_text) {
  auto before = parse_text(std::move(before_path), std::move(before_text));
  if (!before.ok()) return std::move(before).take_error();
  auto after = parse_text(std::move(after_path), std::move(after_text));
  if (!after.ok()) return std::move(after).take_error();
  return diff(before.value(), after.value());
}

}  // namespace seam::doc
