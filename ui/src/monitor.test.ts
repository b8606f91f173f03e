import { expect, test } from "vitest";
import { fieldOf, timeline, type Kept, type MonitorEvent } from "./monitor";

const kept = (events: MonitorEvent[]): Kept[] => events.map((event, i) => ({ id: i + 1, received_at: 0, source: "m", event }));

test("events become one series per column and test, oldest window first, drifting ones first", () => {
  const t = timeline(
    kept([
      { type: "window", window: 1, severity: "info" },
      { type: "test", window: 1, column: "x", test: "ks", statistic: 0.02, p_value: 0.5, threshold: 0.001, drift: false, severity: "info" },
      { type: "test", window: 1, column: "a", test: "psi", statistic: 0.05, p_value: null, threshold: 0.2, drift: false, severity: "info" },
      { type: "test", window: 2, column: "x", test: "ks", statistic: 0.3, p_value: 0, threshold: 0.001, drift: true, severity: "warning" },
      { type: "alert", window: 2, column: "x", test: "ks", severity: "error", detail: "x drifted" },
      { type: "missing_column", window: 0, column: "t", severity: "error", descriptor: "p/production_data.yaml:4: /schema/1/expected_values" },
    ]),
  );
  expect(t.windows).toBe(2);
  expect(t.series.map((s) => `${s.column} ${s.test} ${s.points.length}`)).toEqual(["x ks 2", "a psi 1"]);
  const x = t.series[0].points;
  expect(x[0].value).toBeCloseTo(0.301, 3); // -log10(0.5)
  expect(x[0].threshold).toBeCloseTo(3);
  expect(x[1].value).toBe(300); // p = 0: the top of the scale
  expect(x[1].label).toBe("window 2: p = 0 (threshold 0.001)");
  expect(t.series[1].points[0]).toMatchObject({ value: 0.05, threshold: 0.2, drift: false });
  expect(t.alerts.map((a) => a.detail)).toEqual(["x drifted"]);
  expect(t.missing.map((m) => m.column)).toEqual(["t"]);
});

test("an event's descriptor place names the field to open", () => {
  expect(fieldOf("examples/turbine/production_data.yaml:12: /schema/2/expected_values")).toEqual({ descriptor: "production_data", pointer: "/schema/2/expected_values" });
  expect(fieldOf("d/production_data.json:3: /schema/0/min_value")).toEqual({ descriptor: "production_data", pointer: "/schema/0/min_value" });
  expect(fieldOf(undefined)).toBeNull();
  expect(fieldOf("reference")).toBeNull();
});
