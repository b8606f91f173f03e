// Schema::unknown_fields: finds object members that the schema does not define.
//
// Kept apart from validation because an unknown field is not a violation of the schema
// (descriptors stay open for teams' own fields) but usually a typo, which the caller
// reports as a warning, or as an error when asked to be strict.
#include "doc/pointer.h"
#include "doc/schema.h"
#include "util/text.h"

namespace seam::doc {
namespace {

bool is_extension(std::string_view key) { return key.starts_with("x-"); }

// Whether every field an object may have is listed in `s.properties`. With combinators a
// field could be defined in a branch, so such a schema is treated as open.
bool closed(const SchemaNode& s) {
  return !s.properties.empty() && !s.additional_properties && s.all_of.empty() && s.any_of.empty() &&
         s.one_of.empty();
}

class UnknownFinder {
 public:
  explicit UnknownFinder(std::vector<Violation>& out) : out_(out) {}

  void walk(const SchemaNode& s, const Node& n) {
    if (n.kind == Kind::Object) walk_object(s, n);
    if (n.kind == Kind::Array) walk_array(s, n);
  }

 private:
  void walk_object(const SchemaNode& s, const Node& n) {
    for (const auto& m : n.members) {
      const SchemaNode* sub = s.property(m.key);
      if (!sub) sub = s.additional_properties.get();
      if (!sub && closed(s) && !is_extension(m.key)) report(s, m);
      if (!sub) continue;
      path_.push(m.key);
      walk(*sub, m.value);
      path_.pop();
    }
  }

  void walk_array(const SchemaNode& s, const Node& n) {
    for (size_t i = 0; i < n.items.size(); ++i) {
      const SchemaNode* sub = s.items.get();
      if (!s.tuple_items.empty()) sub = i < s.tuple_items.size() ? s.tuple_items[i].get() : s.additional_items.get();
      if (!sub) continue;
      path_.push(i);
      walk(*sub, n.items[i]);
      path_.pop();
    }
  }

  void report(const SchemaNode& s, const Member& m) {
    std::vector<std::string> known;  // deprecated fields are accepted but never suggested
    for (const auto& [name, sub] : s.properties)
      if (!sub->deprecated) known.push_back(name);
    std::string msg = "unknown field " + text::quote(m.key);
    if (auto guess = text::closest(m.key, known)) msg += " (did you mean '" + *guess + "'?)";
    else msg += ": seam does not read it (name your own fields x-...)";
    out_.push_back({path_.pointer_to(m.key), m.key_offset, std::move(msg)});
  }

  std::vector<Violation>& out_;
  PathStack path_;
};

}  // namespace

void Schema::unknown_fields(const Node& doc, std::vector<Violation>& out) const { UnknownFinder(out).walk(*root_, doc); }

}  // namespace seam::doc
