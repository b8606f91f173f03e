// Documents and revisions: the write path (optimistic concurrency, the project's revision,
// the findings bookkeeping) and the reads of heads and history.
#include "store/sql_store_impl.h"

namespace seam::store {
namespace {

#define REVISIONS                                                                                                  \
  "SELECT r.id, r.project_id, r.kind, r.name, r.number, r.author_id, u.name, r.created_at, r.message, r.content, " \
  "r.format, r.draft, r.diagnostics_json, r.introduced_json, r.resolved_json, r.project_revision "                 \
  "FROM revisions r JOIN users u ON u.id = r.author_id"
// Each document's head and current revision: one row when they are the same, else two.
#define DOCUMENT_REVISIONS REVISIONS " JOIN documents d ON r.id IN (d.head_id, d.current_id) WHERE d.project_id = $1"

Revision revision_from(const Row& r) {
  Revision v;
  v.id = num(r, 0);
  v.project_id = num(r, 1);
  v.kind = doc_kind_from_name(text(r, 2)).value_or(DocKind::Descriptor);
  v.name = text(r, 3);
  v.number = num(r, 4);
  v.author_id = num(r, 5);
  v.author = text(r, 6);
  v.created_at = num(r, 7);
  v.message = text(r, 8);
  v.content = text(r, 9);
  v.format = text(r, 10);
  v.draft = flag(r, 11);
  v.diagnostics_json = text(r, 12);
  v.introduced_json = text(r, 13);
  v.resolved_json = text(r, 14);
  v.project_revision = num(r, 15);
  return v;
}

// Rows ordered by kind, name and id descending: the first row of a document is its head.
std::vector<Document> documents_from(const Rows& rows) {
  std::vector<Document> docs;
  for (const Row& row : rows) {
    Revision r = revision_from(row);
    if (!docs.empty() && docs.back().kind == r.kind && docs.back().name == r.name) {
      docs.back().current = std::move(r);
      continue;
    }
    Document d{r.kind, r.name, r, std::nullopt};
    if (!r.draft) d.current = std::move(r);
    docs.push_back(std::move(d));
  }
  return docs;
}

Result<std::vector<Document>> load_documents(Conn& c, int64_t project_id) {
  auto rows = c.query(DOCUMENT_REVISIONS " ORDER BY d.kind, d.name, r.id DESC", {project_id});
  if (!rows.ok()) return std::move(rows).take_error();
  return documents_from(rows.value());
}

Result<std::optional<Revision>> load_revision(Conn& c, int64_t project_id, int64_t id) {
  return first<Revision>(c.query(REVISIONS " WHERE r.id = $1 AND r.project_id = $2", {id, project_id}), revision_from);
}

Result<std::string> cached_findings(Conn& c, int64_t project_id, int64_t project_revision) {
  auto rows = c.query("SELECT findings_json FROM findings WHERE project_id = $1 AND project_revision = $2",
                      {project_id, project_revision});
  if (!rows.ok()) return std::move(rows).take_error();
  return rows.value().empty() ? std::string() : text(rows.value()[0], 0);
}

// Runs the caller's analysis on the state after the write and stores what it returns.
Status annotate_write(Conn& c, Revision& rev, int64_t previous, const Annotate& annotate) {
  ProjectState state{rev.project_id, rev.project_revision, {}, {}};
  auto docs = load_documents(c, rev.project_id);
  if (!docs.ok()) return std::move(docs).take_error();
  state.documents = std::move(docs).value();
  auto prev = cached_findings(c, rev.project_id, previous);
  if (!prev.ok()) return std::move(prev).take_error();
  state.previous_findings_json = std::move(prev).value();
  auto a = annotate(state);
  if (!a.ok()) return std::move(a).take_error();
  rev.introduced_json = a.value().introduced_json;
  rev.resolved_json = a.value().resolved_json;
  auto u = c.query("UPDATE revisions SET introduced_json = $2, resolved_json = $3 WHERE id = $1",
                   {rev.id, rev.introduced_json, rev.resolved_json});
  if (!u.ok()) return std::move(u).take_error();
  auto f = c.query("INSERT INTO findings (project_id, project_revision, findings_json) VALUES ($1, $2, $3)",
                   {rev.project_id, rev.project_revision, a.value().findings_json});
  if (!f.ok()) return std::move(f).take_error();
  return Ok{};
}

// The revision a request makes, less what the database decides (id, number, author's name
// and project revision).
Revision revision_of(const NewRevision& r) {
  Revision rev;
  rev.project_id = r.project_id;
  rev.kind = r.kind;
  rev.name = r.name;
  rev.author_id = r.author_id;
  rev.created_at = now_seconds();
  rev.message = r.message;
  rev.content = r.content;
  rev.format = r.format;
  rev.draft = r.draft;
  rev.diagnostics_json = r.diagnostics_json;
  rev.introduced_json = rev.resolved_json = "[]";
  return rev;
}

// Adds the revision and moves the document's head (and current, unless it is a draft).
Status insert_revision(Conn& c, Revision& rev) {
  auto ins = c.query(
      "INSERT INTO revisions (project_id, kind, name, number, author_id, created_at, message, content, format, draft, "
      "diagnostics_json, introduced_json, resolved_json, project_revision) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
      {rev.project_id, doc_kind_name(rev.kind), rev.name, rev.number, rev.author_id, rev.created_at, rev.message,
       rev.content, rev.format, rev.draft, rev.diagnostics_json, rev.introduced_json, rev.resolved_json,
       rev.project_revision});
  if (!ins.ok()) return std::move(ins).take_error();
  rev.id = num(ins.value()[0], 0);
  auto doc = c.query(
      "INSERT INTO documents (project_id, kind, name, head_id, current_id) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (project_id, kind, name) DO UPDATE SET head_id = excluded.head_id, "
      "current_id = COALESCE(excluded.current_id, documents.current_id)",
      {rev.project_id, doc_kind_name(rev.kind), rev.name, rev.id, rev.draft ? std::nullopt : std::optional(rev.id)});
  if (!doc.ok()) return std::move(doc).take_error();
  auto p = c.query("UPDATE projects SET revision = $2 WHERE id = $1", {rev.project_id, rev.project_revision});
  if (!p.ok()) return std::move(p).take_error();
  return Ok{};
}

ChangeEvent event_of(const Revision& r) {
  return {r.project_id, r.project_revision, r.kind, r.name, r.id, r.number, r.author, r.draft, r.created_at};
}

}  // namespace

Result<WriteOutcome> SqlStore::write(const NewRevision& r, const Annotate& annotate) {
  if (r.name.empty()) return Error::usage("a document needs a name");
  auto outcome = run(Scope::Write, [&](Conn& c) -> Result<WriteOutcome> {
    // The project's row is the lock that writers of the project queue on (PostgreSQL; on
    // SQLite the write transaction already excludes every other writer).
    auto p = c.query(std::string("SELECT revision FROM projects WHERE id = $1") + db_->for_update(), {r.project_id});
    if (!p.ok()) return std::move(p).take_error();
    if (p.value().empty()) return Error::usage("no project with id " + std::to_string(r.project_id));
    const int64_t previous = num(p.value()[0], 0);
    auto author = c.query("SELECT name FROM users WHERE id = $1", {r.author_id});
    if (!author.ok()) return std::move(author).take_error();
    if (author.value().empty()) return Error::usage("no user with id " + std::to_string(r.author_id));
    auto head = c.query(
        "SELECT d.head_id, h.number FROM documents d JOIN revisions h ON h.id = d.head_id "
        "WHERE d.project_id = $1 AND d.kind = $2 AND d.name = $3",
        {r.project_id, doc_kind_name(r.kind), r.name});
    if (!head.ok()) return std::move(head).take_error();
    const std::optional<int64_t> head_id = head.value().empty() ? std::nullopt : opt_num(head.value()[0], 0);
    if (head_id != r.expected_head) {
      WriteOutcome out{true, {}};
      if (!head_id) return out;  // the writer named a head, but the document does not exist
      auto current = load_revision(c, r.project_id, *head_id);
      if (!current.ok()) return std::move(current).take_error();
      if (current.value()) out.revision = std::move(*current.value());
      return out;
    }
    Revision rev = revision_of(r);
    rev.number = head_id ? num(head.value()[0], 1) + 1 : 1;
    rev.author = text(author.value()[0], 0);
    rev.project_revision = previous + 1;
    if (auto s = insert_revision(c, rev); !s.ok()) return std::move(s).take_error();
    if (annotate) {
      if (auto s = annotate_write(c, rev, previous, annotate); !s.ok()) return std::move(s).take_error();
    }
    if (auto s = db_->announce(c, event_of(rev)); !s.ok()) return std::move(s).take_error();
    return WriteOutcome{false, std::move(rev)};
  });
  if (outcome.ok() && !outcome.value().conflict) db_->committed(event_of(outcome.value().revision));
  return outcome;
}

Result<std::optional<Document>> SqlStore::document(int64_t project_id, DocKind kind, const std::string& name) {
  return run(Scope::Plain, [&](Conn& c) -> Result<std::optional<Document>> {
    auto rows = c.query(DOCUMENT_REVISIONS " AND d.kind = $2 AND d.name = $3 ORDER BY r.id DESC",
                        {project_id, doc_kind_name(kind), name});
    if (!rows.ok()) return std::move(rows).take_error();
    auto docs = documents_from(rows.value());
    if (docs.empty()) return std::optional<Document>();
    return std::optional<Document>(std::move(docs[0]));
  });
}

Result<std::vector<Document>> SqlStore::documents(int64_t project_id) {
  return run(Scope::Plain, [&](Conn& c) { return load_documents(c, project_id); });
}

Result<std::optional<Revision>> SqlStore::revision(int64_t project_id, int64_t revision_id) {
  return run(Scope::Plain, [&](Conn& c) { return load_revision(c, project_id, revision_id); });
}

Result<std::vector<Revision>> SqlStore::history(int64_t project_id, std::optional<DocKind> kind,
                                                const std::string& name, const Page& page) {
  return run(Scope::Plain, [&](Conn& c) -> Result<std::vector<Revision>> {
    auto rows =
        c.query(REVISIONS
                " WHERE r.project_id = $1 AND r.id < $2 AND ($3 = '' OR r.kind = $3) AND ($4 = '' OR r.name = $4)"
                " ORDER BY r.id DESC LIMIT $5",
                {project_id, page_after(page), kind ? doc_kind_name(*kind) : "", name, page_limit(page)});
    return all<Revision>(std::move(rows), revision_from);
  });
}

Result<std::string> SqlStore::findings_at(int64_t project_id, int64_t project_revision) {
  return run(Scope::Plain, [&](Conn& c) { return cached_findings(c, project_id, project_revision); });
}

}  // namespace seam::store
