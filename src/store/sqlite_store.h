// The SQLite backend of the store: one database file in WAL mode, so that readers never wait
// for the writer, with a pool of connections over it.
//
// Thread safety: the Db may be used from any number of threads. Writers within one process
// queue on a mutex, and writers in other processes on SQLite's own lock (BEGIN IMMEDIATE with
// a busy timeout), so a write transaction never fails for being second.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/sql_db.h"

namespace seam::store {

// Opens (creating when missing) the database file at `path`. Io error when it cannot.
Result<std::unique_ptr<Db>> open_sqlite_db(const std::string& path);

// The schema, as migrations: element i brings version i to i + 1 (sqlite_schema.cc).
const std::vector<std::string>& sqlite_migrations();

}  // namespace seam::store
