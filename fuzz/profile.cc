// A profile JSON file (`seam profile -o`), as `seam drift` and `seam profile --merge` read it:
// loaded, merged with itself, and written again. What seam writes it must read back, and
// writing what it read must not change it.
#include "fuzz.h"
#include "stats/profile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seam;
  const std::string path = "fuzz.profile.json";
  auto profile = stats::profile_from_json(path, fuzz::text(data, size));
  if (!profile.ok()) {
    fuzz::expect_named(profile.error(), path);
    return 0;
  }
  const std::string written = stats::to_json(profile.value());
  auto reread = stats::profile_from_json("written.json", written);
  if (!reread.ok()) fuzz::broken("a profile seam writes, it reads", reread.error());
  if (stats::to_json(reread.value()) != written) {
    std::fprintf(stderr, "broken promise: a profile changes when written again\n%s\n", written.c_str());
    std::abort();
  }
  stats::Profile twice = profile.value();
  if (twice.merge(profile.value()).ok()) {
    auto merged = stats::profile_from_json("merged.json", stats::to_json(twice));
    if (!merged.ok()) fuzz::broken("a merged profile reads back", merged.error());
  }
  return 0;
}
