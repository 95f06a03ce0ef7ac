import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { en } from '../../apps/web/src/locales/en';
import { pt } from '../../apps/web/src/locales/pt';
import { tet } from '../../apps/web/src/locales/tet';
import { messageAt, messageKeys } from '../../libs/notifications/messages';

/** Words a language writes as English does (the page still reads as that language). */
const SAME_AS_ENGLISH: Record<'tet' | 'pt', readonly string[]> = {
  tet: [],
  pt: ['role.auditor', 'gcmLevel.regional', 'gcmLevel.global'],
};

describe('web texts', () => {
  const keys = messageKeys(en);

  it('has a text for every key the pages ask for by name', () => {
    const source = join(__dirname, '..', '..', 'apps', 'web', 'src');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    // Every quoted `group.key` whose group is one of the texts' (`t('inbox.due')`, `t(late ? 'a.b' : 'a.c')`).
    const groups = Object.keys(en);
    const asked = files(source).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/'([a-zA-Z]+)\.([\w.-]+)'/g)]
        .filter((m) => groups.includes(m[1]))
        .map((m) => `${m[1]}.${m[2]}`),
    );
    expect(asked.length).toBeGreaterThan(100);
    // A plural key (`days` for `days_one`, `days_other`) counts as present.
    const unknown = [...new Set(asked)].filter(
      (k) => messageAt(en, k) === undefined && messageAt(en, `${k}_other`) === undefined,
    );
    expect(unknown).toEqual([]);
  });

  it('lists every key a language is missing (none may be)', () => {
    const missing = Object.fromEntries(
      Object.entries({ en, tet, pt }).map(([l, t]) => [l, keys.filter((k) => messageAt(t, k) === undefined)]),
    );
    expect(missing).toEqual({ en: [], tet: [], pt: [] });
  });

  it('has real translations: no Tetum or Portuguese text is the English one, and each keeps its placeholders', () => {
    const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
    for (const [lng, texts] of [
      ['tet', tet],
      ['pt', pt],
    ] as const)
      for (const k of keys) {
        const text = messageAt(texts, k)!;
        const same = text === messageAt(en, k) && !SAME_AS_ENGLISH[lng].includes(k);
        expect({ lng, k, same }).toEqual({ lng, k, same: false });
        expect({ lng, k, placeholders: placeholders(text) }).toEqual({
          lng,
          k,
          placeholders: placeholders(messageAt(en, k)!),
        });
      }
  });
});
