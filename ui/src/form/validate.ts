// Validation while typing, with the same schemas and the same reading as the server
// (src/doc/schema_validate.cc), so that the messages beside a field are the ones a save
// would return:
// - null, "" and [] mean "not provided": they are skipped, and a required field holding one
//   is missing;
// - the messages are worded as seam's validator words them;
// - a field the schema does not define is a warning naming the closest known one.
// Ajv (compiled at build time, see schema-plugin.ts) does the schema work; this module
// prepares the document for it and words what it reports.
import type { Compiled, ValidationError } from "virtual:seam-schemas";
import { fields, typeOf, type Schema } from "./schema";

export interface Diagnostic {
  pointer: string;
  message: string;
  severity: "error" | "warning";
}

export type Path = (string | number)[];

export const isAbsent = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
export const pointerOf = (path: Path) => path.map((p) => "/" + escape(String(p))).join("");

export function pathOf(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function valueAt(data: unknown, pointer: string): unknown {
  let v = data;
  for (const key of pathOf(pointer)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

// Object members that are not provided are dropped, so that `required` sees them missing.
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(prune);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (!isAbsent(x)) out[k] = prune(x);
  return out;
}

// ---- seam's wording (text::quote, Node::describe, and the validator's "found ...") ----

function quote(s: string): string {
  const chars = [...s];
  const named: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r" };
  const control = (c: string) => c.charCodeAt(0) < 0x20 || c === "\u007f";
  const shown = chars
    .slice(0, 60)
    .map((c) => (control(c) ? (named[c] ?? "\\x" + c.charCodeAt(0).toString(16).padStart(2, "0")) : c))
    .join("");
  return "'" + shown + (chars.length > 60 ? "...'" : "'");
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string") return quote(v);
  if (Array.isArray(v)) return `an array of ${v.length} items`;
  if (typeof v === "object") return "an object";
  return String(v);
}

function found(v: unknown): string {
  const t = typeOf(v);
  if (t === "array" || t === "object") return "found " + describe(v);
  if (t === "null") return "found null";
  return `found ${t} ${describe(v)}`;
}

const TYPE_NAMES: [string, string][] = [
  ["object", "an object"],
  ["array", "an array"],
  ["string", "a string"],
  ["number", "a number"],
  ["integer", "an integer"],
  ["boolean", "a boolean (true or false)"],
  ["null", "null"],
];

function expectedTypes(list: string): string {
  const wanted = new Set(list.split(","));
  return TYPE_NAMES.filter(([t]) => wanted.has(t))
    .map(([, name]) => name)
    .join(" or ");
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

// The candidate a mistyped word most likely meant, as text::closest chooses it.
export function closest(word: string, candidates: string[]): string | undefined {
  const w = word.toLowerCase();
  if (w.length >= 2) {
    const prefix = candidates.find((c) => c.toLowerCase().startsWith(w));
    if (prefix) return prefix;
  }
  let best: string | undefined;
  let bestD = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) [bestD, best] = [d, c];
  }
  return best;
}

const didYouMean = (word: string, candidates: string[]) => {
  const near = closest(word, candidates);
  return near ? ` (did you mean '${near}'?)` : "";
};

function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1];
}

const num = (x: unknown) => String(x);

function message(e: ValidationError, value: unknown): { pointer: string; message: string } | undefined {
  const p = e.params as Record<string, unknown>;
  const at = e.instancePath;
  switch (e.keyword) {
    case "required":
      return { pointer: at + "/" + escape(String(p.missingProperty)), message: `missing required field '${p.missingProperty}'` };
    case "type":
      return { pointer: at, message: `expected ${expectedTypes(String(p.type))}; ${found(value)}` };
    case "enum": {
      const names = (p.allowedValues as unknown[]).map((v) => (typeof v === "string" ? v : describe(v)));
      const tail = typeof value === "string" ? "found " + describe(value) + didYouMean(value, names) : found(value);
      return { pointer: at, message: `expected one of ${names.join(", ")}; ${tail}` };
    }
    case "const":
      return { pointer: at, message: `expected ${describe(p.allowedValue)}; ${found(value)}` };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { pointer: at, message: `expected a number ${p.comparison} ${num(p.limit)}; ${found(value)}` };
    case "minItems":
      return { pointer: at, message: `expected at least ${p.limit} item(s); found ${(value as unknown[]).length}` };
    case "maxItems":
      return { pointer: at, message: `expected at most ${p.limit} item(s); found ${(value as unknown[]).length}` };
    case "minLength":
      return { pointer: at, message: `expected at least ${p.limit} characters; found ${[...String(value)].length}` };
    case "maxLength":
      return { pointer: at, message: `expected at most ${p.limit} characters; found ${[...String(value)].length}` };
    case "anyOf":
      return { pointer: at, message: `does not match any of the allowed forms; ${found(value)}` };
    case "oneOf": {
      const passing = p.passingSchemas;
      const n = Array.isArray(passing) ? passing.length : passing === null || passing === undefined ? 0 : 1;
      return { pointer: at, message: `expected exactly one allowed form to match; ${n} match` };
    }
    case "not":
      return { pointer: at, message: "matches a form that is not allowed here" };
    case "additionalProperties":
      return { pointer: at + "/" + escape(String(p.additionalProperty)), message: "no value is allowed here" };
    default:
      return e.message ? { pointer: at, message: e.message } : undefined;
  }
}

function suggestion(key: string, known: string[]) {
  const near = closest(key, known);
  return near ? ` (did you mean '${near}'?)` : ": seam does not read it (name your own fields x-...)";
}

// Formats and unknown fields, which seam checks outside the schema keywords Ajv runs.
function walk(s: Schema | undefined, v: unknown, path: Path, out: Diagnostic[], unknown: boolean) {
  if (!s || isAbsent(v)) return;
  if (typeof v === "string" && s.format === "date" && !isDate(v))
    out.push({ pointer: pointerOf(path), message: `expected a date written YYYY-MM-DD; found ${describe(v)}`, severity: "error" });
  if (Array.isArray(v)) {
    const item = Array.isArray(s.items) ? undefined : s.items;
    v.forEach((x, i) => walk(item, x, [...path, i], out, unknown));
    return;
  }
  if (v === null || typeof v !== "object") return;
  const closed = s.properties && Object.keys(s.properties).length > 0 && s.additionalProperties === undefined && !s.anyOf && !s.oneOf && !s.allOf;
  const known = fields(s).map(([k]) => k);
  for (const [k, x] of Object.entries(v)) {
    const sub = s.properties?.[k] ?? (typeof s.additionalProperties === "object" ? s.additionalProperties : undefined);
    if (unknown && !sub && closed && !k.startsWith("x-"))
      out.push({ pointer: pointerOf([...path, k]), message: `unknown field ${quote(k)}${suggestion(k, known)}`, severity: "warning" });
    walk(sub, x, [...path, k], out, unknown);
  }
}

// The versions seam upgrades to the current one when it reads them (src/doc/upgrade.h).
export const OLDER_VERSIONS = ["1.0", "1.1"];

// The version is checked first, as src/doc/load.cc does: an unknown one means the rest cannot
// be read, so no field is called unknown. Returns whether the schema applies.
function checkVersion(data: Record<string, unknown>, out: Diagnostic[]): "current" | "older" | "unknown" {
  const v = data.version;
  if (isAbsent(v)) return "current"; // the schema reports it missing
  if (typeof v === "number") {
    out.push({ pointer: "/version", message: `expected the version as a string, e.g. "1.2"; found number ${v}`, severity: "error" });
    return "unknown";
  }
  const text = typeof v === "string" ? v : describe(v);
  if (OLDER_VERSIONS.includes(text)) return "older";
  if (text === "1.2") return "current";
  out.push({ pointer: "/version", message: `unknown format version ${quote(text)}; seam reads 1.0, 1.1 and 1.2`, severity: "error" });
  return "unknown";
}

// Errors, then warnings; one per pointer and message, as the server reports them. A document
// in an older format version is upgraded by the server before it is checked, so here it gets
// no diagnostics: the server's, returned by a save, are the ones that count.
export function validate(compiled: Compiled, data: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (data === null || typeof data !== "object" || Array.isArray(data))
    return [{ pointer: "", message: `expected the descriptor to be an object of fields; found ${describe(data ?? null)}`, severity: "error" }];
  const version = checkVersion(data as Record<string, unknown>, out);
  if (version === "older") return [];
  const doc = prune(data);
  if (!compiled.validate(doc)) {
    const errors = compiled.validate.errors ?? [];
    // seam stops at a value of the wrong type, and reports a failed anyOf/oneOf once rather
    // than each branch's complaint.
    const typed = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
    const branches = (e: ValidationError) => /\/(anyOf|oneOf|not)\/\d*/.test(e.schemaPath ?? "");
    for (const e of errors) {
      if (e.keyword !== "type" && typed.has(e.instancePath) && e.keyword !== "required") continue;
      if (branches(e)) continue;
      const value = valueAt(doc, e.instancePath);
      if (e.keyword !== "required" && isAbsent(value)) continue;
      const m = message(e, value);
      if (m && !(m.pointer === "/version" && version === "unknown")) out.push({ ...m, severity: "error" });
    }
  }
  walk(compiled.schema, data, [], out, version === "current"); // an unknown field is one even when empty
  const seen = new Set<string>();
  return out.filter((d) => {
    const key = d.severity + d.pointer + "\n" + d.message;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
