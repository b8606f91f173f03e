// Creating a project from files a team already has: a folder laid out as `seam check` reads
// one (system_context.yaml, ..., waivers.yaml, trl/COMPONENT.yaml), or a .zip of it. Each
// file goes through the same API as an edit, so an invalid descriptor is stored as a draft
// and nothing is lost; files seam does not read are listed, not uploaded.
import { api, ApiError, projectPath, type Written } from "./api";
import { ORDER } from "./pages/descriptor-nav";

export interface Entry {
  path: string; // as in the folder or the zip, for messages
  text: string;
}

// A zip entry larger than this is not a descriptor; skipping it also defuses zip bombs.
const MAX_ENTRY = 4 * 1024 * 1024;

export async function entries(files: File[]): Promise<{ entries: Entry[]; skipped: string[] }> {
  const out: Entry[] = [];
  const skipped: string[] = [];
  for (const f of files) {
    const path = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
    if (/\.zip$/i.test(f.name)) {
      const { unzipSync, strFromU8 } = await import("fflate");
      const all = unzipSync(new Uint8Array(await f.arrayBuffer()), {
        filter: (z) => {
          const keep = z.originalSize <= MAX_ENTRY && !z.name.endsWith("/");
          if (!keep && !z.name.endsWith("/")) skipped.push(`${f.name}:${z.name} (over 4 MiB)`);
          return keep;
        },
      });
      for (const [name, bytes] of Object.entries(all)) out.push({ path: `${f.name}:${name}`, text: strFromU8(bytes) });
    } else if (f.size > MAX_ENTRY) {
      skipped.push(`${path} (over 4 MiB)`);
    } else {
      out.push({ path, text: await f.text() });
    }
  }
  return { entries: out, skipped };
}

export interface Planned {
  kind: "descriptor" | "waivers" | "card";
  name: string;
  entry: Entry;
}

// Which document each file is, by its name: the descriptor ids, waivers, and cards under a
// trl/ folder. Everything else (data, READMEs) is ignored.
export function plan(list: Entry[]): { documents: Planned[]; ignored: string[] } {
  const documents: Planned[] = [];
  const ignored: string[] = [];
  for (const entry of list) {
    const parts = entry.path.replace(/^.*:/, "").split("/");
    const file = parts[parts.length - 1];
    const m = /^(.+)\.(ya?ml|json)$/i.exec(file);
    const stem = m?.[1] ?? "";
    const inTrl = parts.length >= 2 && parts[parts.length - 2] === "trl";
    if (m && inTrl && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(stem)) documents.push({ kind: "card", name: stem, entry });
    else if (m && !inTrl && ORDER.includes(stem)) documents.push({ kind: "descriptor", name: stem, entry });
    else if (m && !inTrl && stem === "waivers") documents.push({ kind: "waivers", name: "waivers", entry });
    else ignored.push(entry.path);
  }
  const seen = new Set<string>();
  for (const d of documents) {
    const key = d.kind + "/" + d.name;
    if (seen.has(key)) throw new Error(`two files for ${d.kind === "card" ? "the card " + d.name : d.name}: choose one`);
    seen.add(key);
  }
  return { documents, ignored };
}

export interface Imported {
  stored: string[];
  drafts: string[];
  failed: string[];
}

export async function importInto(project: string, documents: Planned[]): Promise<Imported> {
  const result: Imported = { stored: [], drafts: [], failed: [] };
  for (const d of documents) {
    const path =
      projectPath(project) + (d.kind === "waivers" ? "/waivers" : d.kind === "card" ? "/cards/" + encodeURIComponent(d.name) : "/descriptors/" + d.name);
    const label = d.kind === "card" ? `card ${d.name}` : d.name;
    try {
      const w = await api<Written>("PUT", path, { content: d.entry.text, message: `imported from ${d.entry.path}` }, { "If-None-Match": "*" });
      (w.revision.draft ? result.drafts : result.stored).push(label);
    } catch (e) {
      result.failed.push(`${label}: ${e instanceof ApiError ? e.message : String(e)}`);
    }
  }
  return result;
}
