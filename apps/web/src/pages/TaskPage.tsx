import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, get, post, seg, type FieldError } from '../api';
import type { PageProps } from '../App';
import { ContextView } from '../components/ContextView';
import { TaskChanges } from '../components/TaskChanges';
import { pathWords, worded } from '../forms/errors';
import { cleaned, emptyOf, fieldId, SchemaForm } from '../forms/SchemaForm';
import { formatDateTime } from '../format';
import { href, Link } from '../router';
import { actingRole } from '../session';
import { overdue, subjectWords, useTaskKinds, type Task } from '../tasks';

/** A draft is the person's own: on a shared computer the next person of the agency never sees it (sign-out clears all). */
export const DRAFT_PREFIX = 'mignet.draft.';
const draftKey = (network: string, person: string, id: string) => `${DRAFT_PREFIX}${network}.${person}.${id}`;

/** One task: what it asks (instructions), what its person needs (its context), and the form made for its kind. */
export function TaskPage({ here, language, id }: PageProps & { id: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const kinds = useTaskKinds(here.network);
  const task = useQuery({
    queryKey: ['task', here.network, id],
    queryFn: () => get<Task>(`/networks/${here.network}/tasks/${seg(id)}`),
  });
  const kind = kinds.data?.find((k) => k.kind === task.data?.kind);
  const role = actingRole(here.role);
  const mayAnswer =
    task.data !== undefined &&
    (task.data.status === 'open' || (task.data.status === 'completed' && kind?.resubmittable)) &&
    (task.data.assigneeRole === 'coordinator' ? role === 'coordinator' : role === 'agency');

  const [value, setValue] = useState<Record<string, unknown> | undefined>();
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const [problem, setProblem] = useState<string | undefined>();
  const [sent, setSent] = useState(false);

  // The form starts from the draft kept in this browser, else from the last answer, else from what the context offers.
  const initial = useMemo(() => {
    if (!task.data || !kind) return undefined;
    const kept = localStorage.getItem(draftKey(here.network, here.personId, id));
    if (kept) return JSON.parse(kept) as Record<string, unknown>;
    if (task.data.result && typeof task.data.result === 'object') return task.data.result as Record<string, unknown>;
    if (task.data.kind === 'consolidate-plan') return planFromContributions(task.data.context);
    return emptyOf(kind.schema) as Record<string, unknown>;
  }, [task.data, kind, here.network, here.personId, id]);
  useEffect(() => {
    if (initial && value === undefined) setValue(initial);
  }, [initial, value]);
  // Once the refused fields are on the page, the first gets the focus: a keyboard user lands where the problem is.
  useEffect(() => {
    if (errors.length > 0) document.querySelector<HTMLElement>('[aria-invalid="true"], .invalid input')?.focus();
  }, [errors]);
  const change = (v: Record<string, unknown>) => {
    setValue(v);
    localStorage.setItem(draftKey(here.network, here.personId, id), JSON.stringify(v));
  };

  const send = useMutation({
    mutationFn: () =>
      post<Task>(`/networks/${here.network}/tasks/${seg(id)}/complete`, cleaned(kind!.schema, value ?? {})),
    onSuccess: async (done) => {
      localStorage.removeItem(draftKey(here.network, here.personId, id));
      setErrors([]);
      setProblem(undefined);
      setSent(true);
      queries.setQueryData(['task', here.network, id], { ...done, context: task.data?.context });
      await queries.invalidateQueries({ queryKey: ['tasks', here.network] });
    },
    onError: (e) => {
      setSent(false);
      if (e instanceof ApiError && e.details.length > 0) {
        setErrors(e.details);
        setProblem(t('task.fix', { count: e.details.length }));
      } else setProblem(e instanceof Error ? e.message : String(e));
    },
  });

  if (task.isPending || kinds.isPending) return <p className="loading">{t('common.loading')}</p>;
  if (task.isError) return <p role="alert">{(task.error as Error).message}</p>;
  const x = task.data;
  const name = kind?.name[language] ?? x.kind;
  const about = subjectWords(x.subject, x.assignee, t);
  return (
    <article aria-labelledby="task-title" className="task">
      <p className="crumbs">
        <Link to={href(here.network, 'inbox')}>{t('nav.inbox')}</Link>
      </p>
      <h1 id="task-title">{name}</h1>
      <dl className="facts">
        <dt>{t('task.for')}</dt>
        <dd>{x.assigneeRole === 'coordinator' ? t('role.coordinator') : x.assignee}</dd>
        {about && (
          <>
            <dt>{t('task.about')}</dt>
            <dd>{about}</dd>
          </>
        )}
        <dt>{t('task.process')}</dt>
        <dd>
          {t(`process.${x.process.split(':')[0]}`)} {x.process.split(':').slice(2).join(':')}
        </dd>
        <dt>{t('task.due')}</dt>
        <dd>
          {formatDateTime(x.dueAt, language, here.timeZone)}
          {overdue(x) && <span className="mark late">{t('inbox.overdue')}</span>}
          {x.escalatedAt && x.status === 'open' && <span className="mark escalated">{t('inbox.escalated')}</span>}
        </dd>
        <dt>{t('task.status')}</dt>
        <dd>
          {t(`status.${x.status}`)}
          {x.closedReason
            ? ` (${x.status === 'expired' ? t(`silence.${x.kind}`, { defaultValue: x.closedReason }) : x.closedReason})`
            : ''}
        </dd>
        {x.completedAt && (
          <>
            <dt>{t('task.doneBy')}</dt>
            <dd className="done-by">
              {t('task.doneByText', {
                person: x.completedByPerson ?? t('task.aProgram'),
                agency: x.completedBy ?? '—',
                when: formatDateTime(x.completedAt, language, here.timeZone),
              })}
              {x.completedOnBehalfOf ? ` ${t('task.onBehalfOf', { person: x.completedOnBehalfOf })}` : ''}
            </dd>
          </>
        )}
      </dl>
      {kind && (
        <section aria-labelledby="instructions" className="instructions">
          <h2 id="instructions">{t('task.instructions')}</h2>
          <p>{kind.instructions[language]}</p>
          {kind.silenceMeans && x.status === 'open' && (
            <p className="note">
              {t('task.silence', { means: t(`silence.${x.kind}`, { defaultValue: kind.silenceMeans }) })}
            </p>
          )}
        </section>
      )}
      {x.context && <ContextView kind={x.kind} context={x.context} here={here} language={language} />}
      {sent && (
        <p role="status" className="sent">
          {t('task.sent')}
        </p>
      )}
      {mayAnswer && kind && value && (
        <form
          noValidate
          className="answer"
          aria-labelledby="answer-title"
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          <h2 id="answer-title">{t('task.answer')}</h2>
          <p className="note">{t('task.draftKept')}</p>
          {problem && (
            <div role="alert" className="error-summary">
              <p>{problem}</p>
              <ul>
                {errors.map((e) => (
                  <li key={e.field + e.message}>
                    <a href={`#${fieldId(e.field)}`}>{pathWords(e.field, t)}</a>: {worded(e.message, t)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <SchemaForm
            schema={kind.schema}
            value={value}
            onChange={change}
            errors={errors}
            ctx={{
              timeZone: here.timeZone,
              gcmObjectives: x.context?.gcmObjectives as { number: number; title: string }[] | undefined,
              networkObjectives: x.context?.networkObjectives as { number: number; text: string }[] | undefined,
            }}
          />
          <button type="submit" className="primary" disabled={send.isPending}>
            {send.isPending ? t('task.sending') : t('task.send')}
          </button>
        </form>
      )}
      {role === 'coordinator' && x.status === 'open' && x.assigneeRole === 'agency' && (
        <TaskChanges here={here} language={language} task={x} kind={kind} />
      )}
      {!mayAnswer && x.result !== null && x.result !== undefined && (
        <section aria-labelledby="result" className="result">
          <h2 id="result">{t('task.result')}</h2>
          <ContextView
            kind={`${x.kind}:result`}
            context={x.result as Record<string, unknown>}
            here={here}
            language={language}
          />
        </section>
      )}
    </article>
  );
}

/** A consolidation starts from every contribution, numbered A1, A2…: the coordinator edits rather than retypes. */
function planFromContributions(context: Task['context']): Record<string, unknown> {
  const contributions = (context?.contributions ?? []) as { activities: Record<string, unknown>[] }[];
  const previous = context?.previousRevision as { activities: Record<string, unknown>[] } | null | undefined;
  if (previous?.activities?.length) return { activities: previous.activities };
  const activities = contributions.flatMap((c) => c.activities).map((a, i) => ({ id: `A${i + 1}`, ...a }));
  return { activities };
}
