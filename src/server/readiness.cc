// Readiness (MLTRL) over the server: TRL cards as project documents, and the `seam trl`
// use-cases (status, gate check, review, card export, metrics) on the project's stored
// documents, laid out in memory as `seam trl` reads a directory.
//
// A card is validated on write like a descriptor; an invalid one is kept as a draft that the
// readiness views skip. Gates read the findings of the server's own analysis (the cached ones
// where the use-case takes them, else through its analyzer), so they see what GET
// .../findings shows. Only the reviewer role records reviews; a review becomes a new
// revision of the card, written under the same optimistic concurrency as any other write.
#include <cstdint>

#include "api/trl.h"
#include "report/trl_card.h"
#include "report/trl_report.h"
#include "server/document_write.h"
#include "server/http.h"
#include "util/date.h"

namespace seam::server {
namespace {

std::string card_path(const std::string& project, const std::string& component) {
  return join_path(project, "trl/" + component + ".yaml");
}

std::optional<Target> card_target(const std::string& component, httplib::Response& res) {
  if (!trl::valid_component_id(component)) {
    reply_error(res, 422, "invalid", "'" + component + "' cannot name a component: use up to 100 letters, digits, '-', '_' and '.', "
                                     "not starting with '.', and not 'levels'");
    return std::nullopt;
  }
  return Target{store::DocKind::Card, component, "cards"};
}

// A card is checked as `seam trl` loads it: the schema, and its component id must be the
// name it is stored under.
Result<report::FileResult> validate_card(const std::string& component, const std::string& project, const Upload& u) {
  const std::string path = card_path(project, component);
  report::FileResult r{path, "trl_card", "", {}, {}, {}};
  auto card = trl::card_from_text(path, u.content);
  if (!card.ok()) {
    r.errors.push_back(card.error());
  } else if (card.value().id != component) {
    const doc::Node* id = card.value().root.find("component");
    r.errors.push_back(card.value().source->error_at(id ? id->offset : 0,
                                                     "component '" + card.value().id + "' must match the card's name '" + component + "'",
                                                     "/component"));
  }
  return r;
}

// The project as `seam trl` sees a directory: its current documents as files in memory.
struct Readiness {
  ProjectAccess access;
  std::vector<store::Document> documents;
  MemoryFileSystem files;
  api::TrlOptions options;
  const std::string& dir() const { return access.project.name; }
};

std::optional<Readiness> open_readiness(App& app, const httplib::Request& req, httplib::Response& res, bool write) {
  auto access = open_project(app, req, res, write);
  if (!access) return std::nullopt;
  auto docs = app.store.documents(access->project.id);
  if (!docs.ok()) return reply_failure(res, docs.error()), std::nullopt;
  access->project.revision = revision_of(docs.value());  // what the findings are cached under
  MemoryFileSystem files = project_files(access->project.name, docs.value());
  if (trl::card_paths(access->project.name, files).empty())
    return reply_error(res, 404, "not_found", "project '" + access->project.name + "' has no TRL cards yet; write one with PUT .../cards/COMPONENT"),
           std::nullopt;
  api::TrlOptions options{"", {}, today_utc(), &app.analysis.analyzer()};
  return Readiness{*access, std::move(docs).value(), std::move(files), options};
}

// The component's stored card, which must exist and have a valid revision.
const store::Document* find_card(const Readiness& r, const std::string& component, httplib::Response& res) {
  for (const auto& d : r.documents)
    if (d.kind == store::DocKind::Card && d.name == component && d.current) return &d;
  reply_error(res, 404, "not_found", "project '" + r.dir() + "' has no valid TRL card for component '" + component + "'");
  return nullptr;
}

// The cards with the findings of GET .../findings, from the cache of the project revision.
std::optional<api::TrlProject> load_with_findings(App& app, const Readiness& r, httplib::Response& res) {
  auto p = api::load_trl(r.dir(), r.options, false, r.files);
  if (!p.ok()) return reply_failure(res, p.error()), std::nullopt;
  auto checked = app.analysis.check(r.access.project.id, r.access.project.revision, r.dir(), r.documents);
  if (!checked.ok()) return reply_failure(res, checked.error()), std::nullopt;
  api::use_findings(p.value(), checked.value()->result);
  return std::move(p).value();
}

void status(App& app, const httplib::Request& req, httplib::Response& res) {
  auto r = open_readiness(app, req, res, false);
  if (!r) return;
  auto p = load_with_findings(app, *r, res);
  if (!p) return;
  reply_report(res, report::trl_status_formats(), format_param(req, "json"), api::trl_status(*p));
}

void metrics(App& app, const httplib::Request& req, httplib::Response& res) {
  auto r = open_readiness(app, req, res, false);
  if (!r) return;
  auto m = api::trl_metrics(r->dir(), r->options, r->files);
  if (!m.ok()) return reply_failure(res, m.error());
  reply_report(res, report::trl_metrics_formats(), format_param(req, "json"), m.value());
}

void risks(App& app, const httplib::Request& req, httplib::Response& res) {
  auto r = open_readiness(app, req, res, false);
  if (!r) return;
  auto t = api::trl_risks(r->dir(), r->files);
  if (!t.ok()) return reply_failure(res, t.error());
  reply_report(res, report::trl_risks_formats(), format_param(req, "json"), t.value());
}

void gate(App& app, const httplib::Request& req, httplib::Response& res) {
  auto to = int_param(req, "to");
  if (!to.ok()) return reply_failure(res, to.error());
  if (!to.value() || *to.value() < 1 || *to.value() > 9)
    return reply_error(res, 400, "bad_request", "query parameter 'to' must be the level the gate leads into, from 1 to 9");
  auto r = open_readiness(app, req, res, false);
  if (!r) return;
  const std::string component = req.matches[2];
  if (!find_card(*r, component, res)) return;
  auto p = load_with_findings(app, *r, res);
  if (!p) return;
  const int level = static_cast<int>(*to.value());
  auto g = api::trl_gate(*p, component, level);
  if (!g.ok()) return reply_failure(res, g.error());
  reply_report(res, report::trl_gate_formats(), format_param(req, "json"), report::GateView{component, g.value(), p->levels.levels[level].name});
}

void card_document(App& app, const httplib::Request& req, httplib::Response& res) {
  auto r = open_readiness(app, req, res, false);
  if (!r) return;
  const std::string component = req.matches[2];
  if (!find_card(*r, component, res)) return;
  auto d = api::trl_card(r->dir(), component, r->options, r->files);
  if (!d.ok()) return reply_failure(res, d.error());
  const report::CardView view{*d.value().card, d.value().project.levels, d.value().next ? &*d.value().next : nullptr};
  reply_report(res, report::trl_card_formats(), format_param(req, "markdown"), view);
}

// The body of POST .../reviews, as `seam trl review` takes its flags. Without reviewers,
// the caller is the reviewer; without a date, today (UTC).
Result<trl::ReviewRequest> review_request(const httplib::Request& req, const Caller& caller) {
  auto body = json_body(req);
  if (!body.ok()) return std::move(body).take_error();
  const doc::Node& b = body.value();
  if (auto st = only_fields(b, {"to", "decision", "kind", "reviewers", "note", "override", "date"}); !st.ok()) return std::move(st).take_error();
  auto to = int_field(b, "to");
  if (!to.ok()) return std::move(to).take_error();
  if (!to.value() || *to.value() < 0 || *to.value() > 9) return Error::usage_at("/to", "'to' is required: the level after the review, from 0 to 9");
  trl::ReviewRequest r;
  r.to = static_cast<int>(*to.value());
  const std::pair<const char*, std::string*> texts[] = {{"decision", &r.decision}, {"kind", &r.kind}, {"note", &r.note}, {"override", &r.override_reason}};
  for (const auto& [key, out] : texts) {
    auto v = string_field(b, key, "");
    if (!v.ok()) return std::move(v).take_error();
    *out = v.value();
  }
  auto date = string_field(b, "date", today_utc());
  if (!date.ok()) return std::move(date).take_error();
  r.date = date.value();
  auto reviewers = string_list_field(b, "reviewers");
  if (!reviewers.ok()) return std::move(reviewers).take_error();
  r.reviewers = reviewers.value().empty() ? std::vector<std::string>{caller.user.name} : reviewers.value();
  return r;
}

// A review the rules refuse: 422 for a malformed field, 409 when the card's state forbids it
// (a failing gate without an override, a skipped level, a switchback that goes up).
void reply_refusal(httplib::Response& res, const Error& refusal) {
  if (refusal.kind == ErrorKind::Usage && !refusal.pointer.empty()) return reply_failure(res, refusal);
  reply_error(res, 409, "review_refused", refusal.message, {refusal});
}

void review(App& app, const httplib::Request& req, httplib::Response& res) {
  auto r = open_readiness(app, req, res, true);
  if (!r) return;
  if (r->access.role != "reviewer")
    return reply_error(res, 403, "forbidden", "only the reviewer role records reviews; you are " + r->access.role + " in this project");
  const std::string component = req.matches[2];
  const store::Document* card = find_card(*r, component, res);
  if (!card) return;
  const auto expected = required_if_match(req, res);
  if (!expected) return;
  if (*expected != card->head.id) return reply_conflict(res, card->head, true);
  if (card->head.draft)
    return reply_error(res, 409, "conflict", "the card's newest revision is a draft that does not validate; fix it before a review");
  auto request = review_request(req, r->access.caller);
  if (!request.ok()) return reply_failure(res, request.error());
  auto outcome = api::trl_review(r->dir(), component, request.value(), r->options, r->files);
  if (!outcome.ok()) return reply_failure(res, outcome.error());
  if (!outcome.value().recorded) return reply_refusal(res, outcome.value().refusal);
  auto text = r->files.read(card_path(r->dir(), component), UINT64_MAX);
  if (!text.ok()) return reply_failure(res, text.error());
  const Target t{store::DocKind::Card, component, "cards"};
  const trl::ReviewRequest& rq = request.value();
  const std::string message = "review: " + rq.decision + " from level " + std::to_string(outcome.value().from) + " to " + std::to_string(rq.to);
  const store::NewRevision nr{r->access.project.id, t.kind, t.name, r->access.caller.user.id, message, text.value(), "yaml", false,
                              report::validation_json({validate_card(component, r->dir(), {text.value(), "yaml", message}).value()}),
                              *expected};
  auto done = commit_revision(app, req, res, r->access, t, nr, *card, "review");
  if (!done) return;
  JsonWriter w;
  w.begin_object();
  write_committed(w, *done);
  w.key("review").begin_object().key("component").value(component).key("from").value(outcome.value().from);
  w.key("to").value(rq.to).key("decision").value(rq.decision).key("kind").value(rq.kind).end_object();
  w.end_object();
  reply_json(res, 201, w.str());
}

}  // namespace

void add_readiness_routes(httplib::Server& http, App& app) {
  const std::string project = R"(/api/v1/projects/([^/]+))";
  http.Get(project + "/cards", [&app](const auto& req, auto& res) { list_documents(app, req, res, {store::DocKind::Card}); });
  http.Get(project + "/cards/([^/]+)", [&app](const auto& req, auto& res) {
    if (auto t = card_target(req.matches[2], res)) read_document(app, req, res, *t);
  });
  http.Put(project + "/cards/([^/]+)", [&app](const auto& req, auto& res) {
    if (auto t = card_target(req.matches[2], res))
      write_document(app, req, res, *t, [&t](const std::string& p, const Upload& u) { return validate_card(t->name, p, u); });
  });
  http.Get(project + "/trl", [&app](const auto& req, auto& res) { status(app, req, res); });
  http.Get(project + "/trl/metrics", [&app](const auto& req, auto& res) { metrics(app, req, res); });
  http.Get(project + "/trl/risks", [&app](const auto& req, auto& res) { risks(app, req, res); });
  http.Get(project + "/trl/([^/]+)/gate", [&app](const auto& req, auto& res) { gate(app, req, res); });
  http.Get(project + "/trl/([^/]+)/card", [&app](const auto& req, auto& res) { card_document(app, req, res); });
  http.Post(project + "/trl/([^/]+)/reviews", [&app](const auto& req, auto& res) { review(app, req, res); });
}

}  // namespace seam::server
