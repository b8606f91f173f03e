// Data: the project's stored profiles, uploading one, and the drift between two of them with
// each column's test, statistic, p-value and threshold, most severe first, and each column's
// distributions overlaid.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, mayWrite, projectPath, type DocumentMeta, type DocumentRead, type Project } from "../api";
import { bySeverity, METHODS, TESTS, type DriftReport, type Profile } from "../profiles";
import { useDebounced, useProjectEvents } from "../events";
import { href } from "../router";
import { ColumnChart } from "./column-chart";

const num = (v: number | null | undefined) => (v === null || v === undefined ? "–" : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : String(+v.toFixed(4)));

export function DataPage({ project }: { project: string }) {
  const [list, setList] = useState<DocumentMeta[] | null>(null);
  const [p, setP] = useState<Project | null>(null);
  const [pair, setPair] = useState<[string, string]>(["", ""]);
  const [drift, setDrift] = useState<DriftReport | null>(null);
  const [profiles, setProfiles] = useState<[Profile, Profile] | null>(null);
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [stamp, setStamp] = useState(0); // bumped when the stored profiles change

  async function refresh() {
    const [items, proj] = await Promise.all([api<{ items: DocumentMeta[] }>("GET", projectPath(project) + "/profiles"), api<Project>("GET", projectPath(project))]);
    setList(items.items);
    setP(proj);
    setStamp((n) => n + 1);
    const names = items.items.map((d) => d.name);
    const ref = names.find((n) => /train/.test(n)) ?? names[0] ?? "";
    const cur = names.find((n) => n !== ref && /prod|oper|live|current/.test(n)) ?? names.find((n) => n !== ref) ?? "";
    setPair((old) => (old[0] && old[1] && names.includes(old[0]) && names.includes(old[1]) ? old : [ref, cur]));
  }

  useEffect(() => {
    refresh().catch((e) => setError(e.message));
  }, [project]);
  const refreshSoon = useDebounced(() => void refresh().catch((e) => setError(e.message)));
  useProjectEvents(project, (e) => (!e || e.kind === "profile") && refreshSoon());

  // A new pair clears the report; new revisions of the same pair replace it when they arrive,
  // so a teammate's upload does not blank the page meanwhile.
  const shown = useRef("");
  useEffect(() => {
    const [ref, cur] = pair;
    if (shown.current !== ref + "\n" + cur) {
      setDrift(null);
      setProfiles(null);
      shown.current = ref + "\n" + cur;
    }
    if (!ref || !cur || ref === cur) return;
    const base = projectPath(project);
    const read = (n: string) => api<DocumentRead>("GET", `${base}/profiles/${encodeURIComponent(n)}`).then((d) => JSON.parse(d.revision.content ?? "{}") as Profile);
    Promise.all([api<DriftReport>("GET", `${base}/drift?reference=${encodeURIComponent(ref)}&current=${encodeURIComponent(cur)}`), read(ref), read(cur)])
      .then(([d, a, b]) => (setDrift(d), setProfiles([a, b])))
      .catch((e) => setError(e.message));
  }, [pair[0], pair[1], project, stamp]);

  async function upload(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const file = (form.elements.namedItem("file") as HTMLInputElement).files?.[0];
    const name = (form.elements.namedItem("name") as HTMLInputElement).value.trim();
    if (!file || !name) return;
    setError("");
    setNotice("");
    try {
      const path = `${projectPath(project)}/profiles/${encodeURIComponent(name)}`;
      const existing = await api<DocumentRead>("GET", path).catch((err) => (err instanceof ApiError && err.status === 404 ? null : Promise.reject(err)));
      await api("PUT", path, await file.text(), {
        "Content-Type": "application/json",
        "X-Seam-Message": `uploaded ${file.name}`,
        ...(existing ? { "If-Match": existing.etag } : { "If-None-Match": "*" }),
      });
      form.reset();
      await refresh();
      setNotice(`Stored the profile ${name}.`);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const canUpload = p ? mayWrite(p, "profiles") : false;
  const names = (list ?? []).map((d) => d.name);
  const column = (i: 0 | 1, name: string) => profiles?.[i].columns.find((c) => c.name === name);
  return (
    <section class="data">
      <p class="crumbs">
        <a href={href.projects()}>Projects</a> / <a href={href.findings(project)}>{project}</a> / data
      </p>
      <h1>Data profiles and drift</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p role="status" class="notice-line">
        {notice}
      </p>
      <p>
        Profiles hold counts, moments and sketches, never rows: make one where the data lives with <code>seam profile FILE -o profile.json</code> and store it
        here under a name of your choice.
      </p>
      {canUpload && (
        <form class="inline upload" onSubmit={upload}>
          <label>
            Profile file (JSON from seam profile)
            <input name="file" type="file" accept=".json,application/json" required />
          </label>
          <label>
            Store as
            <input name="name" type="text" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" placeholder="training" />
          </label>
          <button type="submit">Upload</button>
        </form>
      )}
      {list && list.length < 2 && <p>Drift needs two stored profiles{list.length ? `; there is one: ${names[0]}` : ""}.</p>}
      {list && list.length >= 2 && (
        <form class="inline" onSubmit={(e) => e.preventDefault()}>
          {(["Reference", "Current"] as const).map((label, i) => (
            <label key={label}>
              {label}
              <select value={pair[i]} onChange={(e) => setPair(i ? [pair[0], e.currentTarget.value] : [e.currentTarget.value, pair[1]])}>
                {names.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            </label>
          ))}
        </form>
      )}
      {drift && profiles && (
        <>
          <p class="summary">{drift.summary}</p>
          <div class="table-wrap">
            <table class="drift">
              <caption class="sr-only">Drift by column, most severe first</caption>
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Test</th>
                  <th scope="col">Statistic</th>
                  <th scope="col">p-value</th>
                  <th scope="col">Threshold</th>
                </tr>
              </thead>
              <tbody>
                {bySeverity(drift.columns).map((c) => (
                  <tr key={c.name} class={"verdict-" + c.verdict}>
                    <th scope="row">
                      <a href={"#col-" + c.name} onClick={(e) => (e.preventDefault(), document.getElementById("col-" + c.name)?.scrollIntoView())}>
                        {c.name}
                      </a>
                      {c.critical && <span class="badge warning">critical</span>}
                    </th>
                    <td>
                      <span class={"badge " + (c.verdict === "drift" ? "error" : c.verdict === "inconclusive" ? "warning" : "ok")}>{c.verdict.replace("_", " ")}</span>
                    </td>
                    <td>
                      <abbr title={METHODS[c.method] ?? c.method}>{c.method}</abbr>
                    </td>
                    <td>{num(c.statistic)}</td>
                    <td>{!TESTS.has(c.method) ? "–" : c.p_value_underflow ? "< 1e-308" : num(c.p_value)}</td>
                    <td>
                      {TESTS.has(c.method) ? "p < " : "> "}
                      {c.threshold}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <details class="methods">
            <summary>How each test decides</summary>
            <dl>
              {[...new Set(drift.columns.map((c) => c.method))].map((m) => (
                <>
                  <dt>{m}</dt>
                  <dd>{METHODS[m] ?? "see docs/drift.md"}</dd>
                </>
              ))}
            </dl>
            {drift.notes.map((n, i) => (
              <p key={i} class="where">
                {n}
              </p>
            ))}
          </details>
          {bySeverity(drift.columns).map((c) => {
            const [a, b] = [column(0, c.name), column(1, c.name)];
            return (
              <section key={c.name} id={"col-" + c.name} class="column" aria-labelledby={"h-" + c.name}>
                <h2 id={"h-" + c.name}>
                  {c.name} <span class="where">({c.type})</span>
                </h2>
                <div class="column-body">
                  <ColumnChart reference={a} current={b} names={pair} />
                  <table class="column-stats">
                    <thead>
                      <tr>
                        <th scope="col" />
                        <th scope="col">{pair[0]}</th>
                        <th scope="col">{pair[1]}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {(
                        [
                          ["rows", (x) => x?.count],
                          ["missing", (x) => x?.missing],
                          ["distinct (about)", (x) => x?.distinct.estimate],
                          ["mean", (x) => x?.numeric?.mean],
                          ["std. dev.", (x) => x?.numeric?.stddev],
                          ["min", (x) => x?.numeric?.min],
                          ["median", (x) => x?.numeric?.quantiles["0.5"]],
                          ["max", (x) => x?.numeric?.max],
                        ] as [string, (x: typeof a) => number | undefined][]
                      )
                        .filter(([, f]) => f(a) !== undefined || f(b) !== undefined)
                        .map(([label, f]) => (
                          <tr key={label}>
                            <th scope="row">{label}</th>
                            <td>{num(f(a))}</td>
                            <td>{num(f(b))}</td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </div>
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}
