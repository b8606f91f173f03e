// Monitor: the timeline per column of what `seam monitor --server` sent the project. Each
// column and test is a strip of its windows, with the drifted ones marked; above them, the
// columns the stream lacks and the alerts, each linked to the descriptor field whose promise
// broke. New events are fetched every 15 seconds.
import { useEffect, useState } from "preact/hooks";
import { api, projectPath } from "../api";
import { fieldOf, timeline, type Kept, type MonitorEvent, type Series } from "../monitor";
import { href } from "../router";

const PAGES = 3; // newest 3,000 events: a few hundred windows of a wide stream

async function load(project: string): Promise<Kept[]> {
  const out: Kept[] = [];
  let after = "";
  for (let i = 0; i < PAGES; ++i) {
    const page = await api<{ events: Kept[]; next: number | null }>("GET", `${projectPath(project)}/monitor/events?limit=1000${after}`);
    out.push(...page.events);
    if (page.next === null) break;
    after = `&after=${page.next}`;
  }
  return out;
}

function FieldLink({ project, event }: { project: string; event: MonitorEvent }) {
  const f = fieldOf(event.descriptor);
  if (!f) return null;
  return (
    <>
      {" "}
      — <a href={href.descriptor(project, f.descriptor, f.pointer)}>{`${f.descriptor} ${f.pointer}`}</a>
    </>
  );
}

// One series as a strip chart: the value per window, the threshold dashed, drifted windows red.
function Strip({ s, windows }: { s: Series; windows: number }) {
  const w = 640, h = 72, pad = 4;
  const first = s.points[0]?.window ?? 1;
  const span = Math.max(1, windows - first);
  const top = Math.max(...s.points.map((p) => p.value), ...s.points.map((p) => (p.threshold ?? 0) * 2), 1e-9);
  const ceiling = Math.min(top, Math.max(...s.points.map((p) => p.threshold ?? 0)) * 4 || top) || top;
  const x = (win: number) => pad + ((win - first) / span) * (w - 2 * pad);
  const y = (v: number) => h - pad - (Math.min(v, ceiling) / ceiling) * (h - 2 * pad);
  const drifted = s.points.filter((p) => p.drift).length;
  const threshold = s.points[s.points.length - 1]?.threshold;
  return (
    <svg class="strip" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${s.column}, ${s.test}: ${s.points.length} windows, ${drifted} drifted${s.drifting ? "; the newest drifted" : ""}`}>
      {threshold != null && <line class="threshold" x1={pad} x2={w - pad} y1={y(threshold)} y2={y(threshold)} />}
      <polyline class="values" points={s.points.map((p) => `${x(p.window)},${y(p.value)}`).join(" ")} />
      {s.points.map((p) => (
        <circle class={p.drift ? "drift" : "ok"} cx={x(p.window)} cy={y(p.value)} r={p.drift ? 3.5 : 2}>
          <title>{p.label}</title>
        </circle>
      ))}
    </svg>
  );
}

export function MonitorPage({ project }: { project: string }) {
  const [kept, setKept] = useState<Kept[] | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    setKept(null);
    const reload = () => load(project).then(setKept).catch((e) => setError(e.message));
    void reload();
    const timer = setInterval(reload, 15000);
    return () => clearInterval(timer);
  }, [project]);

  const crumbs = (
    <p class="crumbs">
      <a href={href.projects()}>Projects</a> / <a href={href.findings(project)}>{project}</a> / monitor
    </p>
  );
  if (error)
    return (
      <section>
        {crumbs}
        <h1>Monitor</h1>
        <p class="error" role="alert">{error}</p>
      </section>
    );
  if (!kept) return <p role="status">Loading…</p>;
  const t = timeline(kept);
  const sources = [...new Set(kept.map((k) => k.source))].sort();
  return (
    <section class="monitor">
      {crumbs}
      <h1>Monitor</h1>
      {kept.length === 0 ? (
        <p class="notice" role="note">
          No monitor has sent events yet. Run <code>seam monitor --server URL --project {project}</code> beside the production stream, with an API token
          in SEAM_TOKEN.
        </p>
      ) : (
        <p class="where">
          {t.windows} windows from {sources.join(", ")}; the newest {kept.length} events.
        </p>
      )}
      {t.missing.length > 0 && (
        <section class="sev-error">
          <h2>Columns the stream lacks</h2>
          <ul class="missing">
            {t.missing.map((m) => (
              <li>
                <strong>{m.column}</strong>: {m.detail}
                <FieldLink project={project} event={m} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {t.alerts.length > 0 && (
        <section class="sev-error">
          <h2>Alerts</h2>
          <ul class="alerts">
            {t.alerts.map((a) => (
              <li>
                Window {a.window}
                {a.start ? ` (${a.start} to ${a.end})` : ""}: {a.detail}
                <FieldLink project={project} event={a} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {t.series.length > 0 && (
        <section>
          <h2>Columns</h2>
          {t.series.map((s) => (
            <div class="series">
              <h3>
                {s.column} <span class="test">{s.test}</span> {s.drifting ? <span class="badge warning">drifting</span> : <span class="badge ok">steady</span>}
              </h3>
              <Strip s={s} windows={t.windows} />
            </div>
          ))}
        </section>
      )}
    </section>
  );
}
