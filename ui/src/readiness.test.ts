import { expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { cell, switchbacks, type Risks } from "./readiness";

const SEAM = process.env.SEAM ?? join(__dirname, "..", "..", "build", "seam");
const EXAMPLE = join(__dirname, "..", "..", "examples", "turbine-maintenance");

test("a stay at a lower level than the one before began with a switchback", () => {
  const stay = (level: number) => ({ level, from: "", to: "", days: 1, current: false });
  expect(switchbacks([stay(3), stay(4), stay(3), stay(4)]).map((s) => s.switchback)).toEqual([false, false, true, false]);
});

test.skipIf(!existsSync(SEAM))("each requirement lands in the cell seam counts it in", () => {
  const risks: Risks = JSON.parse(spawnSync(SEAM, ["trl", "risks", EXAMPLE, "--format", "json"], { encoding: "utf8" }).stdout);
  const counted = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (const r of risks.requirements) {
    const [l, i] = cell(r.p_failure, r.value);
    counted[l][i]++;
  }
  expect(counted).toEqual(risks.matrix);
  expect(cell(1, 10)).toEqual([4, 4]);
  expect(cell(0.2, 1)).toEqual([1, 0]);
});
