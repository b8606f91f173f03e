import { useState } from "preact/hooks";
import { api, ApiError, type Session } from "../api";

export function Login({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      onSignedIn(await api<Session>("POST", "/session", { name, password }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The server cannot be reached.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <h1>Sign in to seam</h1>
      <form onSubmit={submit}>
        <label>
          User name
          <input name="name" autocomplete="username" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
