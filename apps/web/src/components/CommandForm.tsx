import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

import { ApiError, type FieldError } from '../api';
import { worded } from '../forms/errors';
import { zonedOrNothing } from '../format';

/** One field of a coordinator's command; `name` is the API's field path, so a 400 or 422 lands on it. */
export interface CommandField {
  readonly name: string;
  readonly label: string;
  readonly kind: 'text' | 'textarea' | 'datetime' | 'date' | 'select' | 'checkboxes';
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  /** Under the field; a date-time field without one names the network's time zone it is read in. */
  readonly hint?: string;
  /** Shown (and sent) only when this holds of the values. */
  readonly when?: (values: CommandValues) => boolean;
}
export type CommandValues = Readonly<Record<string, string | readonly string[]>>;

/** The reason every change of the coordinator's asks for, and the history keeps. */
export const reasonField = (t: TFunction): CommandField => ({
  name: 'reason',
  label: t('command.reason'),
  kind: 'textarea',
});

/**
 * A command the coordinator sends from a page (convene a meeting, circulate a decision, extend or reassign a task,
 * drop an action item): labelled fields, the API's refusals on the fields they name (the first focused), anything
 * else in an alert, and what was done in a status line. The API decides; the form only asks and tells.
 */
export function CommandForm(props: {
  readonly title: string;
  readonly submit: string;
  readonly fields: readonly CommandField[];
  readonly initial?: CommandValues;
  /** The network's zone: date-time fields are typed in its wall time and sent as instants (undefined when empty). */
  readonly timeZone: string;
  readonly send: (values: Readonly<Record<string, string | readonly string[] | undefined>>) => Promise<unknown>;
  /** What the status line says once it was done (and anything else to do then). */
  readonly done: (result: unknown) => ReactNode | Promise<ReactNode>;
}) {
  const { t } = useTranslation();
  const prefix = useId();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<CommandValues>(props.initial ?? {});
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const [problem, setProblem] = useState<string | undefined>();
  const [message, setMessage] = useState<ReactNode>();
  const shown = props.fields.filter((f) => !f.when || f.when(values));
  const command = useMutation({
    mutationFn: () =>
      props.send(
        Object.fromEntries(
          shown.map((f) => [
            f.name,
            f.kind === 'datetime' ? zonedOrNothing(values[f.name], props.timeZone) : (values[f.name] ?? ''),
          ]),
        ),
      ),
    onSuccess: async (result) => {
      setErrors([]);
      setProblem(undefined);
      setMessage(await props.done(result));
    },
    onError: (e) => {
      setMessage(undefined);
      const details = e instanceof ApiError ? e.details : [];
      setErrors(details);
      // A refusal that names no field shown here is said above the button, in the API's words.
      const placed = details.filter((d) => shown.some((f) => on(d, f.name)));
      setProblem(
        placed.length === details.length && details.length > 0
          ? t('command.fix', { count: details.length })
          : e instanceof Error
            ? e.message
            : String(e),
      );
    },
  });
  useEffect(() => {
    if (errors.length > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  const set = (name: string, v: string | readonly string[]) => setValues((old) => ({ ...old, [name]: v }));
  const id = (name: string) => `${prefix}-${name.replace(/\W/g, '-')}`;
  return (
    <form
      ref={form}
      noValidate
      className="command"
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault();
        command.mutate();
      }}
    >
      {shown.map((field) => {
        const f =
          field.kind === 'datetime' && !field.hint
            ? { ...field, hint: t('command.zone', { zone: props.timeZone }) }
            : field;
        const own = errors.filter((d) => on(d, f.name));
        const error = own.map((d) => worded(d.message, t)).join(' · ');
        const described = [f.hint ? `${id(f.name)}-hint` : '', error ? `${id(f.name)}-error` : '']
          .filter(Boolean)
          .join(' ');
        const common = {
          id: id(f.name),
          'aria-invalid': error ? true : undefined,
          'aria-describedby': described || undefined,
        };
        const value = values[f.name] ?? (f.kind === 'checkboxes' ? [] : '');
        return (
          <div key={f.name} className={error ? 'field invalid' : 'field'}>
            {f.kind === 'checkboxes' ? (
              <fieldset id={common.id} aria-describedby={common['aria-describedby']}>
                <legend>{f.label}</legend>
                {(f.options ?? []).map((o) => (
                  <label key={o.value} className="check">
                    <input
                      type="checkbox"
                      aria-invalid={common['aria-invalid']}
                      checked={(value as readonly string[]).includes(o.value)}
                      onChange={(e) =>
                        set(
                          f.name,
                          e.target.checked
                            ? [...(value as readonly string[]), o.value]
                            : (value as readonly string[]).filter((x) => x !== o.value),
                        )
                      }
                    />
                    {o.label}
                  </label>
                ))}
              </fieldset>
            ) : (
              <>
                <label htmlFor={id(f.name)}>{f.label}</label>
                {f.kind === 'textarea' ? (
                  <textarea
                    {...common}
                    rows={3}
                    value={value as string}
                    onChange={(e) => set(f.name, e.target.value)}
                  />
                ) : f.kind === 'select' ? (
                  <select {...common} value={value as string} onChange={(e) => set(f.name, e.target.value)}>
                    <option value="">{t('command.choose')}</option>
                    {(f.options ?? []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    {...common}
                    type={f.kind === 'datetime' ? 'datetime-local' : f.kind === 'date' ? 'date' : 'text'}
                    value={value as string}
                    onChange={(e) => set(f.name, e.target.value)}
                  />
                )}
              </>
            )}
            {f.hint && (
              <span id={`${id(f.name)}-hint`} className="hint">
                {f.hint}
              </span>
            )}
            {error && (
              <span id={`${id(f.name)}-error`} className="field-error">
                {error}
              </span>
            )}
          </div>
        );
      })}
      {problem && (
        <p role="alert" className="error-summary">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={command.isPending}>
        {props.submit}
      </button>
      {message && (
        <p role="status" className="note">
          {message}
        </p>
      )}
    </form>
  );
}

/** Whether an API error names this field, or something inside it (`payload.memberAgencies[1]`). */
function on(e: FieldError, name: string): boolean {
  return e.field === name || e.field.startsWith(`${name}.`) || e.field.startsWith(`${name}[`);
}

/** A command behind a disclosure: the page stays short, and the command is one keyboard step away. */
export function Disclosure({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="disclosure">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

/**
 * A status line's words, in the language the page is read in now: what `done` returns stays on the page, and the
 * reader may switch the language after sending (a string worded at `done` would stay in the old one).
 */
export function Said({ words }: { words: (say: TFunction) => string }) {
  const { t } = useTranslation();
  return <>{words(t)}</>;
}
