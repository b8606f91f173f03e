// The project's waivers document (waivers.yaml through the API): reading it, deciding which
// waivers cover a finding, and changing it. Changes are made on the YAML document itself, so
// the comments a team keeps in the file stay, and go through If-Match like every write.
import type { Document } from "yaml";
import { api, ApiError, projectPath, type DocumentRead, type Finding } from "./api";
import { parse, text } from "./form/document";

export interface Waiver {
  rule: string;
  match?: string;
  reason: string;
  accepted_by: string;
  expires?: string;
}

export interface Waivers {
  doc: Document;
  list: Waiver[];
  etag: string | null;
  format: "yaml" | "json";
  text: string;
}

export async function loadWaivers(project: string): Promise<Waivers> {
  try {
    const r = await api<DocumentRead>("GET", projectPath(project) + "/waivers");
    const content = r.revision.content ?? "";
    const { doc } = parse(content);
    const list = ((doc.toJS() as { waivers?: Waiver[] } | null)?.waivers ?? []).filter((w) => w && typeof w === "object");
    return { doc, list, etag: r.etag, format: r.revision.format ?? "yaml", text: content };
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
    const { doc } = parse("# Findings the team has looked at and accepts, with who and why.\nwaivers: []\n");
    return { doc, list: [], etag: null, format: "yaml", text: "" };
  }
}

const today = () => new Date().toISOString().slice(0, 10);

// As src/rules/waivers.cc decides it: same rule, not expired, and no match or a match found,
// case-insensitively, in some item's text or values.
export function covers(w: Waiver, f: Finding, on = today()): boolean {
  if (w.rule !== f.rule || (w.expires && w.expires < on)) return false;
  const want = (w.match ?? "").trim().toLowerCase();
  if (!want) return true;
  return f.items.some((i) => i.text.toLowerCase().includes(want) || Object.values(i.values ?? {}).some((v) => JSON.stringify(v).toLowerCase().includes(want)));
}

// Applies `change` to the newest waivers document and saves it; when someone saved in
// between, it reads theirs and applies the change again, once.
export async function changeWaivers(project: string, change: (doc: Document, list: Waiver[]) => void, message: string) {
  for (let attempt = 0; ; attempt++) {
    const w = await loadWaivers(project);
    change(w.doc, w.list);
    const headers: Record<string, string> = w.etag ? { "If-Match": w.etag } : { "If-None-Match": "*" };
    try {
      return await api("PUT", projectPath(project) + "/waivers", { content: text(w.doc, w.format), format: w.format, message }, headers);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 412) || attempt > 0) throw e;
    }
  }
}

export function addWaiver(doc: Document, w: Waiver) {
  const clean = Object.fromEntries(Object.entries(w).filter(([, v]) => typeof v === "string" && v.trim() !== ""));
  if (!doc.hasIn(["waivers"]) || !Array.isArray(doc.toJS()?.waivers)) doc.setIn(["waivers"], doc.createNode([]));
  doc.addIn(["waivers"], doc.createNode(clean));
}

// Removes the waivers `which` picks from the list as it is now (which may be newer than the
// one on screen).
export function removeWaivers(doc: Document, list: Waiver[], which: (w: Waiver) => boolean) {
  for (let i = list.length - 1; i >= 0; i--) if (which(list[i])) doc.deleteIn(["waivers", i]);
}

export const sameWaiver = (a: Waiver, b: Waiver) => a.rule === b.rule && (a.match ?? "") === (b.match ?? "") && a.reason === b.reason && (a.expires ?? "") === (b.expires ?? "");
