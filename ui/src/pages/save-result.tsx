import type { Written } from "../api";
import { delta, phrase } from "../delta";
import { href } from "../router";

// What a save did: the revision, whether it is a draft, and the findings it introduced and
// resolved ("2 new errors, 1 resolved").
export function SaveResult({ project, written }: { project: string; written: Written }) {
  const r = written.revision;
  const added = r.introduced.filter((f) => !f.waived);
  const changed = delta(r);
  const problems = r.diagnostics?.files?.[0]?.errors ?? [];
  return (
    <div class="save-result" role="status">
      <p>
        Saved as revision {r.number}. {changed ? changed + "." : "No finding changed."}{" "}
        <a href={href.findings(project)}>See all findings</a>
      </p>
      {r.draft && (
        <p class="notice">
          This revision does not validate ({phrase(problems.length, "problem")}), so it is kept as a draft: the checks keep using the last valid revision until
          it is fixed.
        </p>
      )}
      {added.length > 0 && (
        <ul class="delta">
          {added.map((f, i) => (
            <li key={i} class={"sev-" + f.severity}>
              <span class={"badge " + f.severity}>{f.severity}</span> {f.text || f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
