#include "api/drift.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "doc/load.h"
#include "util/text.h"

namespace seam::api {
namespace {

bool is_profile_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(512, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return stats::looks_like_profile(head);
}

// The reference's types (and epoch units) for the columns the file has, unless the caller
// typed them.
Status adopt_types(const std::string& path, const stats::Profile& reference, stats::ProfileOptions& opts) {
  auto file = data::DataFile::open(path, opts.limits);
  if (!file.ok()) return std::move(file).take_error();
  auto header = file.value().header(opts.format ? *opts.format : data::format_for_path(path));
  if (!header.ok()) return std::move(header).take_error();
  for (const auto& c : reference.columns) {
    const bool here = std::find(header.value().begin(), header.value().end(), c.name) != header.value().end();
    const bool given = std::any_of(opts.types.begin(), opts.types.end(), [&](const auto& t) { return t.first == c.name; });
    if (!here || given) continue;
    opts.types.emplace_back(c.name, c.type);
    if (c.type == stats::ColumnType::Timestamp && c.time.unit != stats::EpochUnit::None)
      opts.epoch_units.emplace_back(c.name, c.time.unit);
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
  in.notes = std::move(run.value().notes);
  return in;
}

// The columns of the training data descriptor in `dir`, labels and features, as critical.
Status add_descriptor_columns(const std::string& dir, std::map<std::string, std::string>& critical, const FileSystem& fs) {
  auto project = doc::load_project(dir, fs);
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

// The last value given for a list option, split at commas.
std::vector<std::string> last_list(const OptionValues& values, const std::string& name) {
  const auto all = values(name);
  return all.empty() ? std::vector<std::string>{} : text::split_list(all.back());
}

// "COLUMN=VALUE" pairs, each parsed by `parse` (nullopt: malformed).
template <class T, class Parse>
Status column_pairs(const std::vector<std::string>& given, const std::string& what, Parse parse, std::map<std::string, T>& out) {
  for (const auto& v : given) {
    const size_t eq = v.find('=');
    const auto parsed = eq == std::string::npos ? std::nullopt : parse(v.substr(eq + 1));
    if (!parsed) return Error::usage(what + "; found '" + v + "'");
    out[v.substr(0, eq)] = *parsed;
  }
  return Ok{};
}

// A finite number: strtod also reads "nan" and "inf", which no option here can mean, and
// a NaN share or threshold would compare false against everything.
std::optional<double> parse_number(const std::string& s) {
  char* end = nullptr;
  const double x = std::strtod(s.c_str(), &end);
  if (s.empty() || *end || !std::isfinite(x)) return std::nullopt;
  return x;
}

}  // namespace

Result<stats::DriftReport> drift(const DriftRequest& request) {
  stats::DriftOptions opts = request.drift;
  if (!request.descriptors.empty())
    if (auto st = add_descriptor_columns(request.descriptors, opts.critical, disk()); !st.ok()) return std::move(st).take_error();
  auto ref = load_side(request.reference, request.data, nullptr);
  if (!ref.ok()) return std::move(ref).take_error();
  auto cur = load_side(request.current, request.data, &ref.value().profile);
  if (!cur.ok()) return std::move(cur).take_error();
  return stats::compare(ref.value(), cur.value(), opts);
}

Result<stats::DriftReport> drift_profiles(const stats::DriftInput& reference, const stats::DriftInput& current,
                                          stats::DriftOptions options, const std::string& descriptors, const FileSystem& fs) {
  if (!descriptors.empty())
    if (auto st = add_descriptor_columns(descriptors, options.critical, fs); !st.ok()) return std::move(st).take_error();
  return stats::compare(reference, current, options);
}

Result<stats::DriftOptions> drift_options(const OptionValues& values, const std::string& prefix) {
  stats::DriftOptions o;
  o.columns = last_list(values, "columns");
  const auto method = [](const std::string& s) { return stats::method_from_name(s); };
  if (auto st = column_pairs(values("method"), prefix + "method expects COLUMN=chisquare|chisquare_gof|ks|psi|jensenshannon|wasserstein",
                             method, o.methods); !st.ok())
    return std::move(st).take_error();
  if (auto st = column_pairs(values("threshold"), prefix + "threshold expects COLUMN=NUMBER", parse_number, o.thresholds); !st.ok())
    return std::move(st).take_error();
  if (const auto share = values("dataset-share"); !share.empty()) {
    const auto x = parse_number(share.back());
    if (!x || *x < 0 || *x > 1) return Error::usage(prefix + "dataset-share expects a number from 0 to 1");
    o.dataset_share = *x;
  }
  if (const auto bins = values("bins"); !bins.empty()) {
    const auto x = parse_number(bins.back());
    if (!x || *x != static_cast<int>(*x) || *x < 2 || *x > 1000) return Error::usage(prefix + "bins expects a number from 2 to 1000");
    o.bins = static_cast<int>(*x);
  }
  const auto raw = values("raw-wasserstein");
  o.normalize_wasserstein = raw.empty() || raw.back() == "false";
  for (const auto& name : last_list(values, "critical")) o.critical[name] = std::string(stats::kCriticalGiven);
  if (const auto fail_on = values("fail-on"); !fail_on.empty()) {
    const auto f = stats::fail_on_from_name(fail_on.back());
    if (!f) return Error::usage(prefix + "fail-on must be column, dataset or never; found '" + fail_on.back() + "'");
    o.fail_on = *f;
  }
  return o;
}

}  // namespace seam::api
