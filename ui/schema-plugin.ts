// Gives the UI seam's own JSON Schemas (../schemas, read at build time, never copied) and a
// validator compiled from each by Ajv's standalone code generator. Compiling at build time
// keeps `eval` out of the page (its Content-Security-Policy forbids it) and Ajv itself out of
// the bundle. Each descriptor's schema and validator form one chunk, loaded when its form opens.
//
//   import { descriptors } from "virtual:seam-schemas";
//   const { schema, validate } = await descriptors.trained_model.load();
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Plugin } from "vite";

const INDEX = "virtual:seam-schemas";
const ONE = "virtual:seam-schema/";

export function seamSchemas(dir: string): Plugin {
  const root = resolve(dir);
  const file = (id: string) => join(root, id + ".schema.json");
  const ids = () =>
    readdirSync(root)
      .filter((f) => f.endsWith(".schema.json"))
      .map((f) => f.slice(0, -".schema.json".length))
      .sort();
  return {
    name: "seam-schemas",
    resolveId(id) {
      if (id === INDEX || id.startsWith(ONE)) return "\0" + id;
    },
    load(id) {
      if (id === "\0" + INDEX) {
        const entries = ids().map((name) => {
          const s = JSON.parse(readFileSync(file(name), "utf8"));
          this.addWatchFile(file(name));
          return `${JSON.stringify(name)}: { title: ${JSON.stringify(s.title ?? name)}, load: () => import(${JSON.stringify(ONE + name)}) }`;
        });
        return `export const descriptors = {\n${entries.join(",\n")}\n};\n`;
      }
      if (id.startsWith("\0" + ONE)) {
        const name = id.slice(1 + ONE.length);
        this.addWatchFile(file(name));
        const text = readFileSync(file(name), "utf8");
        // seam reads "x-" keywords as annotations for tools like this UI; Ajv need not know them.
        const ajv = new Ajv({ code: { source: true, esm: true }, allErrors: true, strict: false, validateFormats: false });
        const code = standaloneCode(ajv, ajv.compile(JSON.parse(text)));
        return code + `\nexport const schema = ${text};\n`;
      }
    },
  };
}
