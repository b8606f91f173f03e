// Findings for a project held in the store: its current (non-draft) documents are checked
// with the same use-case as `seam check`, and the result is cached per project revision.
//
// Thread safety: check() may run in any number of threads at once; the cache locks itself.
#pragma once

#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "api/check.h"
#include "store/store.h"
#include "util/fs.h"

namespace seam::server {

struct Checked {
  api::CheckResult result;
  std::string json;  // the report as `seam check --format json` writes it
};

class Analysis {
 public:
  explicit Analysis(api::Analyzer analyzer);

  // Checks the documents as they stand at `revision` of project `project_id` (named `name`
  // in the report). A result for the same project, revision and day comes from the cache.
  Result<std::shared_ptr<const Checked>> check(int64_t project_id, int64_t revision, const std::string& name,
                                               const std::vector<store::Document>& documents);
  // The cached result for the project at `revision` today, or null: lets a reader skip
  // loading the documents when the findings are at hand.
  std::shared_ptr<const Checked> cached(int64_t project_id, int64_t revision);
  // Checks without caching: for a state that is not committed yet (inside a write).
  Result<std::shared_ptr<const Checked>> check_uncached(const std::string& name,
                                                        const std::vector<store::Document>& documents) const;
  // Keeps a result computed for a state that has since been committed.
  void remember(int64_t project_id, int64_t revision, std::shared_ptr<const Checked> checked);

  // The analyzer every check uses, for the readiness gates (which must see the same findings).
  const api::Analyzer& analyzer() const { return analyzer_; }

  uint64_t hits() const;
  uint64_t misses() const;

 private:
  using Key = std::tuple<int64_t, int64_t, std::string>;  // project, revision, day
  void put(Key key, std::shared_ptr<const Checked> value);

  api::Analyzer analyzer_;
  mutable std::mutex mu_;
  std::map<Key, std::pair<std::shared_ptr<const Checked>, std::list<Key>::iterator>> cache_;
  std::list<Key> order_;  // most recently used first
  uint64_t hits_ = 0, misses_ = 0;
};

// The project revision that `documents`, read from the store in one call, stand at: the
// newest of their heads' project revisions (every write makes a head). Read paths key the
// cache with it rather than with the project's row, read a moment earlier, so that a write by
// another process in between cannot leave findings of one state under another's revision.
int64_t revision_of(const std::vector<store::Document>& documents);

// The project's current documents as files in memory, under the directory `name`, the way
// `seam pull` writes them: DESCRIPTOR.yaml or .json, waivers.yaml; and the TRL cards where
// `seam trl` reads them, trl/COMPONENT.yaml. Profiles are not files of a project.
MemoryFileSystem project_files(const std::string& name, const std::vector<store::Document>& documents);

}  // namespace seam::server
