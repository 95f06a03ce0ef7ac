import type { Language } from '../domain/people';
import { formatInstant, translate } from './messages';
import { escapeHtml, type RenderedMail } from './task-mail';

/** One notification a digest lists: what its mail's subject said, when, and where to act. */
export interface DigestItem {
  readonly subject: string;
  readonly at: Date;
  readonly link: string | null;
}

/** A person's daily digest: every notification held for it since the last one, oldest first, in their language. */
export function renderDigestMail(input: {
  readonly language: Language;
  readonly network: { readonly name: string; readonly timeZone: string };
  readonly items: readonly DigestItem[];
  /** Where the person changes what they receive. */
  readonly preferences: string;
}): RenderedMail {
  const { language, network } = input;
  const t = (key: string, values: Record<string, string>) => translate(language, key, values);
  const when = (d: Date) => formatInstant(d.toISOString(), language, network.timeZone);
  const intro = t('digest.intro', { network: network.name });
  const why = t('digest.why', { link: input.preferences });
  return {
    subject: t('digest.subject', { network: network.name, count: String(input.items.length) }),
    text: [
      intro,
      '',
      ...input.items.flatMap((i) => [`- ${i.subject} (${when(i.at)})`, ...(i.link ? [`  ${i.link}`] : [])]),
      '',
      '--',
      why,
      '',
    ].join('\n'),
    html: [
      `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">`,
      `<p>${escapeHtml(intro)}</p><ul>`,
      ...input.items.map(
        (i) =>
          `<li>${i.link ? `<a href="${escapeHtml(i.link)}">${escapeHtml(i.subject)}</a>` : escapeHtml(i.subject)} <span style="color:#555">(${escapeHtml(when(i.at))})</span></li>`,
      ),
      `</ul><hr><p style="font-size:12px;color:#555">${escapeHtml(why)}</p>`,
      '</body></html>',
    ].join('\n'),
  };
}
