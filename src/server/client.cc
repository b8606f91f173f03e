#include "server/client.h"

#include <httplib.h>

#include <map>

#include "doc/load.h"
#include "doc/parse.h"
#include "doc/source.h"
#include "server/auth.h"
#include "store/store.h"
#include "util/json_writer.h"

namespace seam::server {
namespace {

constexpr const char* kStateFile = ".seam-sync.json";

struct Reply {
  int status = 0;
  std::string body, etag, type;
};

// The message of an error envelope, or the status when the body is not one.
std::string error_message(const Reply& r) {
  auto src = doc::make_source("reply", r.body);
  if (src.ok())
    if (auto n = doc::parse_json(src.value()); n.ok())
      if (const auto* e = n.value().find("error"))
        if (const auto* m = e->find("message"); m && m->kind == doc::Kind::String) return m->text;
  return "the server answered " + std::to_string(r.status);
}

Result<Reply> call(const Remote& remote, const std::string& method, const std::string& path, httplib::Headers headers = {},
                   const std::string& body = {}) {
  httplib::Client client(remote.url);
  client.set_connection_timeout(10);
  client.set_read_timeout(60);
  if (!remote.token.empty()) client.set_bearer_token_auth(remote.token);
  httplib::Result res = method == "GET" ? client.Get(path, headers) : client.Put(path, headers, body, "application/json");
  if (!res) return Error::io("cannot reach " + remote.url + ": " + httplib::to_string(res.error()));
  Reply r{res->status, res->body, res->get_header_value("ETag"), res->get_header_value("Content-Type")};
  if (r.status == 401) return Error::usage("the server refused the token: " + error_message(r) + " (set SEAM_TOKEN or --token)");
  return r;
}

// Project names are [a-z0-9._-], so they need no escaping; anything else is refused here
// rather than sent as a path the server would misread.
Result<std::string> project_path(const Remote& remote) {
  if (remote.project.empty()) return Error::usage("name the project (--project)");
  if (!store::valid_project_name(remote.project))
    return Error::usage("'" + remote.project + "' is not a project name (lower-case letters, digits, '.', '_', '-')");
  return "/api/v1/projects/" + remote.project;
}

struct Synced {
  std::string etag, digest;
};
using State = std::map<std::string, Synced>;

State read_state(const std::string& dir, const FileSystem& fs) {
  State state;
  auto text = fs.read(join_path(dir, kStateFile), 1 << 20);
  if (!text.ok()) return state;
  auto src = doc::make_source(kStateFile, text.value());
  if (!src.ok()) return state;
  auto root = doc::parse_json(src.value());
  if (!root.ok()) return state;
  for (const auto& m : root.value().members) {
    const auto* etag = m.value.find("etag");
    const auto* digest = m.value.find("digest");
    if (etag && digest) state[m.key] = {etag->text, digest->text};
  }
  return state;
}

Status write_state(const std::string& dir, const State& state, FileSystem& fs) {
  JsonWriter w(2);
  w.begin_object();
  for (const auto& [name, s] : state) w.key(name).begin_object().key("etag").value(s.etag).key("digest").value(s.digest).end_object();
  w.end_object();
  return fs.write(join_path(dir, kStateFile), w.str() + "\n");
}

// The documents a directory holds, by name: descriptor files and waivers.yaml.
std::map<std::string, std::string> local_files(const std::string& dir, const FileSystem& fs) {
  std::map<std::string, std::string> out;
  auto names = fs.list(dir);
  if (!names.ok()) return out;
  for (const auto& n : names.value()) {
    if (auto d = doc::descriptor_for_file(n)) out[std::string(doc::descriptor_id(*d))] = n;
    if (n == "waivers.yaml") out["waivers"] = n;
  }
  return out;
}

std::string document_path(const std::string& base, const std::string& name) {
  return base + (name == "waivers" ? "/waivers" : "/descriptors/" + name);
}

SyncItem push_one(const Remote& remote, const std::string& base, const std::string& name, const std::string& file,
                  const std::string& content, const std::string& message, State& state) {
  SyncItem item{name, "", 0, false, ""};
  const std::string sum = digest(content);
  auto known = state.find(name);
  if (known != state.end() && known->second.digest == sum) return item.action = "unchanged", item;
  JsonWriter body;
  body.begin_object().key("content").value(content).key("message").value(message);
  body.key("format").value(file.size() > 5 && file.substr(file.size() - 5) == ".json" ? "json" : "yaml").end_object();
  httplib::Headers headers;
  if (known != state.end()) headers.emplace("If-Match", known->second.etag);
  else headers.emplace("If-None-Match", "*");
  auto r = call(remote, "PUT", document_path(base, name), headers, body.str());
  if (!r.ok()) return item.action = "refused", item.detail = r.error().message, item;
  if (r.value().status == 412) return item.action = "conflict", item.detail = error_message(r.value()), item;
  if (r.value().status != 200 && r.value().status != 201) return item.action = "refused", item.detail = error_message(r.value()), item;
  item.action = r.value().status == 201 ? "created" : "updated";
  state[name] = {r.value().etag, sum};
  auto src = doc::make_source("reply", r.value().body);
  if (src.ok())
    if (auto n = doc::parse_json(src.value()); n.ok())
      if (const auto* rev = n.value().find("revision")) {
        if (const auto* num = rev->find("number")) item.revision = num->integer;
        if (const auto* d = rev->find("draft")) item.draft = d->boolean;
        if (const auto* intro = rev->find("introduced"); intro && !intro->items.empty())
          item.detail = std::to_string(intro->items.size()) + " new finding item(s)";
      }
  return item;
}

}  // namespace

Result<std::string> get(const Remote& remote, const std::string& path) {
  auto r = call(remote, "GET", path);
  if (!r.ok()) return std::move(r).take_error();
  if (r.value().status != 200) return Error::usage(error_message(r.value()));
  return r.value().body;
}

Result<SyncResult> push(const Remote& remote, const std::string& dir, const std::string& message, FileSystem& fs) {
  auto base = project_path(remote);
  if (!base.ok()) return std::move(base).take_error();
  const auto files = local_files(dir, fs);
  if (files.empty()) return Error::usage("no descriptors found in " + dir);
  // Even with nothing to send, a wrong server, project or token is an error, not "unchanged".
  if (auto project = get(remote, base.value()); !project.ok()) return std::move(project).take_error();
  State state = read_state(dir, fs);
  SyncResult out;
  for (const auto& [name, file] : files) {
    auto content = fs.read(join_path(dir, file), doc::kMaxDescriptorBytes);
    if (!content.ok()) return std::move(content).take_error();
    out.items.push_back(push_one(remote, base.value(), name, file, content.value(), message, state));
    const std::string& a = out.items.back().action;
    out.conflict = out.conflict || a == "conflict" || a == "refused";
  }
  if (auto st = write_state(dir, state, fs); !st.ok()) return std::move(st).take_error();
  return out;
}

Result<SyncResult> pull(const Remote& remote, const std::string& dir, bool force, FileSystem& fs) {
  auto base = project_path(remote);
  if (!base.ok()) return std::move(base).take_error();
  auto listing = get(remote, base.value() + "/descriptors");
  if (!listing.ok()) return std::move(listing).take_error();
  auto src = doc::make_source("reply", listing.value());
  if (!src.ok()) return std::move(src).take_error();
  auto root = doc::parse_json(src.value());
  if (!root.ok()) return std::move(root).take_error();
  std::vector<std::string> names;
  if (const auto* items = root.value().find("items"))
    for (const auto& i : items->items)
      if (const auto* n = i.find("name")) names.push_back(n->text);
  names.emplace_back("waivers");
  if (auto st = fs.make_directories(dir); !st.ok()) return std::move(st).take_error();
  State state = read_state(dir, fs);
  const auto files = local_files(dir, fs);
  SyncResult out;
  for (const auto& name : names) {
    auto r = call(remote, "GET", document_path(base.value(), name) + "?format=raw");
    if (!r.ok()) return std::move(r).take_error();
    if (r.value().status == 404 && name == "waivers") continue;
    if (r.value().status != 200) return Error::usage(error_message(r.value()));
    const bool json = r.value().type.rfind("application/json", 0) == 0;
    const std::string file = name == "waivers" ? "waivers.yaml" : name + (json ? ".json" : ".yaml");
    SyncItem item{name, "written", 0, false, ""};
    if (auto local = files.find(name); local != files.end() && !force) {
      auto content = fs.read(join_path(dir, local->second), doc::kMaxDescriptorBytes);
      const std::string sum = content.ok() ? digest(content.value()) : "";
      auto known = state.find(name);
      const bool changed_here = known == state.end() ? sum != digest(r.value().body) : known->second.digest != sum;
      if (changed_here && sum != digest(r.value().body)) {
        item.action = "kept";
        item.detail = local->second + " has changes not on the server; push them, or pull --force to discard them";
        out.conflict = true;
        out.items.push_back(item);
        continue;
      }
    }
    if (auto st = fs.write(join_path(dir, file), r.value().body); !st.ok()) return std::move(st).take_error();
    state[name] = {r.value().etag, digest(r.value().body)};
    out.items.push_back(item);
  }
  if (auto st = write_state(dir, state, fs); !st.ok()) return std::move(st).take_error();
  return out;
}

}  // namespace seam::server
