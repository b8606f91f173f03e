// What every route shares: replies, the error envelope, request bodies and ETags.
//
// Errors are {"error": {"code", "message", "details": [...]}} with the HTTP status that fits;
// details use the locations `seam validate` gives (file, pointer, line, column, message);
// the file of a request body is "request body".
//
// Thread safety: pure functions of their arguments.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <vector>

#include "doc/node.h"
#include "report/format.h"
#include "util/json_writer.h"
#include "util/result.h"

namespace seam::server {

// Sends `json` (one JSON document) with `status`.
void reply_json(httplib::Response& res, int status, const std::string& json);
// The error envelope. `code` is a stable machine-readable word ("not_found", "conflict").
void reply_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                 const std::vector<Error>& details = {});
// A library Error as a reply: Usage -> 400 (422 when it names a field of the body), Invalid
// -> 422, Io -> 503 (the database could not answer), its location as the one detail.
void reply_failure(httplib::Response& res, const Error& e);

// The JSON object of a request body, parsed with the descriptor parser's limits (depth,
// UTF-8, duplicate keys). Invalid error located in "request body" otherwise.
Result<doc::Node> json_body(const httplib::Request& req);

// Typed members of a body object. A member of the wrong type is a Usage error at its pointer;
// an absent optional member gives the fallback.
Result<std::string> string_field(const doc::Node& body, const char* key);
Result<std::string> string_field(const doc::Node& body, const char* key, const std::string& fallback);
Result<bool> bool_field(const doc::Node& body, const char* key, bool fallback);
Result<std::optional<int64_t>> int_field(const doc::Node& body, const char* key);
// A list of strings; absent: empty.
Result<std::vector<std::string>> string_list_field(const doc::Node& body, const char* key);
// Refuses members other than `known`, naming the first with a suggestion.
Status only_fields(const doc::Node& body, const std::vector<std::string>& known);

// The ETag of a document whose head is revision `id`: "\"r<id>\"" (strong).
std::string etag_of(int64_t revision_id);
// Conditional write headers: If-Match names the head the writer has; "If-None-Match: *"
// says the document must not exist yet.
struct Precondition {
  bool given = false;                // either header was sent
  std::optional<int64_t> expected;   // from If-Match; empty with If-None-Match: *
  bool malformed = false;            // If-Match that is not one of our ETags
};
Precondition precondition(const httplib::Request& req);

// A query parameter as a positive integer; nullopt when absent, an error when malformed.
Result<std::optional<int64_t>> int_param(const httplib::Request& req, const char* name);

// The output format a request asks for: ?format= wins, else the first media type of Accept
// that seam writes, else `fallback`.
std::string wanted_format(const httplib::Request& req, const std::string& fallback);
// ?format=, or `fallback` when absent (for reports that no Accept header names).
std::string format_param(const httplib::Request& req, const std::string& fallback);
// The media type of a report format ("sarif" -> "application/sarif+json"); text/plain when unknown.
const char* media_type(const std::string& format);

// Renders `value` in the format named `name` with 200, or answers 400 naming the formats.
template <class R>
void reply_report(httplib::Response& res, const report::Formats<R>& formats, const std::string& name, const R& value) {
  const auto* format = report::find_format(formats, name);
  if (!format) return reply_error(res, 400, "bad_request", "format must be " + report::format_names(formats));
  StringWriter out;
  format->render(value, out);
  res.status = 200;
  res.set_content(out.take(), media_type(name));
}

int64_t now_seconds();

}  // namespace seam::server
