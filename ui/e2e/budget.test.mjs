// The UI's weight budget: whatever page a user opens first, the JavaScript and CSS it loads
// stay within 300 KB gzipped. Measured on the build that ctest's seam embeds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "./server.mjs";

const DIST = join(dirname(process.env.SEAM ?? join(ROOT, "build", "seam")), "ui-dist");
const BUDGET = 300 * 1024;

test("the heaviest first load stays within 300 KB of gzipped JavaScript and CSS", () => {
  const files = readdirSync(DIST);
  const gz = (f) => gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length;
  const size = (prefix) => files.filter((f) => f.startsWith(prefix) && /\.(js|css)$/.test(f)).reduce((n, f) => n + gz(f), 0);
  const schemas = files.filter((f) => /^(system_context|raw_data|data_pipeline|training_data|trained_model|development_environment|production_environment|production_data)-/.test(f));
  // The entry script and style sheet load on every page; so, to be safe, does any chunk
  // this test does not know (a module the bundler split out and pages share).
  const known = (f) => /^(index|descriptor|data|trl_card|trl_levels)-/.test(f) || schemas.includes(f);
  const shell = size("index-") + files.filter((f) => /\.(js|css)$/.test(f) && !known(f)).reduce((n, f) => n + gz(f), 0);
  const pages = { descriptor: size("descriptor-") + Math.max(...schemas.map(gz)), data: size("data-") };
  for (const [page, bytes] of Object.entries(pages)) {
    const total = shell + bytes;
    console.log(`${page}: ${(total / 1024).toFixed(1)} KB gzipped`);
    assert.ok(total <= BUDGET, `opening the ${page} page first loads ${(total / 1024).toFixed(1)} KB`);
  }
});
