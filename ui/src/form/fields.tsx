// The form, generated from a descriptor's JSON Schema: objects become sections and
// fieldsets, enums selects, arrays of flat objects editable tables, arrays of nested objects
// lists of fieldsets. Every control has a label and an info control with the field's
// description and example; messages from validation sit beside the field they concern.
import { useEffect, useState } from "preact/hooks";
import { memo } from "preact/compat";
import { sources } from "./options";
import { example, fields, item, label, widget, type Schema } from "./schema";
import { pointerOf, type Diagnostic, type Path } from "./validate";

export interface FormContext {
  set(path: Path, value: unknown): void;
  add(path: Path, value: unknown): void;
  remove(path: Path): void;
  problems: Map<string, Diagnostic[]>; // by JSON pointer
  options(s: Schema): string[];
}

export const fieldId = (pointer: string) => "field" + pointer;

interface FieldProps {
  name: string;
  schema: Schema;
  path: Path;
  value: unknown;
  ctx: FormContext;
  required?: boolean;
  // in a table cell: the column header carries the visible label and the info control
  cellLabel?: string;
  // a section of its own, whose heading already names it
  bare?: boolean;
  // the pick-list, when the caller has it already (a table computes it once per column)
  options?: string[];
}

function Info({ schema, name }: { schema: Schema; name: string }) {
  const e = example(schema);
  if (!schema.description && e === undefined) return null;
  return (
    <details class="info">
      <summary aria-label={"About " + name}>?</summary>
      <div class="info-text">
        {schema.description && <p>{schema.description}</p>}
        {e !== undefined && (
          <p>
            Example: <code>{e}</code>
          </p>
        )}
      </div>
    </details>
  );
}

function Messages({ pointer, ctx }: { pointer: string; ctx: FormContext }) {
  const list = ctx.problems.get(pointer);
  if (!list) return null;
  return (
    <ul class="field-msg" id={fieldId(pointer) + "-msg"}>
      {list.map((d, i) => (
        <li key={i} class={d.severity}>
          {d.message}
        </li>
      ))}
    </ul>
  );
}

function aria(pointer: string, ctx: FormContext) {
  const has = ctx.problems.has(pointer);
  return {
    id: fieldId(pointer),
    "aria-invalid": has && ctx.problems.get(pointer)!.some((d) => d.severity === "error") ? ("true" as const) : undefined,
    "aria-describedby": has ? fieldId(pointer) + "-msg" : undefined,
  };
}

// Numbers are typed as text so that "1." or "-" survive while typing; what is not a number
// yet is kept as text, and validation says so.
function NumberInput({ value, onValue, props }: { value: unknown; onValue: (v: unknown) => void; props: Record<string, unknown> }) {
  const shown = value === undefined || value === null ? "" : String(value);
  const [text, setText] = useState(shown);
  useEffect(() => {
    if (parseNumber(text) !== value) setText(shown);
  }, [shown]);
  return (
    <input
      type="text"
      inputMode="decimal"
      value={text}
      onInput={(e) => {
        setText(e.currentTarget.value);
        onValue(parseNumber(e.currentTarget.value));
      }}
      {...props}
    />
  );
}

function parseNumber(t: string): unknown {
  const s = t.trim();
  if (s === "") return undefined;
  return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? Number(s) : t;
}

function JsonInput({ value, onValue, props }: { value: unknown; onValue: (v: unknown) => void; props: Record<string, unknown> }) {
  const [text, setText] = useState(value === undefined ? "" : JSON.stringify(value, null, 2));
  const [bad, setBad] = useState("");
  return (
    <>
      <textarea
        rows={4}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onBlur={() => {
          try {
            onValue(text.trim() ? JSON.parse(text) : undefined);
            setBad("");
          } catch (e) {
            setBad("not JSON: " + (e as Error).message);
          }
        }}
        {...props}
      />
      {bad && <p class="field-msg error">{bad}</p>}
    </>
  );
}

function Scalar({ name, schema, path, value, ctx, cellLabel, options: givenOptions }: FieldProps) {
  const pointer = pointerOf(path);
  const set = (v: unknown) => ctx.set(path, v);
  const props: Record<string, unknown> = { ...aria(pointer, ctx), "aria-label": cellLabel };
  const kind = widget(schema, name);
  if (kind === "select") {
    const options = (schema.enum as string[]).slice();
    if (typeof value === "string" && value && !options.includes(value)) options.unshift(value);
    return (
      <select value={typeof value === "string" ? value : ""} onChange={(e) => set(e.currentTarget.value)} {...props}>
        <option value="">(not set)</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  if (kind === "boolean") {
    const shown = value === true ? "true" : value === false ? "false" : "";
    return (
      <select value={shown} onChange={(e) => set(e.currentTarget.value === "" ? undefined : e.currentTarget.value === "true")} {...props}>
        <option value="">(not set)</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  if (kind === "number") return <NumberInput value={value} onValue={set} props={props} />;
  if (kind === "json") return <JsonInput value={value} onValue={set} props={props} />;
  const shown = value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (kind === "longtext") return <textarea rows={3} value={shown} onInput={(e) => set(e.currentTarget.value)} {...props} />;
  const options = givenOptions ?? ctx.options(schema);
  const listId = options.length ? fieldId(pointer) + "-options" : undefined;
  return (
    <>
      <input
        type="text"
        value={shown}
        list={listId}
        placeholder={kind === "date" ? "YYYY-MM-DD" : undefined}
        onInput={(e) => set(e.currentTarget.value)}
        {...props}
      />
      {listId && (
        <datalist id={listId}>
          {options.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      )}
    </>
  );
}

function Labelled({ name, schema, path, required, children, ctx }: FieldProps & { children: preact.ComponentChildren }) {
  const pointer = pointerOf(path);
  const text = label(name, schema);
  return (
    <div class="field" data-pointer={pointer}>
      <div class="field-head">
        <label for={fieldId(pointer)}>
          {text}
          {required && <span class="required" title="required"> *</span>}
        </label>
        <Info schema={schema} name={text} />
      </div>
      {children}
      <Messages pointer={pointer} ctx={ctx} />
    </div>
  );
}

function Items(p: FieldProps) {
  const { schema, path, value, ctx, name } = p;
  const list = Array.isArray(value) ? value : [];
  const each = item(schema);
  const text = label(name, schema);
  return (
    <div class="items">
      {list.map((v, i) => (
        <div class="item-row" key={i}>
          <Scalar name={name} schema={each} path={[...path, i]} value={v} ctx={ctx} cellLabel={`${text}, item ${i + 1}`} />
          <button type="button" class="remove" aria-label={`Remove ${text} item ${i + 1}`} onClick={() => ctx.remove([...path, i])}>
            ×
          </button>
          <Messages pointer={pointerOf([...path, i])} ctx={ctx} />
        </div>
      ))}
      <button type="button" onClick={() => ctx.add(path, "")}>
        Add to {text}
      </button>
    </div>
  );
}

function Table({ schema, path, value, ctx, name }: FieldProps) {
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const row = item(schema);
  const columns = fields(row);
  const text = label(name, schema);
  const options = columns.map(([, s]) => ctx.options(s).join("\n"));
  return (
    <div class="table-wrap">
      <table class="form-table">
        <caption class="sr-only">{text}</caption>
        <thead>
          <tr>
            {columns.map(([k, s]) => (
              <th key={k} scope="col">
                <span>{label(k, s)}</span>
                {row.required?.includes(k) && <span class="required"> *</span>}
                <Info schema={s} name={label(k, s)} />
              </th>
            ))}
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <Row key={i} row={r} index={i} path={path} columns={columns} options={options} ctx={ctx} table={text} />
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => ctx.add(path, {})}>
        Add a row to {text}
      </button>
    </div>
  );
}

interface RowProps {
  row: Record<string, unknown>;
  index: number;
  path: Path;
  columns: [string, Schema][];
  options: string[]; // each column's pick-list, one value per line
  ctx: FormContext;
  table: string;
}

function RowView({ row, index: i, path, columns, options, ctx, table }: RowProps) {
  return (
    <tr>
      {columns.map(([k, s], c) => (
        <td key={k}>
          <Scalar name={k} schema={s} path={[...path, i, k]} value={row?.[k]} ctx={ctx} cellLabel={`${label(k, s)}, row ${i + 1}`} options={options[c] ? options[c].split("\n") : []} />
          <Messages pointer={pointerOf([...path, i, k])} ctx={ctx} />
        </td>
      ))}
      <td>
        <button type="button" class="remove" aria-label={`Remove row ${i + 1} of ${table}`} onClick={() => ctx.remove([...path, i])}>
          ×
        </button>
      </td>
    </tr>
  );
}

// A row redraws when its values, its problems or its columns' pick-lists changed.
const Row = memo(
  RowView,
  (a, b) =>
    a.row === b.row &&
    a.index === b.index &&
    a.columns === b.columns &&
    a.table === b.table &&
    pointerOf(a.path) === pointerOf(b.path) &&
    a.options.join("\0") === b.options.join("\0") &&
    problemsUnder(a.ctx.problems, pointerOf([...a.path, a.index])) === problemsUnder(b.ctx.problems, pointerOf([...b.path, b.index])),
);

function List({ schema, path, value, ctx, name }: FieldProps) {
  const list = Array.isArray(value) ? value : [];
  const each = item(schema);
  const text = label(name, schema);
  return (
    <div class="list">
      {list.map((v, i) => (
        <fieldset class="list-item" key={i}>
          <legend>
            {text} {i + 1}
          </legend>
          <ObjectFields schema={each} path={[...path, i]} value={v} ctx={ctx} />
          <button type="button" class="remove-item" onClick={() => ctx.remove([...path, i])}>
            Remove {text} {i + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => ctx.add(path, {})}>
        Add to {text}
      </button>
    </div>
  );
}

function FieldView(p: FieldProps) {
  const kind = widget(p.schema, p.name);
  const pointer = pointerOf(p.path);
  if (p.bare)
    return (
      <div class="field" data-pointer={pointer} id={fieldId(pointer)} tabIndex={-1}>
        <Messages pointer={pointer} ctx={p.ctx} />
        {kind === "object" ? <ObjectFields {...p} /> : kind === "table" ? <Table {...p} /> : <List {...p} />}
      </div>
    );
  if (kind === "object")
    return (
      <fieldset class="group" data-pointer={pointer}>
        <legend>
          {label(p.name, p.schema)} <Info schema={p.schema} name={label(p.name, p.schema)} />
        </legend>
        <Messages pointer={pointer} ctx={p.ctx} />
        <ObjectFields schema={p.schema} path={p.path} value={p.value} ctx={p.ctx} />
      </fieldset>
    );
  const body = kind === "table" ? <Table {...p} /> : kind === "list" ? <List {...p} /> : kind === "scalars" ? <Items {...p} /> : <Scalar {...p} />;
  const labelled = kind === "table" || kind === "list" || kind === "scalars";
  if (!labelled) return <Labelled {...p}>{body}</Labelled>;
  return (
    <div class="field" data-pointer={pointer} id={fieldId(pointer)} tabIndex={-1}>
      <div class="field-head">
        <h3 class="field-title">{label(p.name, p.schema)}</h3>
        <Info schema={p.schema} name={label(p.name, p.schema)} />
      </div>
      <Messages pointer={pointer} ctx={p.ctx} />
      {body}
    </div>
  );
}

export function ObjectFields({ schema, path, value, ctx }: { schema: Schema; path: Path; value: unknown; ctx: FormContext }) {
  const v = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return (
    <>
      {fields(schema).map(([k, s]) => (
        <Field key={k} name={k} schema={s} path={[...path, k]} value={v[k]} ctx={ctx} required={schema.required?.includes(k)} />
      ))}
    </>
  );
}

// The form: a section per top-level object or list, after one for the plain top-level fields.
export function Form({ schema, value, ctx }: { schema: Schema; value: unknown; ctx: FormContext }) {
  const v = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const all = fields(schema);
  const own = ([k, s]: [string, Schema]) => ["object", "table", "list"].includes(widget(s, k));
  const plain = all.filter((f) => !own(f));
  return (
    <>
      {plain.length > 0 && (
        <section class="form-section" aria-labelledby="section-general">
          <h2 id="section-general">General</h2>
          <ObjectFields schema={{ ...schema, properties: Object.fromEntries(plain) }} path={[]} value={v} ctx={ctx} />
        </section>
      )}
      {all.filter(own).map(([k, s]) => (
        <section key={k} class="form-section" aria-labelledby={"section-" + k}>
          <div class="field-head">
            <h2 id={"section-" + k}>{label(k, s)}</h2>
            <Info schema={s} name={label(k, s)} />
          </div>
          <Field name={k} schema={s} path={[k]} value={v[k]} ctx={ctx} bare />
        </section>
      ))}
    </>
  );
}

// The problems at a pointer and below it, as one string, per problems map (computed once).
const signatures = new WeakMap<Map<string, Diagnostic[]>, Map<string, string>>();
function problemsUnder(problems: Map<string, Diagnostic[]>, pointer: string): string {
  let cache = signatures.get(problems);
  if (!cache) signatures.set(problems, (cache = new Map()));
  let sig = cache.get(pointer);
  if (sig === undefined) {
    sig = "";
    for (const [p, list] of problems) if (p === pointer || p.startsWith(pointer + "/")) sig += p + list.map((d) => d.severity + d.message).join() + "\n";
    cache.set(pointer, sig);
  }
  return sig;
}

// Whether a field's pick-lists (its own or its children's) read other values of the form,
// which may change when any field does.
const picks = new WeakMap<Schema, boolean>();
function readsOthers(s: Schema): boolean {
  let r = picks.get(s);
  if (r === undefined) picks.set(s, (r = sources(s).size > 0));
  return r;
}

// A field redraws only when its value, its problems or its place changed: typing in one of
// 300 fields redraws that one (and the containers above it).
export const Field = memo(
  FieldView,
  (a, b) =>
    a.value === b.value &&
    a.schema === b.schema &&
    a.name === b.name &&
    a.required === b.required &&
    a.bare === b.bare &&
    a.cellLabel === b.cellLabel &&
    pointerOf(a.path) === pointerOf(b.path) &&
    !readsOthers(b.schema) &&
    problemsUnder(a.ctx.problems, pointerOf(a.path)) === problemsUnder(b.ctx.problems, pointerOf(b.path)),
);
