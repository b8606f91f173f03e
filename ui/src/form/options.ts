// Pick-lists: a field annotated with "x-seam-options-from" offers the values another
// descriptor holds at a pointer, where "*" stands for every item of an array. So production
// data's field names are picked from the training data's, as the team agreed them.
import type { OptionsFrom, Schema } from "./schema";

export function sources(s: Schema, out = new Set<string>()): Set<string> {
  const from = s["x-seam-options-from"];
  if (from) out.add(from.descriptor);
  for (const p of Object.values(s.properties ?? {})) sources(p, out);
  if (s.items && !Array.isArray(s.items)) sources(s.items, out);
  return out;
}

export function valuesAt(data: unknown, pointer: string): string[] {
  let current: unknown[] = [data];
  for (const step of pointer.split("/").slice(1)) {
    const next: unknown[] = [];
    for (const v of current) {
      if (step === "*" && Array.isArray(v)) next.push(...v);
      else if (v && typeof v === "object") next.push((v as Record<string, unknown>)[step]);
    }
    current = next;
  }
  const found = current.filter((v): v is string | number => (typeof v === "string" && v !== "") || typeof v === "number").map(String);
  return [...new Set(found)];
}

export function optionsFor(s: Schema, documents: Record<string, unknown>): string[] {
  const from: OptionsFrom | undefined = s["x-seam-options-from"];
  return from ? valuesAt(documents[from.descriptor], from.pointer) : [];
}
