// GET .../findings: the project's check, in any format `seam check` writes; GET
// /api/v1/rules/coverage: which taxonomy subcategories the server's rules cover.
#include "report/coverage.h"
#include "report/findings.h"
#include "rules/coverage.h"
#include "server/app.h"
#include "server/http.h"

namespace seam::server {
namespace {

void findings(App& app, const httplib::Request& req, httplib::Response& res) {
  auto access = open_project(app, req, res, false);
  if (!access) return;
  const std::string name = wanted_format(req, "json");
  const auto* format = report::find_format(report::findings_formats(), name);
  if (!format) return reply_error(res, 400, "bad_request", "format must be " + report::format_names(report::findings_formats()));
  const auto& p = access->project;
  // At hand when this process has served or written the project's current revision.
  int64_t revision = p.revision;
  std::shared_ptr<const Checked> checked = app.analysis.cached(p.id, revision);
  if (!checked) {
    auto docs = app.store.documents(p.id);
    if (!docs.ok()) return reply_failure(res, docs.error());
    // Another process may have written since the project was read: key by what was loaded.
    revision = revision_of(docs.value());
    auto computed = app.analysis.check(p.id, revision, p.name, docs.value());
    if (!computed.ok()) return reply_failure(res, computed.error());
    checked = computed.value();
  }
  res.set_header("ETag", "\"p" + std::to_string(revision) + "\"");
  const char* type = media_type(name);
  res.status = 200;
  if (name == "json") {
    // Sent straight from the cached report, which the provider keeps alive: no 30 KB copy
    // per read.
    const std::string& json = checked->json;
    return res.set_content_provider(json.size(), type, [checked, &json](size_t offset, size_t length, httplib::DataSink& sink) {
      return sink.write(json.data() + offset, length);
    });
  }
  StringWriter out;
  format->render(checked->result.report, out);
  res.set_content(out.take(), type);
}

// The catalogue is the server's, the same for every project, so any signed-in caller may ask.
void coverage(App& app, const httplib::Request& req, httplib::Response& res) {
  if (!authenticate(app, req, res)) return;
  const std::string name = format_param(req, "json");
  const auto* format = report::find_format(report::coverage_formats(), name);
  if (!format) return reply_error(res, 400, "bad_request", "format must be " + report::format_names(report::coverage_formats()));
  StringWriter out;
  format->render(rules::coverage(app.analysis.analyzer().catalogue), out);
  res.status = 200;
  res.set_content(out.take(), media_type(name));
}

}  // namespace

void add_findings_routes(httplib::Server& http, App& app) {
  http.Get(R"(/api/v1/projects/([^/]+)/findings)", [&app](const auto& req, auto& res) { findings(app, req, res); });
  http.Get("/api/v1/rules/coverage", [&app](const auto& req, auto& res) { coverage(app, req, res); });
}

}  // namespace seam::server
