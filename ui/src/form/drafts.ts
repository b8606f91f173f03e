// Unsaved edits live in the browser's local storage until the server accepts them, so that
// nothing typed is lost to a closed tab, a failed save or a conflict. A draft remembers the
// revision it started from: saving it later still goes through If-Match, and a conflict then
// merges against that revision.
import type { Format } from "./document";

export interface Draft {
  text: string;
  format: Format;
  etag: string | null; // the revision the edit started from; null for a new descriptor
  base: string; // that revision's text, for a three-way merge
  at: string; // when it was last typed, ISO 8601
}

const key = (user: string, project: string, descriptor: string) => `seam:draft:${user}:${project}:${descriptor}`;

export function loadDraft(user: string, project: string, descriptor: string): Draft | null {
  try {
    const raw = localStorage.getItem(key(user, project, descriptor));
    const d = raw ? (JSON.parse(raw) as Draft) : null;
    return d && typeof d.text === "string" && typeof d.base === "string" ? d : null;
  } catch {
    return null;
  }
}

// Returns false when the browser refuses (storage full or disabled), so the page can say so.
export function saveDraft(user: string, project: string, descriptor: string, draft: Draft): boolean {
  try {
    localStorage.setItem(key(user, project, descriptor), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function dropDraft(user: string, project: string, descriptor: string) {
  try {
    localStorage.removeItem(key(user, project, descriptor));
  } catch {
    // nothing to drop
  }
}
