// Pages live in the URL's hash (#/projects/p/findings), so every page can be bookmarked and
// reloaded while the server only ever serves one HTML file.
import { useEffect, useState } from "preact/hooks";

export type Route =
  | { page: "projects" }
  | { page: "findings"; project: string }
  | { page: "not-found"; path: string };

export function parse(hash: string): Route {
  const path = hash.replace(/^#/, "") || "/";
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === "projects")) return { page: "projects" };
  if (parts.length === 3 && parts[0] === "projects" && parts[2] === "findings") return { page: "findings", project: parts[1] };
  return { page: "not-found", path };
}

export const href = {
  projects: () => "#/projects",
  findings: (project: string) => `#/projects/${encodeURIComponent(project)}/findings`,
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
