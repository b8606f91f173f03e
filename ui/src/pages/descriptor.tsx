// One descriptor in a form generated from its schema, with its source beside it. Edits are
// validated while typing, kept as a local draft until saved, and saved with If-Match; a
// conflicting save opens the merge view. The form is read-only for roles the project's
// write policy does not let write this descriptor.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Document } from "yaml";
import { descriptors, type Compiled } from "virtual:seam-schemas";
import { api, ApiError, mayWrite, projectPath, type DocumentRead, type Project, type Written } from "../api";
import { addAt, assoc, jsAt, parse, removeAt, setAt, text, type Format, type SyntaxProblem } from "../form/document";
import { dropDraft, loadDraft, saveDraft, type Draft } from "../form/drafts";
import { fieldId, Form, type FormContext } from "../form/fields";
import { optionsFor, sources } from "../form/options";
import { OLDER_VERSIONS, validate, type Diagnostic, type Path } from "../form/validate";
import { useProjectEvents } from "../events";
import { href, type Counterpart } from "../router";
import { Counterparts } from "./counterparts";
import { Conflict } from "./conflict";
import { SaveResult } from "./save-result";
import { Source } from "./source-view";
import { DescriptorNav, ORDER } from "./descriptor-nav";

interface Loaded {
  id: string; // the descriptor these are of
  compiled: Compiled;
  project: Project;
  server: DocumentRead | null;
  others: Record<string, unknown>; // the documents pick-lists draw from
}

interface Edit {
  doc: Document;
  data: unknown; // doc as plain values, unchanged parts shared between edits
  format: Format;
  text: string; // what the source view shows
  problems: SyntaxProblem[]; // syntax errors in `text`; the form waits until they are fixed
  base: string; // the text of the revision the edit started from
  etag: string | null;
}

async function fetchDocument(project: string, id: string): Promise<DocumentRead | null> {
  try {
    return await api<DocumentRead>("GET", projectPath(project) + "/descriptors/" + id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.message.includes("has no")) return null;
    throw e;
  }
}

// The schema (cached after the first visit), the project, the document and the documents its
// pick-lists read, all at once: switching descriptors waits for one round trip.
async function load(project: string, id: string): Promise<Loaded> {
  const entry = descriptors[id];
  if (!entry || !ORDER.includes(id)) throw new Error(`there is no descriptor '${id}'`);
  const others: Record<string, unknown> = {};
  const compiledThenOthers = entry.load().then(async (compiled) => {
    await Promise.all(
      [...sources(compiled.schema)]
        .filter((d) => d !== id)
        .map(async (d) => {
          const r = await fetchDocument(project, d);
          if (r?.revision.content) others[d] = parse(r.revision.content).doc.toJS();
        }),
    );
    return compiled;
  });
  const [compiled, p, server] = await Promise.all([compiledThenOthers, api<Project>("GET", projectPath(project)), fetchDocument(project, id)]);
  return { id, compiled, project: p, server, others };
}

function startEdit(l: Loaded, draft: Draft | null): Edit {
  const base = l.server?.revision.content ?? "";
  const etag = l.server?.etag ?? null;
  const format: Format = l.server?.revision.format ?? "yaml";
  const from = draft ?? { text: base || 'version: "1.2"\n', format, etag, base };
  const parsed = parse(from.text);
  return { doc: parsed.doc, data: parsed.doc.toJS(), format: from.format, text: from.text, problems: parsed.problems, base: from.base, etag: from.etag };
}

interface Props {
  project: string;
  id: string;
  field: string | null;
  also?: Counterpart[]; // the other fields of the finding that linked here
  user: string;
}

export function DescriptorPage({ project, id, field, also = [], user }: Props) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState("");
  const [edit, setEdit] = useState<Edit | null>(null);
  const [restored, setRestored] = useState<Draft | null>(null);
  const [message, setMessage] = useState("");
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<Written | null>(null);
  const [saveError, setSaveError] = useState("");
  const [conflict, setConflict] = useState<DocumentRead | null>(null);
  const [storageFull, setStorageFull] = useState(false);

  // A layout effect: the requests start as the route changes, not a frame later.
  useLayoutEffect(() => {
    let live = true;
    // The page shown stays until the next descriptor is ready, so that switching redraws the
    // form and the editor in place instead of tearing them down.
    setResult(null);
    setConflict(null);
    setError("");
    setSaveError("");
    load(project, id)
      .then((l) => {
        if (!live) return;
        const draft = loadDraft(user, project, id);
        const useful = draft && draft.text !== (l.server?.revision.content ?? "") ? draft : null;
        if (draft && !useful) dropDraft(user, project, id);
        setRestored(useful);
        latest.current.etag = null;
        setRemote(null);
        setLive("");
        setLoaded(l);
        setEdit(startEdit(l, useful));
      })
      .catch((e) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [project, id]);

  // Live updates. Whether a change to this descriptor is someone else's is decided by its
  // ETag against the one this page saved last, read when no save of ours is in flight.
  const latest = useRef({ edit, loaded, etag: null as string | null, saving: false, missed: false });
  latest.current = { ...latest.current, edit, loaded };
  const [remote, setRemote] = useState<DocumentRead | null>(null);
  const [live, setLive] = useState("");

  async function checkRemote() {
    const { edit: cur, loaded: l, etag } = latest.current;
    if (!cur || !l) return;
    const theirs = await fetchDocument(project, id).catch(() => null);
    if (!theirs || theirs.etag === (etag ?? cur.etag)) return;
    if (cur.text === cur.base) {
      const next = { ...l, server: theirs };
      latest.current.etag = theirs.etag;
      setLoaded(next);
      setEdit(startEdit(next, null));
      setRemote(null);
      setLive(`Updated to revision ${theirs.revision.number}, saved by ${theirs.revision.author}.`);
    } else {
      setRemote(theirs);
    }
  }

  useProjectEvents(project, (e) => {
    api<Project>("GET", projectPath(project))
      .then((p) => setLoaded((l) => l && { ...l, project: p }))
      .catch(() => undefined);
    if (e && !(e.kind === "descriptor" && e.name === id)) return;
    if (latest.current.saving) latest.current.missed = true;
    else void checkRemote();
  });

  const writable = loaded ? mayWrite(loaded.project, id) : false;
  const data = edit?.data;
  const diagnostics = useMemo(() => (loaded && edit && !edit.problems.length ? validate(loaded.compiled, data) : []), [data, loaded]);
  const byPointer = useMemo(() => {
    const m = new Map<string, Diagnostic[]>();
    for (const d of diagnostics) m.set(d.pointer, [...(m.get(d.pointer) ?? []), d]);
    return m;
  }, [diagnostics]);

  // Opening a link to a field (from a finding) scrolls to it, focuses it and marks it.
  const focused = useRef("");
  useEffect(() => {
    if (!field || !edit || loaded?.id !== id || focused.current === id + field) return;
    focused.current = id + field;
    const el = nearest(field);
    if (!el) return;
    el.scrollIntoView({ block: "center" });
    el.closest(".field, fieldset")?.classList.add("highlight");
    (el as HTMLElement).focus({ preventScroll: true });
  }, [field, edit, id, loaded]);

  // The draft is written a moment after typing pauses (a whole document per keystroke would
  // cost more than the typing), and at once when the page is hidden or left.
  const pendingDraft = useRef<(() => void) | null>(null);
  const draftTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flushDraft = () => {
    if (draftTimer.current) clearTimeout(draftTimer.current);
    draftTimer.current = null;
    pendingDraft.current?.();
    pendingDraft.current = null;
  };
  useEffect(() => {
    const onHide = () => flushDraft();
    addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      flushDraft();
      removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onHide);
    };
  }, [project, id]);

  const cancelDraft = () => {
    if (draftTimer.current) clearTimeout(draftTimer.current);
    draftTimer.current = null;
    pendingDraft.current = null;
  };

  function change(next: Edit) {
    setEdit(next);
    setResult(null);
    pendingDraft.current =
      next.text === next.base
        ? () => dropDraft(user, project, id)
        : () => setStorageFull(!saveDraft(user, project, id, { text: next.text, format: next.format, etag: next.etag, base: next.base, at: new Date().toISOString() }));
    if (draftTimer.current) clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(flushDraft, 300);
  }

  // Applies a change to the document; `container` is the collection it changed, read back
  // fresh while the rest of the form's values stay as they were.
  function mutate(f: (doc: Document) => void, container: Path) {
    if (!edit) return;
    f(edit.doc);
    const fresh = jsAt(edit.doc, container);
    change({ ...edit, data: container.length ? assoc(edit.data, container, fresh) : fresh, text: text(edit.doc, edit.format) });
  }
  const act = useRef(mutate);
  act.current = mutate;
  const current = useRef({ data, others: loaded?.others });
  current.current = { data, others: loaded?.others };

  // Stable between keystrokes except for the problems, so that fields can skip redrawing.
  const ctx = useMemo<FormContext>(
    () => ({
      set: (path: Path, v: unknown) => act.current((doc) => setAt(doc, path, v), path.slice(0, -1)),
      add: (path: Path, v: unknown) => act.current((doc) => addAt(doc, path, v), path),
      remove: (path: Path) => act.current((doc) => removeAt(doc, path), path.slice(0, -1)),
      problems: byPointer,
      options: (s) => optionsFor(s, { ...current.current.others, [id]: current.current.data }),
    }),
    [byPointer, id],
  );

  function editSource(t: string) {
    if (!edit) return;
    const parsed = parse(t);
    const doc = parsed.problems.length ? edit.doc : parsed.doc;
    change({ ...edit, text: t, problems: parsed.problems, doc, data: doc === edit.doc ? edit.data : doc.toJS() });
  }

  function switchFormat(format: Format) {
    if (!edit || edit.problems.length) return;
    change({ ...edit, format, text: text(edit.doc, format) });
  }

  async function save(e?: Event, from: Edit | null = edit) {
    e?.preventDefault();
    if (!from || saving) return;
    setSaving(true);
    setSaveError("");
    latest.current.saving = true;
    const headers: Record<string, string> = from.etag ? { "If-Match": from.etag } : { "If-None-Match": "*" };
    try {
      const w = await api<Written>("PUT", projectPath(project) + "/descriptors/" + id, { content: from.text, format: from.format, message }, headers);
      latest.current.etag = w.etag;
      cancelDraft();
      dropDraft(user, project, id);
      setRemote(null);
      setRestored(null);
      setConflict(null);
      setMessage("");
      setEdit({ ...from, base: from.text, etag: w.etag });
      const r = w.revision;
      const document = { kind: "descriptor", name: id, etag: w.etag, revision: r.number, author: r.author, updated_at: r.created_at, draft: r.draft,
        current_revision: r.draft ? (loaded?.server?.document.current_revision ?? null) : r.number };
      setLoaded(loaded && { ...loaded, server: { etag: w.etag, revision: r, document } });
      setResult(w);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        const theirs = await fetchDocument(project, id).catch(() => null);
        if (theirs) return setConflict(theirs), void setSaving(false);
      }
      setSaveError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
      latest.current.saving = false;
      if (latest.current.missed) {
        latest.current.missed = false;
        void checkRemote();
      }
    }
  }

  function resolved(merged: string) {
    if (!edit || !conflict) return;
    const parsed = parse(merged);
    const next = { ...edit, doc: parsed.doc, data: parsed.doc.toJS(), text: merged, problems: parsed.problems, base: conflict.revision.content ?? "", etag: conflict.etag, format: conflict.revision.format ?? edit.format };
    change(next);
    setConflict(null);
    void save(undefined, next);
  }

  // The form is redrawn only when its values or problems change, not when the page's other
  // state (the route while switching, a save in flight) does.
  const schema = loaded?.compiled.schema;
  const formView = useMemo(() => schema && <Form schema={schema} value={data} ctx={ctx} />, [schema, data, ctx]);

  if (error)
    return (
      <section>
        <p class="crumbs">
          <a href={href.projects()}>Projects</a> / <a href={href.findings(project)}>{project}</a>
        </p>
        <p class="error" role="alert">
          {error}
        </p>
      </section>
    );
  if (!loaded || !edit) return <p role="status">Loading…</p>;

  const meta = loaded.server?.document;
  const title = loaded.compiled.schema.title ?? id;
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const older = OLDER_VERSIONS.includes(String((data as Record<string, unknown> | undefined)?.version ?? ""));
  return (
    <section class="descriptor-page">
      <p class="crumbs">
        <a href={href.projects()}>Projects</a> / <a href={href.findings(project)}>{project}</a> / descriptors
      </p>
      <div class="descriptor-layout">
        <DescriptorNav project={loaded.project} current={id} />
        <div class="descriptor-main">
          <h1>{title}</h1>
          <p class="meta">
            {meta ? (
              <>
                Revision {meta.revision} by <strong>{meta.author}</strong>, <time dateTime={meta.updated_at}>{new Date(meta.updated_at).toLocaleString()}</time>
                {meta.draft && <span class="badge warning">draft</span>}
              </>
            ) : (
              "Nobody has written this descriptor yet."
            )}
            {meta && (
              <>
                {" · "}
                <a href={href.history(project, id)}>History</a>
              </>
            )}
          </p>
          {field && also.length > 0 && <Counterparts project={project} field={{ descriptor: id, pointer: field }} also={also} />}
          {!writable && (
            <p class="notice" role="note">
              Read-only: your role in this project ({loaded.project.project.role}) may not write {title}. The project's owner sets who writes which descriptor;
              {" "}
              {(loaded.project.policy[id] ?? []).length ? `here it is the ${(loaded.project.policy[id] ?? []).join(", ")} role(s) and the owner.` : "here only the owner does."}
            </p>
          )}
          {restored && (
            <p class="notice" role="status">
              Your unsaved changes from {new Date(restored.at).toLocaleString()} were restored.{" "}
              <button
                type="button"
                onClick={() => {
                  cancelDraft();
                  dropDraft(user, project, id);
                  setRestored(null);
                  setEdit(startEdit(loaded, null));
                }}
              >
                Discard them
              </button>
            </p>
          )}
          {remote && (
            <p class="notice" role="status">
              {remote.revision.author} saved revision {remote.revision.number} of this descriptor while you were editing. Your changes are kept; when you save,
              you choose between theirs and yours field by field.
            </p>
          )}
          {live && !remote && (
            <p class="notice-line" role="status">
              {live}
            </p>
          )}
          {storageFull && <p class="error">The browser would not keep a draft of your changes: save soon, or they are lost when this tab closes.</p>}
          {older && <p class="notice">This descriptor is written in an older format version; seam upgrades it when it reads it, and checks it when you save.</p>}
          {conflict && <Conflict base={edit.base} mine={edit.text} theirs={conflict} onMerged={resolved} onCancel={() => setConflict(null)} />}
          <div class="editor">
            <form id="descriptor-form" class="descriptor-form" onSubmit={save} aria-label={title}>
              {edit.problems.length > 0 && <p class="notice">The source has syntax errors; the form is back when they are fixed.</p>}
              <fieldset disabled={!writable || edit.problems.length > 0 || loaded.id !== id} class="form-body">
                <legend class="sr-only">{title}</legend>
                {formView}
              </fieldset>
            </form>
            <Source edit={edit} diagnostics={diagnostics} onText={editSource} onFormat={switchFormat} readOnly={!writable} />
          </div>
          <div class="savebar" role="region" aria-label="Save">
            <span class="counts">
              <a href={"#" + fieldId(diagnostics[0]?.pointer ?? "")} onClick={(e) => (e.preventDefault(), diagnostics[0] && nearest(diagnostics[0].pointer)?.focus())}>
                <span class={"badge " + (errors ? "error" : "ok")}>{errors} errors</span> <span class="badge warning">{warnings} warnings</span>
              </a>
            </span>
            {writable && (
              <>
                <label class="message">
                  Message <input type="text" value={message} onInput={(e) => setMessage(e.currentTarget.value)} form="descriptor-form" placeholder="what changed and why" />
                </label>
                <button type="submit" form="descriptor-form" disabled={saving || edit.text === edit.base || edit.problems.length > 0 || loaded.id !== id}>
                  {saving ? "Saving…" : "Save"}
                </button>
              </>
            )}
            <span class="status" role="status" aria-live="polite">
              {edit.text !== edit.base && writable ? "Unsaved changes (kept in this browser)" : ""}
            </span>
            {saveError && (
              <p class="error save-error" role="alert">
                Not saved: {saveError}. Your changes are kept in this browser.
              </p>
            )}
            {result && <SaveResult project={project} written={result} />}
          </div>
        </div>
      </div>
    </section>
  );
}

// The control of the field at `pointer`, or of the nearest enclosing field shown.
function nearest(pointer: string): HTMLElement | null {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
    const el = document.getElementById(fieldId(p));
    if (el) return el;
    if (!p) return null;
  }
}
