#include "server/analysis.h"

#include <algorithm>

#include "report/findings.h"
#include "util/date.h"

namespace seam::server {
namespace {
// Enough for every project of a large deployment to have its latest revision at hand;
// older revisions are recomputed on demand.
constexpr size_t kCacheEntries = 1024;
}  // namespace

int64_t revision_of(const std::vector<store::Document>& documents) {
  int64_t revision = 0;
  for (const auto& d : documents) revision = std::max(revision, d.head.project_revision);
  return revision;
}

MemoryFileSystem project_files(const std::string& name, const std::vector<store::Document>& documents) {
  MemoryFileSystem fs;
  (void)fs.make_directories(name);
  for (const auto& d : documents) {
    if (!d.current) continue;
    if (d.kind == store::DocKind::Descriptor)
      (void)fs.write(join_path(name, d.name + (d.current->format == "json" ? ".json" : ".yaml")), d.current->content);
    else if (d.kind == store::DocKind::Waivers)
      (void)fs.write(join_path(name, "waivers.yaml"), d.current->content);
    else if (d.kind == store::DocKind::Card)
      (void)fs.write(join_path(name, "trl/" + d.name + ".yaml"), d.current->content);
  }
  return fs;
}

Analysis::Analysis(api::Analyzer analyzer) : analyzer_(std::move(analyzer)) {
  // A new project has no descriptors yet; its findings are simply empty.
  analyzer_.load.allow_no_descriptors = true;
}

Result<std::shared_ptr<const Checked>> Analysis::check_uncached(const std::string& name,
                                                                const std::vector<store::Document>& documents) const {
  const MemoryFileSystem fs = project_files(name, documents);
  auto result = api::check_project(analyzer_, name, today_utc(), fs);
  if (!result.ok()) return std::move(result).take_error();
  auto out = std::make_shared<Checked>();
  out->result = std::move(result).value();
  // Compact: a third smaller than the indented form, which matters on every read of a busy server.
  out->json = report::findings_json(out->result.report, 0);
  return std::shared_ptr<const Checked>(std::move(out));
}

std::shared_ptr<const Checked> Analysis::cached(int64_t project_id, int64_t revision) {
  std::lock_guard lock(mu_);
  auto it = cache_.find(Key{project_id, revision, today_utc()});
  if (it == cache_.end()) return nullptr;
  ++hits_;
  order_.splice(order_.begin(), order_, it->second.second);
  return it->second.first;
}

Result<std::shared_ptr<const Checked>> Analysis::check(int64_t project_id, int64_t revision, const std::string& name,
                                                       const std::vector<store::Document>& documents) {
  if (auto hit = cached(project_id, revision)) return hit;
  {
    std::lock_guard lock(mu_);
    ++misses_;
  }
  auto checked = check_uncached(name, documents);
  if (checked.ok()) remember(project_id, revision, checked.value());
  return checked;
}

void Analysis::remember(int64_t project_id, int64_t revision, std::shared_ptr<const Checked> checked) {
  put({project_id, revision, today_utc()}, std::move(checked));
}

void Analysis::put(Key key, std::shared_ptr<const Checked> value) {
  std::lock_guard lock(mu_);
  if (auto it = cache_.find(key); it != cache_.end()) {
    it->second.first = std::move(value);
    return;
  }
  order_.push_front(key);
  cache_.emplace(std::move(key), std::make_pair(std::move(value), order_.begin()));
  if (cache_.size() > kCacheEntries) {
    cache_.erase(order_.back());
    order_.pop_back();
  }
}

uint64_t Analysis::hits() const {
  std::lock_guard lock(mu_);
  return hits_;
}

uint64_t Analysis::misses() const {
  std::lock_guard lock(mu_);
  return misses_;
}

}  // namespace seam::server
