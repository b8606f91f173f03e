// The source of a descriptor beside its form: the code editor, the format switch, and the
// syntax errors listed with their line and column.
import { useMemo } from "preact/hooks";
import { positions, type Format, type SyntaxProblem } from "../form/document";
import { SourceEditor, type Marker } from "../form/source-editor";
import { pathOf, type Diagnostic } from "../form/validate";

export interface SourceState {
  text: string;
  format: Format;
  problems: SyntaxProblem[];
}

export function Source({ edit, diagnostics, onText, onFormat, readOnly }: { edit: SourceState; diagnostics: Diagnostic[]; onText: (t: string) => void; onFormat: (f: Format) => void; readOnly: boolean }) {
  const markers = useMemo(() => {
    const syntax: Marker[] = edit.problems.map((p) => ({ ...p, severity: "error" }));
    if (syntax.length || !diagnostics.length) return syntax; // nothing to place: no reparse
    const at = positions(edit.text, diagnostics.map((d) => pathOf(d.pointer)));
    return diagnostics.flatMap((d, i) => (at[i] ? [{ ...at[i]!, message: d.message, severity: d.severity }] : []));
  }, [edit.text, edit.problems, diagnostics]);
  return (
    <div class="source">
      <div class="source-head">
        <h2 id="source-title">Source</h2>
        <label>
          Format{" "}
          <select value={edit.format} onChange={(e) => onFormat(e.currentTarget.value as Format)} disabled={readOnly || edit.problems.length > 0}>
            <option value="yaml">YAML</option>
            <option value="json">JSON</option>
          </select>
        </label>
      </div>
      <SourceEditor text={edit.text} format={edit.format} readOnly={readOnly} markers={markers} label="Source" onText={onText} />
      {edit.problems.length > 0 && (
        <ul class="field-msg" aria-label="Syntax errors">
          {edit.problems.map((p, i) => (
            <li key={i} class="error">
              line {p.line}, column {p.column}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
