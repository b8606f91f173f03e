// seam push / pull / log: keep a project directory and a server's project in step, and show
// the server's history.
#include <cstdio>
#include <cstdlib>

#include "cli/args.h"
#include "cli/command.h"
#include "doc/parse.h"
#include "doc/source.h"
#include "server/client.h"

namespace seam::cli {
namespace {


std::string env_or(const Args& args, const char* option, const char* env) {
  const char* e = std::getenv(env);
  return args.get(option, e ? e : "");
}

Result<server::Remote> remote_of(const Args& args) {
  server::Remote r{env_or(args, "--server", "SEAM_SERVER"), env_or(args, "--project", "SEAM_PROJECT"),
                   env_or(args, "--token", "SEAM_TOKEN")};
  if (r.url.empty()) return Error::usage("name the server: --server URL or SEAM_SERVER");
  if (r.project.empty()) return Error::usage("name the project: --project NAME or SEAM_PROJECT");
  if (r.token.empty()) return Error::usage("give an API token: SEAM_TOKEN (or --token, which other users can see in ps)");
  while (!r.url.empty() && r.url.back() == '/') r.url.pop_back();
  return r;
}

int print_sync(const server::SyncResult& result) {
  for (const auto& i : result.items) {
    std::printf("%-24s %s", i.name.c_str(), i.action.c_str());
    if (i.revision) std::printf(" (revision %lld%s)", static_cast<long long>(i.revision), i.draft ? ", draft: does not validate" : "");
    if (!i.detail.empty()) std::printf(": %s", i.detail.c_str());
    std::printf("\n");
  }
  return result.conflict ? kExitFindings : kExitOk;
}

int sync(const std::string& command, const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, spec_of(command));
  if (!parsed.ok()) return usage_error(command, parsed.error().message);
  const Args& args = parsed.value();
  if (args.positional.size() != 1) return usage_error(command, "give one project directory");
  auto remote = remote_of(args);
  if (!remote.ok()) return usage_error(command, remote.error().message);
  auto result = command == "push"
                    ? server::push(remote.value(), args.positional[0], args.get("--message", args.get("-m", "pushed with seam push")))
                    : server::pull(remote.value(), args.positional[0], args.has("--force"));
  if (!result.ok()) return print_error(result.error());
  return print_sync(result.value());
}

std::string field(const doc::Node& n, const char* key) {
  const doc::Node* v = n.find(key);
  if (!v) return "";
  return v->kind == doc::Kind::String ? v->text : v->kind == doc::Kind::Int ? std::to_string(v->integer) : "";
}

void print_revision(const doc::Node& r) {
  const doc::Node* intro = r.find("introduced");
  const doc::Node* resolved = r.find("resolved");
  std::printf("%-8s %s  %-16s %s/%s #%s", field(r, "id").c_str(), field(r, "created_at").c_str(), field(r, "author").c_str(),
              field(r, "kind").c_str(), field(r, "name").c_str(), field(r, "number").c_str());
  if (const auto* d = r.find("draft"); d && d->boolean) std::printf(" (draft)");
  if (intro && !intro->items.empty()) std::printf("  +%zu finding item(s)", intro->items.size());
  if (resolved && !resolved->items.empty()) std::printf("  -%zu resolved", resolved->items.size());
  const std::string message = field(r, "message");
  std::printf("%s%s\n", message.empty() ? "" : "\n         ", message.c_str());
}

}  // namespace

int run_push(const std::vector<std::string>& argv) { return sync("push", argv); }
int run_pull(const std::vector<std::string>& argv) { return sync("pull", argv); }

int run_log(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, spec_of("log"));
  if (!parsed.ok()) return usage_error("log", parsed.error().message);
  const Args& args = parsed.value();
  if (args.positional.size() > 1) return usage_error("log", "give at most one descriptor");
  const std::string format = args.get("--format", "text");
  if (format != "text" && format != "json") return usage_error("log", "--format must be text or json");
  auto remote = remote_of(args);
  if (!remote.ok()) return usage_error("log", remote.error().message);
  std::string path = "/api/v1/projects/" + remote.value().project;
  if (!args.positional.empty()) path += "/descriptors/" + args.positional[0];
  path += "/revisions?limit=" + args.get("--limit", "20");
  auto body = server::get(remote.value(), path);
  if (!body.ok()) return print_error(body.error());
  if (format == "json") return std::printf("%s\n", body.value().c_str()), kExitOk;
  auto src = doc::make_source("reply", body.value());
  if (!src.ok()) return print_error(src.error());
  auto root = doc::parse_json(src.value());
  if (!root.ok()) return print_error(root.error());
  if (const auto* items = root.value().find("items"))
    for (const auto& r : items->items) print_revision(r);
  return kExitOk;
}

}  // namespace seam::cli
