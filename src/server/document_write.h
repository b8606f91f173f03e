// The write and read path every project document shares: descriptors, the waivers document,
// TRL cards and data profiles. Each kind brings its own check of an upload; everything else
// (roles, preconditions, revisions, findings bookkeeping, audit, replies) is done here once.
//
// Thread safety: the functions may run in any number of request threads at once.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "report/diagnostic.h"
#include "server/app.h"

namespace seam::server {

// One document of a project.
struct Target {
  store::DocKind kind;
  std::string name;    // descriptor id, "waivers", component id or data set
  std::string policy;  // the name the write policy uses
};

// What a write sends: the document's text, its format ("yaml" or "json") and a message.
struct Upload {
  std::string content, format, message;
};

// Either a JSON envelope {"content", "format", "message"}, or (Content-Type YAML or plain
// text) the document itself, with the message in X-Seam-Message.
Result<Upload> read_upload(const httplib::Request& req);
using ReadUpload = Result<Upload> (*)(const httplib::Request& req);

// Checks an upload to project `project` before it is stored. An error refuses the write and
// nothing is stored; a result with errors stores the upload as a draft, which analysis skips.
using Validate = std::function<Result<report::FileResult>(const std::string& project, const Upload& upload)>;

// PUT of document `t` of the project named in the path (match 1): the caller's role must be
// allowed to write t.policy, and If-Match (or "If-None-Match: *" to create) is required.
// Replies 201 or 200 with {etag, revision, summary}.
void write_document(App& app, const httplib::Request& req, httplib::Response& res, const Target& t,
                    const Validate& validate, ReadUpload read = read_upload);

// GET of document `t`: its metadata and head revision, or with ?format=raw its own text.
void read_document(App& app, const httplib::Request& req, httplib::Response& res, const Target& t);

// GET of the metadata of the project's documents of the given kinds: {items: [...]}.
void list_documents(App& app, const httplib::Request& req, httplib::Response& res, const std::vector<store::DocKind>& kinds);

// The precondition of a write that changes an existing document: If-Match is required
// (428 without it, 412 for one that names no revision). It has replied when it returns nullopt.
std::optional<int64_t> required_if_match(const httplib::Request& req, httplib::Response& res);

// 412 with the document's head as `current` (`exists` false: it does not exist yet).
void reply_conflict(httplib::Response& res, const store::Revision& current, bool exists);

struct Committed {
  store::Revision revision;
  std::shared_ptr<const Checked> findings;  // of the project after the write
  bool created = false;                     // the document's first revision
};

// Stores `nr` (the caller's checked write to `t`, whose document was `before`) with the
// findings it introduced and resolved, remembers the new findings and audits `action`. On
// failure or conflict it has replied and returns nullopt.
std::optional<Committed> commit_revision(App& app, const httplib::Request& req, httplib::Response& res,
                                         const ProjectAccess& access, const Target& t, const store::NewRevision& nr,
                                         const std::optional<store::Document>& before, const std::string& action);

// The members "etag", "revision" (with content) and "summary" of a write's reply, into an
// object the caller has opened.
void write_committed(JsonWriter& w, const Committed& c);

}  // namespace seam::server
