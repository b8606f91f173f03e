// The conflict view: my save was refused because someone saved this descriptor after I
// started. Every field that differs between my version and theirs is listed; fields only one
// of us changed are preset to that change, fields we both changed are marked as conflicts.
// The merge is built on their revision, so their formatting and comments stay.
import { useMemo, useState } from "preact/hooks";
import type { DocumentRead } from "../api";
import { shown } from "../form/schema";
import { parse, setAt, text } from "../form/document";
import { merge } from "../form/merge";


export function Conflict({ base, mine, theirs, onMerged, onCancel }: { base: string; mine: string; theirs: DocumentRead; onMerged: (text: string) => void; onCancel: () => void }) {
  const theirText = theirs.revision.content ?? "";
  const m = useMemo(() => merge(parse(base).doc.toJS() ?? {}, parse(mine).doc.toJS() ?? {}, parse(theirText).doc.toJS() ?? {}), [base, mine, theirText]);
  const [take, setTake] = useState(() => m.changes.map((c) => c.take));

  function merged(): string {
    const doc = parse(theirText).doc;
    m.changes.forEach((c, i) => take[i] === "mine" && setAt(doc, c.path, c.mine));
    return text(doc, theirs.revision.format ?? "yaml");
  }

  const conflicts = m.changes.filter((c) => c.conflict).length;
  return (
    <section class="conflict" aria-labelledby="conflict-title" role="region">
      <h2 id="conflict-title">Someone saved this descriptor while you were editing</h2>
      <p>
        {theirs.revision.author} saved revision {theirs.revision.number} at {new Date(theirs.revision.created_at).toLocaleString()}
        {theirs.revision.message ? ` ("${theirs.revision.message}")` : ""}. {m.changes.length} field(s) differ, {conflicts} changed by both of you. Choose a side for each
        and save the merge; your version stays in this browser until then.
      </p>
      <div class="table-wrap">
        <table class="merge">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Yours</th>
              <th scope="col">Theirs</th>
            </tr>
          </thead>
          <tbody>
            {m.changes.map((c, i) => (
              <tr key={c.pointer} class={c.conflict ? "both" : ""}>
                <th scope="row">
                  <code>{c.pointer}</code>
                  {c.conflict && <span class="badge warning">both changed</span>}
                </th>
                {(["mine", "theirs"] as const).map((side) => (
                  <td key={side}>
                    <label>
                      <input
                        type="radio"
                        name={"take" + i}
                        checked={take[i] === side}
                        onChange={() => setTake(take.map((t, j) => (j === i ? side : t)))}
                        aria-label={`${side === "mine" ? "Keep yours" : "Take theirs"} for ${c.pointer}`}
                      />{" "}
                      {shown(side === "mine" ? c.mine : c.theirs)}
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button type="button" onClick={() => onMerged(merged())}>
          Save the merge
        </button>{" "}
        <button type="button" onClick={onCancel}>
          Not now
        </button>
      </p>
    </section>
  );
}
