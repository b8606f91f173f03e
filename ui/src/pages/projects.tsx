import { useEffect, useState } from "preact/hooks";
import { api, ApiError, type ProjectSummary } from "../api";
import { href } from "../router";

export function Projects() {
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [error, setError] = useState("");
  const [name, setName] = useState("");

  const load = () =>
    api<{ items: ProjectSummary[] }>("GET", "/projects")
      .then((r) => setProjects(r.items))
      .catch((e) => setError(e.message));
  useEffect(() => void load(), []);

  async function create(e: Event) {
    e.preventDefault();
    setError("");
    try {
      await api("POST", "/projects", { name });
      location.hash = href.findings(name);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <section>
      <h1>Projects</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {projects === null ? (
        <p role="status">Loading…</p>
      ) : projects.length === 0 ? (
        <p>You are not a member of any project yet. Create one below, or ask a project's owner to add you.</p>
      ) : (
        <table class="projects">
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Your role</th>
              <th scope="col">Errors</th>
              <th scope="col">Warnings</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.name}>
                <th scope="row">
                  <a href={href.findings(p.name)}>{p.name}</a>
                </th>
                <td>{p.role.replace(/_/g, " ")}</td>
                <td>
                  <span class={p.summary.error ? "badge error" : "badge ok"}>{p.summary.error}</span>
                </td>
                <td>
                  <span class={p.summary.warning ? "badge warning" : "badge ok"}>{p.summary.warning}</span>
                </td>
                <td>
                  {p.last_change ? (
                    <>
                      {p.last_change.document} by {p.last_change.author}, <time dateTime={p.last_change.at}>{when(p.last_change.at)}</time>
                    </>
                  ) : (
                    "no descriptors yet"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="inline" onSubmit={create}>
        <label>
          New project
          <input
            name="project"
            required
            pattern="[a-z0-9][a-z0-9._\-]*"
            maxLength={100}
            title="lower-case letters, digits, '.', '_' and '-', starting with a letter or digit"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Create</button>
      </form>
    </section>
  );
}

function when(iso: string): string {
  const d = new Date(iso);
  return isNaN(d.getTime()) ? iso : d.toLocaleString();
}
