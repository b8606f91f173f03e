// What one revision changed against another, field by field (JSON pointers), side by side or
// inline.
import { useState } from "preact/hooks";
import type { DiffChange } from "../api";

const show = (v: unknown) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v, null, 1));

export function DiffView({ changes }: { changes: DiffChange[] }) {
  const [inline, setInline] = useState(false);
  if (!changes.length) return <p>No changes.</p>;
  return (
    <div class="diff">
      <fieldset class="diff-mode">
        <legend class="sr-only">Layout</legend>
        <label>
          <input type="radio" name="diff-mode" checked={!inline} onChange={() => setInline(false)} /> Side by side
        </label>
        <label>
          <input type="radio" name="diff-mode" checked={inline} onChange={() => setInline(true)} /> Inline
        </label>
      </fieldset>
      <div class="table-wrap">
        <table class={"diff-table" + (inline ? " inline" : "")}>
          <thead>
            <tr>
              <th scope="col">Field</th>
              {inline ? (
                <th scope="col">Change</th>
              ) : (
                <>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.op + c.pointer} class={"op-" + c.op}>
                <th scope="row">
                  <code>{c.pointer || "(whole document)"}</code> <span class="op">{c.op}</span>
                </th>
                {inline ? (
                  <td>
                    {c.before !== undefined && <pre class="before">- {show(c.before)}</pre>}
                    {c.after !== undefined && <pre class="after">+ {show(c.after)}</pre>}
                  </td>
                ) : (
                  <>
                    <td class="before">
                      <pre>{show(c.before)}</pre>
                    </td>
                    <td class="after">
                      <pre>{show(c.after)}</pre>
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
