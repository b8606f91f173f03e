// GET .../events: the Hub, and the route that streams a project's change events.
//
// The stream sends "event: ready" with the project's revision at once (so a reader that
// subscribes first and reads the state second knows which events are newer), then
// "event: change" per write, "event: resync" when events may have been missed, and a comment
// line every heartbeat so that proxies and readers see the connection alive.
#include "server/events.h"
#include "util/date.h"

#include <algorithm>
#include <string>

#include "server/app.h"
#include "server/auth.h"
#include "server/http.h"

namespace seam::server {
namespace {

// Events a slow reader may fall behind by before they are dropped for a resync.
constexpr size_t kMaxQueued = 1000;
// How often a waiting stream checks that its reader is still connected.
constexpr std::chrono::milliseconds kCheckEvery{1000};

std::string frame(const char* event, const std::string& data, int64_t id = 0) {
  std::string out = id ? "id: " + std::to_string(id) + "\n" : "";
  return out + "event: " + event + "\ndata: " + data + "\n\n";
}

std::string change_json(const std::string& project, const store::ChangeEvent& e) {
  JsonWriter w;
  w.begin_object().key("project").value(project).key("project_revision").value(e.project_revision);
  w.key("kind").value(store::doc_kind_name(e.kind)).key("name").value(e.name).key("revision").value(e.revision_id);
  w.key("number").value(e.number).key("etag").value(etag_of(e.revision_id)).key("author").value(e.author);
  w.key("draft").value(e.draft).key("created_at").value(iso_utc(e.created_at)).end_object();
  return w.str();
}

std::string project_json(const std::string& project, int64_t revision) {
  JsonWriter w;
  w.begin_object().key("project").value(project);
  if (revision >= 0) w.key("project_revision").value(revision);
  w.end_object();
  return w.str();
}

// Is the caller still signed in and a member? Asked at every heartbeat, so a revoked token,
// an ended session or a removed member stops hearing the project within one.
bool still_allowed(App& app, const Caller& caller, int64_t project_id) {
  const int64_t now = now_seconds();
  if (caller.token) {
    auto found = app.store.find_token(caller.token->hash, now);
    if (!found.ok() || !found.value()) return false;
    const store::Token& t = found.value()->token;
    if (t.revoked_at || (t.expires_at && *t.expires_at <= now)) return false;
  } else if (caller.session) {
    auto s = app.store.find_session(caller.session->id_hash, now);
    if (!s.ok() || !s.value()) return false;
  }
  auto role = app.store.role_of(project_id, caller.user.id);
  return role.ok() && role.value().has_value();
}

// One open stream: what its content provider keeps between calls.
struct Feed {
  std::shared_ptr<Stream> stream;
  Caller caller;
  std::string project;
  int64_t revision = 0;  // the project's when the stream opened
  bool started = false;
  std::chrono::steady_clock::time_point heartbeat;
};

// Called by httplib over and over while the response lasts; false ends it (after done(),
// the connection closes rather than wait for another request).
bool pump(App& app, Feed& feed, httplib::DataSink& sink) {
  const auto now = std::chrono::steady_clock::now();
  if (!feed.started) {
    feed.started = true;
    feed.heartbeat = now + std::chrono::seconds(app.limits.event_heartbeat);
    const std::string hello = "retry: 3000\n" + frame("ready", project_json(feed.project, feed.revision));
    return sink.write(hello.data(), hello.size());
  }
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(feed.heartbeat - now);
  Pending next = feed.stream->wait(std::clamp(left, std::chrono::milliseconds(0), kCheckEvery));
  if (next.closed) return sink.done(), false;
  std::string out;
  for (const auto& e : next.events) out += frame("change", change_json(feed.project, e), e.project_revision);
  if (next.gap) out += frame("resync", project_json(feed.project, -1));
  if (std::chrono::steady_clock::now() >= feed.heartbeat) {
    if (!still_allowed(app, feed.caller, feed.stream->project_id())) return sink.done(), false;
    out += ": heartbeat\n\n";
    feed.heartbeat = std::chrono::steady_clock::now() + std::chrono::seconds(app.limits.event_heartbeat);
  }
  if (out.empty()) return sink.is_writable();  // a reader that went away frees its slot now
  return sink.write(out.data(), out.size());
}

void events(App& app, const httplib::Request& req, httplib::Response& res) {
  auto access = open_project(app, req, res, false);
  if (!access) return;
  auto stream = app.events.open(access->project.id);
  if (!stream) {
    res.set_header("Retry-After", "5");
    return reply_error(res, 503, "unavailable", "too many open event streams; try again later");
  }
  // The revision is read after the stream is registered, so every write after it is heard.
  auto project = app.store.find_project(access->project.name);
  if (!project.ok() || !project.value()) {
    app.events.remove(stream);
    return project.ok() ? reply_error(res, 404, "not_found", "no project '" + access->project.name + "'")
                        : reply_failure(res, project.error());
  }
  auto feed = std::make_shared<Feed>(Feed{stream, access->caller, access->project.name, project.value()->revision, false, {}});
  // nginx and similar proxies would hold events back in a buffer without this.
  res.set_header("X-Accel-Buffering", "no");
  res.status = 200;
  res.set_chunked_content_provider(
      "text/event-stream",
      [&app, feed](size_t, httplib::DataSink& sink) { return pump(app, *feed, sink); },
      [&app, stream](bool) { app.events.remove(stream); });
}

}  // namespace

Pending Stream::wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, timeout, [this] { return !pending_.events.empty() || pending_.gap || pending_.closed; });
  Pending out = std::move(pending_);
  pending_ = Pending{{}, false, out.closed};
  return out;
}

void Stream::push(const store::ChangeEvent& e) {
  {
    std::lock_guard lock(mu_);
    if (e.project_id == 0 || pending_.events.size() >= kMaxQueued) {
      pending_.events.clear();
      pending_.gap = true;
    } else {
      pending_.events.push_back(e);
    }
  }
  cv_.notify_all();
}

void Stream::close() {
  {
    std::lock_guard lock(mu_);
    pending_.closed = true;
  }
  cv_.notify_all();
}

std::shared_ptr<Stream> Hub::open(int64_t project_id) {
  std::lock_guard lock(mu_);
  if (closed_ || streams_.size() >= max_) return nullptr;
  return streams_.emplace_back(std::make_shared<Stream>(project_id));
}

void Hub::remove(const std::shared_ptr<Stream>& s) {
  std::lock_guard lock(mu_);
  std::erase(streams_, s);
}

void Hub::publish(const store::ChangeEvent& e) {
  std::lock_guard lock(mu_);
  for (auto& s : streams_)
    if (e.project_id == 0 || s->project_id() == e.project_id) s->push(e);
}

void Hub::close() {
  std::lock_guard lock(mu_);
  closed_ = true;
  for (auto& s : streams_) s->close();
}

size_t Hub::open_count() const {
  std::lock_guard lock(mu_);
  return streams_.size();
}

void add_event_routes(httplib::Server& http, App& app) {
  http.Get(R"(/api/v1/projects/([^/]+)/events)", [&app](const auto& req, auto& res) { events(app, req, res); });
}

}  // namespace seam::server
