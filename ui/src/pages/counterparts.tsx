// Beside a field opened from a finding: the other fields the same finding names (the
// production environment's GPUs for the model's), with their current values, highlighted,
// and each a link that opens it the same way.
import { useEffect, useState } from "preact/hooks";
import { api, projectPath, type DocumentRead } from "../api";
import { shown } from "../form/schema";
import { parse } from "../form/document";
import { valueAt } from "../form/validate";
import { href, type Counterpart } from "../router";


export function Counterparts({ project, field, also }: { project: string; field: Counterpart; also: Counterpart[] }) {
  const [values, setValues] = useState<unknown[] | null>(null);
  const key = also.map((a) => a.descriptor + a.pointer).join("\n");
  useEffect(() => {
    Promise.all(
      also.map((a) =>
        api<DocumentRead>("GET", `${projectPath(project)}/descriptors/${encodeURIComponent(a.descriptor)}`)
          .then((d) => valueAt(parse(d.revision.content ?? "").doc.toJS(), a.pointer))
          .catch(() => undefined),
      ),
    ).then(setValues);
  }, [project, key]);
  return (
    <aside class="counterparts highlight" aria-label="The finding's other fields">
      <p>The finding that led here also concerns:</p>
      <ul>
        {also.map((a, i) => (
          <li key={a.descriptor + a.pointer}>
            <a href={href.descriptor(project, a.descriptor, a.pointer || undefined, [field, ...also.filter((o) => o !== a)])}>
              {a.descriptor}
              {a.pointer}
            </a>
            : <code>{values ? shown(values[i]) : "…"}</code>
          </li>
        ))}
      </ul>
    </aside>
  );
}
