// A project's settings: its members and their roles, the write policy (which roles may write
// which document) and API tokens. Only the owner changes members and policy; everyone manages
// their own tokens.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, projectPath, type Project } from "../api";
import { href } from "../router";

const ROLES = ["owner", "data_scientist", "software_engineer", "operations", "reviewer", "viewer"];
const WRITERS = ["data_scientist", "software_engineer", "operations", "reviewer", "viewer"]; // the owner always writes
const human = (s: string) => s.replace(/_/g, " ");

interface Token {
  id: number;
  name: string;
  project: string | null;
  access: "read" | "write";
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export function Settings({ project, user }: { project: string; user: string }) {
  const [p, setP] = useState<Project | null>(null);
  const [tokens, setTokens] = useState<Token[]>([]);
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [secret, setSecret] = useState("");

  const reload = async () => {
    const [proj, t] = await Promise.all([api<Project>("GET", projectPath(project)), api<{ items: Token[] }>("GET", "/tokens")]);
    setP(proj);
    setTokens(t.items.filter((x) => x.project === project || x.project === null));
  };
  useEffect(() => {
    reload().catch((e) => setError(e.message));
  }, [project]);

  async function act(what: () => Promise<unknown>, done: string) {
    setError("");
    setNotice("");
    try {
      await what();
      await reload();
      setNotice(done);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      await reload().catch(() => undefined); // undo what was shown ahead of the server
    }
  }

  if (!p) return error ? <p class="error" role="alert">{error}</p> : <p role="status">Loading…</p>;
  const owner = p.project.role === "owner";
  const members = (name: string, role: string) => {
    setP({ ...p, members: p.members.map((m) => (m.user === name ? { ...m, role } : m)) });
    return act(() => api("PUT", `${projectPath(project)}/members/${encodeURIComponent(name)}`, { role }), `${name} is now ${human(role)}.`);
  };

  return (
    <section class="settings">
      <p class="crumbs">
        <a href={href.projects()}>Projects</a> / <a href={href.findings(project)}>{project}</a> / settings
      </p>
      <h1>Settings</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p role="status" class="notice-line">
        {notice}
      </p>

      <h2>Members</h2>
      {!owner && <p class="where">Only the project's owner changes members and roles.</p>}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              {owner && (
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {p.members.map((m) => (
              <tr key={m.user}>
                <th scope="row">{m.user}</th>
                <td>
                  {owner ? (
                    <select aria-label={`Role of ${m.user}`} value={m.role} onChange={(e) => members(m.user, e.currentTarget.value)}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {human(r)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    human(m.role)
                  )}
                </td>
                {owner && (
                  <td>
                    {m.user !== user && (
                      <button type="button" class="remove" aria-label={`Remove ${m.user}`}
                        onClick={() => act(() => api("DELETE", `${projectPath(project)}/members/${encodeURIComponent(m.user)}`), `${m.user} is no longer a member.`)}>
                        ×
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {owner && (
        <form
          class="inline"
          aria-label="Add a member"
          onSubmit={(e) => {
            e.preventDefault();
            const f = e.currentTarget;
            const name = (f.elements.namedItem("member") as HTMLInputElement).value.trim();
            const role = (f.elements.namedItem("role") as HTMLSelectElement).value;
            void members(name, role).then(() => f.reset());
          }}
        >
          <label>
            Add a member (user name)
            <input name="member" required />
          </label>
          <label>
            as
            <select name="role">
              {ROLES.filter((r) => r !== "owner").map((r) => (
                <option key={r} value={r}>
                  {human(r)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Add</button>
        </form>
      )}

      <h2>Who may write what</h2>
      <p>The owner writes everything; reviewers also record readiness reviews, whatever this table says.</p>
      <div class="table-wrap">
        <table class="policy">
          <thead>
            <tr>
              <th scope="col">Document</th>
              {WRITERS.map((r) => (
                <th scope="col" key={r}>
                  {human(r)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Object.entries(p.policy).map(([doc, roles]) => (
              <tr key={doc}>
                <th scope="row">{human(doc)}</th>
                {WRITERS.map((r) => (
                  <td key={r}>
                    <input
                      type="checkbox"
                      aria-label={`${human(r)} may write ${human(doc)}`}
                      checked={roles.includes(r)}
                      disabled={!owner}
                      onChange={(e) => {
                        const next = { ...p.policy, [doc]: e.currentTarget.checked ? [...roles, r] : roles.filter((x) => x !== r) };
                        setP({ ...p, policy: next }); // shown at once; the reload after the save confirms it
                        void act(() => api("PUT", `${projectPath(project)}/policy`, next), `Saved who may write ${human(doc)}.`);
                      }}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Your API tokens</h2>
      <p>For scripts and CI: send one as <code>Authorization: Bearer TOKEN</code>. The server keeps only a digest, so a token is shown once, when it is made.</p>
      {secret && (
        <p class="notice" role="status">
          Your new token (copy it now; it is not shown again): <code class="secret">{secret}</code>
        </p>
      )}
      {tokens.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Scope</th>
                <th scope="col">Access</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} class={t.revoked_at ? "revoked" : ""}>
                  <th scope="row">{t.name}</th>
                  <td>{t.project ?? "all my projects"}</td>
                  <td>{t.access}</td>
                  <td>{t.revoked_at ? "revoked" : t.expires_at ? new Date(t.expires_at).toLocaleDateString() : "never"}</td>
                  <td>{t.last_used_at ? new Date(t.last_used_at).toLocaleString() : "never"}</td>
                  <td>
                    {!t.revoked_at && (
                      <button type="button" class="secondary" onClick={() => act(() => api("DELETE", `/tokens/${t.id}`), `Revoked ${t.name}.`)}>
                        Revoke {t.name}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        class="inline"
        aria-label="Make a token"
        onSubmit={(e) => {
          e.preventDefault();
          const f = e.currentTarget;
          const get = (n: string) => (f.elements.namedItem(n) as HTMLInputElement).value;
          const body = { name: get("token-name"), project, access: get("access"), expires_in_days: Number(get("days")) };
          void act(async () => {
            const made = await api<{ token: string }>("POST", "/tokens", body);
            setSecret(made.token);
            f.reset();
          }, `Made the token ${body.name}.`);
        }}
      >
        <label>
          Token name
          <input name="token-name" required placeholder="ci" />
        </label>
        <label>
          Access
          <select name="access">
            <option value="read">read</option>
            <option value="write">write</option>
          </select>
        </label>
        <label>
          Expires in (days)
          <input name="days" type="number" min={1} max={3650} value="90" required />
        </label>
        <button type="submit">Make a token for {project}</button>
      </form>
    </section>
  );
}
