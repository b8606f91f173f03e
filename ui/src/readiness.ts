// The readiness (MLTRL) answers of the server, as `seam trl` gives them in JSON.
export interface Criterion {
  id: string;
  level: number;
  text: string;
  kind: "automatic" | "manual";
  met: boolean;
  evidence: string;
}

export interface Gate {
  to: number;
  passed: boolean;
  criteria: Criterion[];
}

export interface ComponentStatus {
  id: string;
  name: string;
  level: number;
  level_name: string;
  level_supported: boolean;
  next_level: number | null;
  gate: Gate | null;
}

export interface Status {
  system_level: number;
  limiting: string[];
  components: ComponentStatus[];
}

export interface Stay {
  level: number;
  from: string;
  to: string;
  days: number;
  current: boolean;
}

export interface ComponentMetrics {
  id: string;
  level: number;
  stays: Stay[];
  graduations: number;
  switchbacks: { total: number; discovery: number; review: number; embedded: number };
}

export interface Metrics {
  today: string;
  components: ComponentMetrics[];
}

export interface Risks {
  requirements: { component: string; id: string; text: string; p_failure: number; value: number; risk: number }[];
  matrix: number[][]; // [likelihood 0..4, unlikely first][impact 0..4, low first]
}

// The stays of a component in order, each marked when it began with a switchback (a move to
// a lower level than the stay before it).
export function switchbacks(stays: Stay[]): (Stay & { switchback: boolean })[] {
  return stays.map((s, i) => ({ ...s, switchback: i > 0 && s.level < stays[i - 1].level }));
}

// Which cell of the risk matrix a requirement falls in, as seam bins it (docs/trl.md): each
// likelihood bin includes its lower edge, the top one also 1; impact pairs 1-2, 3-4, ...
export function cell(p: number, value: number): [number, number] {
  return [Math.min(4, Math.floor(p * 5 + 1e-9)), Math.min(4, Math.max(0, Math.floor((value - 1) / 2)))];
}
