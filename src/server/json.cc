#include "server/json.h"

#include "server/http.h"
#include "util/date.h"

namespace seam::server {

void write_project_summary(JsonWriter& w, const store::Project& p, const std::string& role,
                           const std::vector<store::Document>& docs, const rules::Report& findings) {
  w.begin_object().key("name").value(p.name).key("role").value(role).key("revision").value(p.revision);
  w.key("created_at").value(iso_utc(p.created_at));
  const store::Revision* last = nullptr;
  int drafts = 0;
  for (const auto& d : docs) {
    if (!last || d.head.id > last->id) last = &d.head;
    drafts += d.head.draft;
  }
  w.key("last_change");
  if (last)
    w.begin_object().key("author").value(last->author).key("at").value(iso_utc(last->created_at))
        .key("document").value(std::string(store::doc_kind_name(last->kind)) + "/" + last->name).end_object();
  else
    w.null();
  const auto s = findings.summary();
  w.key("summary").begin_object().key("error").value(s.error).key("warning").value(s.warning).key("info").value(s.info);
  w.key("waived").value(s.waived).key("drafts").value(drafts).end_object();
  w.end_object();
}

void write_document_meta(JsonWriter& w, const store::Document& d) {
  w.begin_object().key("kind").value(store::doc_kind_name(d.kind)).key("name").value(d.name);
  w.key("etag").value(etag_of(d.head.id)).key("revision").value(d.head.number);
  w.key("author").value(d.head.author).key("updated_at").value(iso_utc(d.head.created_at));
  w.key("draft").value(d.head.draft).key("current_revision");
  d.current ? w.value(d.current->number) : w.null();
  w.end_object();
}

void write_members(JsonWriter& w, const std::vector<store::Member>& members) {
  w.begin_array();
  for (const auto& m : members) w.begin_object().key("user").value(m.user_name).key("role").value(m.role).end_object();
  w.end_array();
}

void write_revision(JsonWriter& w, const store::Revision& r, bool content) {
  w.begin_object().key("id").value(r.id).key("kind").value(store::doc_kind_name(r.kind)).key("name").value(r.name);
  w.key("number").value(r.number).key("author").value(r.author).key("created_at").value(iso_utc(r.created_at));
  w.key("message").value(r.message).key("draft").value(r.draft).key("project_revision").value(r.project_revision);
  w.key("introduced").raw(r.introduced_json.empty() ? "[]" : r.introduced_json);
  w.key("resolved").raw(r.resolved_json.empty() ? "[]" : r.resolved_json);
  if (content) {
    w.key("format").value(r.format).key("content").value(r.content);
    w.key("diagnostics").raw(r.diagnostics_json.empty() ? "null" : r.diagnostics_json);
  }
  w.end_object();
}

Result<store::Page> page_of(const httplib::Request& req) {
  store::Page page;
  auto cursor = int_param(req, "cursor");
  auto limit = int_param(req, "limit");
  if (!cursor.ok()) return std::move(cursor).take_error();
  if (!limit.ok()) return std::move(limit).take_error();
  if (cursor.value()) page.after = *cursor.value();
  if (limit.value()) {
    if (*limit.value() < 1 || *limit.value() > 500) return Error::usage("query parameter 'limit' must be from 1 to 500");
    page.limit = static_cast<int>(*limit.value());
  }
  return page;
}

namespace {
template <class T>
void write_next(JsonWriter& w, const std::vector<T>& items, const store::Page& page) {
  w.key("next");
  if (static_cast<int>(items.size()) == page.limit && !items.empty())
    w.value(std::to_string(items.back().id));
  else
    w.null();
}
}  // namespace

std::string revisions_page_json(const std::vector<store::Revision>& items, const store::Page& page) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& r : items) write_revision(w, r, false);
  w.end_array();
  write_next(w, items, page);
  w.end_object();
  return w.str();
}

std::string audit_page_json(const std::vector<store::AuditEntry>& items, const store::Page& page) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& e : items) {
    w.begin_object().key("id").value(e.id).key("at").value(iso_utc(e.at)).key("user").value(e.user_name);
    w.key("action").value(e.action).key("target").value(e.target).key("detail").value(e.detail);
    w.key("address").value(e.address).end_object();
  }
  w.end_array();
  write_next(w, items, page);
  w.end_object();
  return w.str();
}

}  // namespace seam::server
