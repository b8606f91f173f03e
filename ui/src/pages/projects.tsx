import { useEffect, useState } from "preact/hooks";
import { api, ApiError, projectPath, type ProjectSummary } from "../api";
import { entries, importInto, plan, type Imported } from "../import";
import { href } from "../router";

interface Created extends Imported {
  project: string;
  ignored: string[];
}

export function Projects() {
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [error, setError] = useState("");
  const [name, setName] = useState("");

  const load = () =>
    api<{ items: ProjectSummary[] }>("GET", "/projects")
      .then((r) => setProjects(r.items))
      .catch((e) => setError(e.message));
  useEffect(() => void load(), []);

  // The system TRL of each project, asked for once the list is shown (a project without
  // cards has none).
  const [levels, setLevels] = useState<Record<string, number | null>>({});
  useEffect(() => {
    for (const p of projects ?? [])
      if (!(p.name in levels))
        api<{ system_level: number }>("GET", projectPath(p.name) + "/trl")
          .then((t) => setLevels((l) => ({ ...l, [p.name]: t.system_level })))
          .catch(() => setLevels((l) => ({ ...l, [p.name]: null })));
  }, [projects]);

  const [created, setCreated] = useState<Created | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const picked = ["folder", "files"].flatMap((n) => [...((form.elements.namedItem(n) as HTMLInputElement | null)?.files ?? [])]);
    setError("");
    setCreated(null);
    setBusy(true);
    try {
      // Read and sort the files first: a bad upload creates no project.
      const found = await entries(picked);
      const { documents, ignored } = plan(found.entries);
      await api("POST", "/projects", { name });
      if (!picked.length) {
        location.hash = href.findings(name);
        return;
      }
      const result = await importInto(name, documents);
      setCreated({ ...result, project: name, ignored: [...ignored, ...found.skipped] });
      form.reset();
      setName("");
      void load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err instanceof Error ? err.message : err));
    } finally {
      setBusy(false);
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
              <th scope="col">System TRL</th>
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
                <td>{p.name in levels ? (levels[p.name] ?? "–") : "…"}</td>
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
      {created && (
        <div class="notice" role="status">
          <p>
            Created <a href={href.findings(created.project)}>{created.project}</a>: {created.stored.length} document(s) stored
            {created.drafts.length > 0 && `, ${created.drafts.length} kept as drafts because they do not validate (${created.drafts.join(", ")})`}.
          </p>
          {created.failed.length > 0 && (
            <ul class="error">
              {created.failed.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          )}
          {created.ignored.length > 0 && <p class="where">Not descriptors, so not uploaded: {created.ignored.join(", ")}.</p>}
        </div>
      )}
      <form class="create" onSubmit={create} aria-label="Create a project">
        <h2>New project</h2>
        <label>
          Name
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
        <label>
          Descriptors from a folder (optional)
          <input name="folder" type="file" {...{ webkitdirectory: true }} multiple />
        </label>
        <label>
          or from a .zip or files (optional)
          <input name="files" type="file" accept=".zip,.yaml,.yml,.json" multiple />
        </label>
        <p class="where">
          Files named after a descriptor (trained_model.yaml, ...), waivers.yaml and trl/COMPONENT.yaml cards are stored; anything else is left out.
        </p>
        <button type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create"}
        </button>
      </form>
    </section>
  );
}

function when(iso: string): string {
  const d = new Date(iso);
  return isNaN(d.getTime()) ? iso : d.toLocaleString();
}
