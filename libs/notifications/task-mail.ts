import type { Language, PersonRole } from '../domain/people';
import type { TaskKind } from '../domain/tasks';
import { formatInstant, translate } from './messages';

/** What happened to a task that its people are told of. */
export const TASK_NOTICES = ['opened', 'changed', 'reminded', 'escalated'] as const;
export type TaskNotice = (typeof TASK_NOTICES)[number];

export interface TaskMailInput {
  readonly notice: TaskNotice;
  readonly task: { readonly kind: TaskKind; readonly assignee: string; readonly dueAt: string };
  /** What the task is about, for people: a decision's or meeting's title, or the process it belongs to. */
  readonly about: About | null;
  readonly network: { readonly name: string; readonly timeZone: string };
  readonly recipient: {
    readonly language: Language;
    readonly role: PersonRole;
    readonly agency: string | null;
    /** The absent person this recipient stands in for, when that is why they are told. */
    readonly standsInFor?: { readonly person: string; readonly agency: string };
  };
  /** Where the task opens (the web application's page, issue 15). */
  readonly link: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** A task's mail in the recipient's language, dates in the network's time zone: a plain-text part and an HTML one. */
export function renderTaskMail(input: TaskMailInput): RenderedMail {
  const { language } = input.recipient;
  const t = (key: string, values: Record<string, string> = {}) => translate(language, key, values);
  const values = {
    agency: input.task.assignee,
    network: input.network.name,
    what: t(`kind.${input.task.kind}`),
    due: formatInstant(input.task.dueAt, language, input.network.timeZone),
  };
  const r = input.recipient;
  const part = r.standsInFor
    ? t('part.substitute', { person: r.standsInFor.person, agency: r.standsInFor.agency })
    : t(`part.${r.role}`, { agency: r.agency ?? '' });
  const lines = [
    t(`mail.${input.notice}.intro`, values),
    t('mail.task', values),
    ...(input.about ? [t('mail.about', { about: aboutText(input.about, t) })] : []),
    t('mail.due', values),
  ];
  const why = t('mail.why', { part, network: input.network.name });
  const open = t('mail.open');
  return {
    subject: t(`mail.${input.notice}.subject`, values),
    text: [...lines, '', `${open}: ${input.link}`, '', '--', why, ''].join('\n'),
    html: [
      `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">`,
      ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
      `<p><a href="${escapeHtml(input.link)}" style="display:inline-block;padding:8px 16px;background:#0a4d8c;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(open)}</a></p>`,
      `<hr><p style="font-size:12px;color:#555">${escapeHtml(why)}</p>`,
      '</body></html>',
    ].join('\n'),
  };
}

/** What a task is about: a title people gave (a decision, a meeting), or its process described in the reader's words. */
export type About =
  | { readonly title: string }
  | { readonly cycle: number }
  | { readonly twg: string; readonly year: number; readonly period: number };

function aboutText(about: About, t: (key: string, values?: Record<string, string>) => string): string {
  if ('title' in about) return about.title;
  if ('cycle' in about) return t('about.cycle', { year: String(about.cycle) });
  return t('about.twg', { twg: about.twg, year: String(about.year), period: String(about.period) });
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
