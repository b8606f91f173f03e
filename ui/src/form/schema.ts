// The part of JSON Schema (draft-07) that seam's descriptor schemas use, and what the form
// makes of each piece. The form is generated from these, so a new schema version needs no UI
// change: a field's widget follows from its type, enum and format alone.
export type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";

// Where a field's pick-list comes from: values found in another descriptor at a JSON pointer
// whose "*" segments match every array item, e.g. training_data /data_fields/*/field_name.
export interface OptionsFrom {
  descriptor: string;
  pointer: string;
}

export interface Schema {
  title?: string;
  description?: string;
  examples?: unknown[];
  type?: JsonType | JsonType[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema | Schema[];
  minimum?: number;
  maximum?: number;
  deprecated?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  "x-seam-options-from"?: OptionsFrom;
}

export type Widget = "object" | "table" | "list" | "scalars" | "select" | "boolean" | "number" | "date" | "text" | "longtext" | "json";

function types(s: Schema): JsonType[] {
  if (s.type) return Array.isArray(s.type) ? s.type.filter((t) => t !== "null") : [s.type];
  if (s.enum) return [...new Set(s.enum.map((v) => typeOf(v)))];
  return [];
}

export function typeOf(v: unknown): JsonType {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v as JsonType;
}

const itemSchema = (s: Schema): Schema | undefined => (Array.isArray(s.items) ? undefined : s.items);

// A scalar row cell: enums, booleans, numbers, dates and short text fit a table column.
function scalar(s: Schema): boolean {
  const t = types(s);
  return t.length === 1 && t[0] !== "object" && t[0] !== "array";
}

// Free-text fields whose name says they hold prose get a multi-line box.
const PROSE = /description|notes|rationale|comment|explanation|summary|reason/;

export function widget(s: Schema, key = ""): Widget {
  const t = types(s);
  if (s.enum && s.enum.every((v) => typeof v === "string")) return "select";
  if (t.length !== 1) return "json";
  switch (t[0]) {
    case "object":
      return s.properties ? "object" : "json";
    case "array": {
      const item = itemSchema(s);
      if (!item) return "json";
      if (scalar(item)) return "scalars";
      if (item.properties && Object.values(item.properties).every((p) => p.deprecated || scalar(p))) return "table";
      return item.properties ? "list" : "json";
    }
    case "boolean":
      return "boolean";
    case "number":
    case "integer":
      return "number";
    default:
      if (s.format === "date") return "date";
      return PROSE.test(key) ? "longtext" : "text";
  }
}

// The fields of an object schema that a form shows: all but deprecated ones, which are older
// formats' names that seam still reads but nobody should write.
const fieldLists = new WeakMap<Schema, [string, Schema][]>();
export function fields(s: Schema): [string, Schema][] {
  let list = fieldLists.get(s); // the same array each time, so that rows can tell nothing changed
  if (!list) fieldLists.set(s, (list = Object.entries(s.properties ?? {}).filter(([, p]) => !p.deprecated)));
  return list;
}

export function item(s: Schema): Schema {
  return itemSchema(s) ?? {};
}

const ACRONYMS: Record<string, string> = { gpu: "GPU", cpu: "CPU", ml: "ML", id: "ID", url: "URL", api: "API", trl: "TRL", fp: "FP", fn: "FN" };

// "model_components" -> "Model components", "gpu" -> "GPU"
export function label(key: string, s?: Schema): string {
  if (s?.title) return s.title;
  const words = key.split("_").filter(Boolean).map((w) => ACRONYMS[w] ?? w).join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// The schema of the value at `path` (keys and array indices) below `root`, if any.
export function at(root: Schema, path: (string | number)[]): Schema | undefined {
  let s: Schema | undefined = root;
  for (const step of path) {
    if (!s) return undefined;
    s = typeof step === "number" ? itemSchema(s) : s.properties?.[step];
  }
  return s;
}

export function example(s: Schema): string | undefined {
  if (!s.examples?.length) return undefined;
  const e = s.examples[0];
  return typeof e === "string" ? e : JSON.stringify(e);
}

// A field's value as one line of text, for views that compare values.
export const shown = (v: unknown) => (v === undefined ? "(not set)" : typeof v === "string" ? v : JSON.stringify(v));
