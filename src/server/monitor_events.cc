// Monitor events over the server: `seam monitor --server` posts the events of its windows to a
// project, and the web UI reads them back as a timeline per column.
//
// POST takes JSON lines, one event per line, as seam monitor writes them, and keeps all of a
// request or none: a malformed line is a 400 that names its line, column and field. Posting
// needs the right to write the production_data descriptor, since the events are facts about
// production data (operations, by default). Reading needs only membership.
#include <string_view>

#include "doc/parse.h"
#include "doc/source.h"
#include "server/app.h"
#include "server/http.h"

namespace seam::server {
namespace {

constexpr size_t kMaxEventsPerRequest = 10000;

bool one_of(const std::string& v, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed)
    if (v == a) return true;
  return false;
}

// One line of the body as an event; errors are located at `line` of the request body.
Result<store::MonitorEvent> event_of(std::string_view text, uint32_t line) {
  auto fail = [&](Error e) {
    e.file = "request body";
    e.line = line;
    return e;
  };
  auto src = doc::make_source("request body", std::string(text));
  if (!src.ok()) return fail(src.error());
  auto node = doc::parse_json(src.value());
  if (!node.ok()) return fail(node.error());
  const doc::Node& n = node.value();
  if (n.kind != doc::Kind::Object) return fail(Error::invalid("each line must be one JSON object: an event of seam monitor"));
  store::MonitorEvent e;
  auto type = string_field(n, "type");
  auto column = string_field(n, "column", "");
  auto test = string_field(n, "test", "");
  auto severity = string_field(n, "severity");
  auto window = int_field(n, "window");
  if (!type.ok()) return fail(type.error());
  if (!column.ok()) return fail(column.error());
  if (!test.ok()) return fail(test.error());
  if (!severity.ok()) return fail(severity.error());
  if (!window.ok()) return fail(window.error());
  if (!one_of(type.value(), {"window", "test", "alert", "missing_column"}))
    return fail(Error::usage_at("/type", "expected window, test, alert or missing_column; found '" + type.value() + "'"));
  if (!one_of(severity.value(), {"info", "warning", "error"}))
    return fail(Error::usage_at("/severity", "expected info, warning or error; found '" + severity.value() + "'"));
  if (!window.value() || *window.value() < 0) return fail(Error::usage_at("/window", "expected the window's number, 0 or more"));
  e.type = type.value();
  e.column = column.value();
  e.test = test.value();
  e.severity = severity.value();
  e.window = *window.value();
  e.json = std::string(text);
  return e;
}

void post_events(App& app, const httplib::Request& req, httplib::Response& res) {
  auto access = open_project(app, req, res, true);
  if (!access) return;
  if (!access->policy->may_write(access->role, "production_data"))
    return reply_error(res, 403, "forbidden", "the " + access->role + " role may not post monitor events: they need the right to write production_data");
  const std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/x-ndjson", 0) != 0 && type.rfind("application/jsonl", 0) != 0)
    return reply_error(res, 415, "unsupported_media_type", "send the events as application/x-ndjson, one per line as seam monitor writes them");
  std::string source = req.get_header_value("X-Seam-Source");
  if (source.empty()) source = access->caller.user.name;
  std::vector<store::MonitorEvent> events;
  std::string_view body = req.body;
  for (uint32_t line = 1; !body.empty(); ++line) {
    const size_t nl = body.find('\n');
    std::string_view text = body.substr(0, nl);
    body.remove_prefix(nl == std::string_view::npos ? body.size() : nl + 1);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (events.size() == kMaxEventsPerRequest)
      return reply_error(res, 413, "too_large", "at most " + std::to_string(kMaxEventsPerRequest) + " events per request");
    auto e = event_of(text, line);
    if (!e.ok()) return reply_error(res, 400, "invalid", "line " + std::to_string(line) + " is not an event", {e.error()});
    e.value().source = source;
    events.push_back(std::move(e).value());
  }
  if (Status s = app.store.add_monitor_events(access->project.id, events); !s.ok()) return reply_failure(res, s.error());
  JsonWriter w;
  w.begin_object().key("accepted").value(static_cast<int64_t>(events.size())).end_object();
  reply_json(res, 201, w.str());
}

// GET .../monitor/events?column=C&alerts=true&after=ID&limit=N: newest first, a page at a time.
void get_events(App& app, const httplib::Request& req, httplib::Response& res) {
  auto access = open_project(app, req, res, false);
  if (!access) return;
  auto after = int_param(req, "after");
  auto limit = int_param(req, "limit");
  if (!after.ok()) return reply_failure(res, after.error());
  if (!limit.ok()) return reply_failure(res, limit.error());
  const std::string alerts = req.has_param("alerts") ? req.get_param_value("alerts") : "false";
  if (alerts != "true" && alerts != "false") return reply_error(res, 400, "bad_request", "query parameter 'alerts' must be true or false");
  store::Page page;
  page.after = after.value().value_or(0);
  page.limit = static_cast<int>(std::min<int64_t>(limit.value().value_or(100), 1000));
  auto events = app.store.monitor_events(access->project.id, {req.get_param_value("column"), alerts == "true"}, page);
  if (!events.ok()) return reply_failure(res, events.error());
  JsonWriter w;
  w.begin_object().key("events").begin_array();
  for (const auto& e : events.value()) {
    w.begin_object().key("id").value(e.id).key("received_at").value(e.received_at).key("source").value(e.source);
    w.key("event").raw(e.json).end_object();
  }
  w.end_array().key("next");
  if (static_cast<int>(events.value().size()) == page.limit && !events.value().empty()) w.value(events.value().back().id);
  else w.null();
  w.end_object();
  reply_json(res, 200, w.str());
}

}  // namespace

void add_monitor_routes(httplib::Server& http, App& app) {
  const std::string events = R"(/api/v1/projects/([^/]+)/monitor/events)";
  http.Post(events, [&app](const auto& req, auto& res) { post_events(app, req, res); });
  http.Get(events, [&app](const auto& req, auto& res) { get_events(app, req, res); });
}

}  // namespace seam::server
