// The monitor timeline: the events that `seam monitor --server` posted to a project, grouped
// per column and test, oldest window first, with the alerts and the descriptor fields they
// concern. Pure functions; pages/monitor.tsx draws them.

export interface MonitorEvent {
  type: "window" | "test" | "alert" | "missing_column";
  window: number;
  column?: string;
  test?: string;
  statistic?: number | null;
  p_value?: number | null;
  threshold?: number | null;
  drift?: boolean;
  severity: "info" | "warning" | "error";
  detail?: string;
  descriptor?: string; // "dir/production_data.yaml:12: /schema/2/expected_values"
  start?: string;
  end?: string;
}

export interface Kept {
  id: number;
  received_at: number;
  source: string;
  event: MonitorEvent;
}

export interface Point {
  window: number;
  value: number; // what the chart shows: -log10(p) for tests, else the statistic
  threshold: number | null; // on the same scale
  drift: boolean;
  label: string; // for people: "window 16: p = 1.2e-37 (threshold 0.001)"
}

export interface Series {
  column: string;
  test: string;
  points: Point[];
  drifting: boolean; // the newest window drifted
}

export interface Field {
  descriptor: string;
  pointer: string;
}

// The descriptor field an event names, from its "file:line: pointer" place.
export function fieldOf(place: string | undefined): Field | null {
  const m = /([A-Za-z_]+)\.(?:ya?ml|json):\d+: (\/\S*)$/.exec(place ?? "");
  return m ? { descriptor: m[1], pointer: m[2] } : null;
}

const fmt = (v: number) => (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4) ? v.toExponential(1) : String(+v.toFixed(4)));

// -log10 of a p-value, with 0 (underflow) shown as the top of the scale.
const surprise = (p: number) => (p > 0 ? -Math.log10(p) : 300);

export function timeline(kept: Kept[]): { series: Series[]; alerts: MonitorEvent[]; missing: MonitorEvent[]; windows: number } {
  const byKey = new Map<string, Series>();
  const alerts: MonitorEvent[] = [];
  const missing = new Map<string, MonitorEvent>();
  let windows = 0;
  const events = [...kept].sort((a, b) => a.id - b.id).map((k) => k.event);
  for (const e of events) {
    windows = Math.max(windows, e.window);
    if (e.type === "alert") alerts.push(e);
    if (e.type === "missing_column" && e.column) missing.set(e.column, e);
    if (e.type !== "test" || !e.column || !e.test) continue;
    const key = e.column + "\u0000" + e.test;
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { column: e.column, test: e.test, points: [], drifting: false }));
    const test = typeof e.p_value === "number";
    const value = test ? surprise(e.p_value as number) : (e.statistic ?? 0);
    const threshold = typeof e.threshold === "number" ? (test ? surprise(e.threshold) : e.threshold) : null;
    const shown = test ? `p = ${fmt(e.p_value as number)}` : `${e.test} = ${fmt(e.statistic ?? 0)}`;
    const label = `window ${e.window}: ${shown}` + (typeof e.threshold === "number" ? ` (threshold ${fmt(e.threshold)})` : "");
    s.points.push({ window: e.window, value, threshold, drift: !!e.drift, label });
    s.drifting = !!e.drift;
  }
  // Columns with an alert or drifting now come first, then by name.
  const series = [...byKey.values()].sort(
    (a, b) => Number(b.drifting) - Number(a.drifting) || a.column.localeCompare(b.column) || a.test.localeCompare(b.test),
  );
  return { series, alerts: alerts.reverse(), missing: [...missing.values()], windows };
}
