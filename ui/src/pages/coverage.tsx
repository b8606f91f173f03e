// The coverage matrix: the 34 subcategories of the mismatch taxonomy, grouped by category, as
// a heat map of how many of the server's rules check each one, with this project's open
// findings in each. A cell no rule covers is outlined: there, seam cannot warn.
import type { Finding } from "../api";

export interface SubcategoryCoverage {
  category: string;
  subcategory: string;
  rules: string[];
  missing_checks: string[];
  coverage: "mismatch" | "missing_only" | "none";
}

function heat(c: SubcategoryCoverage): string {
  if (c.coverage === "none") return "heat-none";
  if (c.coverage === "missing_only") return "heat-1";
  return c.rules.length >= 3 ? "heat-4" : c.rules.length === 2 ? "heat-3" : "heat-2";
}

export function CoverageMatrix({ subcategories, findings }: { subcategories: SubcategoryCoverage[]; findings: Finding[] }) {
  const categories = [...new Set(subcategories.map((s) => s.category))];
  const open = (s: SubcategoryCoverage) => findings.filter((f) => !f.waived && f.category === s.category && f.subcategory === s.subcategory).length;
  return (
    <section class="coverage" aria-labelledby="coverage-title">
      <h2 id="coverage-title">Coverage</h2>
      <p>
        The {subcategories.length} subcategories of the mismatch taxonomy against the rules that check them; darker means more rules. The number is this
        project's open findings there.
      </p>
      <ul class="legend" aria-label="Legend">
        <li><span class="swatch heat-none" /> no rule</li>
        <li><span class="swatch heat-1" /> missing-information checks only</li>
        <li><span class="swatch heat-2" /> 1 mismatch rule</li>
        <li><span class="swatch heat-3" /> 2</li>
        <li><span class="swatch heat-4" /> 3 or more</li>
      </ul>
      {categories.map((cat) => (
        <div key={cat} class="coverage-row">
          <h3>{cat}</h3>
          <ul class="cells">
            {subcategories
              .filter((s) => s.category === cat)
              .map((s) => {
                const n = open(s);
                return (
                  <li key={s.subcategory} class={"cell " + heat(s)} title={[...s.rules, ...s.missing_checks].join(", ") || "no rule"}>
                    <span class="cell-name">{s.subcategory}</span>
                    <span class="cell-count">
                      {s.rules.length} rule{s.rules.length === 1 ? "" : "s"}
                      {s.missing_checks.length > 0 && ` + ${s.missing_checks.length} check${s.missing_checks.length === 1 ? "" : "s"}`}
                      {n > 0 && (
                        <>
                          {" · "}
                          <strong>
                            {n} finding{n === 1 ? "" : "s"}
                          </strong>
                        </>
                      )}
                    </span>
                  </li>
                );
              })}
          </ul>
        </div>
      ))}
    </section>
  );
}
