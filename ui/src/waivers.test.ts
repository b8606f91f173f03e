import { expect, test } from "vitest";
import type { Finding } from "./api";
import { parse, text } from "./form/document";
import { addWaiver, covers, removeWaivers, sameWaiver, type Waiver } from "./waivers";

const finding = {
  rule: "algorithm-metric-not-collected",
  items: [{ text: "algorithm metric 'Recall at 14 days' has no collection", values: { metric: "Recall at 14 days" }, locations: [] }],
} as unknown as Finding;
const base: Waiver = { rule: "algorithm-metric-not-collected", reason: "computed by hand", accepted_by: "ada" };

test("a waiver covers a finding of its rule, unless it expired or its match is found nowhere", () => {
  expect(covers(base, finding, "2026-12-06")).toBe(true);
  expect(covers({ ...base, match: " RECALL " }, finding, "2026-12-06")).toBe(true);
  expect(covers({ ...base, match: "precision" }, finding, "2026-12-06")).toBe(false);
  expect(covers({ ...base, expires: "2026-12-05" }, finding, "2026-12-06")).toBe(false);
  expect(covers({ ...base, expires: "2026-12-06" }, finding, "2026-12-06")).toBe(true);
  expect(covers({ ...base, rule: "other" }, finding, "2026-12-06")).toBe(false);
});

test("adding and removing waivers keeps the file's comments and the other waivers", () => {
  const { doc } = parse("# accepted risks\nwaivers:\n  - rule: a\n    reason: r\n    accepted_by: x  # the lead\n");
  addWaiver(doc, { ...base, match: "", expires: "2027-01-31" });
  expect(text(doc, "yaml")).toBe(
    "# accepted risks\nwaivers:\n  - rule: a\n    reason: r\n    accepted_by: x # the lead\n" +
      "  - rule: algorithm-metric-not-collected\n    reason: computed by hand\n    accepted_by: ada\n    expires: 2027-01-31\n",
  );
  const list = doc.toJS().waivers as Waiver[];
  removeWaivers(doc, list, (w) => sameWaiver(w, { rule: "a", reason: "r", accepted_by: "x" }));
  expect((doc.toJS().waivers as Waiver[]).map((w) => w.rule)).toEqual(["algorithm-metric-not-collected"]);
});
