// Who may do what in a project: roles, and the write policy that says which roles may write
// which document.
//
// Everybody in a project may read all of it; writing is per document. The default follows
// the study behind seam: data scientists own the data and model descriptors, software
// engineers the system context, operations the production side. The owner may write
// everything and manage members; only reviewers record readiness reviews.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "util/result.h"

namespace seam::server {

// Document name ("trained_model", "waivers", "cards", "profiles") -> roles that may write it,
// besides the owner, who always may.
struct Policy {
  std::map<std::string, std::set<std::string>> writers;

  static Policy defaults();
  // From the JSON the store keeps ("" is the default). Usage error, located by pointer, for
  // an unknown document name or role.
  static Result<Policy> from_json(const std::string& json);
  std::string to_json() const;

  bool may_write(const std::string& role, const std::string& document) const;
};

// The names a policy may mention: the eight descriptor ids, then "waivers", "cards", "profiles".
const std::vector<std::string>& policy_documents();

}  // namespace seam::server
