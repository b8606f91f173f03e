// Pages live in the URL's hash (#/projects/p/findings), so every page can be bookmarked and
// reloaded while the server only ever serves one HTML file. A field of a descriptor is
// addressed by its JSON pointer: #/projects/p/descriptors/trained_model?field=/model_name
import { useEffect, useState } from "preact/hooks";

// The other fields a finding names, shown beside the one a link opens: "descriptor/pointer".
export interface Counterpart {
  descriptor: string;
  pointer: string;
}

export type Route =
  | { page: "projects" }
  | { page: "findings"; project: string }
  | { page: "descriptor"; project: string; descriptor: string; field: string | null; also: Counterpart[] }
  | { page: "history"; project: string; document: string | null }
  | { page: "readiness"; project: string }
  | { page: "data"; project: string }
  | { page: "monitor"; project: string }
  | { page: "settings"; project: string }
  | { page: "not-found"; path: string };

export function parse(hash: string): Route {
  const [path, query = ""] = (hash.replace(/^#/, "") || "/").split("?", 2);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === "projects")) return { page: "projects" };
  if (parts[0] === "projects" && parts.length === 3 && parts[2] === "findings") return { page: "findings", project: parts[1] };
  if (parts[0] === "projects" && parts.length === 3 && parts[2] === "settings") return { page: "settings", project: parts[1] };
  if (parts[0] === "projects" && parts.length === 3 && parts[2] === "data") return { page: "data", project: parts[1] };
  if (parts[0] === "projects" && parts.length === 3 && parts[2] === "readiness") return { page: "readiness", project: parts[1] };
  if (parts[0] === "projects" && parts.length === 3 && parts[2] === "monitor") return { page: "monitor", project: parts[1] };
  if (parts[0] === "projects" && parts[2] === "history" && parts.length <= 4) return { page: "history", project: parts[1], document: parts[3] ?? null };
  if (parts[0] === "projects" && parts[2] === "descriptors" && parts.length <= 4) {
    const q = new URLSearchParams(query);
    const also = q.getAll("also").map((a) => ({ descriptor: a.split("/")[0], pointer: a.slice(a.indexOf("/") >= 0 ? a.indexOf("/") : a.length) }));
    return { page: "descriptor", project: parts[1], descriptor: parts[3] ?? "system_context", field: q.get("field"), also };
  }
  return { page: "not-found", path };
}

export const href = {
  projects: () => "#/projects",
  findings: (project: string) => `#/projects/${encodeURIComponent(project)}/findings`,
  settings: (project: string) => `#/projects/${encodeURIComponent(project)}/settings`,
  data: (project: string) => `#/projects/${encodeURIComponent(project)}/data`,
  readiness: (project: string) => `#/projects/${encodeURIComponent(project)}/readiness`,
  monitor: (project: string) => `#/projects/${encodeURIComponent(project)}/monitor`,
  history: (project: string, document?: string) => `#/projects/${encodeURIComponent(project)}/history` + (document ? "/" + encodeURIComponent(document) : ""),
  descriptor: (project: string, descriptor: string, field?: string, also: Counterpart[] = []) => {
    const q = new URLSearchParams();
    if (field) q.append("field", field);
    for (const a of also) q.append("also", a.descriptor + a.pointer);
    const query = q.toString();
    return `#/projects/${encodeURIComponent(project)}/descriptors/${encodeURIComponent(descriptor)}` + (query ? "?" + query : "");
  },
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(location.hash));
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
