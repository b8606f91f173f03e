// Descriptors and the waivers document: read, write with optimistic concurrency, history.
// The write path itself, shared with TRL cards and data profiles, is document_write.cc.
//
// A descriptor is validated exactly as `seam validate` does. An invalid document is kept as a
// draft, so half-finished work is never lost, but analysis reads only valid revisions.
// Each accepted write records the findings it introduced and resolved.
#include "server/document_write.h"

#include "api/validate.h"
#include "doc/descriptor.h"
#include "doc/diff.h"
#include "report/diff_report.h"
#include "report/diagnostic.h"
#include "rules/waivers.h"
#include "server/http.h"
#include "server/json.h"
#include "util/text.h"

namespace seam::server {
namespace {

std::optional<Target> descriptor_target(const std::string& id, httplib::Response& res) {
  if (!doc::descriptor_from_id(id)) {
    reply_error(res, 404, "not_found", "no descriptor '" + id + "'" + text::did_you_mean(id, doc::descriptor_ids()) +
                                           "; descriptors are " + text::join(doc::descriptor_ids(), ", "));
    return std::nullopt;
  }
  return Target{store::DocKind::Descriptor, id, id};
}

const Target kWaivers{store::DocKind::Waivers, "waivers", "waivers"};

// Validates a descriptor or the waivers document as seam validate would; the diagnostics
// are stored with the revision.
Result<report::FileResult> validate_upload(const Target& t, const std::string& project, const Upload& u) {
  const std::string path = project + "/" + t.name + (u.format == "json" ? ".json" : ".yaml");
  if (t.kind == store::DocKind::Descriptor) return api::validate_text(path, u.content, *doc::descriptor_from_id(t.name));
  report::FileResult r{path, "waivers", "", {}, {}, {}};
  auto w = rules::waivers_from_text(path, u.content);
  if (!w.ok()) r.errors.push_back(w.error());
  return r;
}

void write_checked(App& app, const httplib::Request& req, httplib::Response& res, const Target& t) {
  write_document(app, req, res, t, [&t](const std::string& project, const Upload& u) { return validate_upload(t, project, u); });
}

void history(App& app, const httplib::Request& req, httplib::Response& res, std::optional<Target> t) {
  auto access = open_project(app, req, res, false);
  if (!access) return;
  auto page = page_of(req);
  if (!page.ok()) return reply_failure(res, page.error());
  auto items = app.store.history(access->project.id, t ? std::optional(t->kind) : std::nullopt, t ? t->name : "", page.value());
  if (!items.ok()) return reply_failure(res, items.error());
  reply_json(res, 200, revisions_page_json(items.value(), page.value()));
}

void one_revision(App& app, const httplib::Request& req, httplib::Response& res) {
  auto access = open_project(app, req, res, false);
  if (!access) return;
  const int64_t id = std::stoll(req.matches[2]);
  auto r = app.store.revision(access->project.id, id);
  if (!r.ok()) return reply_failure(res, r.error());
  if (!r.value()) return reply_error(res, 404, "not_found", "no revision " + std::to_string(id) + " in project '" + access->project.name + "'");
  JsonWriter w;
  write_revision(w, *r.value(), true);
  reply_json(res, 200, w.str());
}

// The previous revision of the same document, or nullopt for its first.
Result<std::optional<store::Revision>> previous_of(App& app, const store::Revision& r) {
  auto older = app.store.history(r.project_id, r.kind, r.name, store::Page{r.id, 1});
  if (!older.ok()) return std::move(older).take_error();
  if (older.value().empty()) return std::optional<store::Revision>();
  return app.store.revision(r.project_id, older.value().front().id);
}

// What revision ID changed against ?from=ID2 (default: the document's previous revision; its
// first revision is compared with an empty document). Text or JSON (?format=).
void revision_diff(App& app, const httplib::Request& req, httplib::Response& res) {
  auto access = open_project(app, req, res, false);
  if (!access) return;
  const auto* format = report::find_format(report::diff_formats(), format_param(req, "json"));
  if (!format) return reply_error(res, 400, "bad_request", "format must be " + report::format_names(report::diff_formats()));
  const int64_t id = std::stoll(req.matches[2]);
  auto to = app.store.revision(access->project.id, id);
  if (!to.ok()) return reply_failure(res, to.error());
  if (!to.value()) return reply_error(res, 404, "not_found", "no revision " + std::to_string(id) + " in project '" + access->project.name + "'");
  auto from_id = int_param(req, "from");
  if (!from_id.ok()) return reply_failure(res, from_id.error());
  auto from = from_id.value() ? app.store.revision(access->project.id, *from_id.value()) : previous_of(app, *to.value());
  if (!from.ok()) return reply_failure(res, from.error());
  if (from_id.value() && !from.value()) return reply_error(res, 404, "not_found", "no revision " + std::to_string(*from_id.value()) + " in project '" + access->project.name + "'");
  if (from.value() && (from.value()->kind != to.value()->kind || from.value()->name != to.value()->name))
    return reply_error(res, 422, "invalid", "revisions " + std::to_string(from.value()->id) + " and " + std::to_string(id) + " belong to different documents");
  const auto path = [](const std::optional<store::Revision>& r) { return r ? "revision " + std::to_string(r->id) + (r->format == "json" ? ".json" : ".yaml") : "empty.yaml"; };
  auto d = doc::diff_texts(path(from.value()), from.value() ? from.value()->content : "{}", path(to.value()), to.value()->content);
  if (!d.ok()) return reply_failure(res, d.error());
  StringWriter out;
  format->render(d.value(), out);
  res.status = 200;
  res.set_content(out.take(), format->name == std::string_view("json") ? "application/json" : "text/plain");
}

}  // namespace

void add_document_routes(httplib::Server& http, App& app) {
  const std::string project = R"(/api/v1/projects/([^/]+))";
  http.Get(project + "/descriptors", [&app](const auto& req, auto& res) {
    list_documents(app, req, res, {store::DocKind::Descriptor, store::DocKind::Waivers});
  });
  http.Get(project + "/descriptors/([^/]+)", [&app](const auto& req, auto& res) {
    if (auto t = descriptor_target(req.matches[2], res)) read_document(app, req, res, *t);
  });
  http.Put(project + "/descriptors/([^/]+)", [&app](const auto& req, auto& res) {
    if (auto t = descriptor_target(req.matches[2], res)) write_checked(app, req, res, *t);
  });
  http.Get(project + "/descriptors/([^/]+)/revisions", [&app](const auto& req, auto& res) {
    if (auto t = descriptor_target(req.matches[2], res)) history(app, req, res, t);
  });
  http.Get(project + "/waivers", [&app](const auto& req, auto& res) { read_document(app, req, res, kWaivers); });
  http.Put(project + "/waivers", [&app](const auto& req, auto& res) { write_checked(app, req, res, kWaivers); });
  http.Get(project + "/revisions", [&app](const auto& req, auto& res) { history(app, req, res, std::nullopt); });
  http.Get(project + R"(/revisions/(\d{1,18}))", [&app](const auto& req, auto& res) { one_revision(app, req, res); });
  http.Get(project + R"(/revisions/(\d{1,18})/diff)", [&app](const auto& req, auto& res) { revision_diff(app, req, res); });
}

}  // namespace seam::server
