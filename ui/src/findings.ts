// Grouping and filtering of a project's findings for the findings page. Kept apart from the
// page so that the rules of what is shown where can be tested without a browser.
import type { Finding } from "./api";

export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Filter {
  severities: Set<Severity>;
  category: string; // "" for all
  text: string; // matched against message, rule, category and item texts, case-insensitively
  showWaived: boolean;
}

export function matches(f: Finding, filter: Filter): boolean {
  if (!filter.severities.has(f.severity)) return false;
  if (f.waived && !filter.showWaived) return false;
  if (filter.category && f.category !== filter.category) return false;
  const q = filter.text.trim().toLowerCase();
  if (!q) return true;
  const haystack = [f.message, f.rule, f.category, f.subcategory, ...f.items.map((i) => i.text)].join("\n").toLowerCase();
  return q.split(/\s+/).every((word) => haystack.includes(word));
}

export interface Group {
  severity: Severity;
  categories: { category: string; findings: Finding[] }[];
  count: number;
}

// Severity first (errors on top), then taxonomy category in alphabetical order; the findings
// keep the order the engine reported them in.
export function group(findings: Finding[], filter: Filter): Group[] {
  const out: Group[] = [];
  for (const severity of SEVERITIES) {
    const bySeverity = findings.filter((f) => f.severity === severity && matches(f, filter));
    if (!bySeverity.length) continue;
    const categories = [...new Set(bySeverity.map((f) => f.category))].sort();
    out.push({
      severity,
      count: bySeverity.length,
      categories: categories.map((category) => ({ category, findings: bySeverity.filter((f) => f.category === category) })),
    });
  }
  return out;
}

export function categories(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.category))].sort();
}
