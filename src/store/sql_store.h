// The Store written once over the SQL layer (sql_db.h): every method is the same SQL on
// SQLite and on PostgreSQL, so the two stores behave alike by construction. The backends
// differ only in their connections, their schema types and how writers queue.
//
// Thread safety: as Store.
#pragma once

#include <memory>

#include "store/sql_db.h"
#include "store/store.h"

namespace seam::store {

// Migrates `db` to kSchemaVersion in one transaction and returns the store over it.
// Invalid when the database was made by a newer seam.
Result<std::unique_ptr<Store>> make_sql_store(std::unique_ptr<Db> db);

}  // namespace seam::store
