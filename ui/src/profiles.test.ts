import { expect, test } from "vitest";
import { bySeverity, density, shares, type DriftColumn } from "./profiles";

const col = (name: string, verdict: string, method: string, statistic: number, p: number | null, critical = false) =>
  ({ name, verdict, method, statistic, p_value: p, threshold: method === "psi" ? 0.1 : 0.05, critical }) as DriftColumn;

test("drift first, critical first, then the result furthest past its threshold", () => {
  const sorted = bySeverity([
    col("a", "no_drift", "ks", 0.1, 0.5),
    col("b", "drift", "ks", 0.3, 0.01),
    col("c", "drift", "chisquare", 40, 1e-9),
    col("d", "inconclusive", "ks", 0.2, 0.04),
    col("e", "drift", "psi", 0.4, null), // 4 times its threshold; b is 5 times under its own
    col("f", "drift", "ks", 0.2, 0.04, true),
  ]);
  expect(sorted.map((c) => c.name)).toEqual(["f", "c", "b", "e", "d", "a"]);
});

test("a histogram becomes a density whose area is 1", () => {
  const d = density({ edges: [0, 1, 3], counts: [2, 6] });
  expect(d).toEqual([{ x: 0, y: 0.25 }, { x: 1, y: 0.375 }, { x: 3, y: 0 }]);
  expect(0.25 * 1 + 0.375 * 2).toBeCloseTo(1);
});

test("category shares cover both data sets, a category missing from one counting as 0", () => {
  const s = shares({ exact: true, total: 4, counts: [["a", 3], ["b", 1]] }, { exact: true, total: 2, counts: [["b", 1], ["c", 1]] });
  expect(s).toEqual({ labels: ["a", "b", "c"], ref: [0.75, 0.25, 0], cur: [0, 0.5, 0.5] });
});
