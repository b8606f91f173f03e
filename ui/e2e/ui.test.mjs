// The web UI in a real browser (Debian's chromium, driven by playwright-core) against a real
// `seam serve`. Run by ctest as ui_e2e: SEAM=path/to/seam node --test ui/e2e/
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { apiClient, exampleDescriptor, PASSWORD, startServer } from "./server.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SHOTS = join(ROOT, "docs", "img");
const DESCRIPTORS = ["system_context", "raw_data", "data_pipeline", "training_data", "trained_model",
  "development_environment", "production_environment", "production_data"];
let server, browser;

before(async () => {
  server = await startServer(process.env.SEAM ?? join(ROOT, "build", "seam"));
  const call = await apiClient(server.url);
  assert.equal((await call("POST", "/projects", { name: "turbine" })).status, 201);
  for (const name of DESCRIPTORS) {
    const r = await call("PUT", `/projects/turbine/descriptors/${name}`, { content: exampleDescriptor(ROOT, name), message: "from the example" },
      { "If-None-Match": "*" });
    assert.ok(r.status === 201 || r.status === 200, `${name}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, password = PASSWORD) {
  await page.goto(server.url + "/");
  await page.getByLabel("User name").fill("ada");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a wrong password is refused with a message, and nothing else is shown", async () => {
  const page = await browser.newPage();
  await signIn(page, "not the password");
  await page.getByRole("alert").getByText("wrong user name or password").waitFor();
  assert.equal(await page.getByRole("link", { name: "turbine" }).count(), 0);
  await page.close();
});

test("signing in lists my projects with their errors, and the findings page groups and filters them", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  const row = page.getByRole("row", { name: /turbine/ });
  await row.waitFor();
  const errors = Number(await row.locator(".badge.error, .badge.ok").first().textContent());
  assert.ok(errors > 0, "the example has errors");
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, "projects.png") });

  await page.getByRole("link", { name: "turbine" }).click();
  await page.getByRole("heading", { name: /^Errors \(\d+\)$/ }).waitFor();
  const heading = await page.getByRole("heading", { name: /^Errors/ }).textContent();
  assert.equal(heading, `Errors (${errors})`, "the page agrees with the project list");
  await page.screenshot({ path: join(SHOTS, "findings.png"), fullPage: true });

  // Only errors, then a search that one finding matches.
  await page.getByLabel("Warnings").uncheck();
  assert.equal(await page.getByRole("heading", { name: /^Warnings/ }).count(), 0);
  const all = await page.locator("li.finding").count();
  await page.getByLabel("Search").fill("training data set");
  await page.waitForFunction((n) => document.querySelectorAll("li.finding").length < n, all);
  assert.match(await page.locator("li.finding").first().textContent(), /training data set/);
  // The URL names the page, so a reload comes back to it, still signed in.
  await page.reload();
  await page.getByRole("heading", { name: "Findings" }).waitFor();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  await context.close();
});

test("at 390 px wide the pages still fit without sideways scrolling", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  await signIn(page);
  await page.getByRole("link", { name: "turbine" }).click();
  await page.getByRole("heading", { name: /^Errors/ }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the findings page scrolls sideways by ${overflow} px`);
  await context.close();
});
