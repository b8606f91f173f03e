// Starts a real `seam serve` on a temporary SQLite database and a free loopback port, with an
// admin account, for the browser tests; stop() ends it and removes the database.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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
      if (m) clearTimeout(timer), resolve(m[1]);
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

export function exampleDescriptor(root, name) {
  return readFileSync(join(root, "examples", "turbine-maintenance", name + ".yaml"), "utf8");
}
