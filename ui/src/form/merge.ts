// Three-way merge of a descriptor, field by field, for the conflict view: when my save is
// refused because a teammate saved first, every field that only one of us changed takes that
// change, and every field we both changed differently is a conflict for me to decide.
//
// A "field" is a leaf: a scalar, an array of scalars (a list is one value), or an empty
// object or array. Arrays of objects are merged item by item, by index.
import { isAbsent, pointerOf, type Path } from "./validate";

export interface Change {
  pointer: string;
  path: Path;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export interface Merge {
  // fields that differ between my version and theirs; `conflict` when both changed them
  changes: (Change & { conflict: boolean; take: "mine" | "theirs" })[];
}

function isLeaf(v: unknown): boolean {
  if (v === null || typeof v !== "object") return true;
  if (Array.isArray(v)) return v.length === 0 || v.every((x) => x === null || typeof x !== "object");
  return Object.keys(v).length === 0;
}

// Every leaf of `v` by path. Absent values (null, "", []) are leaves with value undefined,
// because seam reads them all as "not provided".
function leaves(v: unknown, path: Path, out: Map<string, { path: Path; value: unknown }>) {
  if (isLeaf(v)) {
    out.set(pointerOf(path), { path, value: isAbsent(v) ? undefined : v });
    return;
  }
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...path, i], out));
  else for (const [k, x] of Object.entries(v as object)) leaves(x, [...path, k], out);
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function merge(base: unknown, mine: unknown, theirs: unknown): Merge {
  const [b, m, t] = [base, mine, theirs].map((v) => {
    const out = new Map<string, { path: Path; value: unknown }>();
    leaves(v, [], out);
    return out;
  });
  const pointers = [...new Set([...m.keys(), ...t.keys()])];
  const changes: Merge["changes"] = [];
  for (const pointer of pointers) {
    const path = (m.get(pointer) ?? t.get(pointer))!.path;
    const [vb, vm, vt] = [b.get(pointer)?.value, m.get(pointer)?.value, t.get(pointer)?.value];
    if (same(vm, vt)) continue;
    const iChanged = !same(vm, vb);
    const theyChanged = !same(vt, vb);
    const conflict = iChanged && theyChanged;
    changes.push({ pointer, path, base: vb, mine: vm, theirs: vt, conflict, take: iChanged ? "mine" : "theirs" });
  }
  return { changes };
}
