// The PostgreSQL schema, as an ordered list of migrations: the same tables and meaning as
// sqlite_schema.cc, in PostgreSQL's types. Never edit a released migration: add the next one,
// and raise kSchemaVersion in store.h.
#include "store/pg_store.h"

namespace seam::store {

const std::vector<std::string>& pg_migrations() {
  static const std::vector<std::string> migrations = {
      // 1: everything the first team server keeps.
      R"sql(
CREATE TABLE users (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  admin BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);
CREATE TABLE projects (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  revision BIGINT NOT NULL,
  policy_json TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE tokens (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  project_id BIGINT REFERENCES projects(id),
  write_access BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  revoked_at BIGINT,
  last_used_at BIGINT
);
CREATE INDEX tokens_by_user ON tokens(user_id);
CREATE TABLE members (
  project_id BIGINT NOT NULL REFERENCES projects(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'data_scientist', 'software_engineer', 'operations',
                                     'reviewer', 'viewer')),
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX members_by_user ON members(user_id);
CREATE TABLE revisions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id BIGINT NOT NULL REFERENCES projects(id),
  kind TEXT NOT NULL CHECK (kind IN ('descriptor', 'waivers', 'card', 'profile')),
  name TEXT NOT NULL,
  number BIGINT NOT NULL,
  author_id BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  message TEXT NOT NULL,
  content TEXT NOT NULL,
  format TEXT NOT NULL,
  draft BOOLEAN NOT NULL,
  diagnostics_json TEXT NOT NULL,
  introduced_json TEXT NOT NULL,
  resolved_json TEXT NOT NULL,
  project_revision BIGINT NOT NULL,
  UNIQUE (project_id, kind, name, number)
);
CREATE INDEX revisions_by_project ON revisions(project_id, id);
-- Each document's head and newest non-draft revision, moved by every write.
CREATE TABLE documents (
  project_id BIGINT NOT NULL REFERENCES projects(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  head_id BIGINT NOT NULL REFERENCES revisions(id),
  current_id BIGINT REFERENCES revisions(id),
  PRIMARY KEY (project_id, kind, name)
);
-- The findings of each project revision, computed once when it was written.
CREATE TABLE findings (
  project_id BIGINT NOT NULL REFERENCES projects(id),
  project_revision BIGINT NOT NULL,
  findings_json TEXT NOT NULL,
  PRIMARY KEY (project_id, project_revision)
);
CREATE TABLE audit (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at BIGINT NOT NULL,
  project_id BIGINT,
  user_id BIGINT,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  address TEXT NOT NULL
);
CREATE INDEX audit_by_project ON audit(project_id, id);
CREATE TABLE rate_hits (
  hit_key TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  hits BIGINT NOT NULL,
  PRIMARY KEY (hit_key, window_start)
);
CREATE INDEX rate_hits_by_window ON rate_hits(window_start);
)sql",
      // 2: the events that `seam monitor` sends a project.
      R"sql(
CREATE TABLE monitor_events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id BIGINT NOT NULL REFERENCES projects(id),
  received_at BIGINT NOT NULL,
  source TEXT NOT NULL,
  type TEXT NOT NULL,
  window_no BIGINT NOT NULL,
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
