// The web UI in a real browser (Debian's chromium, driven by playwright-core) against a real
// `seam serve`. Run by ctest as ui_e2e: SEAM=path/to/seam node --test ui/e2e/
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { apiClient, exampleCards, exampleMonitor, exampleProject, launchChromium, PASSWORD, ROOT, SHOTS, signIn as signInAt, startServer } from "./server.mjs";

let server, browser;

before(async () => {
  server = await startServer(process.env.SEAM ?? join(ROOT, "build", "seam"));
  const call = await apiClient(server.url);
  await exampleProject(call, "turbine");
  await exampleCards(call, "turbine");
  assert.equal((await call("POST", "/users", { name: "rita", password: PASSWORD })).status, 201);
  assert.equal((await call("PUT", "/projects/turbine/members/rita", { role: "reviewer" })).status, 204);
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

test("waiving a finding hides it with its reason, unwaiving brings it back, and expired waivers are shown", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(server.url + "/#/projects/turbine/findings");
  const errors = page.locator(".summary .badge.error");
  await errors.waitFor();
  const before = parseInt(await errors.textContent());
  const card = page.locator(".sev-error li.finding").first();
  const rule = await card.locator(".rule code").textContent();

  await card.getByRole("button", { name: "Waive…" }).click();
  const form = page.getByRole("form", { name: "Waive " + rule });
  await form.getByLabel("Reason (required)").fill("The gearbox team accepts this until the next release");
  await form.getByRole("button", { name: "Waive" }).click();
  await page.getByRole("status").getByText(`Waived ${rule}.`).waitFor();
  assert.equal(parseInt(await errors.textContent()), before - 1);
  const row = page.locator(".waivers tbody tr", { hasText: rule });
  assert.match(await row.textContent(), /in force/);

  await page.getByLabel("Show waived").check();
  const waived = page.locator("li.finding", { hasText: "The gearbox team accepts this" });
  assert.match(await waived.locator(".waiver-reason").textContent(), /accepted by ada/);
  await waived.getByRole("button", { name: "Unwaive" }).click();
  await page.getByRole("status").getByText(`${rule} is no longer waived.`).waitFor();
  assert.equal(parseInt(await errors.textContent()), before);

  // A waiver past its date no longer hides the finding, and the list says so.
  await page.locator(".sev-error li.finding").first().getByRole("button", { name: "Waive…" }).click();
  await page.getByLabel("Reason (required)").fill("accepted for the pilot only");
  await page.getByLabel("Expires (optional)").fill("2020-01-31");
  await page.getByRole("button", { name: "Waive", exact: true }).click();
  await page.locator(".waivers tr.waiver-expired").getByText("expired", { exact: true }).waitFor();
  assert.equal(parseInt(await errors.textContent()), before);
  await page.getByRole("button", { name: /^Remove the waiver of/ }).click();
  await page.getByRole("status").getByText(/^Removed the waiver of/).waitFor();
  assert.equal(await page.locator(".waivers").count(), 0);
  await context.close();
});

test("the report exports in each format, and the coverage matrix shows all 34 subcategories", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(server.url + "/#/projects/turbine/findings");
  const markers = { HTML: "<!DOCTYPE html>", SARIF: '"version": "2.1.0"', JUnit: "<testsuite", Markdown: "# seam check" };
  for (const [name, marker] of Object.entries(markers)) {
    const link = page.locator(".exports").getByRole("link", { name, exact: true });
    const res = await page.request.get(new URL(await link.getAttribute("href"), server.url).href);
    assert.equal(res.status(), 200, name);
    assert.ok((await res.text()).includes(marker), name);
  }
  await page.locator(".coverage .cell").first().waitFor();
  assert.equal(await page.locator(".coverage .cell").count(), 34);
  assert.ok((await page.locator(".coverage .cell strong").count()) > 0, "cells show the project's findings");
  await page.locator(".coverage").screenshot({ path: join(SHOTS, "coverage.png") });
  await context.close();
});

test("readiness: levels and gates, a reviewer's switchback, the timeline, the risk matrix and the printable card", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInAt(page, server.url, "rita");
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  await page.goto(server.url + "/#/projects/turbine/readiness");
  await page.getByText(/System level 5, the lowest of its components; limited by scoring-service/).waitFor();
  assert.equal(await page.locator("article.component").count(), 3);
  const scoring = page.locator("article.component.limiting");
  assert.match(await scoring.locator(".gate").textContent(), /Gate to level 6: blocked/);
  assert.match(await page.locator(".risk-matrix").textContent(), /P-01 \(6\.0\)/);
  const card = await page.request.get(new URL(await scoring.getByRole("link", { name: /Printable TRL card/ }).getAttribute("href"), server.url).href);
  assert.equal(card.status(), 200);
  assert.match(await card.text(), /<!DOCTYPE html>/i);
  await page.screenshot({ path: join(SHOTS, "readiness.png"), fullPage: true });

  // A graduation through a failing gate without an override is refused, and says why.
  await scoring.getByText("Record a review of scoring-service").click();
  const form = scoring.getByRole("form", { name: "Review of scoring-service" });
  await form.getByRole("button", { name: "Record the review" }).click();
  await form.getByRole("alert").getByText(/^Not recorded: /).waitFor();

  const before = await page.locator(".timeline-row", { hasText: "scoring-service" }).locator(".stay.switchback").count();
  await form.getByLabel("Switch back").check();
  assert.equal(await form.getByLabel("To level").inputValue(), "4");
  await form.getByLabel("Kind of switchback").selectOption("review");
  await form.getByLabel("Reason (required)").fill("The production node pool has no GPU; back to proof of concept on CPU");
  await form.getByRole("button", { name: "Record the review" }).click();
  await page.getByRole("status").getByText("Recorded: scoring-service switches back to level 4.").waitFor();
  await page.getByText(/System level 4,/).waitFor();
  assert.equal(await page.locator(".timeline-row", { hasText: "scoring-service" }).locator(".stay.switchback").count(), before + 1);
  await context.close();
});

test("two profiles uploaded from the page give the drift table, most severe first, and overlaid charts", async () => {
  const dir = mkdtempSync(join(tmpdir(), "seam-ui-profiles-"));
  const seam = process.env.SEAM ?? join(ROOT, "build", "seam");
  for (const [csv, out] of [["training.csv", "training.json"], ["operational.csv", "operational.json"]]) {
    const r = spawnSync(seam, ["profile", join(ROOT, "examples", "turbine-maintenance", "data", csv), "-o", join(dir, out)]);
    assert.equal(r.status, 0, String(r.stderr));
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(server.url + "/#/projects/turbine/data");
  for (const [file, name] of [["training.json", "training"], ["operational.json", "production"]]) {
    await page.getByLabel("Profile file (JSON from seam profile)").setInputFiles(join(dir, file));
    await page.getByLabel("Store as").fill(name);
    await page.getByRole("button", { name: "Upload" }).click();
    await page.getByRole("status").getByText(`Stored the profile ${name}.`).waitFor();
  }
  rmSync(dir, { recursive: true, force: true });

  assert.equal(await page.getByLabel("Reference").inputValue(), "training");
  assert.equal(await page.getByLabel("Current").inputValue(), "production");
  const rows = page.locator("table.drift tbody tr");
  await rows.first().waitFor();
  const verdicts = await rows.locator("td:first-of-type").allTextContents();
  const rank = { drift: 0, inconclusive: 1, "no drift": 2 };
  assert.ok(verdicts.length >= 8 && verdicts[0] === "drift", verdicts.join(","));
  assert.deepEqual(verdicts.map((v) => rank[v]), [...verdicts.map((v) => rank[v])].sort(), "most severe first");
  // Every column has a chart with both data sets drawn.
  await page.locator(".column canvas").first().waitFor();
  assert.equal(await page.locator(".column canvas").count(), verdicts.length);
  const drawn = await page.locator(".column canvas").first().evaluate((c) => {
    const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let blue = 0, orange = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i] < 60 && px[i + 2] > 150) blue++;
      if (px[i] > 170 && px[i + 1] < 90 && px[i + 2] < 40) orange++;
    }
    return { blue, orange };
  });
  assert.ok(drawn.blue > 50 && drawn.orange > 50, JSON.stringify(drawn));
  await page.locator(".column").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, "drift.png"), fullPage: false });
  await context.close();
});

test("the monitor page shows each column's windows, the alerts, and the descriptor fields the stream lacks", async () => {
  const stderr = await exampleMonitor(await apiClient(server.url), server.url, "turbine", process.env.SEAM ?? join(ROOT, "build", "seam"));
  assert.match(stderr, /server: \d+ delivered, 0 retries, 0 not delivered/);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(server.url + "/#/projects/turbine/findings");
  await page.getByRole("link", { name: "Monitor" }).click();
  await page.getByRole("heading", { name: "Alerts" }).waitFor();
  assert.match(await page.locator("p.where").textContent(), /4 windows from turbine-replay/);
  const strip = page.getByRole("img", { name: /^oil_temp, ks: 4 windows, [34] drifted/ });
  await strip.waitFor();
  assert.ok((await strip.locator("circle.drift").count()) >= 3);
  assert.match(await strip.locator("circle.drift title").first().textContent(), /^window \d: p = .* \(threshold 0\.05\)$/);
  const alerts = await page.locator("ul.alerts li").allTextContents();
  assert.ok(alerts.some((a) => a.startsWith("Window 3: column 'oil_temp': ks says")), alerts.join("\n"));
  await page.screenshot({ path: join(SHOTS, "monitor.png"), fullPage: false });
  // A field the descriptor promises and the stream lacks opens that field of the descriptor.
  const lacks = page.locator("ul.missing li").filter({ hasText: "Gbx_OilSump_Temp" });
  await lacks.getByRole("link", { name: "production_data /schema/2/expected_values" }).click();
  await page.waitForURL(/#\/projects\/turbine\/descriptors\/production_data\?field=%2Fschema%2F2%2Fexpected_values/);
  await context.close();
});

test("a project created from the example folder holds its descriptors, waivers and cards, and shows their findings", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page);
  await page.getByRole("link", { name: "turbine" }).waitFor();
  const form = page.getByRole("form", { name: "Create a project" });
  await form.getByLabel("Name").fill("from-folder");
  await form.getByLabel("Descriptors from a folder (optional)").setInputFiles(join(ROOT, "examples", "turbine-maintenance"));
  await form.getByRole("button", { name: "Create" }).click();
  const done = page.getByRole("status").filter({ hasText: "Created from-folder" });
  await done.waitFor();
  assert.match(await done.textContent(), /12 document\(s\) stored\./); // 8 descriptors, the waivers and 3 cards, no drafts
  assert.match(await done.textContent(), /Not descriptors, so not uploaded: .*README\.md/);
  const row = page.getByRole("row", { name: /from-folder/ });
  await row.getByRole("cell", { name: "5", exact: true }).waitFor(); // the example's system TRL
  await done.getByRole("link", { name: "from-folder" }).click();
  await page.getByRole("heading", { name: /^Errors \(\d+\)$/ }).waitFor();
  await context.close();
});

test("the owner manages members, the write policy and API tokens from the settings page", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const call = await apiClient(server.url);
  await signIn(page);
  await page.getByRole("link", { name: "turbine" }).waitFor();
  await page.goto(server.url + "/#/projects/turbine/settings");
  await page.getByLabel("Role of rita").selectOption("viewer");
  await page.getByRole("status").getByText("rita is now viewer.").waitFor();
  assert.deepEqual((await call("GET", "/projects/turbine/members")).body.items.find((m) => m.user === "rita"), { user: "rita", role: "viewer" });
  await page.getByLabel("Role of rita").selectOption("reviewer");
  await page.getByRole("status").getByText("rita is now reviewer.").waitFor();

  await page.getByLabel("data scientist may write trained model").uncheck();
  await page.getByRole("status").getByText("Saved who may write trained model.").waitFor();
  assert.ok(!(await call("GET", "/projects/turbine/policy")).body.trained_model.includes("data_scientist"));
  await page.getByLabel("data scientist may write trained model").check();
  await page.getByRole("status").getByText("Saved who may write trained model.").waitFor();

  const tokenForm = page.getByRole("form", { name: "Make a token" });
  await tokenForm.getByLabel("Token name").fill("ci");
  await tokenForm.getByRole("button", { name: /Make a token/ }).click();
  const secret = await page.locator("code.secret").textContent();
  assert.match(secret, /^seam_/);
  const withToken = () => fetch(server.url + "/api/v1/projects/turbine/findings", { headers: { Authorization: "Bearer " + secret } });
  assert.equal((await withToken()).status, 200);
  await page.getByRole("button", { name: "Revoke ci" }).click();
  await page.getByRole("status").getByText("Revoked ci.").waitFor();
  assert.equal((await withToken()).status, 401);
  await context.close();
});
