// seam serve: the team server; seam admin: accounts, backup and migrations of its database.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/args.h"
#include "cli/command.h"
#include "server/auth.h"
#include "server/server.h"
#include "store/store.h"

namespace seam::cli {
namespace {

constexpr const char* kDefaultDb = "seam.db";

// "HOST:PORT", "[V6]:PORT" or ":PORT".
Result<std::pair<std::string, int>> parse_listen(const std::string& s) {
  const size_t colon = s.rfind(':');
  if (colon == std::string::npos) return Error::usage("--listen expects HOST:PORT; found '" + s + "'");
  std::string host = s.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "127.0.0.1";
  const std::string p = s.substr(colon + 1);
  char* end = nullptr;
  const long port = std::strtol(p.c_str(), &end, 10);
  if (p.empty() || *end || port < 0 || port > 65535) return Error::usage("--listen: '" + p + "' is not a port number (0 to 65535)");
  return std::make_pair(host, static_cast<int>(port));
}

Result<size_t> parse_size(const std::string& s) {
  char* end = nullptr;
  const unsigned long long n = std::strtoull(s.c_str(), &end, 10);
  if (s.empty() || *end || n < 1024 || n > (1ull << 30)) return Error::usage("--max-body expects a number of bytes from 1024 to 1073741824; found '" + s + "'");
  return static_cast<size_t>(n);
}

// A whole number from `low` to `high` for `option`.
Result<size_t> parse_count(const std::string& option, const std::string& s, size_t low, size_t high) {
  char* end = nullptr;
  const unsigned long long n = std::strtoull(s.c_str(), &end, 10);
  if (s.empty() || *end || s[0] == '-' || n < low || n > high)
    return Error::usage(option + " expects a number from " + std::to_string(low) + " to " + std::to_string(high) + "; found '" + s + "'");
  return static_cast<size_t>(n);
}

// The password from the terminal (twice, without echo) or, when stdin is not a terminal,
// its first line, so scripts can pipe it in. Never from the command line, where other users
// of the machine could read it.
Result<std::string> read_password() {
  std::string first;
  if (!isatty(STDIN_FILENO)) {
    if (!std::getline(std::cin, first)) return Error::usage("no password on standard input");
    if (!first.empty() && first.back() == '\r') first.pop_back();
    return first;
  }
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios silent = old;
  silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &silent);
  std::string second;
  std::fprintf(stderr, "Password: ");
  std::getline(std::cin, first);
  std::fprintf(stderr, "\nAgain: ");
  std::getline(std::cin, second);
  std::fprintf(stderr, "\n");
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  if (first != second) return Error::usage("the two passwords differ");
  return first;
}

int create_user(store::Store& db, const Args& args) {
  if (args.positional.size() != 2) return usage_error("admin", "create-user takes one user name");
  if (auto st = server::init_crypto(); !st.ok()) return print_error(st.error());
  auto password = read_password();
  if (!password.ok()) return usage_error("admin", password.error().message);
  auto hash = server::hash_password(password.value());
  if (!hash.ok()) return usage_error("admin", hash.error().message);
  auto user = db.create_user(args.positional[1], hash.value(), args.has("--admin"));
  if (!user.ok()) return print_error(user.error());
  std::printf("created user %s%s\n", user.value().name.c_str(), user.value().admin ? " (administrator)" : "");
  return kExitOk;
}

}  // namespace

int run_serve(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, spec_of("serve"));
  if (!parsed.ok()) return usage_error("serve", parsed.error().message);
  const Args& args = parsed.value();
  if (!args.positional.empty()) return usage_error("serve", "serve takes no positional arguments");
  server::Options options;
  auto listen = parse_listen(args.get("--listen", "127.0.0.1:8080"));
  if (!listen.ok()) return usage_error("serve", listen.error().message);
  std::tie(options.host, options.port) = listen.value();
  options.tls_cert = args.get("--tls-cert", "");
  options.tls_key = args.get("--tls-key", "");
  if (options.tls_cert.empty() != options.tls_key.empty()) return usage_error("serve", "--tls-cert and --tls-key go together");
  if (args.options.count("--max-body")) {
    auto n = parse_size(args.get("--max-body", ""));
    if (!n.ok()) return usage_error("serve", n.error().message);
    options.limits.max_body = n.value();
  }
  if (args.options.count("--max-streams")) {
    auto n = parse_count("--max-streams", args.get("--max-streams", ""), 1, 1000);
    if (!n.ok()) return usage_error("serve", n.error().message);
    options.limits.max_event_streams = n.value();
  }
  if (args.options.count("--heartbeat")) {
    auto n = parse_count("--heartbeat", args.get("--heartbeat", ""), 1, 3600);
    if (!n.ok()) return usage_error("serve", n.error().message);
    options.limits.event_heartbeat = static_cast<int>(n.value());
  }
  options.ui_dir = args.get("--ui-dir", "");
  if (!options.ui_dir.empty() && !std::ifstream(options.ui_dir + "/index.html"))
    return usage_error("serve", "--ui-dir " + options.ui_dir + " has no index.html (build it with 'npm run build' in ui/)");
  for (const std::string& proxy : args.all("--trusted-proxy")) {
    if (!server::is_ip_address(proxy))
      return usage_error("serve", "--trusted-proxy expects an IP address, such as 127.0.0.1; found '" + proxy + "'");
    options.trusted_proxies.push_back(proxy);
  }
  auto analyzer = api::make_analyzer(check_options(args));
  if (!analyzer.ok()) return print_error(analyzer.error());
  auto db = store::open(args.get("--db", kDefaultDb));
  if (!db.ok()) return print_error(db.error());
  auto st = server::run(*db.value(), std::move(analyzer).value(), options);
  return st.ok() ? kExitOk : print_error(st.error());
}

int run_admin(const std::vector<std::string>& argv) {
  auto parsed = parse_args(argv, spec_of("admin"));
  if (!parsed.ok()) return usage_error("admin", parsed.error().message);
  const Args& args = parsed.value();
  const std::string sub = args.positional.empty() ? "" : args.positional[0];
  if (sub != "create-user" && sub != "backup" && sub != "migrate")
    return usage_error("admin", "expected create-user, backup or migrate" + (sub.empty() ? std::string() : "; found '" + sub + "'"));
  auto db = store::open(args.get("--db", kDefaultDb));
  if (!db.ok()) return print_error(db.error());
  if (sub == "create-user") return create_user(*db.value(), args);
  if (sub == "migrate") {
    std::printf("database schema at version %d\n", db.value()->schema_version());
    return kExitOk;
  }
  if (args.positional.size() != 2) return usage_error("admin", "backup takes one output file");
  if (auto st = db.value()->backup(args.positional[1]); !st.ok()) return print_error(st.error());
  std::printf("backed up to %s\n", args.positional[1].c_str());
  return kExitOk;
}

}  // namespace seam::cli
