#include "api/drift.h"

#include <algorithm>
#include <fstream>

#include "doc/load.h"

namespace seam::api {
namespace {

bool is_profile_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(512, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return stats::looks_like_profile(head);
}

// The reference's types for the columns the file has, unless the caller typed them.
Status adopt_types(const std::string& path, const stats::Profile& reference, stats::ProfileOptions& opts) {
  auto file = data::DataFile::open(path);
  if (!file.ok()) return std::move(file).take_error();
  auto header = file.value().header(opts.format ? *opts.format : data::format_for_path(path));
  if (!header.ok()) return std::move(header).take_error();
  for (const auto& c : reference.columns) {
    const bool here = std::find(header.value().begin(), header.value().end(), c.name) != header.value().end();
    const bool given = std::any_of(opts.types.begin(), opts.types.end(), [&](const auto& t) { return t.first == c.name; });
    if (here && !given) opts.types.emplace_back(c.name, c.type);
  }
  return Ok{};
}

// Loads one side. Data is profiled with the reference's column types when given, so that
// both sides read each column the same way.
Result<stats::DriftInput> load_side(const std::string& path, stats::ProfileOptions opts, const stats::Profile* reference) {
  stats::DriftInput in;
  in.path = path;
  if (is_profile_file(path)) {
    auto p = stats::read_profile(path);
    if (!p.ok()) return std::move(p).take_error();
    in.profile = std::move(p).value();
    return in;
  }
  if (reference)
    if (auto st = adopt_types(path, *reference, opts); !st.ok()) return std::move(st).take_error();
  opts.keep_values = kExactValues;
  opts.columns.clear();  // drift selects columns itself, after both sides are read
  auto run = stats::profile_files({path}, opts);
  if (!run.ok()) return std::move(run).take_error();
  in.profile = std::move(run.value().profile);
  in.raw = std::move(run.value().raw);
  in.raw_complete = std::move(run.value().raw_complete);
  return in;
}

// The columns of the training data descriptor in `dir`, labels and features, as critical.
Status add_descriptor_columns(const std::string& dir, std::map<std::string, std::string>& critical) {
  auto project = doc::load_project(dir);
  if (!project.ok()) return std::move(project).take_error();
  const doc::LoadedDocument* td = project.value().find(doc::Descriptor::TrainingData);
  if (!td || !td->root) return Error::usage_at("/descriptors", "'" + dir + "' has no readable training_data descriptor");
  const doc::Node* schema = td->root->find("schema");
  if (!schema || schema->items.empty()) return Error::usage_at("/descriptors", td->path + " names no columns under schema");
  for (const auto& field : schema->items) {
    const doc::Node* name = field.find("field_name");
    if (!name || name->kind != doc::Kind::String || name->text.empty()) continue;
    const doc::Node* label = field.find("label_field");
    const bool is_label = label && label->kind == doc::Kind::Bool && label->boolean;
    critical.emplace(name->text, std::string(is_label ? "a label" : "a feature") + " in " + td->path);  // --critical wins
  }
  return Ok{};
}

}  // namespace

Result<stats::DriftReport> drift(const DriftRequest& request) {
  stats::DriftOptions opts = request.drift;
  if (!request.descriptors.empty())
    if (auto st = add_descriptor_columns(request.descriptors, opts.critical); !st.ok()) return std::move(st).take_error();
  auto ref = load_side(request.reference, request.data, nullptr);
  if (!ref.ok()) return std::move(ref).take_error();
  auto cur = load_side(request.current, request.data, &ref.value().profile);
  if (!cur.ok()) return std::move(cur).take_error();
  return stats::compare(ref.value(), cur.value(), opts);
}

}  // namespace seam::api
