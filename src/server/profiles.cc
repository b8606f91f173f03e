// Data profiles over the server: profiles made by `seam profile` are uploaded per data set
// (training, production, ...) and kept as revisions like any document; drift between two
// stored profiles is a request. Raw data never reaches the server: a profile holds counts,
// moments and sketches only.
//
// A profile is machine-made, so an invalid one is refused (422) rather than kept as a draft.
// A profile is as large as its sketches; the server's --max-body (4 MiB by default) bounds it.
#include <cctype>

#include "api/drift.h"
#include "report/drift_report.h"
#include "server/document_write.h"
#include "server/http.h"

namespace seam::server {
namespace {

// Data set names: what can name a file, so a team can keep profiles under the same names.
bool valid_dataset(const std::string& name) {
  if (name.empty() || name.size() > 100 || name.front() == '.') return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

std::optional<Target> profile_target(const std::string& dataset, httplib::Response& res) {
  if (!valid_dataset(dataset)) {
    reply_error(res, 422, "invalid", "'" + dataset + "' cannot name a data set: use up to 100 letters, digits, '-', '_' and '.', not starting with '.'");
    return std::nullopt;
  }
  return Target{store::DocKind::Profile, dataset, "profiles"};
}

std::string profile_path(const std::string& project, const std::string& dataset) {
  return join_path(project, "profiles/" + dataset + ".json");
}

// The body is the profile itself, as `seam profile -o` wrote it; the message comes in
// X-Seam-Message.
Result<Upload> read_profile_upload(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  if (!type.empty() && type.rfind("application/json", 0) != 0)
    return Error::usage("send the profile as application/json, the file `seam profile` wrote; found Content-Type " + type);
  return Upload{req.body, "json", req.get_header_value("X-Seam-Message")};
}

// Reads a stored or uploaded profile; any fault is the profile's, located in it.
Result<stats::Profile> parse_profile(const std::string& path, const std::string& text) {
  auto p = stats::profile_from_json(path, text);
  if (p.ok()) return p;
  Error e = p.error();
  e.kind = ErrorKind::Invalid;
  return e;
}

Result<report::FileResult> validate_profile(const std::string& dataset, const std::string& project, const Upload& u) {
  const std::string path = profile_path(project, dataset);
  auto p = parse_profile(path, u.content);
  if (!p.ok()) return std::move(p).take_error();
  return report::FileResult{path, "profile", "", {}, {}, {}};
}

// One side of a drift request: the current revision of a stored profile.
std::optional<stats::DriftInput> side(App& app, const ProjectAccess& access, const std::string& dataset, httplib::Response& res) {
  auto d = app.store.document(access.project.id, store::DocKind::Profile, dataset);
  if (!d.ok()) return reply_failure(res, d.error()), std::nullopt;
  if (!d.value() || !d.value()->current)
    return reply_error(res, 404, "not_found", "project '" + access.project.name + "' has no profile '" + dataset + "'"), std::nullopt;
  auto p = parse_profile(profile_path(access.project.name, dataset), d.value()->current->content);
  if (!p.ok()) return reply_failure(res, p.error()), std::nullopt;
  return stats::DriftInput{dataset, std::move(p).value(), {}, {}, {}};
}

// GET .../drift?reference=A&current=B: the query takes `seam drift`'s options by their names
// (method and threshold as COLUMN=VALUE, the "=" percent-encoded; columns=a,b; ...), and
// descriptors=true makes the columns of the project's training_data descriptor critical.
void drift(App& app, const httplib::Request& req, httplib::Response& res) {
  auto access = open_project(app, req, res, false);
  if (!access) return;
  const std::string reference = req.get_param_value("reference"), current = req.get_param_value("current");
  if (reference.empty() || current.empty())
    return reply_error(res, 400, "bad_request", "name the two stored profiles: ?reference=DATASET&current=DATASET");
  auto options = api::drift_options(
      [&req](const std::string& name) {
        std::vector<std::string> values;
        for (size_t i = 0; i < req.get_param_value_count(name); ++i) values.push_back(req.get_param_value(name, i));
        return values;
      },
      "");
  if (!options.ok()) return reply_failure(res, options.error());
  auto ref = side(app, *access, reference, res);
  if (!ref) return;
  auto cur = side(app, *access, current, res);
  if (!cur) return;
  const std::string use_descriptors = req.has_param("descriptors") ? req.get_param_value("descriptors") : "false";
  if (use_descriptors != "true" && use_descriptors != "false")
    return reply_error(res, 400, "bad_request", "query parameter 'descriptors' must be true or false");
  std::string descriptors;
  MemoryFileSystem files;
  if (use_descriptors == "true") {
    auto docs = app.store.documents(access->project.id);
    if (!docs.ok()) return reply_failure(res, docs.error());
    files = project_files(access->project.name, docs.value());
    descriptors = access->project.name;
  }
  auto report = api::drift_profiles(*ref, *cur, options.value(), descriptors, files);
  if (!report.ok()) return reply_failure(res, report.error());
  reply_report(res, report::drift_formats(), format_param(req, "json"), report.value());
}

}  // namespace

void add_profile_routes(httplib::Server& http, App& app) {
  const std::string project = R"(/api/v1/projects/([^/]+))";
  http.Get(project + "/profiles", [&app](const auto& req, auto& res) { list_documents(app, req, res, {store::DocKind::Profile}); });
  http.Get(project + "/profiles/([^/]+)", [&app](const auto& req, auto& res) {
    if (auto t = profile_target(req.matches[2], res)) read_document(app, req, res, *t);
  });
  http.Put(project + "/profiles/([^/]+)", [&app](const auto& req, auto& res) {
    if (auto t = profile_target(req.matches[2], res))
      write_document(app, req, res, *t, [&t](const std::string& p, const Upload& u) { return validate_profile(t->name, p, u); },
                     read_profile_upload);
  });
  http.Get(project + "/drift", [&app](const auto& req, auto& res) { drift(app, req, res); });
}

}  // namespace seam::server
