// What the browser tests share. startServer starts a real `seam serve` on a temporary SQLite database and a free loopback port, with an
// admin account, for the browser tests; stop() ends it and removes the database.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const PASSWORD = "correct horse battery";

export async function startServer(seam) {
  const dir = mkdtempSync(join(tmpdir(), "seam-ui-"));
  const db = join(dir, "seam.db");
  const made = spawnSync(seam, ["admin", "create-user", "ada", "--admin", "--db", db], { input: PASSWORD + "\n" });
  if (made.status !== 0) throw new Error("create-user failed: " + made.stderr);
  const proc = spawn(seam, ["serve", "--db", db, "--listen", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("seam serve did not start: " + log)), 30000);
    proc.stderr.on("data", (chunk) => {
      log += chunk;
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(log);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on("exit", (code) => reject(new Error(`seam serve exited with ${code}: ${log}`)));
  });
  return {
    url,
    async stop() {
      proc.kill("SIGTERM");
      await new Promise((resolve) => (proc.exitCode !== null ? resolve() : proc.on("exit", resolve)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A signed-in API client for setting up what a test needs faster than through the pages.
export async function apiClient(url, name = "ada", password = PASSWORD) {
  const res = await fetch(url + "/api/v1/session", { method: "POST", body: JSON.stringify({ name, password }), headers: { "Content-Type": "application/json" } });
  if (res.status !== 201) throw new Error("login failed: " + res.status);
  const cookie = res.headers.get("set-cookie").split(";")[0];
  const { csrf_token } = await res.json();
  return async (method, path, body, headers = {}) => {
    const r = await fetch(url + "/api/v1" + path, {
      method,
      headers: { Cookie: cookie, "X-CSRF-Token": csrf_token, "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
}

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHOTS = join(ROOT, "docs", "img");
export const DESCRIPTORS = ["system_context", "raw_data", "data_pipeline", "training_data", "trained_model",
  "development_environment", "production_environment", "production_data"];

export function exampleDescriptor(name) {
  return readFileSync(join(ROOT, "examples", "turbine-maintenance", name + ".yaml"), "utf8");
}

// A project holding the bundled example's eight descriptors, each as revision 1 by ada.
export async function exampleProject(call, project) {
  const made = await call("POST", "/projects", { name: project });
  if (made.status !== 201) throw new Error(`creating ${project}: ${made.status}`);
  for (const name of DESCRIPTORS) {
    const r = await call("PUT", `/projects/${project}/descriptors/${name}`, { content: exampleDescriptor(name), message: "from the example" },
      { "If-None-Match": "*" });
    if (r.status !== 201) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

// The example's TRL cards, one per component, each as revision 1.
export async function exampleCards(call, project) {
  for (const file of readdirSync(join(ROOT, "examples", "turbine-maintenance", "trl"))) {
    const content = readFileSync(join(ROOT, "examples", "turbine-maintenance", "trl", file), "utf8");
    const r = await call("PUT", `/projects/${project}/cards/${file.replace(/\.yaml$/, "")}`, { content, message: "from the example" }, { "If-None-Match": "*" });
    if (r.status !== 201) throw new Error(`${file}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

// Profiles of the example's training and operational data, stored as "training" and
// "production".
export async function exampleProfiles(call, project, seam) {
  const dir = mkdtempSync(join(tmpdir(), "seam-ui-profiles-"));
  try {
    for (const [csv, name] of [["training.csv", "training"], ["operational.csv", "production"]]) {
      const out = join(dir, name + ".json");
      const made = spawnSync(seam, ["profile", join(ROOT, "examples", "turbine-maintenance", "data", csv), "-o", out]);
      if (made.status !== 0) throw new Error("seam profile failed: " + made.stderr);
      const r = await call("PUT", `/projects/${project}/profiles/${name}`, JSON.parse(readFileSync(out, "utf8")), { "If-None-Match": "*" });
      if (r.status !== 201) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Replays the turbine example's operational data through `seam monitor --descriptors` into the
// project's timeline, with a write token made for it; returns the monitor's stderr.
export async function exampleMonitor(call, url, project, seam) {
  const token = await call("POST", "/tokens", { name: "monitor-" + project, project, access: "write" });
  if (token.status !== 201) throw new Error("token: " + token.status);
  const example = join(ROOT, "examples", "turbine-maintenance");
  const run = spawnSync(seam, ["monitor", "--descriptors", example, "--window", "500", join(example, "data", "operational.csv"),
    "--server", url, "--project", project, "--source", "turbine-replay"], { env: { ...process.env, SEAM_TOKEN: token.body.token } });
  if (run.status !== 1) throw new Error(`seam monitor exited with ${run.status}: ${run.stderr}`);
  return String(run.stderr);
}

export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
}

export async function signIn(page, url, name = "ada", password = PASSWORD) {
  await page.goto(url + "/");
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
