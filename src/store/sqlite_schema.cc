// The SQLite schema, as an ordered list of migrations. Never edit a released migration: add
// the next one, and raise kSchemaVersion in store.h. pg_schema.cc must gain the same step.
#include "store/sqlite_store.h"

namespace seam::store {

const std::vector<std::string>& sqlite_migrations() {
  static const std::vector<std::string> migrations = {
      // 1: everything the first team server keeps.
      R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  admin INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);
CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  revision INTEGER NOT NULL,
  policy_json TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  project_id INTEGER REFERENCES projects(id),
  write_access INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  last_used_at INTEGER
);
CREATE INDEX tokens_by_user ON tokens(user_id);
CREATE TABLE members (
  project_id INTEGER NOT NULL REFERENCES projects(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'data_scientist', 'software_engineer', 'operations',
                                     'reviewer', 'viewer')),
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX members_by_user ON members(user_id);
CREATE TABLE revisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id),
  kind TEXT NOT NULL CHECK (kind IN ('descriptor', 'waivers', 'card', 'profile')),
  name TEXT NOT NULL,
  number INTEGER NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  message TEXT NOT NULL,
  content TEXT NOT NULL,
  format TEXT NOT NULL,
  draft INTEGER NOT NULL,
  diagnostics_json TEXT NOT NULL,
  introduced_json TEXT NOT NULL,
  resolved_json TEXT NOT NULL,
  project_revision INTEGER NOT NULL,
  UNIQUE (project_id, kind, name, number)
);
CREATE INDEX revisions_by_project ON revisions(project_id, id);
-- Each document's head and newest non-draft revision, moved by every write.
CREATE TABLE documents (
  project_id INTEGER NOT NULL REFERENCES projects(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  head_id INTEGER NOT NULL REFERENCES revisions(id),
  current_id INTEGER REFERENCES revisions(id),
  PRIMARY KEY (project_id, kind, name)
);
-- The findings of each project revision, computed once when it was written.
CREATE TABLE findings (
  project_id INTEGER NOT NULL REFERENCES projects(id),
  project_revision INTEGER NOT NULL,
  findings_json TEXT NOT NULL,
  PRIMARY KEY (project_id, project_revision)
);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at INTEGER NOT NULL,
  project_id INTEGER,
  user_id INTEGER,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  address TEXT NOT NULL
);
CREATE INDEX audit_by_project ON audit(project_id, id);
CREATE TABLE rate_hits (
  hit_key TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (hit_key, window_start)
);
CREATE INDEX rate_hits_by_window ON rate_hits(window_start);
)sql",
      // 2: the events that `seam monitor` sends a project.
      R"sql(
CREATE TABLE monitor_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id),
  received_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  type TEXT NOT NULL,
  window_no INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  test TEXT NOT NULL,
  severity TEXT NOT NULL,
  event_json TEXT NOT NULL
);
CREATE INDEX monitor_events_by_project ON monitor_events(project_id, id);
CREATE INDEX monitor_events_by_column ON monitor_events(project_id, column_name, id);
)sql",
  };
  return migrations;
}

}  // namespace seam::store
