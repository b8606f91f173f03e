import { expect, test } from "vitest";
import { zipSync, strToU8 } from "fflate";
import { entries, plan } from "./import";

const file = (name: string, text: string, relative = "") => Object.assign(new File([text], name), { webkitRelativePath: relative });

test("a folder's descriptors, waivers and cards are recognised by name, the rest ignored", () => {
  const { documents, ignored } = plan([
    { path: "turbine/trained_model.yaml", text: "" },
    { path: "turbine/waivers.yml", text: "" },
    { path: "turbine/trl/scoring-service.yaml", text: "" },
    { path: "turbine/README.md", text: "" },
    { path: "turbine/data/training.csv", text: "" },
    { path: "turbine/notes.yaml", text: "" },
  ]);
  expect(documents.map((d) => `${d.kind}:${d.name}`)).toEqual(["descriptor:trained_model", "waivers:waivers", "card:scoring-service"]);
  expect(ignored).toEqual(["turbine/README.md", "turbine/data/training.csv", "turbine/notes.yaml"]);
});

test("two files for one descriptor are refused rather than one silently winning", () => {
  expect(() => plan([{ path: "a/raw_data.yaml", text: "" }, { path: "a/raw_data.json", text: "" }])).toThrow(/two files for raw_data/);
});

test("a zip is unpacked, its folders kept in the paths, and oversized entries skipped", async () => {
  const zip = zipSync({ "p/system_context.yaml": strToU8("version: '1.2'\n"), "p/trl/c.yaml": strToU8("x"), "p/big.bin": new Uint8Array(5 * 1024 * 1024) });
  const got = await entries([new File([zip], "p.zip"), file("raw_data.yaml", "y", "dir/raw_data.yaml")]);
  expect(got.entries.map((e) => e.path)).toEqual(["p.zip:p/system_context.yaml", "p.zip:p/trl/c.yaml", "dir/raw_data.yaml"]);
  expect(got.entries[0].text).toBe("version: '1.2'\n");
  expect(got.skipped).toEqual(["p.zip:p/big.bin (over 4 MiB)"]);
  expect(plan(got.entries).documents.map((d) => d.name)).toEqual(["system_context", "c", "raw_data"]);
});
