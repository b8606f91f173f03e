// Readiness (MLTRL): each component's level and the gate to its next one with the criteria it
// still misses, the system level (the lowest), the review form for reviewers, the level
// timeline with its switchbacks, and the requirements' risk matrix.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, projectPath, type DocumentRead, type Project } from "../api";
import { cell, switchbacks, type ComponentStatus, type Metrics, type Risks, type Status } from "../readiness";
import { useDebounced, useProjectEvents } from "../events";
import { href } from "../router";
import { ReviewForm, type ReviewRequest } from "./review-form";

interface State {
  status: Status;
  metrics: Metrics;
  risks: Risks;
  project: Project;
}

async function load(project: string): Promise<State | string> {
  const base = projectPath(project) + "/trl";
  try {
    const [status, metrics, risks, p] = await Promise.all([
      api<Status>("GET", base),
      api<Metrics>("GET", base + "/metrics"),
      api<Risks>("GET", base + "/risks"),
      api<Project>("GET", projectPath(project)),
    ]);
    return { status, metrics, risks, project: p };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && !e.message.startsWith("no project")) return e.message;
    throw e;
  }
}

export function Readiness({ project }: { project: string }) {
  const [state, setState] = useState<State | string | null>(null);
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const reload = () => load(project).then(setState).catch((e) => setError(e.message));
  useEffect(() => {
    setState(null);
    void reload();
  }, [project]);
  const reloadSoon = useDebounced(() => void reload());
  useProjectEvents(project, reloadSoon); // cards and the findings their gates read

  async function review(c: ComponentStatus, r: ReviewRequest) {
    const card = await api<DocumentRead>("GET", `${projectPath(project)}/cards/${encodeURIComponent(c.id)}`);
    const body = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== "" && v !== undefined));
    await api("POST", `${projectPath(project)}/trl/${encodeURIComponent(c.id)}/reviews`, body, { "If-Match": card.etag });
    await reload();
    setNotice(`Recorded: ${c.id} ${r.decision === "graduate" ? "graduates" : "switches back"} to level ${r.to}.`);
  }

  const crumbs = (
    <p class="crumbs">
      <a href={href.projects()}>Projects</a> / <a href={href.findings(project)}>{project}</a> / readiness
    </p>
  );
  if (error || typeof state === "string")
    return (
      <section>
        {crumbs}
        <h1>Readiness</h1>
        <p class={error ? "error" : "notice"} role={error ? "alert" : "note"}>
          {error || state}
        </p>
      </section>
    );
  if (!state) return <p role="status">Loading…</p>;
  const reviewer = state.project.project.role === "reviewer";
  return (
    <section class="readiness">
      {crumbs}
      <h1>Readiness</h1>
      <p class="system-level">
        System level <strong>{state.status.system_level}</strong>, the lowest of its components; limited by {state.status.limiting.join(", ")}.
      </p>
      <p role="status" class="notice-line">
        {notice}
      </p>
      <div class="components">
        {state.status.components.map((c) => (
          <article key={c.id} class={"component" + (state.status.limiting.includes(c.id) ? " limiting" : "")} aria-labelledby={"c-" + c.id}>
            <h2 id={"c-" + c.id}>{c.name}</h2>
            <p class="level">
              <span class="level-number">{c.level}</span> {c.level_name}
              {!c.level_supported && <span class="badge error">criteria of this level not all met</span>}
            </p>
            {c.gate ? (
              <Gate gate={c.gate} />
            ) : (
              <p>Level 9 is the last: there is no gate to pass.</p>
            )}
            <p>
              <a href={`/api/v1${projectPath(project)}/trl/${encodeURIComponent(c.id)}/card?format=html`} target="_blank" rel="noopener">
                Printable TRL card of {c.id}
              </a>
            </p>
            {reviewer && <ReviewForm component={c} onReview={(r) => review(c, r)} />}
          </article>
        ))}
      </div>
      {!reviewer && <p class="where">Reviews are recorded by members with the reviewer role.</p>}
      <Timeline metrics={state.metrics} />
      <RiskMatrix risks={state.risks} />
    </section>
  );
}

function Gate({ gate }: { gate: NonNullable<ComponentStatus["gate"]> }) {
  const missing = gate.criteria.filter((c) => !c.met);
  return (
    <div class="gate">
      <p>
        Gate to level {gate.to}: {gate.passed ? <span class="badge ok">automatic criteria met</span> : <span class="badge error">blocked</span>}
      </p>
      {missing.length > 0 && (
        <ul class="criteria">
          {missing.map((c) => (
            <li key={c.id} class={c.kind}>
              <strong>{c.kind === "manual" ? "Sign-off: " : ""}</strong>
              {c.text} <span class="where">({c.evidence})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// Each component's stays at its levels, in proportion to their days; a stay that began with a
// switchback is marked.
function Timeline({ metrics }: { metrics: Metrics }) {
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Levels over time</h2>
      {metrics.components.map((c) => {
        const total = c.stays.reduce((n, s) => n + s.days, 0) || 1;
        return (
          <div key={c.id} class="timeline-row">
            <h3>
              {c.id} <span class="where">({c.graduations} graduations, {c.switchbacks.total} switchbacks)</span>
            </h3>
            <ol class="stays">
              {switchbacks(c.stays).map((s, i) => (
                <li key={i} class={"stay lvl-" + s.level + (s.switchback ? " switchback" : "")} style={{ flexGrow: Math.max(s.days / total, 0.04) }}>
                  <span>
                    {s.switchback && "↩ "}L{s.level}
                  </span>
                  <span class="stay-dates">
                    {s.from} – {s.current ? "today" : s.to} ({s.days} days){s.switchback ? ", after a switchback" : ""}
                  </span>
                </li>
              ))}
            </ol>
          </div>
        );
      })}
    </section>
  );
}

const LIKELIHOOD = ["0–0.2", "0.2–0.4", "0.4–0.6", "0.6–0.8", "0.8–1"];
const IMPACT = ["1–2", "3–4", "5–6", "7–8", "9–10"];

function RiskMatrix({ risks }: { risks: Risks }) {
  const ids = (l: number, i: number) =>
    risks.requirements.filter((r) => {
      const [a, b] = cell(r.p_failure, r.value);
      return a === l && b === i;
    });
  return (
    <section aria-labelledby="risk-title">
      <h2 id="risk-title">Risk matrix</h2>
      <p>Requirements by likelihood of failure (p_failure) and impact (value); risk is their product.</p>
      <div class="table-wrap">
        <table class="risk-matrix">
          <thead>
            <tr>
              <th scope="col">likelihood \ impact</th>
              {IMPACT.map((i) => (
                <th scope="col" key={i}>
                  {i}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[4, 3, 2, 1, 0].map((l) => (
              <tr key={l}>
                <th scope="row">{LIKELIHOOD[l]}</th>
                {[0, 1, 2, 3, 4].map((i) => (
                  <td key={i} class={"risk-" + Math.min(4, Math.floor(((l + 1) * (i + 1)) / 5))}>
                    {ids(l, i).map((r) => (
                      <span key={r.component + r.id} class="req" title={`${r.component}: ${r.text}`}>
                        {r.id} ({r.risk.toFixed(1)})
                      </span>
                    ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
