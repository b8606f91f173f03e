// Descriptors and the waivers document: read, write with optimistic concurrency, history.
//
// A write is validated exactly as `seam validate` does. An invalid document is kept as a
// draft, so half-finished work is never lost, but analysis reads only valid revisions.
// Each accepted write records the findings it introduced and resolved.
#include "api/finding_changes.h"
#include "api/validate.h"
#include "doc/descriptor.h"
#include "doc/diff.h"
#include "report/diff_report.h"
#include "report/diagnostic.h"
#include "rules/waivers.h"
#include "server/app.h"
#include "server/http.h"
#include "server/json.h"
#include "util/text.h"

namespace seam::server {
namespace {

struct Target {
  store::DocKind kind;
  std::string name;    // descriptor id, or "waivers"
  std::string policy;  // the name the write policy uses
};

std::optional<Target> descriptor_target(const std::string& id, httplib::Response& res) {
  if (!doc::descriptor_from_id(id)) {
    reply_error(res, 404, "not_found", "no descriptor '" + id + "'" + text::did_you_mean(id, doc::descriptor_ids()) +
                                           "; descriptors are " + text::join(doc::descriptor_ids(), ", "));
    return std::nullopt;
  }
  return Target{store::DocKind::Descriptor, id, id};
}

const Target kWaivers{store::DocKind::Waivers, "waivers", "waivers"};

// What a write sends: the document's text, its format and a message.
struct Upload {
  std::string content, format, message;
};

bool looks_like_json(const std::string& text) {
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) return c == '{' || c == '[';
  return false;
}

// Either a JSON envelope {"content", "format", "message"}, or (Content-Type YAML or plain
// text) the document itself, with the message in X-Seam-Message.
Result<Upload> read_upload(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  Upload u;
  if (type.rfind("application/json", 0) == 0) {
    auto body = json_body(req);
    if (!body.ok()) return std::move(body).take_error();
    if (auto st = only_fields(body.value(), {"content", "format", "message"}); !st.ok()) return std::move(st).take_error();
    auto content = string_field(body.value(), "content");
    auto message = string_field(body.value(), "message", "");
    if (!content.ok()) return std::move(content).take_error();
    if (!message.ok()) return std::move(message).take_error();
    auto format = string_field(body.value(), "format", looks_like_json(content.value()) ? "json" : "yaml");
    if (!format.ok()) return std::move(format).take_error();
    if (format.value() != "json" && format.value() != "yaml") return Error::usage_at("/format", "'format' must be json or yaml");
    return Upload{content.value(), format.value(), message.value()};
  }
  if (type.empty() || type.rfind("application/yaml", 0) == 0 || type.rfind("text/yaml", 0) == 0 ||
      type.rfind("application/x-yaml", 0) == 0 || type.rfind("text/plain", 0) == 0) {
    u.content = req.body;
    u.format = looks_like_json(u.content) ? "json" : "yaml";
    u.message = req.get_header_value("X-Seam-Message");
    return u;
  }
  return Error::usage("send the document as application/json {\"content\": ...} or as application/yaml; found Content-Type " + type);
}

// Validates an upload as seam validate would; the diagnostics are stored with the revision.
report::FileResult validate_upload(const std::string& project, const Target& t, const Upload& u) {
  const std::string path = project + "/" + t.name + (u.format == "json" ? ".json" : ".yaml");
  if (t.kind == store::DocKind::Descriptor) return api::validate_text(path, u.content, *doc::descriptor_from_id(t.name));
  report::FileResult r{path, "waivers", "", {}, {}, {}};
  auto w = rules::waivers_from_text(path, u.content);
  if (!w.ok()) r.errors.push_back(w.error());
  return r;
}

// The documents as they were before a write to `t`, given the state after it.
std::vector<store::Document> before_write(std::vector<store::Document> after, const Target& t,
                                          const std::optional<store::Document>& before) {
  for (auto it = after.begin(); it != after.end(); ++it)
    if (it->kind == t.kind && it->name == t.name) {
      if (before) *it = *before;
      else after.erase(it);
      break;
    }
  return after;
}

void reply_conflict(httplib::Response& res, const store::Revision& current, bool exists) {
  JsonWriter w;
  w.begin_object().key("error").begin_object().key("code").value("precondition_failed");
  w.key("message").value(exists ? "the document changed since you read it: revision " + std::to_string(current.number) +
                                      " by " + current.author + " at " + iso_time(current.created_at)
                                : std::string("the document does not exist yet; create it with 'If-None-Match: *'"));
  w.key("details").begin_array().end_array().end_object();
  w.key("current");
  exists ? write_revision(w, current, false) : (void)w.null();
  w.end_object();
  if (exists) res.set_header("ETag", etag_of(current.id));
  reply_json(res, 412, w.str());
}

void write_document(App& app, const httplib::Request& req, httplib::Response& res, const Target& t) {
  auto caller = authenticate(app, req, res);
  if (!caller) return;
  auto access = open_project(app, *caller, req.matches[1], true, res);
  if (!access) return;
  if (!access->policy.may_write(access->role, t.policy))
    return reply_error(res, 403, "forbidden", "the " + access->role + " role may not write " + t.name + " in this project");
  const Precondition pre = precondition(req);
  if (!pre.given)
    return reply_error(res, 428, "precondition_required", "send If-Match with the ETag you read, or 'If-None-Match: *' to create the document");
  if (pre.malformed) return reply_error(res, 412, "precondition_failed", "If-Match does not name a revision of this server");
  auto upload = read_upload(req);
  if (!upload.ok()) return reply_failure(res, upload.error());
  const report::FileResult diagnostics = validate_upload(access->project.name, t, upload.value());
  auto before = app.store.document(access->project.id, t.kind, t.name);
  if (!before.ok()) return reply_failure(res, before.error());

  store::NewRevision nr{access->project.id, t.kind, t.name, caller->user.id, upload.value().message, upload.value().content,
                        upload.value().format, !diagnostics.errors.empty(), report::validation_json({diagnostics}), pre.expected};
  std::shared_ptr<const Checked> after;
  auto annotate = [&](const store::ProjectState& state) -> Result<store::Annotation> {
    auto now = app.analysis.check_uncached(access->project.name, state.documents);
    if (!now.ok()) return std::move(now).take_error();
    after = now.value();
    auto then = app.analysis.check(state.project_id, state.revision - 1, access->project.name,
                                   before_write(state.documents, t, before.value()));
    if (!then.ok()) return std::move(then).take_error();
    const auto changes = api::finding_changes(then.value()->result.report, after->result.report);
    return store::Annotation{after->json, api::finding_items_json(changes.introduced), api::finding_items_json(changes.resolved)};
  };
  auto outcome = app.store.write(nr, annotate);
  if (!outcome.ok()) return reply_failure(res, outcome.error());
  if (outcome.value().conflict) return reply_conflict(res, outcome.value().revision, before.value().has_value());
  const store::Revision& r = outcome.value().revision;
  app.analysis.remember(access->project.id, r.project_revision, after);
  audit(app, req, &*caller, access->project.id, "write", std::string(store::doc_kind_name(t.kind)) + "/" + t.name,
        "revision " + std::to_string(r.number) + (r.draft ? " (draft)" : ""));
  JsonWriter w;
  w.begin_object().key("etag").value(etag_of(r.id)).key("revision");
  write_revision(w, r, true);
  w.key("summary");
  const auto s = after->result.report.summary();
  w.begin_object().key("error").value(s.error).key("warning").value(s.warning).key("info").value(s.info).key("waived").value(s.waived).end_object();
  w.end_object();
  res.set_header("ETag", etag_of(r.id));
  reply_json(res, before.value() ? 200 : 201, w.str());
}

void read_document(App& app, const httplib::Request& req, httplib::Response& res, const Target& t) {
  auto caller = authenticate(app, req, res);
  if (!caller) return;
  auto access = open_project(app, *caller, req.matches[1], false, res);
  if (!access) return;
  auto d = app.store.document(access->project.id, t.kind, t.name);
  if (!d.ok()) return reply_failure(res, d.error());
  if (!d.value()) return reply_error(res, 404, "not_found", "project '" + access->project.name + "' has no " + t.name + " yet");
  const store::Revision& head = d.value()->head;
  res.set_header("ETag", etag_of(head.id));
  if (req.get_param_value("format") == "raw") {
    res.status = 200;
    return res.set_content(head.content, head.format == "json" ? "application/json" : "application/yaml");
  }
  JsonWriter w;
  w.begin_object().key("etag").value(etag_of(head.id)).key("document");
  write_document_meta(w, *d.value());
  w.key("revision");
  write_revision(w, head, true);
  w.end_object();
  reply_json(res, 200, w.str());
}

void list_descriptors(App& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = authenticate(app, req, res);
  if (!caller) return;
  auto access = open_project(app, *caller, req.matches[1], false, res);
  if (!access) return;
  auto docs = app.store.documents(access->project.id);
  if (!docs.ok()) return reply_failure(res, docs.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& d : docs.value()) write_document_meta(w, d);
  w.end_array().end_object();
  reply_json(res, 200, w.str());
}

void history(App& app, const httplib::Request& req, httplib::Response& res, std::optional<Target> t) {
  auto caller = authenticate(app, req, res);
  if (!caller) return;
  auto access = open_project(app, *caller, req.matches[1], false, res);
  if (!access) return;
  auto page = page_of(req);
  if (!page.ok()) return reply_failure(res, page.error());
  auto items = app.store.history(access->project.id, t ? std::optional(t->kind) : std::nullopt, t ? t->name : "", page.value());
  if (!items.ok()) return reply_failure(res, items.error());
  reply_json(res, 200, revisions_page_json(items.value(), page.value()));
}

void one_revision(App& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = authenticate(app, req, res);
  if (!caller) return;
  auto access = open_project(app, *caller, req.matches[1], false, res);
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
  auto caller = authenticate(app, req, res);
  if (!caller) return;
  auto access = open_project(app, *caller, req.matches[1], false, res);
  if (!access) return;
  const auto* format = report::find_format(report::diff_formats(), req.has_param("format") ? req.get_param_value("format") : "json");
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
  http.Get(project + "/descriptors", [&app](const auto& req, auto& res) { list_descriptors(app, req, res); });
  http.Get(project + "/descriptors/([^/]+)", [&app](const auto& req, auto& res) {
    if (auto t = descriptor_target(req.matches[2], res)) read_document(app, req, res, *t);
  });
  http.Put(project + "/descriptors/([^/]+)", [&app](const auto& req, auto& res) {
    if (auto t = descriptor_target(req.matches[2], res)) write_document(app, req, res, *t);
  });
  http.Get(project + "/descriptors/([^/]+)/revisions", [&app](const auto& req, auto& res) {
    if (auto t = descriptor_target(req.matches[2], res)) history(app, req, res, t);
  });
  http.Get(project + "/waivers", [&app](const auto& req, auto& res) { read_document(app, req, res, kWaivers); });
  http.Put(project + "/waivers", [&app](const auto& req, auto& res) { write_document(app, req, res, kWaivers); });
  http.Get(project + "/revisions", [&app](const auto& req, auto& res) { history(app, req, res, std::nullopt); });
  http.Get(project + R"(/revisions/(\d{1,18}))", [&app](const auto& req, auto& res) { one_revision(app, req, res); });
  http.Get(project + R"(/revisions/(\d{1,18})/diff)", [&app](const auto& req, auto& res) { revision_diff(app, req, res); });
}

}  // namespace seam::server
