import { formatInstant, messageAt, messageKeys, TRANSLATIONS, translate } from '../../libs/notifications/messages';
import { en } from '../../libs/notifications/locales/en';
import { renderTaskMail } from '../../libs/notifications/task-mail';
import { calendarFeed } from '../../libs/notifications/calendar-feed';
import { TASK_KINDS } from '../../libs/domain/tasks';
import { LANGUAGES } from '../../libs/domain/people';

describe('notification texts', () => {
  const keys = messageKeys(en);

  it('lists every key a language is missing (none may be), and has a name for every task kind', () => {
    const missing = Object.fromEntries(
      Object.entries(TRANSLATIONS).map(([lng, t]) => [lng, keys.filter((k) => messageAt(t, k) === undefined)]),
    );
    expect(missing).toEqual({ en: [], tet: [], pt: [] });
    expect(TASK_KINDS.filter((k) => messageAt(en, `kind.${k}`) === undefined)).toEqual([]);
  });

  it('has real translations: no Tetum or Portuguese text is the English one, and each keeps its placeholders', () => {
    // Written the same in every language: a dash for nothing, the abbreviations "Id" and "TWG" (as the web's).
    const SAME_AS_ENGLISH = ['reportFile.none', 'reportFile.column.id', 'reportFile.column.twg'];
    const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
    for (const lng of ['tet', 'pt'] as const)
      for (const k of keys) {
        const text = messageAt(TRANSLATIONS[lng], k)!;
        if (!SAME_AS_ENGLISH.includes(k))
          expect({ lng, k, same: text === messageAt(en, k) }).toEqual({ lng, k, same: false });
        expect({ lng, k, placeholders: placeholders(text) }).toEqual({
          lng,
          k,
          placeholders: placeholders(messageAt(en, k)!),
        });
      }
  });

  it('falls back to English for a key a language lacks', () => {
    expect(translate('tet', 'mail.open')).toBe('Loke knaar');
    expect(translate('tet', 'no.such.key')).toBe('no.such.key');
    // A language with no texts at all reads English's.
    expect(translate('fr' as never, 'mail.open')).toBe('Open the task');
  });

  it("writes dates in the reader's language and the network's time zone", () => {
    const at = '2030-03-15T01:00:00.000Z'; // 10:00 in Dili
    expect(formatInstant(at, 'en', 'Asia/Dili')).toBe('15 March 2030 at 10:00 (Asia/Dili)');
    expect(formatInstant(at, 'pt', 'Asia/Dili')).toBe('15 de março de 2030 às 10:00 (Asia/Dili)');
    expect(formatInstant(at, 'tet', 'Asia/Dili')).toBe('15 Marsu 2030, 10:00 (Asia/Dili)');
    expect(formatInstant(at, 'tet', 'Pacific/Apia')).toBe('15 Marsu 2030, 14:00 (Pacific/Apia)');
  });

  it('renders a task mail in each language, its HTML part escaping what it puts in', () => {
    for (const language of LANGUAGES) {
      const mail = renderTaskMail({
        notice: 'escalated',
        task: { kind: 'report-progress', assignee: 'ILO', dueAt: '2030-03-31T15:00:00Z' },
        about: { title: 'Q1 <script>' },
        network: { name: 'Network <&>', timeZone: 'Asia/Dili' },
        recipient: { language, role: 'coordinator', agency: 'IOM' },
        link: 'https://mignet.example.org/networks/tl/tasks/x',
      });
      expect(mail.subject).toContain('ILO');
      expect(mail.text).toContain('https://mignet.example.org/networks/tl/tasks/x');
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('Network &#60;&#38;&#62;');
    }
  });

  it("puts a running cycle's four deadlines in the feed, each with a UID of its own, in the reader's language", () => {
    const ics = calendarFeed({
      language: 'pt',
      network: { name: 'Rede', timeZone: 'Asia/Dili' },
      meetings: [],
      tasks: [],
      cycles: [
        {
          workflowId: 'annual-cycle:tl:2030',
          year: 2030,
          deadlines: {
            planningDue: '2030-02-01T00:00:00Z',
            consolidationDue: '2030-02-15T00:00:00Z',
            endorsementDue: '2030-03-01T00:00:00Z',
            reviewDue: '2031-01-31T00:00:00Z',
          },
        },
      ],
    });
    expect(ics).toContain('METHOD:PUBLISH');
    for (const d of ['planningDue', 'consolidationDue', 'endorsementDue', 'reviewDue'])
      expect(ics).toContain(`UID:annual-cycle:tl:2030:${d}@mignet`);
    expect(ics).toContain('SUMMARY:Prazo do relatório anual de 2030');
  });
});
