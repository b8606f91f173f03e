#include "server/http.h"

#include <chrono>

#include "doc/parse.h"
#include "doc/source.h"
#include "report/diagnostic.h"
#include "server/metrics.h"
#include "util/text.h"

namespace seam::server {

void reply_json(httplib::Response& res, int status, const std::string& json) {
  res.status = status;
  res.set_content(json, "application/json");
}

void reply_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                 const std::vector<Error>& details) {
  JsonWriter w;
  w.begin_object().key("error").begin_object();
  w.key("code").value(code).key("message").value(message).key("details").begin_array();
  for (const auto& d : details) {
    w.begin_object();
    if (!d.file.empty()) w.key("file").value(d.file);
    report::write_error_fields(w, d);
    w.end_object();
  }
  w.end_array().end_object().end_object();
  reply_json(res, status, w.str());
}

void reply_failure(httplib::Response& res, const Error& e) {
  switch (e.kind) {
    case ErrorKind::Io:
      Metrics::database_error();
      return reply_error(res, 503, "unavailable", e.message);
    case ErrorKind::Usage:
      return reply_error(res, e.pointer.empty() ? 400 : 422, "bad_request", e.message, {e});
    case ErrorKind::Invalid:
      return reply_error(res, 422, "invalid", e.message, {e});
  }
}

Result<doc::Node> json_body(const httplib::Request& req) {
  if (req.body.empty()) return Error::usage("the request needs a JSON body");
  auto src = doc::make_source("request body", req.body);
  if (!src.ok()) return src.error();
  auto node = doc::parse_json(src.value());
  if (!node.ok()) return node.error();
  if (node.value().kind != doc::Kind::Object)
    return Error::usage_at("", "the body must be a JSON object; found " + std::string(doc::kind_name(node.value().kind)));
  return node;
}

namespace {
Error wrong_type(const char* key, const char* expected, const doc::Node& n) {
  return Error::usage_at(std::string("/") + key, std::string("'") + key + "' must be " + expected + "; found " + std::string(doc::kind_name(n.kind)));
}
}  // namespace

Result<std::string> string_field(const doc::Node& body, const char* key) {
  const doc::Node* n = body.find(key);
  if (!n || n->kind == doc::Kind::Null) return Error::usage_at(std::string("/") + key, std::string("'") + key + "' is required");
  if (n->kind != doc::Kind::String) return wrong_type(key, "a string", *n);
  return n->text;
}

Result<std::string> string_field(const doc::Node& body, const char* key, const std::string& fallback) {
  const doc::Node* n = body.find(key);
  if (!n || n->kind == doc::Kind::Null) return fallback;
  if (n->kind != doc::Kind::String) return wrong_type(key, "a string", *n);
  return n->text;
}

Result<bool> bool_field(const doc::Node& body, const char* key, bool fallback) {
  const doc::Node* n = body.find(key);
  if (!n || n->kind == doc::Kind::Null) return fallback;
  if (n->kind != doc::Kind::Bool) return wrong_type(key, "true or false", *n);
  return n->boolean;
}

Result<std::optional<int64_t>> int_field(const doc::Node& body, const char* key) {
  const doc::Node* n = body.find(key);
  if (!n || n->kind == doc::Kind::Null) return std::optional<int64_t>();
  if (n->kind != doc::Kind::Int) return wrong_type(key, "an integer", *n);
  return std::optional<int64_t>(n->integer);
}

Result<std::vector<std::string>> string_list_field(const doc::Node& body, const char* key) {
  std::vector<std::string> out;
  const doc::Node* n = body.find(key);
  if (!n || n->kind == doc::Kind::Null) return out;
  if (n->kind != doc::Kind::Array) return wrong_type(key, "a list of strings", *n);
  for (size_t i = 0; i < n->items.size(); ++i) {
    const doc::Node& item = n->items[i];
    if (item.kind != doc::Kind::String)
      return Error::usage_at(std::string("/") + key + "/" + std::to_string(i), std::string("'") + key + "' must hold strings; found " + std::string(doc::kind_name(item.kind)));
    out.push_back(item.text);
  }
  return out;
}

Status only_fields(const doc::Node& body, const std::vector<std::string>& known) {
  for (const auto& m : body.members)
    if (std::find(known.begin(), known.end(), m.key) == known.end())
      return Error::usage_at("/" + m.key, "unknown field '" + m.key + "'" + text::did_you_mean(m.key, known) +
                                              "; expected " + text::join(known, ", "));
  return Ok{};
}

std::string etag_of(int64_t revision_id) { return "\"r" + std::to_string(revision_id) + "\""; }

Precondition precondition(const httplib::Request& req) {
  Precondition p;
  // get_header_value returns a copy: keep it alive while views into it are used.
  const std::string none_match = req.get_header_value("If-None-Match"), if_match = req.get_header_value("If-Match");
  if (text::trim(none_match) == "*") {
    p.given = true;
    return p;
  }
  if (!req.has_header("If-Match")) return p;
  p.given = true;
  std::string_view v = text::trim(if_match);
  if (v.size() > 4 && v.substr(0, 2) == "W/") v.remove_prefix(2);  // weak tags name the same revision
  if (v.size() < 4 || v.front() != '"' || v[1] != 'r' || v.back() != '"') return p.malformed = true, p;
  int64_t id = 0;
  for (char c : v.substr(2, v.size() - 3)) {
    if (c < '0' || c > '9' || id > (INT64_MAX - 9) / 10) return p.malformed = true, p;
    id = id * 10 + (c - '0');
  }
  p.expected = id;
  return p;
}

Result<std::optional<int64_t>> int_param(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::optional<int64_t>();
  const std::string v = req.get_param_value(name);
  int64_t n = 0;
  if (v.empty() || v.size() > 18) return Error::usage(std::string("query parameter '") + name + "' must be a positive integer");
  for (char c : v) {
    if (c < '0' || c > '9') return Error::usage(std::string("query parameter '") + name + "' must be a positive integer");
    n = n * 10 + (c - '0');
  }
  return std::optional<int64_t>(n);
}

namespace {
struct MediaType {
  const char* format;
  const char* type;
};
constexpr MediaType kTypes[] = {
    {"json", "application/json"},   {"sarif", "application/sarif+json"}, {"junit", "application/xml"},
    {"markdown", "text/markdown"},  {"html", "text/html"},               {"text", "text/plain"},
};
}  // namespace

std::string wanted_format(const httplib::Request& req, const std::string& fallback) {
  if (req.has_param("format")) return req.get_param_value("format");
  const std::string accept = req.get_header_value("Accept");
  size_t best = std::string::npos;
  std::string format = fallback;
  for (const auto& t : kTypes)
    if (size_t at = accept.find(t.type); at < best) best = at, format = t.format;
  return format;
}

std::string format_param(const httplib::Request& req, const std::string& fallback) {
  return req.has_param("format") ? req.get_param_value("format") : fallback;
}

const char* media_type(const std::string& format) {
  for (const auto& t : kTypes)
    if (format == t.format) return t.type;
  return "text/plain";
}

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace seam::server
