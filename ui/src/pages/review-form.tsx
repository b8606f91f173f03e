// The review a reviewer records for a component: graduate one level, or switch back with its
// kind and reason; an override records why a failing gate is passed anyway.
import { useState } from "preact/hooks";
import type { ComponentStatus } from "../readiness";

export interface ReviewRequest {
  to: number;
  decision: "graduate" | "switchback";
  kind?: string;
  note?: string;
  override?: string;
}

export function ReviewForm({ component, onReview }: { component: ComponentStatus; onReview: (r: ReviewRequest) => Promise<void> }) {
  const [decision, setDecision] = useState<"graduate" | "switchback">("graduate");
  const [to, setTo] = useState(String(Math.min(9, component.level + 1)));
  const [kind, setKind] = useState("review");
  const [note, setNote] = useState("");
  const [override, setOverride] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const id = (k: string) => `review-${component.id}-${k}`;

  function choose(d: "graduate" | "switchback") {
    setDecision(d);
    setTo(String(d === "graduate" ? Math.min(9, component.level + 1) : Math.max(0, component.level - 1)));
  }

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      await onReview({ to: Number(to), decision, kind: decision === "switchback" ? kind : undefined, note, override: decision === "graduate" ? override : undefined });
      setNote("");
      setOverride("");
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="review">
      <summary>Record a review of {component.id}</summary>
      <form onSubmit={submit} aria-label={"Review of " + component.id}>
        <fieldset>
          <legend>Decision</legend>
          <label>
            <input type="radio" name={id("decision")} checked={decision === "graduate"} onChange={() => choose("graduate")} /> Graduate
          </label>
          <label>
            <input type="radio" name={id("decision")} checked={decision === "switchback"} onChange={() => choose("switchback")} /> Switch back
          </label>
        </fieldset>
        <label>
          To level
          <input type="number" min={0} max={9} required value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        {decision === "switchback" && (
          <label>
            Kind of switchback
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
              <option value="discovery">discovery: something learnt sends the work back</option>
              <option value="review">review: the reviewers send it back</option>
              <option value="embedded">embedded: the catalogue's planned loop</option>
            </select>
          </label>
        )}
        <label>
          {decision === "switchback" ? "Reason (required)" : "Notes"}
          <textarea rows={2} required={decision === "switchback"} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        {decision === "graduate" && (
          <label>
            Override (only to pass a failing gate: why it is acceptable)
            <input type="text" value={override} onInput={(e) => setOverride(e.currentTarget.value)} />
          </label>
        )}
        {error && (
          <p class="error" role="alert">
            Not recorded: {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Record the review
        </button>
      </form>
    </details>
  );
}
