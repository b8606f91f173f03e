#include "api/profile.h"

namespace seam::api {

Result<stats::Profile> merge_profiles(const std::vector<std::string>& paths) {
  if (paths.empty()) return Error::usage("no profiles to merge");
  auto all = stats::read_profile(paths[0]);
  if (!all.ok()) return all;
  for (size_t i = 1; i < paths.size(); ++i) {
    auto p = stats::read_profile(paths[i]);
    if (!p.ok()) return p;
    if (auto st = all.value().merge(p.value()); !st.ok()) {
      Error e = st.error();
      if (e.file.empty()) e.file = paths[i];
      return e;
    }
  }
  return all;
}

}  // namespace seam::api
