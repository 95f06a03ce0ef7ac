import type { Language } from '../domain/people';
import { translate } from './messages';
import { escapeHtml, type RenderedMail } from './task-mail';

/** What became of a proposal circulated by silence procedure, which its members are told. */
export const DECISION_NOTICES = ['adopted', 'objected', 'withdrawn'] as const;
export type DecisionNotice = (typeof DECISION_NOTICES)[number];

export interface DecisionMailInput {
  readonly notice: DecisionNotice;
  readonly decision: {
    readonly title: string;
    readonly text: string;
    readonly agency?: string;
    readonly reason?: string;
  };
  readonly network: { readonly name: string };
  readonly language: Language;
  readonly link: string;
}

/** A decision's outcome in the reader's language: the proposal's title and text, and who objected or why it was withdrawn. */
export function renderDecisionMail(input: DecisionMailInput): RenderedMail {
  const t = (key: string) =>
    translate(input.language, key, {
      title: input.decision.title,
      network: input.network.name,
      agency: input.decision.agency ?? '',
      reason: input.decision.reason ?? '',
    });
  const lines = [t(`decision.${input.notice}.intro`), t('decision.proposal'), input.decision.text];
  return {
    subject: t(`decision.${input.notice}.subject`),
    text: [...lines, '', input.link, ''].join('\n'),
    html: [
      `<!doctype html><html lang="${input.language}"><body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">`,
      ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
      `<p><a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>`,
      '</body></html>',
    ].join('\n'),
  };
}
