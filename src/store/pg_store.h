// The PostgreSQL backend of the store, over libpq: a pool of connections to one database,
// which several seam processes may share.
//
// Thread safety: the Db may be used from any number of threads; each connection is used by
// one thread at a time. Writers of one project queue on its row lock (SELECT ... FOR UPDATE),
// in this process and in every other one.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/sql_db.h"

namespace seam::store {

// Connects to a postgresql:// or postgres:// URL (libpq's syntax). Io error when it cannot.
Result<std::unique_ptr<Db>> open_pg_db(const std::string& url);

// A subscription to change events (store.h): a thread of its own that LISTENs on a
// connection of its own to the database at `url`, and reconnects when it drops (pg_listen.cc).
// Io error when the first connection fails.
Result<std::unique_ptr<Subscription>> pg_listen(const std::string& url, ChangeListener listener);

// The schema, as migrations: element i brings version i to i + 1 (pg_schema.cc).
const std::vector<std::string>& pg_migrations();

}  // namespace seam::store
