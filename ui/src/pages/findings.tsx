import { useEffect, useMemo, useState } from "preact/hooks";
import { api, projectPath, type Report } from "../api";
import { categories, group, SEVERITIES, type Filter, type Severity } from "../findings";
import { href } from "../router";

const LABEL: Record<Severity, string> = { error: "Errors", warning: "Warnings", info: "Notes" };

export function Findings({ project }: { project: string }) {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState("");
  const [severities, setSeverities] = useState<Set<Severity>>(new Set(SEVERITIES));
  const [category, setCategory] = useState("");
  const [text, setText] = useState("");
  const [showWaived, setShowWaived] = useState(false);

  useEffect(() => {
    setReport(null);
    api<Report>("GET", projectPath(project) + "/findings")
      .then(setReport)
      .catch((e) => setError(e.message));
  }, [project]);

  const filter: Filter = { severities, category, text, showWaived };
  const groups = useMemo(() => (report ? group(report.findings, filter) : []), [report, severities, category, text, showWaived]);

  function toggle(s: Severity) {
    const next = new Set(severities);
    next.has(s) ? next.delete(s) : next.add(s);
    setSeverities(next);
  }

  return (
    <section>
      <p class="crumbs">
        <a href={href.projects()}>Projects</a> / {project}
      </p>
      <h1>Findings</h1>
      <p>
        <a href={href.descriptor(project, "system_context")}>Edit the descriptors</a>
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <>
          <p class="summary" aria-live="polite">
            <span class="badge error">{report.summary.error} errors</span> <span class="badge warning">{report.summary.warning} warnings</span>{" "}
            <span class="badge">{report.summary.waived} waived</span>
          </p>
          <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
            <fieldset>
              <legend>Severity</legend>
              {SEVERITIES.map((s) => (
                <label key={s}>
                  <input type="checkbox" checked={severities.has(s)} onChange={() => toggle(s)} /> {LABEL[s]}
                </label>
              ))}
            </fieldset>
            <label>
              Category
              <select value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
                <option value="">All categories</option>
                {categories(report.findings).map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </label>
            <label>
              Search
              <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} />
            </label>
            <label>
              <input type="checkbox" checked={showWaived} onChange={() => setShowWaived(!showWaived)} /> Show waived
            </label>
          </form>
          {groups.length === 0 && <p>No findings match.</p>}
          {groups.map((g) => (
            <section key={g.severity} class={"severity sev-" + g.severity}>
              <h2>
                {LABEL[g.severity]} ({g.count})
              </h2>
              {g.categories.map((c) => (
                <section key={c.category}>
                  <h3>{c.category}</h3>
                  <ul class="findings">
                    {c.findings.map((f, i) => (
                      <li key={f.rule + i} class="finding">
                        <p class="message">
                          {f.message} {f.waived && <span class="badge">waived</span>}
                        </p>
                        <ul>
                          {f.items.map((item, j) => (
                            <li key={j}>
                              {item.text}
                              {item.locations.length > 0 && (
                                <span class="where">
                                  {" "}
                                  (
                                  {item.locations.map((l, k) => (
                                    <>
                                      {k > 0 && ", "}
                                      <a href={href.descriptor(project, l.descriptor, l.pointer || undefined)}>{l.descriptor + (l.pointer || "")}</a>
                                    </>
                                  ))}
                                  )
                                </span>
                              )}
                            </li>
                          ))}
                        </ul>
                        <details>
                          <summary>Why this matters</summary>
                          <p>{f.rationale}</p>
                          <p class="rule">
                            Rule <code>{f.rule}</code>, {f.subcategory}
                          </p>
                        </details>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </section>
          ))}
        </>
      )}
      {!report && !error && <p role="status">Loading…</p>}
    </section>
  );
}
