import { expect, test } from "vitest";
import { addAt, parse, positions, removeAt, setAt, text } from "./document";

const SOURCE = `# the model we ship
version: "1.2"
model_name: fraud  # the team's name for it
computing_resource_reqs:
  memory: 16
inputs:
  - age
  - income
`;

test("an edit in the form changes one value and keeps the author's comments and layout", () => {
  const { doc } = parse(SOURCE);
  setAt(doc, ["computing_resource_reqs", "memory"], 32);
  setAt(doc, ["model_name"], "");
  setAt(doc, ["inputs", 1], "");
  addAt(doc, ["outputs"], { item_name: "score" });
  removeAt(doc, ["inputs", 0]);
  expect(text(doc, "yaml")).toBe(`# the model we ship
version: "1.2"
computing_resource_reqs:
  memory: 32
inputs:
  - ""
outputs:
  - item_name: score
`);
  expect(JSON.parse(text(doc, "json"))).toEqual({ version: "1.2", computing_resource_reqs: { memory: 32 }, inputs: [""], outputs: [{ item_name: "score" }] });
});

test("syntax errors come with their line and column", () => {
  const { problems } = parse("a: 1\nb: [1, 2\n");
  expect(problems.length).toBeGreaterThan(0);
  expect(problems[0].line).toBeGreaterThanOrEqual(2);
});

test("positions point at a field's key, an item's value, or the nearest field that exists", () => {
  expect(positions(SOURCE, [["model_name"], ["computing_resource_reqs", "memory"], ["inputs", 1], ["computing_resource_reqs", "gpu"], []])).toEqual([
    { line: 3, column: 1 },
    { line: 5, column: 3 },
    { line: 8, column: 5 },
    { line: 4, column: 1 },
    { line: 2, column: 1 },
  ]);
});

test("a change shares every part of the value it does not touch", async () => {
  const { assoc, jsAt } = await import("./document");
  const before = { a: { b: 1 }, rows: [{ x: 1 }, { x: 2 }] };
  const after = assoc(before, ["rows", 1], { x: 3 }) as typeof before;
  expect(after).toEqual({ a: { b: 1 }, rows: [{ x: 1 }, { x: 3 }] });
  expect(after.a).toBe(before.a);
  expect(after.rows[0]).toBe(before.rows[0]);
  expect(before.rows[1]).toEqual({ x: 2 });
  const { doc } = parse(SOURCE);
  expect(jsAt(doc, ["computing_resource_reqs"])).toEqual({ memory: 16 });
  expect(jsAt(doc, ["inputs", 1])).toBe("income");
});
