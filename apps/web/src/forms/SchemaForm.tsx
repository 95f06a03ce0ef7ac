import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { FieldError } from '../api';
import { isoToLocal, localToIso } from '../format';
import { errorsAt, worded } from './errors';
import type { JsonSchema } from './json-schema';

/**
 * A task's form, drawn from its kind's answer schema (the one the API validates with): an input per field, a picker
 * for the GCM objectives, a choice for an enum, the Network's objectives by name, one line per quarter for milestones,
 * rows to add and remove for lists. Labels are the reader's language's (`field.*`); the API's 422 errors appear on the
 * field they name. Nothing is checked here before sending: the API is the one judge.
 */
export interface FormContext {
  readonly gcmObjectives?: readonly { number: number; title: string }[];
  readonly networkObjectives?: readonly { number: number; text: string }[];
  readonly timeZone: string;
}

interface FieldProps {
  readonly schema: JsonSchema;
  readonly name: string;
  readonly parent: string;
  readonly path: string;
  readonly value: unknown;
  readonly onChange: (v: unknown) => void;
  readonly errors: readonly FieldError[];
  readonly ctx: FormContext;
  readonly required: boolean;
}

const types = (s: JsonSchema) => (s.type === undefined ? [] : typeof s.type === 'string' ? [s.type] : s.type);
const is = (s: JsonSchema, t: string) => types(s).includes(t as never);
/** A field's element id: an input's, or a group's (radios, the GCM picker, a list), which the error summary links to. */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9]/g, '-')}`;

export function SchemaForm(props: {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange: (v: Record<string, unknown>) => void;
  errors: readonly FieldError[];
  ctx: FormContext;
}) {
  return (
    <ObjectFields
      schema={props.schema}
      path=""
      parent=""
      value={props.value}
      onChange={(v) => props.onChange(v as Record<string, unknown>)}
      errors={props.errors}
      ctx={props.ctx}
    />
  );
}

/** A value the schema starts a new item with: an object with its required lists and objects, empty. */
export function emptyOf(s: JsonSchema): unknown {
  if (is(s, 'object'))
    return Object.fromEntries(
      (s.required ?? [])
        .filter((k) => s.properties?.[k])
        .map((k) => [k, emptyOf(s.properties![k])])
        .filter(([, v]) => v !== undefined),
    );
  if (is(s, 'array')) return s.minItems && s.minItems === s.maxItems ? Array(s.minItems).fill('') : [];
  if (is(s, 'string') && !s.enum) return '';
  return undefined;
}

/** What is sent: optional fields left empty are left out (a required one stays, for the API to name). */
export function cleaned(s: JsonSchema, v: unknown): unknown {
  if (is(s, 'object') && v && typeof v === 'object' && !Array.isArray(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const sub = s.properties?.[k] ?? {};
      const c = cleaned(sub, x);
      const empty = c === undefined || c === '' || (Array.isArray(c) && c.length === 0 && !s.required?.includes(k));
      if (!empty || s.required?.includes(k)) out[k] = c === undefined ? '' : c;
    }
    return out;
  }
  if (is(s, 'array') && Array.isArray(v) && s.items) return v.map((x) => cleaned(s.items!, x));
  return v;
}

function ObjectFields(p: Omit<FieldProps, 'name' | 'required'>) {
  const o = (p.value ?? {}) as Record<string, unknown>;
  return (
    <>
      {Object.entries(p.schema.properties ?? {}).map(([key, sub]) => (
        <Field
          key={key}
          schema={sub}
          name={key}
          parent={p.parent}
          path={p.path ? `${p.path}.${key}` : key}
          value={o[key]}
          onChange={(v) => p.onChange({ ...o, [key]: v })}
          errors={p.errors}
          ctx={p.ctx}
          required={p.schema.required?.includes(key) ?? false}
        />
      ))}
    </>
  );
}

function useLabel(parent: string, name: string): string {
  const { t } = useTranslation();
  return t(`fieldIn.${parent}.${name}`, { defaultValue: t(`field.${name}`, { defaultValue: name }) });
}

function Errors({ id, errors }: { id: string; errors: readonly FieldError[] }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <span id={id} className="field-error">
      {errors.map((e) => worded(e.message, t)).join(' · ')}
    </span>
  );
}

/** A labelled control with its errors under it. */
function Labelled(p: { path: string; label: string; required: boolean; errors: FieldError[]; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={`field${p.errors.length ? ' invalid' : ''}`}>
      <label htmlFor={fieldId(p.path)}>
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : <span className="optional"> ({t('form.optional')})</span>}
      </label>
      {p.children}
      <Errors id={`${fieldId(p.path)}-error`} errors={p.errors} />
    </div>
  );
}

function Field(p: FieldProps) {
  const { t } = useTranslation();
  const label = useLabel(p.parent, p.name);
  const s = p.schema;
  const id = fieldId(p.path);
  const own = errorsAt(p.errors, p.path, false);
  const aria = (errs: FieldError[]) => ({
    id,
    'aria-invalid': errs.length > 0 || undefined,
    'aria-describedby': errs.length > 0 ? `${id}-error` : undefined,
    'aria-required': p.required || undefined,
  });

  if (p.name === 'gcmObjectives' && is(s, 'array')) return <GcmPicker {...p} label={label} />;
  if (is(s, 'array') && s.items && is(s.items, 'object')) return <ObjectList {...p} label={label} />;
  if (is(s, 'array')) return <StringList {...p} label={label} />;
  if (is(s, 'object')) {
    return (
      <fieldset className="group">
        <legend>{label}</legend>
        <ObjectFields {...p} parent={p.name} />
      </fieldset>
    );
  }
  if (s.enum && s.enum.length <= 4 && !['leadAgency', 'owner', 'agency'].includes(p.name)) {
    return (
      <fieldset
        id={id}
        tabIndex={-1}
        className={`choice${own.length ? ' invalid' : ''}`}
        aria-describedby={own.length ? `${id}-error` : undefined}
      >
        <legend>
          {label}
          {p.required && <span aria-hidden="true"> *</span>}
        </legend>
        {s.enum.map((v) => (
          <label key={String(v)} className="option">
            <input type="radio" name={id} value={String(v)} checked={p.value === v} onChange={() => p.onChange(v)} />{' '}
            {t(`enum.${String(v)}`, { defaultValue: String(v) })}
          </label>
        ))}
        <Errors id={`${id}-error`} errors={own} />
      </fieldset>
    );
  }
  if (s.enum || (p.name === 'networkObjective' && p.ctx.networkObjectives?.length)) {
    const options: [string, string][] = s.enum
      ? s.enum.map((v) => [String(v), t(`enum.${String(v)}`, { defaultValue: String(v) })])
      : p.ctx.networkObjectives!.map((o) => [String(o.number), `${o.number}. ${o.text}`]);
    return (
      <Labelled path={p.path} label={label} required={p.required} errors={own}>
        <select
          {...aria(own)}
          value={p.value === undefined ? '' : String(p.value)}
          onChange={(e) =>
            p.onChange(e.target.value === '' ? undefined : is(s, 'integer') ? Number(e.target.value) : e.target.value)
          }
        >
          <option value="">—</option>
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      </Labelled>
    );
  }
  if (is(s, 'integer') || is(s, 'number')) {
    return (
      <Labelled path={p.path} label={label} required={p.required} errors={own}>
        <input
          {...aria(own)}
          type="number"
          inputMode="numeric"
          min={s.minimum}
          max={s.maximum}
          value={p.value === undefined ? '' : String(p.value)}
          onChange={(e) => p.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      </Labelled>
    );
  }
  if (s.format === 'date-time') {
    return (
      <Labelled path={p.path} label={`${label} (${p.ctx.timeZone})`} required={p.required} errors={own}>
        <input
          {...aria(own)}
          type="datetime-local"
          value={typeof p.value === 'string' && p.value ? isoToLocal(p.value, p.ctx.timeZone) : ''}
          onChange={(e) => p.onChange(e.target.value ? localToIso(e.target.value, p.ctx.timeZone) : '')}
        />
      </Labelled>
    );
  }
  const long = (s.maxLength ?? 0) > 1_000 && p.name !== 'title'; // a title is a line, whatever it may hold
  const text = typeof p.value === 'string' ? p.value : '';
  return (
    <Labelled path={p.path} label={label} required={p.required} errors={own}>
      {long ? (
        <textarea
          {...aria(own)}
          rows={p.name === 'minutes' ? 10 : 4}
          value={text}
          onChange={(e) => p.onChange(e.target.value)}
        />
      ) : (
        <input {...aria(own)} type="text" value={text} onChange={(e) => p.onChange(e.target.value)} />
      )}
    </Labelled>
  );
}

/** The 23 GCM objectives as checkboxes, by number and title. */
function GcmPicker(p: FieldProps & { label: string }) {
  const { t } = useTranslation();
  const chosen = Array.isArray(p.value) ? (p.value as number[]) : [];
  const errs = errorsAt(p.errors, p.path, true);
  const all = p.ctx.gcmObjectives?.length
    ? p.ctx.gcmObjectives
    : Array.from({ length: 23 }, (_, i) => ({ number: i + 1, title: '' }));
  const id = fieldId(p.path);
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={`gcm${errs.length ? ' invalid' : ''}`}
      aria-describedby={errs.length ? `${id}-error` : undefined}
    >
      <legend>
        {p.label}
        {p.required && <span aria-hidden="true"> *</span>}
      </legend>
      <div className="gcm-grid">
        {all.map((o) => (
          <label key={o.number} className="option" title={o.title}>
            <input
              type="checkbox"
              checked={chosen.includes(o.number)}
              onChange={(e) =>
                p.onChange(
                  e.target.checked ? [...chosen, o.number].sort((a, b) => a - b) : chosen.filter((n) => n !== o.number),
                )
              }
            />{' '}
            <span className="gcm-number">{t('form.gcm', { n: o.number })}</span> {o.title}
          </label>
        ))}
      </div>
      <Errors id={`${id}-error`} errors={errs} />
    </fieldset>
  );
}

/** A list of short texts: one line each (four, one per quarter, for milestones). */
function StringList(p: FieldProps & { label: string }) {
  const { t } = useTranslation();
  const list = Array.isArray(p.value) ? (p.value as string[]) : [];
  const fixed = p.schema.minItems !== undefined && p.schema.minItems === p.schema.maxItems;
  const errs = errorsAt(p.errors, p.path, true);
  const id = fieldId(p.path);
  const set = (i: number, v: string) => p.onChange(list.map((x, j) => (j === i ? v : x)));
  const itemLabel = (i: number) =>
    fixed && list.length === 4 ? t('form.quarter', { n: i + 1 }) : `${p.label} ${i + 1}`;
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={`list${errs.length ? ' invalid' : ''}`}
      aria-describedby={errs.length ? `${id}-error` : undefined}
    >
      <legend>
        {p.label}
        {!p.required && <span className="optional"> ({t('form.optional')})</span>}
      </legend>
      {list.map((x, i) => (
        <div key={i} className="row">
          <label className="inline">
            <span className={fixed ? undefined : 'visually-hidden'}>{itemLabel(i)}</span>
            <input type="text" value={x} onChange={(e) => set(i, e.target.value)} />
          </label>
          {!fixed && (
            <button type="button" className="link" onClick={() => p.onChange(list.filter((_, j) => j !== i))}>
              {t('form.remove')}
              <span className="visually-hidden"> {itemLabel(i)}</span>
            </button>
          )}
        </div>
      ))}
      {!fixed && (
        <button type="button" className="secondary" onClick={() => p.onChange([...list, ''])}>
          {t('form.add', { what: p.label })}
        </button>
      )}
      <Errors id={`${id}-error`} errors={errs} />
    </fieldset>
  );
}

/** A list of objects (activities, indicators, attendees, action items, impediments): a group each, added and removed. */
function ObjectList(p: FieldProps & { label: string }) {
  const { t } = useTranslation();
  const uid = useId();
  const list = Array.isArray(p.value) ? (p.value as Record<string, unknown>[]) : [];
  const own = errorsAt(p.errors, p.path, false);
  const item = p.schema.items!;
  const noun = t(`item.${p.name}`, { defaultValue: p.label });
  return (
    <section
      id={fieldId(p.path)}
      tabIndex={-1}
      className={`object-list${own.length ? ' invalid' : ''}`}
      aria-labelledby={`${uid}-h`}
    >
      <h3 id={`${uid}-h`}>
        {p.label}
        {!p.required && <span className="optional"> ({t('form.optional')})</span>}
      </h3>
      {list.map((x, i) => (
        <fieldset key={i} className="item">
          <legend>
            {noun} {i + 1}
          </legend>
          <ObjectFields
            schema={item}
            path={`${p.path}[${i}]`}
            parent={p.name}
            value={x}
            onChange={(v) => p.onChange(list.map((y, j) => (j === i ? v : y)))}
            errors={p.errors}
            ctx={p.ctx}
          />
          <button type="button" className="link" onClick={() => p.onChange(list.filter((_, j) => j !== i))}>
            {t('form.removeItem', { what: `${noun} ${i + 1}` })}
          </button>
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={() => p.onChange([...list, emptyOf(item)])}>
        {t('form.add', { what: noun })}
      </button>
      <Errors id={`${fieldId(p.path)}-error`} errors={own} />
    </section>
  );
}
