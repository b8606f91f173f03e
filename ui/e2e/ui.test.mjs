// The web UI in a real browser (Debian's chromium, driven by playwright-core) against a real
// `seam serve`. Run by ctest as ui_e2e: SEAM=path/to/seam node --test ui/e2e/
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { apiClient, exampleProject, launchChromium, ROOT, SHOTS, signIn as signInAt, startServer } from "./server.mjs";

let server, browser;

before(async () => {
  server = await startServer(process.env.SEAM ?? join(ROOT, "build", "seam"));
  await exampleProject(await apiClient(server.url), "turbine");
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (page, password) => signInAt(page, server.url, "ada", password);

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
