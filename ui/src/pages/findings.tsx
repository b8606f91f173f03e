// A project's findings, grouped by severity and taxonomy category, with filters, exports,
// waiving and unwaiving, the waivers in force, and the coverage matrix.
import { useEffect, useMemo, useState } from "preact/hooks";
import { api, mayWrite, projectPath, type Finding, type Project, type Report } from "../api";
import { categories, group, SEVERITIES, type Filter, type Severity } from "../findings";
import { useDebounced, useProjectEvents } from "../events";
import { href } from "../router";
import { addWaiver, changeWaivers, covers, loadWaivers, removeWaivers, sameWaiver, type Waiver, type Waivers } from "../waivers";
import { CoverageMatrix, type SubcategoryCoverage } from "./coverage";
import { FindingCard, type WaiveRequest } from "./finding-card";
import { WaiversPanel } from "./waivers-panel";

const LABEL: Record<Severity, string> = { error: "Errors", warning: "Warnings", info: "Notes" };
const EXPORTS = [
  ["html", "HTML", "html"],
  ["sarif", "SARIF", "sarif"],
  ["junit", "JUnit", "xml"],
  ["markdown", "Markdown", "md"],
] as const;

interface State {
  report: Report;
  project: Project;
  waivers: Waivers;
  coverage: SubcategoryCoverage[];
}

async function load(project: string): Promise<State> {
  const [report, p, waivers, coverage] = await Promise.all([
    api<Report>("GET", projectPath(project) + "/findings"),
    api<Project>("GET", projectPath(project)),
    loadWaivers(project),
    api<{ subcategories: SubcategoryCoverage[] }>("GET", "/rules/coverage"),
  ]);
  return { report, project: p, waivers, coverage: coverage.subcategories };
}

export function Findings({ project, user }: { project: string; user: string }) {
  const [state, setState] = useState<State | null>(null);
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [severities, setSeverities] = useState<Set<Severity>>(new Set(SEVERITIES));
  const [category, setCategory] = useState("");
  const [text, setText] = useState("");
  const [showWaived, setShowWaived] = useState(false);

  const reload = () =>
    load(project)
      .then(setState)
      .catch((e) => setError(e.message));
  useEffect(() => {
    setState(null);
    void reload();
  }, [project]);
  const reloadSoon = useDebounced(() => void reload());
  useProjectEvents(project, reloadSoon);

  const report = state?.report;
  const filter: Filter = { severities, category, text, showWaived };
  const groups = useMemo(() => (report ? group(report.findings, filter) : []), [report, severities, category, text, showWaived]);
  const canWaive = state ? mayWrite(state.project, "waivers") : false;

  function toggle(s: Severity) {
    const next = new Set(severities);
    next.has(s) ? next.delete(s) : next.add(s);
    setSeverities(next);
  }

  async function waive(f: Finding, r: WaiveRequest) {
    const w: Waiver = { rule: f.rule, match: r.match.trim() || undefined, reason: r.reason.trim(), accepted_by: r.accepted_by.trim(), expires: r.expires || undefined };
    await changeWaivers(project, (doc) => addWaiver(doc, w), `waive ${f.rule}`);
    await reload();
    setNotice(`Waived ${f.rule}. Waived findings are hidden unless "Show waived" is on.`);
  }

  async function unwaive(f: Finding) {
    try {
      await changeWaivers(project, (doc, list) => removeWaivers(doc, list, (w) => covers(w, f)), `unwaive ${f.rule}`);
      await reload();
      setNotice(`${f.rule} is no longer waived.`);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function removeWaiver(target: Waiver) {
    try {
      await changeWaivers(project, (doc, list) => removeWaivers(doc, list, (w) => sameWaiver(w, target)), `remove the waiver of ${target.rule}`);
      await reload();
      setNotice(`Removed the waiver of ${target.rule}.`);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section>
      <p class="crumbs">
        <a href={href.projects()}>Projects</a> / {project}
      </p>
      <h1>Findings</h1>
      <p class="page-links">
        <a href={href.descriptor(project, "system_context")}>Edit the descriptors</a> · <a href={href.history(project)}>History</a> · <a href={href.readiness(project)}>Readiness</a> · <a href={href.data(project)}>Data and drift</a> · <a href={href.monitor(project)}>Monitor</a> · <a href={href.settings(project)}>Members and settings</a>
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p role="status" class="notice-line">
        {notice}
      </p>
      {report && state && (
        <>
          <p class="summary" aria-live="polite">
            <span class="badge error">{report.summary.error} errors</span> <span class="badge warning">{report.summary.warning} warnings</span>{" "}
            <span class="badge">{report.summary.waived} waived</span>
          </p>
          <p class="exports">
            Export:{" "}
            {EXPORTS.map(([format, name, ext], i) => (
              <>
                {i > 0 && " · "}
                <a href={`/api/v1${projectPath(project)}/findings?format=${format}`} download={`${project}-findings.${ext}`}>
                  {name}
                </a>
              </>
            ))}
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
                      <FindingCard key={f.rule + i + f.waived} project={project} finding={f} user={user} canWaive={canWaive} onWaive={waive} onUnwaive={unwaive} />
                    ))}
                  </ul>
                </section>
              ))}
            </section>
          ))}
          <WaiversPanel waivers={state.waivers} problems={report.waiver_problems ?? []} canEdit={canWaive} onRemove={removeWaiver} />
          <CoverageMatrix subcategories={state.coverage} findings={report.findings} />
        </>
      )}
      {!report && !error && <p role="status">Loading…</p>}
    </section>
  );
}
