// The server's JSON objects: projects, documents, revisions, members, audit entries, pages.
//
// Thread safety: pure functions.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "rules/finding.h"
#include "store/store.h"
#include "util/json_writer.h"
#include "util/result.h"

namespace seam::server {

// {name, role, revision, created_at, last_change, summary: {error, warning, info, waived,
// invalid_documents, drafts}}.
void write_project_summary(JsonWriter& w, const store::Project& p, const std::string& role,
                           const std::vector<store::Document>& docs, const rules::Report& findings);
// {kind, name, etag, revision, author, updated_at, draft, current_revision}.
void write_document_meta(JsonWriter& w, const store::Document& d);
void write_members(JsonWriter& w, const std::vector<store::Member>& members);
// A revision's metadata; with `content`, also its text, format and diagnostics.
void write_revision(JsonWriter& w, const store::Revision& r, bool content);

// ?cursor=ID&limit=N (1..500, default 100).
Result<store::Page> page_of(const httplib::Request& req);
// {items: [...], next: cursor or null}: `next` is set when the page was full.
std::string revisions_page_json(const std::vector<store::Revision>& items, const store::Page& page);
std::string audit_page_json(const std::vector<store::AuditEntry>& items, const store::Page& page);

}  // namespace seam::server
