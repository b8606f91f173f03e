// Accessibility and layout of every page: axe-core finds no serious or critical violation at
// 1280 px, no page scrolls sideways at 390 px, and the main task (sign in, open a descriptor,
// change a field, save) works with the keyboard alone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { apiClient, exampleCards, exampleMonitor, exampleProfiles, exampleProject, launchChromium, PASSWORD, ROOT, startServer } from "./server.mjs";

const SEAM = process.env.SEAM ?? join(ROOT, "build", "seam");
const AXE = readFileSync(join(ROOT, "ui", "node_modules", "axe-core", "axe.min.js"), "utf8");
const P = "turbine";
const PAGES = {
  projects: "#/projects",
  findings: `#/projects/${P}/findings`,
  descriptor: `#/projects/${P}/descriptors/trained_model`,
  history: `#/projects/${P}/history`,
  readiness: `#/projects/${P}/readiness`,
  data: `#/projects/${P}/data`,
  monitor: `#/projects/${P}/monitor`,
  settings: `#/projects/${P}/settings`,
};
// What tells that each page has finished loading.
const LOADED = { projects: "table", findings: ".coverage .cell", descriptor: ".cm-content", history: ".timeline li", readiness: ".risk-matrix", data: ".column canvas", monitor: ".strip", settings: "table.policy" };
let server, browser;

before(async () => {
  server = await startServer(SEAM);
  const call = await apiClient(server.url);
  await exampleProject(call, P);
  await exampleCards(call, P);
  await exampleProfiles(call, P, SEAM);
  await exampleMonitor(call, server.url, P, SEAM);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(viewport) {
  // axe is injected as a script, which the page's Content-Security-Policy would refuse.
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(server.url + "/");
  await page.getByLabel("User name").fill("ada");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  return { context, page };
}

async function axe(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`);
}

test("axe-core finds no serious or critical violation on any page, signed out or in", async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const login = await context.newPage();
  await login.goto(server.url + "/");
  await login.getByLabel("User name").waitFor();
  assert.deepEqual(await axe(login), [], "sign-in page");
  await context.close();

  const { context: c, page } = await signedIn({ width: 1280, height: 900 });
  for (const [name, hash] of Object.entries(PAGES)) {
    await page.goto(server.url + "/" + hash);
    await page.locator(LOADED[name]).first().waitFor();
    assert.deepEqual(await axe(page), [], name);
  }
  await c.close();
});

test("at 390 px wide no page scrolls sideways", async () => {
  const { context, page } = await signedIn({ width: 390, height: 800 });
  for (const [name, hash] of Object.entries(PAGES)) {
    await page.goto(server.url + "/" + hash);
    await page.locator(LOADED[name]).first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow} px`);
  }
  await context.close();
});

test("with the keyboard alone: sign in, open a descriptor, change a field and save", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + "/");
  await page.getByLabel("User name").waitFor();
  await page.keyboard.press("Tab"); // the first control takes focus
  await page.keyboard.type("ada");
  await page.keyboard.press("Tab");
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: P }).waitFor();
  const tabTo = async (predicate, limit = 200) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(predicate)) return;
    }
    assert.fail("Tab never reached " + predicate);
  };
  await tabTo(() => document.activeElement?.textContent === "turbine");
  await page.keyboard.press("Enter");
  await tabTo(() => document.activeElement?.textContent === "Edit the descriptors");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "System Context", level: 1 }).waitFor();
  await tabTo(() => document.activeElement?.id === "field/task");
  await page.keyboard.press("End");
  await page.keyboard.type(" Typed with the keyboard.");
  await tabTo(() => document.activeElement?.textContent === "Save");
  await page.keyboard.press("Enter");
  await page.locator(".save-result").getByText(/Saved as revision 2/).waitFor();
  await context.close();
});
