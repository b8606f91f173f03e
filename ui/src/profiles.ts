// Data profiles (docs/profile-format.md) and drift reports (seam drift --format json) as the
// data page reads them, and the shapes its charts draw.
export interface ColumnProfile {
  name: string;
  type: "numeric" | "categorical" | "boolean" | "text" | string;
  count: number;
  missing: number;
  distinct: { estimate: number };
  numeric?: { min: number; max: number; mean: number; stddev: number; quantiles: Record<string, number>; histogram: { edges: number[]; counts: number[] } };
  values?: { exact: boolean; total: number; counts: [string, number][] };
}

export interface Profile {
  rows: number;
  columns: ColumnProfile[];
}

export interface DriftColumn {
  name: string;
  type: string;
  method: string;
  statistic: number | null;
  p_value: number | null;
  p_value_underflow?: boolean; // smaller than a double can hold
  threshold: number;
  drift: boolean;
  verdict: "drift" | "no_drift" | "inconclusive" | string;
  critical: boolean;
  inconclusive_reason: string | null;
  advice: string | null;
  n_reference: number;
  n_current: number;
}

export interface DriftReport {
  summary: string;
  columns: DriftColumn[];
  notes: string[];
  only_in_reference: string[];
  only_in_current: string[];
}

// The tests report a p-value (drift below the threshold); the distances a value (drift above).
export const TESTS = new Set(["chisquare", "chisquare_gof", "ks"]);

export const METHODS: Record<string, string> = {
  chisquare: "Pearson's chi-square test of independence on the category counts of both data sets; drift when the p-value is below the threshold.",
  chisquare_gof: "Chi-square goodness of fit of the current counts against the reference shares; drift when the p-value is below the threshold.",
  ks: "Two-sample Kolmogorov-Smirnov test on the distributions (from the sketches when profiles are compared); drift when the p-value is below the threshold.",
  psi: "Population stability index over shared bins; drift when it exceeds the threshold (0.1 is a common warning, 0.25 a major shift).",
  jensenshannon: "Jensen-Shannon distance between the two distributions, from 0 (same) to 1; drift when it exceeds the threshold.",
  wasserstein: "Wasserstein (earth mover's) distance, in units of the reference's standard deviation unless raw; drift when it exceeds the threshold.",
};

const RANK: Record<string, number> = { drift: 0, inconclusive: 1 };

// Most severe first: drift before inconclusive before none, critical columns first within
// each, then by how far past the threshold the result is.
export function bySeverity(columns: DriftColumn[]): DriftColumn[] {
  const margin = (c: DriftColumn) =>
    TESTS.has(c.method) ? (c.p_value ?? 1) / (c.threshold || 1) : (c.threshold || 1) / Math.max(c.statistic ?? 0, 1e-12);
  return [...columns].sort(
    (a, b) => (RANK[a.verdict] ?? 2) - (RANK[b.verdict] ?? 2) || Number(b.critical) - Number(a.critical) || margin(a) - margin(b) || a.name.localeCompare(b.name),
  );
}

// A histogram as a density step line (share of rows per unit), so that two data sets with
// different bin edges and sizes overlay on one axis.
export function density(h: { edges: number[]; counts: number[] }): { x: number; y: number }[] {
  const total = h.counts.reduce((a, b) => a + b, 0) || 1;
  const points = h.counts.map((c, i) => ({ x: h.edges[i], y: c / total / Math.max(h.edges[i + 1] - h.edges[i], 1e-12) }));
  if (h.edges.length) points.push({ x: h.edges[h.edges.length - 1], y: 0 });
  return points;
}

// Category shares (0-1) of both data sets over the union of their categories, largest first.
export function shares(a?: ColumnProfile["values"], b?: ColumnProfile["values"]): { labels: string[]; ref: number[]; cur: number[] } {
  const map = (v?: ColumnProfile["values"]) => new Map((v?.counts ?? []).map(([k, n]) => [k, n / (v!.total || 1)]));
  const [ra, cb] = [map(a), map(b)];
  const labels = [...new Set([...ra.keys(), ...cb.keys()])].sort((x, y) => (ra.get(y) ?? 0) - (ra.get(x) ?? 0) || (cb.get(y) ?? 0) - (cb.get(x) ?? 0));
  return { labels, ref: labels.map((l) => ra.get(l) ?? 0), cur: labels.map((l) => cb.get(l) ?? 0) };
}
