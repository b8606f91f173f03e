import { descriptors } from "virtual:seam-schemas";
import type { Project } from "../api";
import { href } from "../router";

// The eight system elements, in the order the work flows from the system's context to
// production.
export const ORDER = ["system_context", "raw_data", "data_pipeline", "training_data", "trained_model", "development_environment", "production_environment", "production_data"];

export function DescriptorNav({ project, current }: { project: Project; current: string }) {
  const meta = new Map(project.documents.filter((d) => d.kind === "descriptor").map((d) => [d.name, d]));
  return (
    <nav class="descriptor-nav" aria-label="Descriptors">
      <ul>
        {ORDER.map((id) => {
          const m = meta.get(id);
          return (
            <li key={id}>
              <a href={href.descriptor(project.project.name, id)} aria-current={id === current ? "page" : undefined}>
                {descriptors[id]?.title ?? id}
              </a>{" "}
              <span class="nav-state">{!m ? "not written" : m.draft ? "draft" : "r" + m.revision}</span>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
