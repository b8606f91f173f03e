// The source of a descriptor in CodeMirror 6: YAML or JSON highlighting, line numbers, undo,
// and every problem (syntax errors, and the form's validation messages placed at their field's
// line and column) underlined where it is. The text is the page's: typing here updates the
// form, and a change in the form replaces the text here.
import { useEffect, useRef } from "preact/hooks";
import { Compartment, EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine } from "@codemirror/view";
import { defaultHighlightStyle, syntaxHighlighting, bracketMatching } from "@codemirror/language";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import { yaml } from "@codemirror/lang-yaml";
import { json } from "@codemirror/lang-json";
import type { Format } from "./document";

export interface Marker {
  line: number;
  column: number;
  message: string;
  severity: "error" | "warning";
}

interface Props {
  text: string;
  format: Format;
  readOnly: boolean;
  markers: Marker[];
  label: string;
  onText: (text: string) => void;
}

export function SourceEditor({ text, format, readOnly, markers, label, onText }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const editable = useRef(new Compartment());
  const emit = useRef(onText);
  const syncing = useRef(false); // while the page's text is copied in, which is no edit
  emit.current = onText;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          highlightActiveLine(),
          history(),
          bracketMatching(),
          lintGutter(),
          syntaxHighlighting(defaultHighlightStyle),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          language.current.of(format === "json" ? json() : yaml()),
          editable.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.lineWrapping,
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !syncing.current) emit.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
  }, []);

  // A change made elsewhere (the form, a restored draft, a merge) replaces the text.
  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === text) return;
    syncing.current = true;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
    syncing.current = false;
  }, [text]);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(format === "json" ? json() : yaml()) });
  }, [format]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]) });
  }, [readOnly]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const doc = v.state.doc;
    const list: CmDiagnostic[] = markers
      .filter((m) => m.line >= 1 && m.line <= doc.lines)
      .map((m) => {
        const line = doc.line(m.line);
        const from = Math.min(line.from + Math.max(m.column - 1, 0), line.to);
        return { from, to: Math.max(from, line.to), severity: m.severity, message: m.message };
      });
    v.dispatch(setDiagnostics(v.state, list));
  }, [markers, text]);

  return <div class="source-editor" ref={host} />;
}
