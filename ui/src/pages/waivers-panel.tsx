// The project's waivers with their problems: a waiver that expired (its finding counts again)
// or that matches nothing (the file is rotting), each removable by members who may write.
import type { WaiverProblem } from "../api";
import { positions } from "../form/document";
import type { Waiver, Waivers } from "../waivers";

export function WaiversPanel({ waivers, problems, canEdit, onRemove }: { waivers: Waivers; problems: WaiverProblem[]; canEdit: boolean; onRemove: (w: Waiver) => void }) {
  if (!waivers.list.length) return null;
  // The server names a waiver by the line it starts on.
  const lines = positions(waivers.text, waivers.list.map((_, i) => ["waivers", i])).map((p) => p?.line);
  return (
    <section class="waivers" aria-labelledby="waivers-title">
      <h2 id="waivers-title">Waivers ({waivers.list.length})</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Only items containing</th>
              <th scope="col">Reason</th>
              <th scope="col">Accepted by</th>
              <th scope="col">Expires</th>
              <th scope="col">State</th>
              {canEdit && (
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {waivers.list.map((w, i) => {
              const problem = problems.find((p) => p.rule === w.rule && p.line === lines[i]);
              return (
                <tr key={i} class={problem ? "waiver-" + problem.problem : ""}>
                  <td>
                    <code>{w.rule}</code>
                  </td>
                  <td>{w.match ?? ""}</td>
                  <td>{w.reason}</td>
                  <td>{w.accepted_by}</td>
                  <td>{w.expires ?? "never"}</td>
                  <td>{problem ? <span class={"badge " + (problem.problem === "expired" ? "error" : "warning")}>{problem.problem}</span> : "in force"}
                    {problem && <div class="where">{problem.detail}</div>}
                  </td>
                  {canEdit && (
                    <td>
                      <button type="button" class="remove" aria-label={`Remove the waiver of ${w.rule}`} onClick={() => onRemove(w)}>
                        ×
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
