import { describe, expect, it } from "vitest";
import type { Finding } from "./api";
import { group, matches, SEVERITIES, type Filter } from "./findings";

const finding = (over: Partial<Finding>): Finding => ({
  rule: "r",
  kind: "mismatch",
  severity: "error",
  category: "Trained Model",
  subcategory: "Output",
  message: "The model's output is a log-odds score",
  rationale: "",
  reads: [],
  waived: false,
  items: [{ text: "downstream reads a probability", locations: [] }],
  ...over,
});
const all: Filter = { severities: new Set(SEVERITIES), category: "", text: "", showWaived: false };

describe("findings filter", () => {
  it("hides waived findings unless asked", () => {
    const f = finding({ waived: true });
    expect(matches(f, all)).toBe(false);
    expect(matches(f, { ...all, showWaived: true })).toBe(true);
  });
  it("searches message and item texts, every word, ignoring case", () => {
    expect(matches(finding({}), { ...all, text: "LOG-ODDS probability" })).toBe(true);
    expect(matches(finding({}), { ...all, text: "log-odds gpu" })).toBe(false);
  });
  it("groups by severity, errors first, then category in order", () => {
    const groups = group(
      [
        finding({ severity: "warning", category: "Data" }),
        finding({ category: "Trained Model" }),
        finding({ category: "Data" }),
      ],
      all,
    );
    expect(groups.map((g) => g.severity)).toEqual(["error", "warning"]);
    expect(groups[0].categories.map((c) => c.category)).toEqual(["Data", "Trained Model"]);
    expect(groups[0].count).toBe(2);
  });
  it("leaves out severities that are filtered away", () => {
    expect(group([finding({})], { ...all, severities: new Set(["warning"]) })).toEqual([]);
  });
});
