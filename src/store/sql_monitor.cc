// Monitor events: what `seam monitor` sends a project, kept for its timeline.
#include "store/sql_store_impl.h"

namespace seam::store {
namespace {

MonitorEvent event_from(const Row& r) {
  return {num(r, 0), num(r, 1), text(r, 2), text(r, 3), num(r, 4), text(r, 5), text(r, 6), text(r, 7), text(r, 8)};
}
#define EVENT_COLS "SELECT id, received_at, source, type, window_no, column_name, test, severity, event_json FROM monitor_events"

}  // namespace

Status SqlStore::add_monitor_events(int64_t project_id, const std::vector<MonitorEvent>& events) {
  const int64_t now = now_seconds();
  return run(Scope::Write, [&](Conn& c) -> Status {
    for (const auto& e : events) {
      auto rows = c.query(
          "INSERT INTO monitor_events (project_id, received_at, source, type, window_no, column_name, test, severity, event_json) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
          {project_id, e.received_at ? e.received_at : now, e.source, e.type, e.window, e.column, e.test, e.severity, e.json});
      if (!rows.ok()) return std::move(rows).take_error();
    }
    return Ok{};
  });
}

Result<std::vector<MonitorEvent>> SqlStore::monitor_events(int64_t project_id, const MonitorQuery& q, const Page& page) {
  return run(Scope::Plain, [&](Conn& c) {
    const char* alerts = q.alerts_only ? " AND type IN ('alert', 'missing_column')" : "";
    auto rows = q.column.empty()
                    ? c.query(std::string(EVENT_COLS " WHERE project_id = $1 AND id < $2") + alerts + " ORDER BY id DESC LIMIT $3",
                              {project_id, page_after(page), page_limit(page)})
                    : c.query(std::string(EVENT_COLS " WHERE project_id = $1 AND column_name = $2 AND id < $3") + alerts +
                                  " ORDER BY id DESC LIMIT $4",
                              {project_id, q.column, page_after(page), page_limit(page)});
    return all<MonitorEvent>(std::move(rows), event_from);
  });
}

}  // namespace seam::store
