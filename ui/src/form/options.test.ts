import { expect, test } from "vitest";
import { descriptors } from "virtual:seam-schemas";
import { optionsFor, sources, valuesAt } from "./options";
import { at } from "./schema";

const training = { schema: [{ field_name: "age" }, { field_name: "income" }, { field_name: "" }, {}], distribution: [{ label: "fraud" }] };

test("values at a pointer whose * stands for every array item, once each, without blanks", () => {
  expect(valuesAt(training, "/schema/*/field_name")).toEqual(["age", "income"]);
  expect(valuesAt(training, "/nothing/*/here")).toEqual([]);
  expect(valuesAt({ id: 7 }, "/id")).toEqual(["7"]);
});

test("production data's field names are picked from the training data's, as the schema says", async () => {
  const { schema } = await descriptors.production_data.load();
  expect([...sources(schema)].sort()).toEqual(["production_data", "training_data"]);
  const fieldName = at(schema, ["schema", 0, "field_name"])!;
  expect(optionsFor(fieldName, { training_data: training })).toEqual(["age", "income"]);
});
