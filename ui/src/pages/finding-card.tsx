// One finding: its message, items (each linking to the fields it names), why it matters, and
// the waive or unwaive action for members whose role may write the waivers.
import { useState } from "preact/hooks";
import type { Finding } from "../api";
import { href } from "../router";

export interface WaiveRequest {
  match: string;
  reason: string;
  accepted_by: string;
  expires: string;
}

interface Props {
  project: string;
  finding: Finding;
  user: string;
  canWaive: boolean;
  onWaive: (f: Finding, w: WaiveRequest) => Promise<void>;
  onUnwaive: (f: Finding) => Promise<void>;
}

export function FindingCard({ project, finding: f, user, canWaive, onWaive, onUnwaive }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <li class="finding">
      <p class="message">
        {f.message} {f.waived && <span class="badge">waived</span>}
      </p>
      <ul>
        {f.items.map((item, j) => (
          <li key={j}>
            {item.text}
            {item.locations.length > 0 && (
              <span class="where">
                {" ("}
                {item.locations.map((l, k) => (
                  <>
                    {k > 0 && ", "}
                    <a href={href.descriptor(project, l.descriptor, l.pointer || undefined, item.locations.filter((o) => o !== l))}>{l.descriptor + (l.pointer || "")}</a>
                  </>
                ))}
                {")"}
              </span>
            )}
          </li>
        ))}
      </ul>
      {f.waived && f.waiver_reason && <p class="waiver-reason">Waived: {f.waiver_reason}</p>}
      <details>
        <summary>Why this matters</summary>
        <p>{f.rationale}</p>
        <p class="rule">
          Rule <code>{f.rule}</code>, {f.subcategory}
        </p>
      </details>
      {canWaive && f.waived && (
        <button type="button" class="secondary" onClick={() => onUnwaive(f)}>
          Unwaive
        </button>
      )}
      {canWaive && !f.waived && !open && (
        <button type="button" class="secondary" onClick={() => setOpen(true)} aria-expanded="false">
          Waive…
        </button>
      )}
      {open && <WaiveForm finding={f} user={user} onCancel={() => setOpen(false)} onWaive={async (w) => (await onWaive(f, w), setOpen(false))} />}
    </li>
  );
}

function WaiveForm({ finding, user, onWaive, onCancel }: { finding: Finding; user: string; onWaive: (w: WaiveRequest) => Promise<void>; onCancel: () => void }) {
  const [w, setW] = useState<WaiveRequest>({ match: "", reason: "", accepted_by: user, expires: "" });
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const set = (k: keyof WaiveRequest) => (e: { currentTarget: { value: string } }) => setW({ ...w, [k]: e.currentTarget.value });
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      await onWaive(w);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }
  return (
    <form class="waive" onSubmit={submit} aria-label={"Waive " + finding.rule}>
      <label>
        Reason (required)
        <textarea required rows={2} value={w.reason} onInput={set("reason")} />
      </label>
      <label>
        Accepted by (required)
        <input type="text" required value={w.accepted_by} onInput={set("accepted_by")} />
      </label>
      <label>
        Only items containing (optional; empty waives every item of this rule)
        <input type="text" value={w.match} onInput={set("match")} />
      </label>
      <label>
        Expires (optional)
        <input type="date" value={w.expires} onInput={set("expires")} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p>
        <button type="submit" disabled={busy}>
          Waive
        </button>{" "}
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </form>
  );
}
