#include "server/document_write.h"
#include "util/date.h"

#include <algorithm>
#include <cctype>

#include "api/finding_changes.h"
#include "server/http.h"
#include "server/json.h"

namespace seam::server {
namespace {

bool looks_like_json(const std::string& text) {
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) return c == '{' || c == '[';
  return false;
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

// Only descriptors and waivers are read by the check; a card or a profile leaves the
// findings as they were.
bool analysed(store::DocKind kind) { return kind == store::DocKind::Descriptor || kind == store::DocKind::Waivers; }

}  // namespace

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

void reply_conflict(httplib::Response& res, const store::Revision& current, bool exists) {
  JsonWriter w;
  w.begin_object().key("error").begin_object().key("code").value("precondition_failed");
  w.key("message").value(exists ? "the document changed since you read it: revision " + std::to_string(current.number) +
                                      " by " + current.author + " at " + iso_utc(current.created_at)
                                : std::string("the document does not exist yet; create it with 'If-None-Match: *'"));
  w.key("details").begin_array().end_array().end_object();
  w.key("current");
  exists ? write_revision(w, current, false) : (void)w.null();
  w.end_object();
  if (exists) res.set_header("ETag", etag_of(current.id));
  reply_json(res, 412, w.str());
}

std::optional<int64_t> required_if_match(const httplib::Request& req, httplib::Response& res) {
  const Precondition pre = precondition(req);
  if (!pre.given || (!pre.malformed && !pre.expected)) {
    reply_error(res, 428, "precondition_required", "send If-Match with the ETag of the document you read");
    return std::nullopt;
  }
  if (pre.malformed) {
    reply_error(res, 412, "precondition_failed", "If-Match does not name a revision of this server");
    return std::nullopt;
  }
  return pre.expected;
}

std::optional<Committed> commit_revision(App& app, const httplib::Request& req, httplib::Response& res,
                                         const ProjectAccess& access, const Target& t, const store::NewRevision& nr,
                                         const std::optional<store::Document>& before, const std::string& action) {
  std::shared_ptr<const Checked> after;
  auto annotate = [&](const store::ProjectState& state) -> Result<store::Annotation> {
    auto then = app.analysis.check(state.project_id, state.revision - 1, access.project.name, before_write(state.documents, t, before));
    if (!then.ok()) return std::move(then).take_error();
    if (!analysed(t.kind)) {
      after = then.value();
      return store::Annotation{after->json, "[]", "[]"};
    }
    auto now = app.analysis.check_uncached(access.project.name, state.documents);
    if (!now.ok()) return std::move(now).take_error();
    after = now.value();
    const auto changes = api::finding_changes(then.value()->result.report, after->result.report);
    return store::Annotation{after->json, api::finding_items_json(changes.introduced), api::finding_items_json(changes.resolved)};
  };
  auto outcome = app.store.write(nr, annotate);
  if (!outcome.ok()) return reply_failure(res, outcome.error()), std::nullopt;
  if (outcome.value().conflict) return reply_conflict(res, outcome.value().revision, before.has_value()), std::nullopt;
  const store::Revision& r = outcome.value().revision;
  app.analysis.remember(access.project.id, r.project_revision, after);
  audit(app, req, &access.caller, access.project.id, action, std::string(store::doc_kind_name(t.kind)) + "/" + t.name,
        "revision " + std::to_string(r.number) + (r.draft ? " (draft)" : ""));
  res.set_header("ETag", etag_of(r.id));
  return Committed{r, after, !before};
}

void write_committed(JsonWriter& w, const Committed& c) {
  w.key("etag").value(etag_of(c.revision.id)).key("revision");
  write_revision(w, c.revision, true);
  const auto s = c.findings->result.report.summary();
  w.key("summary").begin_object().key("error").value(s.error).key("warning").value(s.warning).key("info").value(s.info);
  w.key("waived").value(s.waived).end_object();
}

void write_document(App& app, const httplib::Request& req, httplib::Response& res, const Target& t, const Validate& validate,
                    ReadUpload read) {
  auto access = open_project(app, req, res, true);
  if (!access) return;
  if (!access->policy->may_write(access->role, t.policy))
    return reply_error(res, 403, "forbidden", "the " + access->role + " role may not write " + t.name + " in this project");
  const Precondition pre = precondition(req);
  if (!pre.given)
    return reply_error(res, 428, "precondition_required", "send If-Match with the ETag you read, or 'If-None-Match: *' to create the document");
  if (pre.malformed) return reply_error(res, 412, "precondition_failed", "If-Match does not name a revision of this server");
  auto upload = read(req);
  if (!upload.ok()) return reply_failure(res, upload.error());
  auto diagnostics = validate(access->project.name, upload.value());
  if (!diagnostics.ok()) return reply_failure(res, diagnostics.error());
  auto before = app.store.document(access->project.id, t.kind, t.name);
  if (!before.ok()) return reply_failure(res, before.error());
  const Upload& u = upload.value();
  const store::NewRevision nr{access->project.id, t.kind, t.name, access->caller.user.id, u.message, u.content, u.format,
                              !diagnostics.value().errors.empty(), report::validation_json({diagnostics.value()}), pre.expected};
  auto done = commit_revision(app, req, res, *access, t, nr, before.value(), "write");
  if (!done) return;
  JsonWriter w;
  w.begin_object();
  write_committed(w, *done);
  w.end_object();
  reply_json(res, done->created ? 201 : 200, w.str());
}

void read_document(App& app, const httplib::Request& req, httplib::Response& res, const Target& t) {
  auto access = open_project(app, req, res, false);
  if (!access) return;
  auto d = app.store.document(access->project.id, t.kind, t.name);
  if (!d.ok()) return reply_failure(res, d.error());
  if (!d.value()) {
    const bool named = t.kind == store::DocKind::Card || t.kind == store::DocKind::Profile;  // not one of a fixed set
    return reply_error(res, 404, "not_found", "project '" + access->project.name + "' has no " +
                                                  (named ? std::string(store::doc_kind_name(t.kind)) + " '" + t.name + "'" : t.name) + " yet");
  }
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

void list_documents(App& app, const httplib::Request& req, httplib::Response& res, const std::vector<store::DocKind>& kinds) {
  auto access = open_project(app, req, res, false);
  if (!access) return;
  auto docs = app.store.documents(access->project.id);
  if (!docs.ok()) return reply_failure(res, docs.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& d : docs.value())
    if (std::find(kinds.begin(), kinds.end(), d.kind) != kinds.end()) write_document_meta(w, d);
  w.end_array().end_object();
  reply_json(res, 200, w.str());
}

}  // namespace seam::server
