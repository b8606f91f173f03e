// The Store: everything the team server keeps, behind one interface with two
// implementations (SQLite for one machine, PostgreSQL for shared deployments). The HTTP layer
// sees only this interface and never knows which one it has.
//
// Nothing is overwritten: every write of a document adds a revision, and a document's head
// moves only when the writer names the head it started from (optimistic concurrency).
//
// Thread safety: a Store may be used from any number of threads at once; each call is its
// own transaction unless it says otherwise. Several processes may share one PostgreSQL
// database. Results own their data. Times are Unix seconds (UTC).
//
// Errors: Io when the database cannot be reached or a statement fails; Invalid when the
// database is newer than this binary; Usage for a request that names something that does not
// exist or already exists (the message says which), and for text that is not UTF-8 or holds a
// NUL byte, which neither store keeps. Every SQL statement binds its values as parameters: no
// text from a caller is ever spliced into SQL.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace seam::store {

// The newest schema version this binary knows. open() migrates older databases to it and
// refuses newer ones.
inline constexpr int kSchemaVersion = 2;

struct User {
  int64_t id = 0;
  std::string name;
  std::string password_hash;  // argon2id, as libsodium's crypto_pwhash_str writes it
  bool admin = false;
  int64_t created_at = 0;
};

struct Session {
  std::string id_hash;  // SHA-256 (hex) of the cookie value; the value itself is never stored
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

enum class Access : uint8_t { Read, Write };

struct Token {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string name;
  std::string hash;                   // SHA-256 (hex) of the secret; shown to its owner once
  std::optional<int64_t> project_id;  // the one project it may reach; empty: all of the user's
  Access access = Access::Read;
  int64_t created_at = 0;
  std::optional<int64_t> expires_at;
  std::optional<int64_t> revoked_at;
  std::optional<int64_t> last_used_at;
  bool marked = false;  // set by find_token when this call moved last_used_at
};

// A credential with the account it belongs to: every authenticated request needs both, and
// reads them in one query.
struct SessionOwner {
  Session session;
  User user;
};
struct TokenOwner {
  Token token;
  User user;
};

struct Project {
  int64_t id = 0;
  std::string name;         // unique, [a-z0-9][a-z0-9._-]*, at most 100 characters
  int64_t revision = 0;     // bumped by every accepted write of any of its documents
  std::string policy_json;  // descriptor id -> roles that may write it; "" means the default
  int64_t created_at = 0;
};

struct Membership {
  Project project;
  std::string role;
};

struct Member {
  int64_t user_id = 0;
  std::string user_name;
  std::string role;  // owner, data_scientist, software_engineer, operations, reviewer, viewer
};

const std::vector<std::string>& roles();          // Member::role's values, owner first
bool valid_role(std::string_view role);          // one of them
bool valid_project_name(std::string_view name);  // as Project::name says

// What a project keeps: the eight descriptors (name = descriptor id), one waivers document
// (name "waivers"), TRL cards (name = component id) and data profiles (name = data set).
enum class DocKind : uint8_t { Descriptor, Waivers, Card, Profile };
const char* doc_kind_name(DocKind k);  // "descriptor", "waivers", "card", "profile"
std::optional<DocKind> doc_kind_from_name(std::string_view name);

struct Revision {
  int64_t id = 0;  // unique across the database; the document's ETag is derived from it
  int64_t project_id = 0;
  DocKind kind = DocKind::Descriptor;
  std::string name;
  int64_t number = 0;  // 1, 2, ... within its document
  int64_t author_id = 0;
  std::string author;  // the author's user name
  int64_t created_at = 0;
  std::string message;
  std::string content;           // the full document as written (YAML or JSON text)
  std::string format;            // "yaml" or "json"
  bool draft = false;            // invalid when written: kept, but not used in analysis
  std::string diagnostics_json;  // the validation report of this revision (JSON)
  std::string introduced_json;   // findings this change introduced (JSON array)
  std::string resolved_json;     // findings this change resolved (JSON array)
  int64_t project_revision = 0;  // the project's revision after this write
};

// One document as it stands now: its newest revision (perhaps a draft) and the newest one
// that is not a draft, which is what analysis reads.
struct Document {
  DocKind kind = DocKind::Descriptor;
  std::string name;
  Revision head;
  std::optional<Revision> current;  // newest non-draft revision; empty when all are drafts
};

struct NewRevision {
  int64_t project_id = 0;
  DocKind kind = DocKind::Descriptor;
  std::string name;
  int64_t author_id = 0;
  std::string message;
  std::string content;
  std::string format;
  bool draft = false;
  std::string diagnostics_json;
  // The head revision id the writer started from; empty when the writer believes the
  // document does not exist yet. Anything else than the real head is a conflict: a stale id,
  // an id for a document that does not exist, and no id for one that does (the HTTP layer
  // answers a missing If-Match with 428 itself, before it calls write()).
  std::optional<int64_t> expected_head;
};

// Called inside the write's transaction, with the project locked, after the new revision
// is known but before it commits: it sees every document's current (non-draft) revision as
// it will be after the write, and returns the findings bookkeeping to store with it. When it
// fails, nothing is written. It runs on the writer's thread and must not call the store (the
// writer holds a connection and the project's lock). Without an annotate, the revision's
// introduced and resolved are "[]" and no findings are cached.
struct ProjectState {
  int64_t project_id = 0;
  int64_t revision = 0;                // the project's revision after this write
  std::vector<Document> documents;     // every document of the project, new revision included
  std::string previous_findings_json;  // findings at the previous revision; "" when none
};
struct Annotation {
  std::string findings_json;  // findings of the new project revision (cached with it)
  std::string introduced_json;
  std::string resolved_json;
};
using Annotate = std::function<Result<Annotation>(const ProjectState&)>;

struct WriteOutcome {
  bool conflict = false;  // expected_head was stale: nothing was written
  // The new revision, or on conflict the document's head (id 0 when there is none: the
  // writer named a head for a document that does not exist).
  Revision revision;
};

struct AuditEntry {
  int64_t id = 0;
  int64_t at = 0;
  std::optional<int64_t> project_id;
  std::optional<int64_t> user_id;
  std::string user_name;  // as given, also for failed logins of unknown names
  std::string action;     // "login", "login_failed", "write", "role_change", "token_use", ...
  std::string target;     // what it acted on: "descriptor/trained_model", "member/alice"
  std::string detail;     // a short free text or JSON
  std::string address;    // the client's address
};

// What every accepted write announces once it has committed, for live updates: which
// document of which project moved to which revision, and who wrote it.
struct ChangeEvent {
  int64_t project_id = 0;  // 0: a gap (below), not a write
  int64_t project_revision = 0;
  DocKind kind = DocKind::Descriptor;
  std::string name;
  int64_t revision_id = 0;
  int64_t number = 0;
  std::string author;
  bool draft = false;
  int64_t created_at = 0;
};
using ChangeListener = std::function<void(const ChangeEvent&)>;

// A listener's registration: destroying it stops the calls, and waits for one in progress.
class Subscription {
 public:
  virtual ~Subscription() = default;
};

// Pages of lists are cursor-based, newest (highest id) first: pass the id of a page's last
// row as `after` to get the following page.
// One event of `seam monitor`, as a project keeps it: the event's own JSON, with the fields
// that queries select on beside it.
struct MonitorEvent {
  int64_t id = 0;
  int64_t received_at = 0;
  std::string source;    // which monitor sent it: the name it gave, or the token's user
  std::string type;      // "window", "test", "alert", "missing_column"
  int64_t window = 0;
  std::string column;    // "" for window events
  std::string test;
  std::string severity;  // "info", "warning", "error"
  std::string json;      // the event as the monitor wrote it
};

struct MonitorQuery {
  std::string column;          // "": every column
  bool alerts_only = false;    // only alert and missing_column events
};

struct Page {
  int64_t after = 0;  // return rows with ids below this one (0: from the newest)
  int limit = 100;    // at most 1000; 0 or less means 100
};

class Store {
 public:
  virtual ~Store() = default;

  // Users. A name that is taken is a Usage error "user NAME exists".
  virtual Result<User> create_user(const std::string& name, const std::string& password_hash, bool admin) = 0;
  virtual Result<std::optional<User>> find_user(const std::string& name) = 0;
  virtual Result<std::optional<User>> user_by_id(int64_t id) = 0;
  virtual Status set_password(int64_t user_id, const std::string& password_hash) = 0;

  // Sessions: expired ones are not returned, and are deleted now and then.
  virtual Status create_session(const Session& s) = 0;
  virtual Result<std::optional<SessionOwner>> find_session(const std::string& id_hash, int64_t now) = 0;
  virtual Status delete_session(const std::string& id_hash) = 0;

  // API tokens: find_token returns revoked and expired ones too, so the caller can say why
  // it refuses them, and marks a usable one as used now (to the minute: last_used_at moves
  // only when it is a minute old, so that most token requests write nothing).
  virtual Result<Token> create_token(const Token& t) = 0;
  virtual Result<std::optional<TokenOwner>> find_token(const std::string& hash, int64_t now) = 0;
  virtual Result<std::vector<Token>> list_tokens(int64_t user_id) = 0;  // newest first
  // Usage error when the user has no such token; revoking twice keeps the first time.
  virtual Status revoke_token(int64_t user_id, int64_t token_id, int64_t now) = 0;

  // Projects and members. The creator becomes the project's owner. Usage errors for a bad or
  // taken project name, an unknown role, and ids of users or projects that do not exist.
  virtual Result<Project> create_project(const std::string& name, int64_t creator_id) = 0;
  virtual Result<std::optional<Project>> find_project(const std::string& name) = 0;
  virtual Result<std::vector<Project>> projects_of(int64_t user_id) = 0;
  virtual Status set_policy(int64_t project_id, const std::string& policy_json) = 0;
  virtual Result<std::vector<Member>> members(int64_t project_id) = 0;
  // The user's role in the project; empty when not a member.
  virtual Result<std::optional<std::string>> role_of(int64_t project_id, int64_t user_id) = 0;
  // The project with the user's role in it, in one query; empty when there is no such project
  // or the user is not a member, which callers must not tell apart for outsiders.
  virtual Result<std::optional<Membership>> find_membership(const std::string& project, int64_t user_id) = 0;
  // Adds or changes a member; an empty role removes them.
  virtual Status set_role(int64_t project_id, int64_t user_id, const std::string& role) = 0;

  // Documents and revisions.
  virtual Result<WriteOutcome> write(const NewRevision& r, const Annotate& annotate) = 0;
  virtual Result<std::optional<Document>> document(int64_t project_id, DocKind kind, const std::string& name) = 0;
  virtual Result<std::vector<Document>> documents(int64_t project_id) = 0;
  virtual Result<std::optional<Revision>> revision(int64_t project_id, int64_t revision_id) = 0;
  // Newest first; a kind narrows it to that kind, and a name too to one document.
  virtual Result<std::vector<Revision>> history(int64_t project_id, std::optional<DocKind> kind,
                                                const std::string& name, const Page& page) = 0;
  // The findings cached with a project revision ("" when that revision has none cached).
  virtual Result<std::string> findings_at(int64_t project_id, int64_t project_revision) = 0;

  // Change events: `listener` is called once for each write committed after subscribe()
  // returns, in commit order, on a thread of the store's (it must be quick and must not
  // block on writes). The two stores reach different writers:
  // - SQLite: writes made through this Store object, called on the writer's thread right
  //   after the commit. One process owns a SQLite database, so that is every write.
  // - PostgreSQL: writes of every process on the database. write() sends NOTIFY on the
  //   channel seam_changes inside its transaction, so an event goes out only if the write
  //   commits; each subscription LISTENs on a connection of its own, read by its own thread.
  //   When that connection drops it reconnects (retrying every second) and then calls the
  //   listener with project_id 0: changes in between may have been missed, so readers
  //   should read the state again.
  // Io error when the PostgreSQL listener cannot connect at first.
  virtual Result<std::unique_ptr<Subscription>> subscribe(ChangeListener listener) = 0;

  // Audit log, newest first.
  // Monitor events of a project: all of a batch are kept, or none. Read newest first.
  virtual Status add_monitor_events(int64_t project_id, const std::vector<MonitorEvent>& events) = 0;
  virtual Result<std::vector<MonitorEvent>> monitor_events(int64_t project_id, const MonitorQuery& q, const Page& page) = 0;

  virtual Status audit(const AuditEntry& e) = 0;
  virtual Result<std::vector<AuditEntry>> audit_log(std::optional<int64_t> project_id, const Page& page) = 0;

  // Rate limiting in fixed windows shared by every process: adds one hit to `key` in the
  // window that starts at `window_start` and returns the window's count after it. Windows a
  // day older than the newest are deleted now and then.
  virtual Result<int64_t> hit(const std::string& key, int64_t window_start) = 0;
  virtual Status clear_hits(const std::string& key) = 0;

  // Administration.
  virtual int schema_version() const = 0;
  // A consistent copy of the whole database in a new file (SQLite's online backup), made
  // beside `path` and renamed over it when complete. Usage error on stores that cannot
  // (PostgreSQL: use pg_dump).
  virtual Status backup(const std::string& path) = 0;
  // Can the database answer now (for /readyz)?
  virtual Status ping() = 0;
};

// Opens "PATH" (SQLite, WAL mode, created when missing) or "postgresql://..." / "postgres://..."
// and migrates it to kSchemaVersion in one transaction (this is also `seam admin migrate`).
// Fails with Invalid when the database was made by a newer seam, naming both versions.
Result<std::unique_ptr<Store>> open(const std::string& url);

}  // namespace seam::store
