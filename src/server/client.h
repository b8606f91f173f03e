// The client side of the API, for `seam push`, `seam pull` and `seam log`: keeps a project
// directory and a server's project in step.
//
// Pull records, in DIR/.seam-sync.json, the revision (ETag) and content digest of every file
// it writes. Push sends each changed file with the ETag it was based on, so a file changed on
// the server since the last pull is refused (412) instead of overwritten; pull refuses to
// overwrite a file changed locally since the last pull unless forced.
//
// Thread safety: each call is independent; it owns its connection.
#pragma once

#include <string>
#include <vector>

#include "util/fs.h"
#include "util/result.h"

namespace seam::server {

struct Remote {
  std::string url;      // "http://host:port" or "https://..."
  std::string project;
  std::string token;    // API token (Authorization: Bearer)
};

struct SyncItem {
  std::string name;    // "trained_model", "waivers"
  std::string action;  // created, updated, unchanged, conflict, written, kept (local changes)
  int64_t revision = 0;  // the server's revision number after the step; 0 when none
  bool draft = false;    // the server kept it as a draft: it does not validate
  std::string detail;    // for a conflict: who changed it and when; findings introduced
};

struct SyncResult {
  std::vector<SyncItem> items;
  bool conflict = false;  // some file was refused; nothing else about it changed
};

// Sends every descriptor file and waivers.yaml of `dir` that differs from the server's.
Result<SyncResult> push(const Remote& remote, const std::string& dir, const std::string& message, FileSystem& fs = disk());
// Writes the server's current documents into `dir` (atomically, one file each).
Result<SyncResult> pull(const Remote& remote, const std::string& dir, bool force, FileSystem& fs = disk());
// GET of an API path, returning the body; an error reply becomes an Error with its message.
Result<std::string> get(const Remote& remote, const std::string& path);

}  // namespace seam::server
