// The history of a project, or of one descriptor: every revision with who, when, the message
// and what it did to the findings. Any revision's changes can be compared with any other
// revision of the same document, and an old revision restored as a new one.
import { useEffect, useState } from "preact/hooks";
import { api, documentPath, mayWrite, policyName, projectPath, type DiffChange, type DocumentRead, type Page, type Project, type Revision } from "../api";
import { delta } from "../delta";
import { useDebounced, useProjectEvents } from "../events";
import { href } from "../router";
import { DiffView } from "./diff-view";

const label = (r: Revision) => (r.kind === "descriptor" ? r.name : r.kind === "waivers" ? "waivers" : `${r.kind} ${r.name}`);
const restorable = (r: Revision) => r.kind !== "profile";

export function History({ project, document }: { project: string; document: string | null }) {
  const [items, setItems] = useState<Revision[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [p, setP] = useState<Project | null>(null);
  const [selected, setSelected] = useState<Revision | null>(null);
  const [from, setFrom] = useState<number | null>(null); // null: the document's previous revision
  const [diff, setDiff] = useState<DiffChange[] | null>(null);
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const listPath = projectPath(project) + (document ? `/descriptors/${encodeURIComponent(document)}/revisions` : "/revisions");

  async function page(cursor: number | null) {
    const r = await api<Page<Revision>>("GET", listPath + "?limit=50" + (cursor ? `&cursor=${cursor}` : ""));
    setItems((old) => (cursor ? [...old, ...r.items] : r.items));
    setNext(r.next);
  }

  useEffect(() => {
    setItems([]);
    setSelected(null);
    setDiff(null);
    setError("");
    Promise.all([page(null), api<Project>("GET", projectPath(project)).then(setP)]).catch((e) => setError(e.message));
  }, [project, document]);

  const reloadSoon = useDebounced(() => void page(null).catch((e) => setError(e.message)));
  useProjectEvents(project, (e) => (!e || !document || (e.kind === "descriptor" && e.name === document)) && reloadSoon());

  useEffect(() => {
    if (!selected) return;
    setDiff(null);
    api<DiffChange[]>("GET", `${projectPath(project)}/revisions/${selected.id}/diff` + (from ? `?from=${from}` : ""))
      .then(setDiff)
      .catch((e) => setError(e.message));
  }, [selected, from]);

  async function restore(r: Revision) {
    setError("");
    setNotice("");
    try {
      const old = await api<Revision>("GET", `${projectPath(project)}/revisions/${r.id}`);
      const path = documentPath(project, r.kind, r.name);
      const current = await api<DocumentRead>("GET", path);
      await api("PUT", path, { content: old.content, format: old.format, message: `restore revision ${r.number}` }, { "If-Match": current.etag });
      await page(null);
      setSelected(null);
      setNotice(`Restored revision ${r.number} of ${label(r)} as a new revision.`);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  // The newest revision of each document is the one in force: nothing to restore.
  const newest = new Set<number>();
  const seen = new Set<string>();
  for (const r of items) if (!seen.has(r.kind + "/" + r.name)) { seen.add(r.kind + "/" + r.name); newest.add(r.id); }
  const siblings = selected ? items.filter((r) => r.kind === selected.kind && r.name === selected.name && r.id < selected.id) : [];

  return (
    <section>
      <p class="crumbs">
        <a href={href.projects()}>Projects</a> / <a href={href.findings(project)}>{project}</a> / history
      </p>
      <h1>{document ? `History of ${document}` : "History"}</h1>
      {document && (
        <p>
          <a href={href.descriptor(project, document)}>Edit {document}</a> · <a href={href.history(project)}>the whole project's history</a>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p role="status" class="notice-line">
        {notice}
      </p>
      <ol class="timeline">
        {items.map((r) => {
          const changed = delta(r);
          const may = p && mayWrite(p, policyName(r.kind, r.name));
          return (
            <li key={r.id} class={selected?.id === r.id ? "selected" : ""}>
              <p class="when">
                <time dateTime={r.created_at}>{new Date(r.created_at).toLocaleString()}</time> · <strong>{r.author}</strong> · revision {r.number} of{" "}
                {r.kind === "descriptor" ? <a href={href.descriptor(project, r.name)}>{label(r)}</a> : label(r)}
                {r.draft && <span class="badge warning">draft</span>}
              </p>
              {r.message && <p class="message">{r.message}</p>}
              {changed && <p class="delta-line">{changed}</p>}
              <p class="actions">
                <button type="button" class="secondary" aria-expanded={selected?.id === r.id} onClick={() => (setFrom(null), setSelected(selected?.id === r.id ? null : r))}>
                  {selected?.id === r.id ? "Hide changes" : "Show changes"}
                </button>{" "}
                {may && restorable(r) && !newest.has(r.id) && (
                  <button type="button" class="secondary" onClick={() => restore(r)}>
                    Restore revision {r.number}
                  </button>
                )}
              </p>
              {selected?.id === r.id && (
                <div class="changes">
                  <label class="compare">
                    Compared with{" "}
                    <select value={from ?? ""} onChange={(e) => setFrom(e.currentTarget.value ? Number(e.currentTarget.value) : null)}>
                      <option value="">the revision before it</option>
                      {siblings.map((s) => (
                        <option key={s.id} value={s.id}>
                          revision {s.number} ({new Date(s.created_at).toLocaleString()}, {s.author})
                        </option>
                      ))}
                    </select>
                  </label>
                  {diff ? <DiffView changes={diff} /> : <p role="status">Loading…</p>}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {items.length === 0 && !error && <p>No revisions yet.</p>}
      {next !== null && (
        <button type="button" class="secondary" onClick={() => page(next).catch((e) => setError(e.message))}>
          Older revisions
        </button>
      )}
    </section>
  );
}
