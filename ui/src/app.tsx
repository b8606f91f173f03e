import { useEffect, useState } from "preact/hooks";
import { api, ApiError, setCsrf, type Session } from "./api";
import { href, useRoute } from "./router";
import { Login } from "./pages/login";
import { Projects } from "./pages/projects";
import { Findings } from "./pages/findings";
import { History } from "./pages/history";
import { Readiness } from "./pages/readiness";
import type { DescriptorPage as DescriptorPageType } from "./pages/descriptor";

// The descriptor editor (its schemas, validators and YAML parser) loads when first opened,
// which keeps the first page small.
let DescriptorPage: typeof DescriptorPageType | null = null;
function useDescriptorPage(wanted: boolean) {
  const [, setReady] = useState(DescriptorPage !== null);
  useEffect(() => {
    if (wanted && !DescriptorPage)
      void import("./pages/descriptor").then((m) => {
        DescriptorPage = m.DescriptorPage;
        setReady(true);
      });
  }, [wanted]);
  return DescriptorPage;
}

export function App() {
  // undefined while the first request asks whether a session exists
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const route = useRoute();
  const Editor = useDescriptorPage(route.page === "descriptor");

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
        {route.page === "readiness" && <Readiness project={route.project} />}
        {route.page === "history" && <History project={route.project} document={route.document} />}
        {route.page === "descriptor" &&
          (Editor ? <Editor project={route.project} id={route.descriptor} field={route.field} user={session.user.name} /> : <p role="status">Loading…</p>)}
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
