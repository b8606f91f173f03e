import { expect, test } from "vitest";
import { merge } from "./merge";

const base = { model_name: "fraud", model_version: "1.0", inputs: [{ name: "age" }, { name: "income" }], tags: ["a"] };

test("a field only one side changed takes that change; fields both changed alike are not listed", () => {
  const mine = { ...base, model_name: "fraud-v2", tags: ["a", "b"] };
  const theirs = { ...base, model_version: "1.1", tags: ["a", "b"] };
  const { changes } = merge(base, mine, theirs);
  expect(changes.map((c) => [c.pointer, c.take, c.conflict])).toEqual([
    ["/model_name", "mine", false],
    ["/model_version", "theirs", false],
  ]);
});

test("a field both changed differently is a conflict that keeps mine until I choose", () => {
  const mine = { ...base, inputs: [{ name: "age" }, { name: "salary" }] };
  const theirs = { ...base, inputs: [{ name: "age" }, { name: "earnings" }] };
  const [c] = merge(base, mine, theirs).changes;
  expect(c).toMatchObject({ pointer: "/inputs/1/name", base: "income", mine: "salary", theirs: "earnings", conflict: true, take: "mine" });
  expect(c.path).toEqual(["inputs", 1, "name"]);
});

test("a field one side removed, or left empty, differs from one the other side filled in", () => {
  const mine = { ...base, model_name: "" };
  const theirs = { ...base, model_name: "fraud", extra: "new" };
  const { changes } = merge(base, mine, theirs);
  expect(changes.map((c) => [c.pointer, c.mine, c.theirs, c.take])).toEqual([
    ["/model_name", undefined, "fraud", "mine"],
    ["/extra", undefined, "new", "theirs"],
  ]);
});
