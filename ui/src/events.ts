// Live updates: the server's Server-Sent Events stream of a project's changes
// (GET /api/v1/projects/P/events, docs/server.md). Server-sent events rather than polling: a
// page learns of a teammate's save at once, an idle page costs the server nothing but an open
// connection, and EventSource reconnects by itself, with the session cookie.
import { useEffect, useRef } from "preact/hooks";

export interface ChangeEvent {
  project: string;
  project_revision: number;
  kind: "descriptor" | "waivers" | "card" | "profile";
  name: string;
  revision: number;
  number: number;
  etag: string;
  author: string;
  draft: boolean;
}

// Calls `onChange` with each change, and with null when changes may have been missed (the
// server said resync, or the stream reconnected): then read everything again.
export function useProjectEvents(project: string, onChange: (e: ChangeEvent | null) => void) {
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const stream = new EventSource(`/api/v1/projects/${encodeURIComponent(project)}/events`);
    let connected = false;
    stream.addEventListener("ready", () => {
      if (connected) callback.current(null); // a reconnection: something may have passed
      connected = true;
    });
    stream.addEventListener("change", (m) => callback.current(JSON.parse((m as MessageEvent).data) as ChangeEvent));
    stream.addEventListener("resync", () => callback.current(null));
    return () => stream.close();
  }, [project]);
}

// Runs `f` once after a burst of calls has settled, so that a burst of saves reloads a page
// once.
export function useDebounced(f: () => void, ms = 250): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(f);
  latest.current = f;
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), ms);
  };
}
