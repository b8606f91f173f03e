import { useEffect, useState } from "preact/hooks";
import { api, ApiError, setCsrf, type Session } from "./api";
import { href, useRoute } from "./router";
import { Login } from "./pages/login";
import { Projects } from "./pages/projects";
import { Findings } from "./pages/findings";
import { History } from "./pages/history";
import { MonitorPage } from "./pages/monitor";
import { Readiness } from "./pages/readiness";
import { Settings } from "./pages/settings";
import type { DescriptorPage as DescriptorPageType } from "./pages/descriptor";
import type { DataPage as DataPageType } from "./pages/data";

// Pages with heavy dependencies (the descriptor editor's schemas, validators and code editor;
// the data page's charts) load when first opened, which keeps the first page small.
function useLazy<T>(wanted: boolean, load: () => Promise<T>, cache: { value: T | null }): T | null {
  const [, setReady] = useState(cache.value !== null);
  useEffect(() => {
    if (wanted && !cache.value)
      void load().then((v) => {
        cache.value = v;
        setReady(true);
      });
  }, [wanted]);
  return cache.value;
}
const editorPage: { value: typeof DescriptorPageType | null } = { value: null };
const dataPage: { value: typeof DataPageType | null } = { value: null };

export function App() {
  // undefined while the first request asks whether a session exists
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const route = useRoute();
  const Editor = useLazy(route.page === "descriptor", () => import("./pages/descriptor").then((m) => m.DescriptorPage), editorPage);
  const Data = useLazy(route.page === "data", () => import("./pages/data").then((m) => m.DataPage), dataPage);

  useEffect(() => {
    api<Session>("GET", "/session")
      .then(signedIn)
      .catch(() => setSession(null));
  }, []);

  function signedIn(s: Session) {
    setCsrf(s.csrf_token);
    setSession(s);
  }

  async function signOut() {
    try {
      await api("DELETE", "/session");
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
    }
    setCsrf(null);
    setSession(null);
  }

  if (session === undefined) return <p class="loading" role="status">Loading…</p>;
  if (session === null) return <Login onSignedIn={signedIn} />;
  return (
    <>
      <header class="top">
        <a class="brand" href={href.projects()}>
          seam
        </a>
        <nav aria-label="Account">
          <span class="who">{session.user.name}</span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </nav>
      </header>
      <main id="main">
        {route.page === "projects" && <Projects />}
        {route.page === "findings" && <Findings project={route.project} user={session.user.name} />}
        {route.page === "settings" && <Settings project={route.project} user={session.user.name} />}
        {route.page === "data" && (Data ? <Data project={route.project} /> : <p role="status">Loading…</p>)}
        {route.page === "readiness" && <Readiness project={route.project} />}
        {route.page === "monitor" && <MonitorPage project={route.project} />}
        {route.page === "history" && <History project={route.project} document={route.document} />}
        {route.page === "descriptor" &&
          (Editor ? <Editor project={route.project} id={route.descriptor} field={route.field} also={route.also} user={session.user.name} /> : <p role="status">Loading…</p>)}
        {route.page === "not-found" && (
          <section>
            <h1>Not found</h1>
            <p>
              There is no page at <code>{route.path}</code>. <a href={href.projects()}>Go to your projects</a>.
            </p>
          </section>
        )}
      </main>
    </>
  );
}
