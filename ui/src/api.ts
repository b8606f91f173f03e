// The REST API under /api/v1 (docs/server.md), as the browser calls it: the session cookie
// authenticates, and every state-changing request carries the session's CSRF token.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

let csrf: string | null = null;

export function setCsrf(token: string | null) {
  csrf = token;
}

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const h: Record<string, string> = { Accept: "application/json", ...headers };
  // A string with its own Content-Type goes as it is (a profile); anything else as JSON.
  const raw = typeof body === "string" && "Content-Type" in headers;
  if (body !== undefined && !raw) h["Content-Type"] = "application/json";
  if (method !== "GET" && csrf) h["X-CSRF-Token"] = csrf;
  const res = await fetch("/api/v1" + path, {
    method,
    headers: h,
    body: body === undefined ? undefined : raw ? (body as string) : JSON.stringify(body),
    credentials: "same-origin",
  });
  const text = await res.text();
  const data = text ? safeJson(text) : null;
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; details?: unknown[] } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? "error", e?.message ?? `${method} ${path} failed with ${res.status}`, e?.details ?? [], data);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface Session {
  user: { name: string; admin: boolean };
  csrf_token: string | null;
}

export interface ProjectSummary {
  name: string;
  role: string;
  revision: number;
  created_at: string;
  last_change: { author: string; at: string; document: string } | null;
  summary: { error: number; warning: number; info: number; waived: number; drafts: number };
}

export interface Location {
  descriptor: string;
  pointer: string;
  line?: number;
  column?: number;
}

export interface Finding {
  rule: string;
  kind: string;
  severity: "error" | "warning" | "info";
  category: string;
  subcategory: string;
  message: string;
  rationale: string;
  reads: string[];
  waived: boolean;
  waiver_reason?: string;
  items: { text: string; values?: Record<string, unknown>; locations: Location[] }[];
}

export interface WaiverProblem {
  rule: string;
  problem: "expired" | "unused";
  detail: string;
  line: number;
}

export interface Report {
  findings: Finding[];
  waiver_problems: WaiverProblem[];
  summary: { error: number; warning: number; info: number; waived: number };
}

export const projectPath = (name: string) => "/projects/" + encodeURIComponent(name);

export interface DocumentMeta {
  kind: string;
  name: string;
  etag: string;
  revision: number;
  author: string;
  updated_at: string;
  draft: boolean;
  current_revision: number | null;
}

export interface Diagnostic {
  pointer: string;
  line?: number;
  column?: number;
  message: string;
}

export interface ChangedFinding {
  rule: string;
  severity: "error" | "warning" | "info";
  message: string;
  text: string;
  locations: Location[];
  waived: boolean;
}

export interface Revision {
  id: number;
  kind: "descriptor" | "waivers" | "card" | "profile";
  name: string;
  number: number;
  author: string;
  created_at: string;
  message: string;
  draft: boolean;
  introduced: ChangedFinding[];
  resolved: ChangedFinding[];
  format?: "yaml" | "json";
  content?: string;
  diagnostics?: { files: { errors: Diagnostic[]; warnings: Diagnostic[] }[] } | null;
}

export interface DocumentRead {
  etag: string;
  document: DocumentMeta;
  revision: Revision;
}

export interface Written {
  etag: string;
  revision: Revision;
  summary: Report["summary"];
}

export interface Project {
  project: ProjectSummary;
  documents: DocumentMeta[];
  members: { user: string; role: string }[];
  policy: Record<string, string[]>;
}

export const mayWrite = (p: Project, document: string) => p.project.role === "owner" || (p.policy[document] ?? []).includes(p.project.role);

export interface Page<T> {
  items: T[];
  next: number | null;
}

export interface DiffChange {
  op: "added" | "removed" | "changed";
  pointer: string;
  before?: unknown;
  after?: unknown;
}

// Where a document of each kind is read and written.
export function documentPath(project: string, kind: Revision["kind"], name: string): string {
  const base = projectPath(project);
  if (kind === "waivers") return base + "/waivers";
  if (kind === "card") return base + "/cards/" + encodeURIComponent(name);
  if (kind === "profile") return base + "/profiles/" + encodeURIComponent(name);
  return base + "/descriptors/" + encodeURIComponent(name);
}

// The name the write policy knows a document by.
export const policyName = (kind: Revision["kind"], name: string) => (kind === "card" ? "cards" : kind === "profile" ? "profiles" : name);
