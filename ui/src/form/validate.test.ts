// The client's validation must say what the server says. Each case is validated here and by
// the real `seam validate` (the binary ctest built, or $SEAM), and the two must agree on
// every pointer, message and severity.
import { describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { descriptors } from "virtual:seam-schemas";
import { closest, validate } from "./validate";

const SEAM = process.env.SEAM ?? join(__dirname, "..", "..", "..", "build", "seam");
const EXAMPLE = join(__dirname, "..", "..", "..", "examples", "turbine-maintenance");

function server(descriptor: string, text: string) {
  const dir = mkdtempSync(join(tmpdir(), "seam-ui-validate-"));
  try {
    const file = join(dir, "doc.yaml");
    writeFileSync(file, text);
    const run = spawnSync(SEAM, ["validate", "--as", descriptor, "--format", "json", file], { encoding: "utf8" });
    const report = JSON.parse(run.stdout).files[0];
    const one = (severity: string) => (d: { pointer: string; message: string }) => `${severity} ${d.pointer} ${d.message}`;
    return [...report.errors.map(one("error")), ...report.warnings.map(one("warning"))].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function client(descriptor: string, text: string) {
  const compiled = await descriptors[descriptor].load();
  return validate(compiled, parse(text))
    .map((d) => `${d.severity} ${d.pointer} ${d.message}`)
    .sort();
}

const CASES: [string, string, string][] = [
  ["wrong types, a bad date, an enum typo and an unknown field", "trained_model",
    `version: "1.2"\nmodel_name: 5\nensemble: "yes"\ntrainng_date: 2020-01-01\ntraining_date: 2020-02-30\n` +
      `model_components:\n  - learning_algorithm:\n      algorithm: Random Forrest\n`],
  ["null, empty and [] count as not provided", "trained_model", `version: "1.2"\nmodel_name: ""\nensemble: null\nmodel_components: []\n`],
  ["an unknown field is one even when it is empty", "raw_data", `version: "1.2"\nlabels:\nnotes: ""\n`],
  ["a leap day is a date, a missing version is reported", "trained_model", `training_date: 2024-02-29\n`],
  ["an unknown version, with no field called unknown", "system_context", `version: "9.9"\nmodel_name: 5\nfoo: 1\n`],
  ["a version written as a number", "trained_model", `version: 1.2\nmodel_name: x\n`],
  ["a list where the descriptor belongs", "raw_data", `- 1\n- 2\n`],
  ["an array where an object belongs", "production_environment", `version: "1.2"\ncomputing_resources: [1, 2]\n`],
];

describe.skipIf(!existsSync(SEAM))("validation agrees with seam validate", () => {
  for (const [name, descriptor, text] of CASES)
    test(name, async () => {
      expect(await client(descriptor, text)).toEqual(server(descriptor, text));
    });

  for (const id of Object.keys(descriptors).filter((d) => !d.startsWith("trl_")))
    test(`the example's ${id}, as is and with every enum field mistyped`, async () => {
      const file = join(EXAMPLE, id + ".yaml");
      if (!existsSync(file)) return;
      const text = readFileSync(file, "utf8");
      expect(await client(id, text)).toEqual(server(id, text));
      // Enum values end in a letter or ")"; appending "x" makes every one of them wrong.
      const typo = text.replace(/^(\s*(?:- )?[a-z_]+: )([A-Z][A-Za-z ]*[a-z)])[ \t]*$/gm, "$1$2x");
      const wrong = server(id, typo);
      if (id === "trained_model") expect(wrong.filter((d) => d.includes("expected one of")).length).toBeGreaterThan(2);
      expect(await client(id, typo)).toEqual(wrong);
    });
});

test("closest suggests as seam does: prefixes first, then about one edit in three characters", () => {
  expect(closest("Rand", ["Linear Regression", "Random Forest"])).toBe("Random Forest");
  expect(closest("trainng_date", ["training_date", "model_name"])).toBe("training_date");
  expect(closest("zzz", ["training_date"])).toBeUndefined();
});
