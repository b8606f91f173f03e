// A descriptor being edited: its text (YAML or JSON, as the project stores it) and the value
// the form shows. YAML is kept as a `yaml` Document and edited in place, so that a change in
// the form leaves the rest of the file as its author wrote it, comments included.
import { isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { Path } from "./validate";

export type Format = "yaml" | "json";

export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

export interface Parsed {
  doc: Document;
  problems: SyntaxProblem[];
}

export function parse(text: string): Parsed {
  const lines = new LineCounter();
  // YAML 1.2's core schema, as seam reads it: 2020-01-01 stays a string, "yes" is not true.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems = doc.errors.map((e) => {
    const at = lines.linePos(e.pos[0]);
    return { line: at.line, column: at.col, message: e.message.split("\n")[0] };
  });
  return { doc, problems };
}

export function text(doc: Document, format: Format): string {
  if (format === "json") return JSON.stringify(doc.toJS() ?? {}, null, 2) + "\n";
  return doc.toString({ lineWidth: 0 });
}

const absent = (v: unknown) => v === undefined || v === "" || v === null;

// Sets the value at `path`; an empty value removes an object member (seam reads a missing
// field and an empty one alike) but only blanks a list item, whose place the user keeps.
export function setAt(doc: Document, path: Path, value: unknown) {
  ensureRoot(doc);
  const last = path[path.length - 1];
  if (absent(value) && typeof last === "string") {
    if (doc.hasIn(path)) doc.deleteIn(path);
    return;
  }
  doc.setIn(path, absent(value) ? "" : value);
}

function ensureRoot(doc: Document) {
  if (doc.contents === null || !isCollection(doc.contents)) doc.contents = doc.createNode({}) as never;
}

export function addAt(doc: Document, path: Path, value: unknown) {
  ensureRoot(doc);
  if (!isSeq(doc.getIn(path))) doc.setIn(path, doc.createNode([]));
  doc.addIn(path, doc.createNode(value));
}

export function removeAt(doc: Document, path: Path) {
  doc.deleteIn(path);
}

// Line and column (1-based) where each path's field starts in `text`: an object member's key
// (so that an empty value still has a place), an array item's value, or the nearest
// enclosing field that exists (a missing field points at its parent); undefined where none
// does.
export function positions(text: string, paths: Path[]): ({ line: number; column: number } | undefined)[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const start = (path: Path): number | undefined => {
    if (path.length === 0) return (doc.contents as { range?: [number, number, number] } | null)?.range?.[0];
    const parent = path.length <= 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    const last = path[path.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
      return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    }
    const node = doc.getIn(path, true);
    return (node as { range?: [number, number, number] } | null)?.range?.[0];
  };
  return paths.map((path) => {
    for (let n = path.length; n >= 0; n--) {
      const offset = start(path.slice(0, n));
      if (offset !== undefined) {
        const at = lines.linePos(offset);
        return { line: at.line, column: at.col };
      }
    }
    return undefined;
  });
}

// The plain value at `path` in the document, read fresh from the YAML nodes.
export function jsAt(doc: Document, path: Path): unknown {
  if (!path.length) return doc.toJS();
  const node = doc.getIn(path, true) as { toJS?: (d: Document) => unknown } | unknown;
  return node && typeof node === "object" && "toJS" in node && typeof node.toJS === "function" ? node.toJS(doc) : node;
}

// `v` with the value at `path` replaced, sharing every part the path does not cross, so that
// the form redraws only the fields whose values changed.
export function assoc(v: unknown, path: Path, x: unknown): unknown {
  if (!path.length) return x;
  const [step, ...rest] = path;
  if (typeof step === "number") {
    const arr = Array.isArray(v) ? [...v] : [];
    arr[step] = assoc(arr[step], rest, x);
    return arr;
  }
  const obj = v && typeof v === "object" && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {};
  obj[step] = assoc(obj[step], rest, x);
  return obj;
}
