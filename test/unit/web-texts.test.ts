import { en } from '../../apps/web/src/locales/en';
import { pt } from '../../apps/web/src/locales/pt';
import { tet } from '../../apps/web/src/locales/tet';
import { messageAt, messageKeys } from '../../libs/notifications/messages';

/** Words a language writes as English does (the page still reads as that language). */
const SAME_AS_ENGLISH: Record<'tet' | 'pt', readonly string[]> = { tet: [], pt: ['role.auditor'] };

describe('web texts', () => {
  const keys = messageKeys(en);

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
