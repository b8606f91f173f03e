// The web UI: index.html at "/" and the files Vite built beside it, from the binary or, with
// --ui-dir, from a folder (a development build, read per request).
#include <fstream>
#include <sstream>

#include "server/app.h"
#include "server/http.h"
#include "util/embedded.h"

namespace seam::server {

// ui/ as built into the binary (CMakeLists.txt, scripts/embed-files.cmake).
const std::vector<EmbeddedFile>& embedded_ui();

namespace {

const char* media_type_of(const std::string& name) {
  auto ends = [&](const char* ext) { return name.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".json")) return "application/json";
  return "application/octet-stream";
}

std::optional<std::string> read_file(const std::string& dir, const std::string& name) {
  if (dir.empty()) {
    for (const auto& f : embedded_ui())
      if (name == f.name) return std::string(f.text);
    return std::nullopt;
  }
  std::ifstream in(dir + "/" + name, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void serve(const std::string& dir, const std::string& name, httplib::Response& res) {
  auto text = read_file(dir, name);
  if (!text) return reply_error(res, 404, "not_found", "no such resource: /" + name);
  res.headers.erase("Cache-Control");
  if (name == "index.html") {
    // The page names the current build's files, so it is asked for afresh each time; scripts
    // come only from this server, and no other site may frame it.
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                   "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  } else {
    // Vite puts a hash of the content in every other file's name.
    res.set_header("Cache-Control", dir.empty() ? "public, max-age=31536000, immutable" : "no-cache");
  }
  res.set_content(*text, media_type_of(name));
}

}  // namespace

void add_ui_routes(httplib::Server& http, const std::string& ui_dir) {
  http.Get("/", [ui_dir](const auto&, auto& res) { serve(ui_dir, "index.html", res); });
  // Names without a leading dot and without slashes: nothing outside the folder is reachable.
  http.Get(R"(/([A-Za-z0-9_-][A-Za-z0-9._-]{0,200}))",
           [ui_dir](const auto& req, auto& res) { serve(ui_dir, req.matches[1], res); });
}

}  // namespace seam::server
