// "2 new errors, 1 new warning, 1 resolved": what a revision did to the findings.
import type { ChangedFinding, Revision } from "./api";

const phrase = (n: number, what: string) => (n === 1 ? `1 ${what}` : `${n} ${what}s`);

export function delta(r: Pick<Revision, "introduced" | "resolved">): string {
  const added: ChangedFinding[] = r.introduced.filter((f) => !f.waived);
  const parts = (["error", "warning", "info"] as const)
    .map((s, i) => [added.filter((f) => f.severity === s).length, ["new error", "new warning", "new note"][i]] as const)
    .filter(([n]) => n > 0)
    .map(([n, what]) => phrase(n, what));
  if (r.resolved.length) parts.push(`${r.resolved.length} resolved`);
  return parts.join(", ");
}

export { phrase };
