// The descriptor editor in a real browser against a real `seam serve`: the generated form,
// validation while typing, saving and the findings it changes, links from findings to
// fields, conflicts between two people, roles that may not write, drafts across reloads.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { apiClient, exampleProject, launchChromium, PASSWORD, ROOT, SHOTS, signIn, startServer } from "./server.mjs";

let server, browser, call;
const P = "turbine";
const editor = (id, field) => `${server.url}/#/projects/${P}/descriptors/${id}` + (field ? `?field=${encodeURIComponent(field)}` : "");

before(async () => {
  server = await startServer(process.env.SEAM ?? join(ROOT, "build", "seam"));
  call = await apiClient(server.url);
  await exampleProject(call, P);
  assert.equal((await call("POST", "/users", { name: "dana", password: PASSWORD })).status, 201);
  assert.equal((await call("PUT", `/projects/${P}/members/dana`, { role: "data_scientist" })).status, 204);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(user = "ada", viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, server.url, user);
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  return { context, page };
}

// Whether some finding points at this field.
async function flagged(descriptor, pointer) {
  const { findings } = (await call("GET", `/projects/${P}/findings`)).body;
  return findings.some((f) => f.items.some((i) => i.locations.some((l) => l.descriptor === descriptor && l.pointer === pointer)));
}

test("the form validates while typing, and saving shows the findings the change made", async () => {
  const { context, page } = await open();
  await page.goto(editor("production_environment"));
  await page.getByRole("heading", { name: "Production Environment", level: 1 }).waitFor();
  assert.match(await page.locator(".meta").textContent(), /Revision 1 by ada/);

  // Every field explains itself: its description and an example.
  await page.getByLabel("About Memory").click();
  const info = page.locator("details.info", { has: page.getByLabel("About Memory") }).locator(".info-text");
  assert.ok(await info.isVisible());
  assert.match(await info.textContent(), /gigabytes.*Example: \d+/);
  await page.getByLabel("About Memory").click();

  const memory = page.getByLabel("Memory", { exact: true });
  await memory.fill("lots");
  await page.getByText("expected a number; found string 'lots'").waitFor();
  assert.equal(await memory.getAttribute("aria-invalid"), "true");
  await memory.fill("8");
  await page.waitForFunction(() => !document.querySelector('[aria-invalid="true"]'));
  // The source view follows the form.
  assert.match(await page.locator(".source .cm-content").innerText(), /memory: 8\b/);

  assert.equal(await flagged("production_environment", "/computing_resources/memory"), false);
  await page.getByLabel("Message").fill("smaller nodes");
  await page.getByRole("button", { name: "Save" }).click();
  const result = page.locator(".save-result");
  await result.getByText(/Saved as revision 2\. 1 new error\./).waitFor();
  assert.match(await result.locator(".delta").textContent(), /memory/i);
  assert.ok(await flagged("production_environment", "/computing_resources/memory"), "the server's findings have it too");
  assert.match(await page.locator(".meta").textContent(), /Revision 2 by ada/);
  await page.screenshot({ path: join(SHOTS, "descriptor.png") });
  await context.close();
});

test("a finding links to the exact field, which the form highlights and focuses", async () => {
  const { context, page } = await open();
  await page.goto(`${server.url}/#/projects/${P}/findings`);
  const link = page.locator(".where a", { hasText: "production_environment/computing_resources/gpu" }).first();
  await link.click();
  await page.waitForFunction(() => document.activeElement?.id === "field/computing_resources/gpu");
  assert.match(page.url(), /descriptors\/production_environment\?field=/);
  assert.equal(await page.locator(".highlight #field\\/computing_resources\\/gpu").count(), 1);
  // Its counterpart in the other descriptor is shown with its value, and opens the same way.
  const other = page.getByRole("complementary", { name: "The finding's other fields" });
  await other.getByText(/trained_model\/computing_resource_reqs\/gpu: 1$/).waitFor();
  await other.getByRole("link").click();
  await page.waitForFunction(() => document.activeElement?.id === "field/computing_resource_reqs/gpu");
  await page.getByRole("complementary", { name: "The finding's other fields" }).getByText(/production_environment\/computing_resources\/gpu: 0$/).waitFor();
  await context.close();
});

test("a field that refers to another descriptor offers its values as a pick-list", async () => {
  const { context, page } = await open();
  await page.goto(editor("production_data"));
  const first = page.getByLabel("Field name, row 1", { exact: true });
  const listId = await first.getAttribute("list");
  assert.ok(listId, "the field has a pick-list");
  const options = await page.locator(`datalist[id="${listId}"] option`).evaluateAll((os) => os.map((o) => o.value));
  const training = (await call("GET", `/projects/${P}/descriptors/training_data`)).body.revision.content;
  assert.ok(options.length > 0 && options.every((o) => training.includes(o)), `options ${options} come from the training data`);
  await context.close();
});

test("two people edit the same descriptor: the second save shows the conflict, and the merge keeps both", async () => {
  const one = await open();
  const two = await open();
  for (const { page } of [one, two]) {
    await page.goto(editor("trained_model"));
    await page.getByLabel("Model version", { exact: true }).waitFor();
  }
  await two.page.getByLabel("Model name", { exact: true }).fill("turbine-failure-v2");
  await two.page.getByLabel("Model version", { exact: true }).fill("8.0");
  await one.page.getByLabel("Model version", { exact: true }).fill("9.9.9");
  await one.page.getByRole("button", { name: "Save" }).click();
  await one.page.locator(".save-result").waitFor();

  // The second page hears of the save at once, and keeps what was typed there.
  await two.page.getByText("ada saved revision 2 of this descriptor while you were editing").waitFor();
  assert.equal(await two.page.getByLabel("Model version", { exact: true }).inputValue(), "8.0");
  await two.page.getByRole("button", { name: "Save" }).click();
  const view = two.page.getByRole("region", { name: /Someone saved this descriptor/ });
  await view.waitFor();
  assert.match(await view.locator("tr.both").textContent(), /\/model_version/);
  await two.page.screenshot({ path: join(SHOTS, "conflict.png") });
  await view.getByLabel("Take theirs for /model_version").check();
  await view.getByRole("button", { name: "Save the merge" }).click();
  await two.page.locator(".save-result").waitFor();

  const saved = (await call("GET", `/projects/${P}/descriptors/trained_model`)).body.revision.content;
  assert.match(saved, /model_name: turbine-failure-v2/);
  assert.match(saved, /model_version: "?9\.9\.9/);
  await one.context.close();
  await two.context.close();
});

test("a role the write policy leaves out sees the descriptor read-only, and why", async () => {
  const { context, page } = await open("dana");
  await page.goto(editor("production_environment"));
  await page.getByRole("note").getByText(/Read-only: your role in this project \(data_scientist\) may not write/).waitFor();
  assert.ok(await page.getByLabel("Memory", { exact: true }).isDisabled());
  assert.equal(await page.getByRole("button", { name: "Save" }).count(), 0);
  await page.getByRole("link", { name: "Training Data" }).click();
  await page.getByRole("heading", { name: "Training Data", level: 1 }).waitFor();
  assert.equal(await page.getByRole("note").count(), 0);
  assert.ok(await page.getByLabel("Dataset name", { exact: true }).isEnabled());
  await context.close();
});

test("an unsaved edit survives a reload as a draft, and can be discarded", async () => {
  const { context, page } = await open();
  await page.goto(editor("system_context"));
  const task = page.getByLabel("Task", { exact: true });
  const original = await task.inputValue();
  await task.fill("Predict blade failures a week ahead");
  await page.getByText("Unsaved changes (kept in this browser)").waitFor();
  await page.reload();
  await page.getByText(/Your unsaved changes from .* were restored/).waitFor();
  assert.equal(await page.getByLabel("Task", { exact: true }).inputValue(), "Predict blade failures a week ahead");
  await page.getByRole("button", { name: "Discard them" }).click();
  assert.equal(await page.getByLabel("Task", { exact: true }).inputValue(), original);
  await context.close();
});

test("the source editor and the form follow each other, and a syntax error is shown at its line", async () => {
  const { context, page } = await open();
  await page.goto(editor("raw_data"));
  const source = page.getByRole("textbox", { name: "Source", exact: true });
  await source.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText('version: "1.2"\ndataset_name: Typed in the source\nlabels: [\n');
  await page.getByLabel("Syntax errors").getByText(/^line \d+, column \d+: /).first().waitFor();
  assert.ok(await page.getByLabel("Dataset name", { exact: true }).isDisabled(), "the form waits for the source to parse");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.waitForFunction(() => !document.querySelector('[aria-label="Syntax errors"]'));
  assert.equal(await page.getByLabel("Dataset name", { exact: true }).inputValue(), "Typed in the source");
  // "labels" is no raw data field: a warning, underlined in the source.
  await page.locator(".savebar").getByText("1 warnings").waitFor();
  assert.equal(await page.locator(".source .cm-lintRange-warning").count(), 1);
  await context.close();
});

test("the history shows who changed what and why, diffs two revisions, and restores an old one", async () => {
  const path = `/projects/${P}/descriptors/data_pipeline`;
  const read = await call("GET", path);
  const changed = read.body.revision.content.replace("pipeline_version: 1.4.0", "pipeline_version: 1.5.0");
  assert.equal((await call("PUT", path, { content: changed, message: "new feature window" }, { "If-Match": read.body.etag })).status, 200);

  const { context, page } = await open();
  await page.goto(`${server.url}/#/projects/${P}/history/data_pipeline`);
  const newest = page.locator(".timeline > li").first();
  await newest.getByText("new feature window").waitFor();
  assert.match(await newest.locator(".when").textContent(), /ada · revision 2 of data_pipeline/);
  await newest.getByRole("button", { name: "Show changes" }).click();
  const row = newest.locator(".diff-table tbody tr");
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  assert.match(await row.locator("th").textContent(), /\/pipeline_version/);
  assert.equal(await row.locator("td.before").textContent(), "1.4.0");
  assert.equal(await row.locator("td.after").textContent(), "1.5.0");
  await page.screenshot({ path: join(SHOTS, "history.png") });
  await newest.getByLabel("Inline").check();
  assert.equal(await newest.locator("pre.after").textContent(), "+ 1.5.0");

  await page.getByRole("button", { name: "Restore revision 1" }).click();
  await page.getByRole("status").getByText("Restored revision 1 of data_pipeline as a new revision.").waitFor();
  assert.match(await page.locator(".timeline > li").first().textContent(), /revision 3 of data_pipeline.*restore revision 1/);
  assert.match((await call("GET", path)).body.revision.content, /pipeline_version: 1\.4\.0/);
  await context.close();
});

test("open pages follow a teammate's save without a reload: the form, the findings and the history", async () => {
  const { context, page } = await open();
  await page.goto(editor("production_environment"));
  await page.getByLabel("Memory", { exact: true }).waitFor();
  const findings = await open();
  await findings.page.goto(`${server.url}/#/projects/${P}/findings`);
  await findings.page.locator(".summary .badge.error").waitFor();
  const history = await open();
  await history.page.goto(`${server.url}/#/projects/${P}/history`);
  await history.page.locator(".timeline > li").first().waitFor();

  // A teammate (through the API) shrinks production's memory further.
  const path = `/projects/${P}/descriptors/production_environment`;
  const read = await call("GET", path);
  const changed = read.body.revision.content.replace(/^(\s*memory:\s*)\d+/m, "$1" + "4");
  assert.notEqual(changed, read.body.revision.content);
  assert.equal((await call("PUT", path, { content: changed, message: "live update check" }, { "If-Match": read.body.etag })).status, 200);

  await page.getByText(/Updated to revision \d+, saved by ada\./).waitFor();
  assert.equal(await page.getByLabel("Memory", { exact: true }).inputValue(), "4");
  await findings.page.getByText(/the production environment has 4\b/).waitFor();
  await history.page.locator(".timeline > li").first().getByText("live update check").waitFor();
  for (const c of [context, findings.context, history.context]) await c.close();
});
