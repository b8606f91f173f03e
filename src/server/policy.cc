#include "server/policy.h"

#include <algorithm>

#include "doc/descriptor.h"
#include "doc/parse.h"
#include "store/store.h"
#include "util/json_writer.h"
#include "util/text.h"

namespace seam::server {

const std::vector<std::string>& policy_documents() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v = doc::descriptor_ids();
    for (const char* extra : {"waivers", "cards", "profiles"}) v.emplace_back(extra);
    return v;
  }();
  return names;
}

Policy Policy::defaults() {
  const std::set<std::string> ds = {"data_scientist"}, se = {"software_engineer"}, ops = {"operations"};
  Policy p;
  p.writers = {
      {"system_context", se},
      {"raw_data", ds},
      {"data_pipeline", ds},
      {"training_data", ds},
      {"trained_model", ds},
      {"development_environment", {"data_scientist", "software_engineer"}},
      {"production_environment", ops},
      {"production_data", ops},
      // A waiver accepts a known mismatch on the record; anyone who writes descriptors may
      // propose one, and it names who accepted it.
      {"waivers", {"data_scientist", "software_engineer", "operations"}},
      {"cards", {"data_scientist", "software_engineer", "operations"}},
      // Training data is profiled by data scientists, production data by operations.
      {"profiles", {"data_scientist", "operations"}},
  };
  return p;
}

Result<Policy> Policy::from_json(const std::string& json) {
  if (json.empty()) return defaults();
  auto src = doc::make_source("policy", json);
  if (!src.ok()) return src.error();
  auto root = doc::parse_json(src.value());
  if (!root.ok()) return root.error();
  if (root.value().kind != doc::Kind::Object) return Error::usage_at("", "the policy must be an object of document -> roles");
  Policy p = defaults();
  for (const auto& m : root.value().members) {
    const std::string at = "/" + m.key;
    if (std::find(policy_documents().begin(), policy_documents().end(), m.key) == policy_documents().end())
      return Error::usage_at(at, "unknown document '" + m.key + "'" + text::did_you_mean(m.key, policy_documents()));
    if (m.value.kind != doc::Kind::Array) return Error::usage_at(at, "expected a list of roles");
    std::set<std::string> writers;
    for (size_t i = 0; i < m.value.items.size(); ++i) {
      const auto& r = m.value.items[i];
      if (r.kind != doc::Kind::String || !store::valid_role(r.text))
        return Error::usage_at(at + "/" + std::to_string(i), "unknown role " + r.describe() + "; roles are " + text::join(store::roles(), ", "));
      writers.insert(r.text);
    }
    p.writers[m.key] = std::move(writers);
  }
  return p;
}

std::string Policy::to_json() const {
  JsonWriter w;
  w.begin_object();
  for (const auto& name : policy_documents()) {
    w.key(name).begin_array();
    auto it = writers.find(name);
    if (it != writers.end())
      for (const auto& r : it->second) w.value(r);
    w.end_array();
  }
  w.end_object();
  return w.str();
}

bool Policy::may_write(const std::string& role, const std::string& document) const {
  if (role == "owner") return true;
  auto it = writers.find(document);
  return it != writers.end() && it->second.count(role) > 0;
}

}  // namespace seam::server
