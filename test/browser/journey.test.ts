import type { Browser, Page } from 'playwright-core';

import { en } from '../../apps/web/src/locales/en';
import type { TaskDto, TaskPageDto } from '../../apps/api/tasks/task.dto';
import { messageKeys, messageAt } from '../../libs/notifications/messages';
import { TIMOR_LESTE } from '../../libs/persistence/seeds/timor-leste.seed';
import { claimYear } from '../support/claim-year';
import {
  englishLeft,
  sidewaysOverflow,
  launchBrowser,
  personContext,
  screenshot,
  seriousViolations,
  signIn,
  type AxeViolation,
} from '../support/browser';
import { useTestStack } from '../support/test-stack';
import { waitFor } from '../support/wait-for';

const MEMBERS = ['FAO', 'ILO', 'IOM', 'OHCHR', 'RCO', 'UNDP', 'UNFPA', 'UNICEF', 'UNWOMEN'];

/** The pages' English labels (no placeholders, four characters or more): none may show on a Tetum page. */
const ENGLISH = messageKeys(en)
  .map((k) => messageAt(en, k)!)
  .filter((s) => !s.includes('{{') && s.length >= 4);

/**
 * The web application in a real browser (Debian's Chromium) against the real API, worker, Temporal and PostgreSQL:
 * the coordinator starts a compressed cycle from the dashboard, ILO's focal point contributes through the form (one
 * field error shown on its field, then corrected), FAO objects, the coordinator consolidates again, everyone
 * endorses, the dashboard shows the phase and the GCM coverage, an auditor reads the cycle's timeline with ILO's
 * person named. Every page passes axe-core with no serious or critical violation, and the pages in Tetum show no
 * English label. Screenshots of each page go to SCREENSHOTS (.data/screenshots).
 */
describe('the web application in a real browser', () => {
  const { stack, call } = useTestStack();
  let browser: Browser;
  const violations: Record<string, AxeViolation[]> = {};
  const overflow: Record<string, number> = {}; // pixels a page is wider than its window: none, on a phone as on a desk

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A person of the network, and a one-time link that signs them in. */
  async function person(name: string, email: string, role: string, agency: string | null, language = 'en') {
    const made = await call<{ id: string }>('POST', '/networks/tl/people', stack.key('coordinator'), {
      name,
      email,
      role,
      ...(agency ? { agency } : {}),
      language,
    });
    expect(made.status).toBe(201);
    const link = await call<{ link: string }>(
      'POST',
      `/networks/tl/people/${made.body.id}/sign-in-link`,
      stack.key('coordinator'),
    );
    return link.body.link;
  }

  /** The page as it is now: a screenshot, axe-core's serious and critical findings, and how far it spills sideways. */
  async function look(page: Page, name: string) {
    await page.waitForLoadState('networkidle');
    await screenshot(page, name);
    violations[name] = await seriousViolations(page);
    overflow[name] = await sidewaysOverflow(page);
  }

  /** Opens the task as a keyboard user would: Tab until its link has the focus, then Enter. */
  const openTaskByKeyboard = async (page: Page, name: RegExp) => {
    for (let tabs = 0; tabs < 40; tabs++) {
      await page.keyboard.press('Tab');
      // A link's text only (a select's text is all its options).
      const focused = await page.evaluate(() => {
        const el = (
          globalThis as unknown as {
            document: { activeElement: { tagName: string; textContent: string | null } | null };
          }
        ).document.activeElement;
        return el?.tagName === 'A' ? (el.textContent ?? '') : '';
      });
      if (name.test(focused)) {
        await page.keyboard.press('Enter');
        // The application follows links without reloading the page: no load event to wait for, the address changes.
        await waitFor(async () => (/\/app\/tl\/tasks\//.test(page.url()) ? true : undefined), 'the task page', 10_000);
        await page.getByRole('heading', { level: 1 }).waitFor();
        return;
      }
    }
    throw new Error(`no link ${String(name)} within 40 presses of Tab`);
  };

  const openTaskLink = async (page: Page, name: string | RegExp, keyboard = false) => {
    const link = page.getByRole('link', { name });
    let reloaded = Date.now();
    await waitFor(
      async () => {
        if ((await link.count()) > 0) return true;
        // The inbox refreshes itself every 15 s; a person waiting for work would reload sooner.
        if (Date.now() - reloaded > 2_000) {
          reloaded = Date.now();
          await page.reload();
        }
        return undefined;
      },
      `a task "${String(name)}" in the inbox`,
      150_000,
    );
    if (keyboard && name instanceof RegExp) return openTaskByKeyboard(page, name);
    await link.first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
  };

  const send = async (page: Page) => {
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent' }).waitFor({ timeout: 30_000 });
  };

  const openTasksOf = async (agency: string, kind: string) =>
    (
      await call<TaskPageDto>(
        'GET',
        `/networks/tl/tasks?status=open&kind=${kind}&assignee=${agency}`,
        stack.key('coordinator'),
      )
    ).body.items;

  it('answers every page address with the application, and a file of another build with a 404', async () => {
    const page = await fetch(`${stack.baseUrl}/app/tl/twgs/labour-migration`);
    expect([page.status, page.headers.get('content-type')?.toLowerCase()]).toEqual([200, 'text/html; charset=utf-8']);
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect((await fetch(`${stack.baseUrl}${script}`)).status).toBe(200);
    const gone = await fetch(`${stack.baseUrl}/app/assets/index-0ld8u1ld.js`);
    expect([gone.status, await gone.text()]).toEqual([
      404,
      'No such file: the application was updated since this page opened; reload it.',
    ]);
  });

  it('takes a cycle from the dashboard to an endorsed plan, with an auditor reading who did what', async () => {
    const year = claimYear();
    const coordinatorLink = await person('Rui Gusmão', 'rgusmao@iom.int', 'coordinator', 'IOM');
    const iloLink = await person('Ana Belo', 'abelo@ilo.org', 'focal-point', 'ILO');
    const faoLink = await person('Jacinta Soares', 'jsoares@fao.org', 'focal-point', 'FAO', 'pt');
    const auditorLink = await person('Tomás Ximenes', 'tximenes@audit.un.org', 'auditor', null, 'tet');

    // The coordinator signs in and lands on the dashboard: no cycle yet; starts a ten-minute year from its form.
    const coordinator = await signIn(await personContext(browser), coordinatorLink);
    expect(coordinator.url()).toMatch(/\/app\/tl\/dashboard$/);
    await coordinator.getByRole('heading', { name: /the year at a glance/ }).waitFor();
    const local = (ms: number) => new Date(Date.now() + ms + 9 * 3_600_000).toISOString().slice(0, 19); // Asia/Dili wall time, to the second
    await coordinator.getByLabel('Year', { exact: true }).fill(String(year));
    await coordinator.getByLabel('Start (optional)').fill(local(3_000));
    await coordinator.getByLabel('End (optional)').fill(local(603_000));
    await coordinator.getByRole('button', { name: 'Start the cycle' }).click();
    await coordinator
      .getByRole('status')
      .filter({ hasText: `The ${year} cycle has started` })
      .waitFor();
    await coordinator.getByRole('heading', { name: `Annual cycle ${year}` }).waitFor({ timeout: 20_000 });
    await look(coordinator, 'dashboard-planning');

    // ILO's focal point, on a phone: the inbox, then the contribution form; a title left out is named on its field.
    const ilo = await signIn(await personContext(browser, true), iloLink);
    expect(ilo.url()).toMatch(/\/app\/tl\/inbox$/);
    await openTaskLink(ilo, /Contribute activities to the work plan/);
    await look(ilo, 'task-contribute-phone');
    await ilo.getByRole('button', { name: 'Add activity' }).click();
    await ilo.getByLabel(/^Description\b/).fill('Pre-departure orientation for seasonal workers to Australia');
    await ilo.getByLabel('Lead agency').selectOption('ILO');
    await ilo.getByRole('checkbox', { name: /GCM objective 6\b/ }).check();
    await ilo.getByRole('checkbox', { name: /GCM objective 3\b/ }).check();
    await ilo.getByLabel('Network objective').selectOption('3');
    for (const [q, m] of ['Curriculum', 'First cohort', 'Second cohort', 'Evaluation'].entries())
      await ilo.getByLabel(`Quarter ${q + 1}`).fill(m);
    await ilo.getByRole('button', { name: 'Add indicator' }).click();
    await ilo.getByLabel(/^Indicator\b/).fill('Workers oriented');
    await ilo.getByLabel(/^Baseline\b/).fill('0');
    await ilo.getByLabel(/^Target\b/).fill('400');
    await ilo.getByRole('button', { name: 'Send' }).click();
    const titleField = ilo.locator('.field.invalid', { has: ilo.getByLabel(/^Title\b/) });
    await titleField.getByText('Fill this in.').waitFor({ timeout: 20_000 });
    // The summary above the form names the field in words and links to it.
    await ilo.locator('.error-summary').getByRole('link', { name: 'Activity 1 › Title' }).waitFor();
    expect(await ilo.getByLabel(/^Title\b/).getAttribute('aria-invalid')).toBe('true');
    await waitFor(
      async () =>
        (await ilo.getByLabel(/^Title\b/).evaluate((el) => el === el.ownerDocument.activeElement)) ? true : undefined,
      'the focus on the field in error',
      5_000,
    );
    await look(ilo, 'task-contribute-field-error');
    await ilo.getByLabel(/^Title\b/).fill('Seasonal workers: pre-departure orientation');
    await send(ilo);
    expect(await ilo.locator('.field.invalid').count()).toBe(0);

    // FAO's focal point contributes too, reading the pages in Portuguese (her language).
    const fao = await signIn(await personContext(browser), faoLink);
    await openTaskLink(fao, /Contribuir com atividades/, true); // with the keyboard only
    await fao.getByRole('button', { name: /Adicionar atividade/ }).click();
    await fao.getByLabel(/^Título/).fill('Climate-resilient livelihoods in migrant-sending districts');
    await fao.getByLabel(/^Descrição/).fill('Livelihood support in Ermera and Bobonaro');
    await fao.getByLabel(/^Agência líder/).selectOption('FAO');
    await fao.getByRole('checkbox', { name: /Objetivo GCM 2\b/ }).check();
    await fao.getByLabel(/^Objetivo da Rede/).selectOption('2');
    for (const q of [1, 2, 3, 4]) await fao.getByLabel(`Trimestre ${q}`).fill(`Etapa ${q}`);
    await fao.getByRole('button', { name: 'Enviar' }).click();
    await fao.getByRole('status').filter({ hasText: 'Enviado' }).waitFor({ timeout: 30_000 });

    // Planning closes at its deadline (the other members stay silent); the coordinator's form starts from both.
    await coordinator.goto(`${stack.baseUrl}/app/tl/inbox`);
    await openTaskLink(coordinator, /Consolidate the work plan/);
    await coordinator.getByRole('heading', { name: "The agencies' contributions" }).waitFor();
    expect(await coordinator.getByLabel(/^Id/).first().inputValue()).toBe('A1');
    await look(coordinator, 'task-consolidate');
    await send(coordinator);

    // FAO objects, with a reason.
    await fao.goto(`${stack.baseUrl}/app/tl/inbox`);
    await openTaskLink(fao, /Aprovar o plano de trabalho/);
    await fao.getByRole('radio', { name: 'Objetar' }).check();
    await fao.getByLabel(/^Comentário/).fill('A2 needs a gender-disaggregated indicator');
    await fao.getByRole('button', { name: 'Enviar' }).click();
    await fao.getByRole('status').filter({ hasText: 'Enviado' }).waitFor({ timeout: 30_000 });

    // The coordinator consolidates again, from the objected revision (the objection is shown).
    await coordinator.goto(`${stack.baseUrl}/app/tl/inbox`);
    await waitFor(
      async () => ((await openTasksOf('IOM', 'consolidate-plan')).length > 0 ? true : undefined),
      'the revision task',
      30_000,
    );
    await openTaskLink(coordinator, /Consolidate the work plan/);
    await coordinator.getByText('A2 needs a gender-disaggregated indicator').first().waitFor();
    await send(coordinator);

    // Everyone endorses: ILO in the page, the other members through the API.
    await waitFor(
      async () => ((await openTasksOf('ILO', 'endorse-plan')).length > 0 ? true : undefined),
      'the second round',
      30_000,
    );
    for (const m of MEMBERS.filter((a) => a !== 'ILO')) {
      const [task] = await openTasksOf(m, 'endorse-plan');
      const res = await call('POST', `/networks/tl/tasks/${encodeURIComponent(task.id)}/complete`, stack.key(m), {
        decision: 'endorse',
      });
      expect(res.status).toBe(200);
    }
    await ilo.goto(`${stack.baseUrl}/app/tl/inbox`);
    await openTaskLink(ilo, /Endorse the work plan/);
    await ilo.getByRole('heading', { name: /What changed since revision 1/ }).waitFor();
    await ilo.getByRole('radio', { name: 'Endorse' }).check();
    await send(ilo);
    await look(ilo, 'task-endorse-sent-phone');
    // A finished task shows who did it, for which agency.
    await ilo.reload();
    await ilo.locator('.done-by').filter({ hasText: 'Ana Belo for ILO' }).waitFor();
    // The decisions page, on the phone, from the navigation (none has been circulated in this journey).
    await ilo.getByRole('navigation').getByRole('link', { name: 'Decisions' }).click();
    await ilo.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    await look(ilo, 'decisions-phone');

    // The dashboard: the plan endorsed, implementation under way, the GCM chart and table with the contributed objectives.
    await coordinator.goto(`${stack.baseUrl}/app/tl/dashboard`);
    await coordinator
      .locator('ol.phases li.current')
      .filter({ hasText: 'Implementation' })
      .waitFor({ timeout: 30_000 });
    await coordinator.getByTestId('gcm-chart').locator('canvas').waitFor();
    const covered = await coordinator.locator('table.gcm-table tbody th').allInnerTexts();
    expect(covered).toEqual(['GCM objective 2', 'GCM objective 3', 'GCM objective 6']);
    // Each TWG's current round, with the members whose update is not in (nobody has sent one).
    await coordinator.getByRole('heading', { name: 'TWG reporting rounds' }).waitFor();
    await waitFor(
      async () =>
        (await coordinator.locator('ul.rounds li', { hasText: /Not sent yet|Missing updates/ }).count()) > 0
          ? true
          : undefined,
      'a round with updates not in',
      30_000,
    );
    expect(await coordinator.locator('ul.rounds li').count()).toBe(TIMOR_LESTE.firstTwgs.length);
    await look(coordinator, 'dashboard-implementation');

    // ILO reports its activity's progress with the indicator's value; the dashboard shows baseline → value → target.
    await ilo.goto(`${stack.baseUrl}/app/tl/inbox`);
    await openTaskLink(ilo, /Report the progress of an activity/);
    await ilo.getByRole('radio', { name: 'On track' }).check();
    await ilo.getByRole('button', { name: 'Add indicator' }).click();
    await ilo.getByLabel(/^Indicator\b/).fill('Workers oriented');
    await ilo.getByLabel(/^Value now\b/).fill('35');
    await send(ilo);
    await look(ilo, 'task-progress-sent-phone');
    await coordinator.reload();
    await coordinator
      .getByRole('table', { name: /^Indicators/ })
      .getByRole('row', { name: /Workers oriented 0 .*35.* 400/ })
      .waitFor({ timeout: 30_000 });
    // The meetings, from the navigation: the first quarter's, with its agenda call.
    await coordinator.getByRole('navigation').getByRole('link', { name: 'Meetings' }).click();
    await coordinator.getByRole('link', { name: `Network meeting, Q1 ${year}` }).click();
    await coordinator.getByRole('heading', { name: 'Agenda', exact: true }).waitFor();
    await look(coordinator, 'meeting');

    // The TWGs (one, with its rounds and each member's update or its absence) and the members, from the navigation.
    await coordinator.getByRole('navigation').getByRole('link', { name: 'TWGs' }).click();
    await coordinator.getByRole('link', { name: TIMOR_LESTE.firstTwgs[0].name }).click();
    await coordinator.getByRole('heading', { name: 'Reporting rounds' }).waitFor();
    await coordinator.locator('ul.updates li', { hasText: TIMOR_LESTE.firstTwgs[0].leadAgency }).first().waitFor();
    await look(coordinator, 'twg');
    await coordinator.getByRole('navigation').getByRole('link', { name: 'Members' }).click();
    await coordinator.getByRole('rowheader', { name: /^ILO/ }).waitFor();
    await look(coordinator, 'members');

    // The partners page (ToR objective 8): the coordinator adds a partner, ILO logs an engagement with it on a phone.
    await coordinator.getByRole('navigation').getByRole('link', { name: 'Partners' }).click();
    await coordinator.locator('summary', { hasText: 'Add a partner' }).click();
    await coordinator.getByLabel(/^Name/).fill('Hametin Migrant Workers Association');
    await coordinator.getByLabel(/^Category/).selectOption('civil-society');
    await coordinator.getByRole('button', { name: 'Add the partner' }).click();
    await coordinator.getByRole('status').filter({ hasText: 'is in the register' }).waitFor({ timeout: 20_000 });
    await coordinator.getByRole('rowheader', { name: 'Hametin Migrant Workers Association' }).waitFor();
    await ilo.goto(`${stack.baseUrl}/app/tl/partners`);
    await ilo.locator('summary', { hasText: 'Record an engagement' }).click();
    await ilo.getByLabel(/^Day/).fill(`${year}-04-02`);
    await ilo.getByLabel(/^What it was/).fill('Pre-departure curriculum consultation');
    await ilo.getByRole('checkbox', { name: 'Hametin Migrant Workers Association' }).check();
    await ilo.getByRole('checkbox', { name: /^GCM objective 6$/ }).check();
    await ilo.getByRole('button', { name: 'Record it' }).click();
    await ilo.getByRole('status').filter({ hasText: 'Recorded.' }).waitFor({ timeout: 20_000 });
    await ilo.getByRole('rowheader', { name: /Pre-departure curriculum consultation/ }).waitFor();
    await look(ilo, 'partners-phone');

    // The coordinator extends an agency's task from its page: the empty form's refusals on their fields, then done.
    const closes = (x: TaskDto) => (x.expiresAt === null ? Infinity : Date.parse(x.expiresAt));
    const wall = (ms: number) => local(ms).slice(0, 16); // a datetime-local value, to the minute
    const [late] = (
      await call<TaskPageDto>('GET', '/networks/tl/tasks?status=open&pageSize=200', stack.key('coordinator'))
    ).body.items
      .filter((x) => x.assigneeRole === 'agency')
      // The one whose deadline is furthest (none at all first): it stays open while the form is filled.
      .sort((a, b) => closes(b) - closes(a));
    await coordinator.goto(`${stack.baseUrl}/app/tl/tasks/${encodeURIComponent(late.id)}`);
    await coordinator.locator('summary', { hasText: 'Extend the due time' }).click();
    const extend = coordinator.getByRole('form', { name: 'Extend the due time' });
    await extend.getByRole('button', { name: 'Extend' }).click();
    await extend.locator('.field.invalid', { hasText: 'Say why.' }).waitFor({ timeout: 20_000 });
    await extend.locator('.field.invalid', { hasText: 'Give a date and time.' }).waitFor();
    expect(await extend.getByLabel('New due time').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await extend.getByLabel('New due time').fill(wall(Math.max(Date.parse(late.dueAt) - Date.now(), 0) + 600_000));
    await extend.getByLabel(/^Reason/).fill('The focal point is on mission this week');
    await extend.getByRole('button', { name: 'Extend' }).click();
    await extend
      .getByRole('status')
      .filter({ hasText: /^Extended: now due/ })
      .waitFor({ timeout: 20_000 });
    const extended = await call<TaskDto>(
      'GET',
      `/networks/tl/tasks/${encodeURIComponent(late.id)}`,
      stack.key('coordinator'),
    );
    expect(Date.parse(extended.body.dueAt)).toBeGreaterThan(Date.parse(late.dueAt));
    await look(coordinator, 'task-extended');

    // From the dashboard, an ad-hoc meeting convened; from its page, cancelled with a reason.
    await coordinator.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
    await coordinator.locator('summary', { hasText: 'Convene a meeting' }).click();
    const convene = coordinator.getByRole('form', { name: 'Convene a meeting' });
    await convene.getByLabel('Title').fill('Ad-hoc meeting on the labour mobility MoU');
    await convene.getByLabel('Date and time of the meeting').fill(wall(3_600_000));
    await convene.getByRole('button', { name: 'Convene' }).click();
    await convene
      .getByRole('status')
      .filter({ hasText: /^Convened/ })
      .waitFor({ timeout: 20_000 });
    await look(coordinator, 'dashboard-convened');
    // A decision establishing a TWG, sent empty: each refusal on its field (the TWG's own fields appear for that kind;
    // the API checks them once the proposal itself is complete).
    await coordinator.locator('summary', { hasText: 'Circulate a decision' }).click();
    const circulate = coordinator.getByRole('form', { name: 'Circulate a decision' });
    await circulate.getByLabel('Kind of decision').selectOption('establish-twg');
    await circulate.getByLabel('Code of the new TWG').waitFor();
    await circulate.getByRole('button', { name: 'Circulate' }).click();
    await circulate
      .getByRole('alert')
      .filter({ hasText: /fields need a change/ })
      .waitFor({ timeout: 20_000 });
    for (const label of ['Title', 'What is proposed', 'Objections possible until'])
      expect(await circulate.getByLabel(label).getAttribute('aria-invalid')).toBe('true');
    expect(await circulate.getByLabel('Title').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await look(coordinator, 'dashboard-decision-refused');
    await convene.getByRole('link', { name: 'Open the meeting' }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Ad-hoc meeting on the labour mobility MoU' }).waitFor();
    await coordinator.locator('summary', { hasText: 'Cancel the meeting' }).click();
    const cancel = coordinator.getByRole('form', { name: 'Cancel the meeting' });
    await cancel.getByLabel(/^Reason/).fill('Overtaken by the quarterly meeting');
    await cancel.getByRole('button', { name: 'Cancel the meeting' }).click();
    // The page now says it: cancelled, with the reason (the commands of a meeting not yet held are gone).
    await coordinator
      .locator('dl.facts dd', { hasText: 'Overtaken by the quarterly meeting' })
      .waitFor({ timeout: 20_000 });
    await look(coordinator, 'meeting-cancelled');
    const adhoc = (
      await call<{ items: { title: string; status: string }[] }>(
        'GET',
        '/networks/tl/meetings',
        stack.key('coordinator'),
      )
    ).body.items.find((m) => m.title === 'Ad-hoc meeting on the labour mobility MoU');
    expect(adhoc?.status).toBe('CANCELLED');
    await coordinator.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();

    // The auditor (in Tetum, his language): the processes, then the cycle's timeline with ILO's person named.
    const userTexts = [
      TIMOR_LESTE.name,
      'A2 needs a gender-disaggregated indicator',
      'Seasonal workers: pre-departure orientation',
      'Pre-departure orientation for seasonal workers to Australia',
      'Climate-resilient livelihoods in migrant-sending districts',
      'Livelihood support in Ermera and Bobonaro',
      ...TIMOR_LESTE.firstTwgs.map((twg) => twg.name),
    ];
    const auditor = await signIn(await personContext(browser), auditorLink);
    expect(auditor.url()).toMatch(/\/app\/tl\/audit$/);
    await auditor.getByRole('link', { name: `annual-cycle:tl:${year}` }).click();
    const row = auditor.locator('table.timeline tr:not(.rejected)', { hasText: 'Ana Belo' }).first();
    await row.waitFor({ timeout: 60_000 });
    expect(await row.innerText()).toContain('ILO');
    expect(await row.innerText()).toContain('kompleta'); // in the reader's words, not the API's English line
    await look(auditor, 'audit-timeline-tetum');
    // Read-only by construction: the only buttons are the state-as-of links and signing out.
    const buttons = await auditor.getByRole('button').allInnerTexts();
    expect(buttons.filter((b) => !/Estadu|Sai/.test(b))).toEqual([]);
    expect(await englishLeft(auditor, ENGLISH, userTexts)).toEqual([]);

    // The year's tools: the export downloads, a replay of the year runs to the end with every history clean.
    await auditor.getByRole('navigation').getByRole('link', { name: 'Auditoria' }).click();
    await auditor.getByLabel('Tinan').fill(String(year));
    const archive = await auditor.getByRole('link', { name: /Hatún istória/ }).getAttribute('href');
    const exported = await auditor.request.get(`${stack.baseUrl}${archive}`); // with the auditor's session cookie
    expect(exported.status()).toBe(200);
    expect((await exported.body()).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip
    await auditor.getByRole('button', { name: /Hala’o fali istória/ }).click();
    const replayed = await auditor
      .getByRole('status')
      .filter({ hasText: /istória hala’o fali ho di’ak/ })
      .innerText({ timeout: 60_000 });
    expect(replayed).toMatch(/^(\d+) husi \1 istória hala’o fali ho di’ak; 0 la di’ak\.$/);
    await look(auditor, 'audit-year-tetum');
    // The audit log, its chain verified.
    await auditor.getByRole('link', { name: /Rejistu auditoria/ }).click();
    await auditor
      .getByRole('status')
      .filter({ hasText: /^Kompletu/ })
      .waitFor({ timeout: 30_000 });
    await auditor.locator('table.audit-log tbody tr', { hasText: 'Ana Belo' }).first().waitFor(); // ILO's commands
    await look(auditor, 'audit-log-tetum');
    expect(await englishLeft(auditor, ENGLISH, userTexts)).toEqual([]);

    // The same pages in Tetum show no English label.
    for (const page of [coordinator, ilo]) {
      await page.getByLabel('Language').selectOption('tet');
      await page.getByRole('navigation').waitFor();
    }
    await coordinator.locator('ol.phases li.current').filter({ hasText: 'Implementasaun' }).waitFor();
    expect(await englishLeft(coordinator, ENGLISH, userTexts)).toEqual([]);
    await look(coordinator, 'dashboard-tetum');
    expect(await englishLeft(ilo, ENGLISH, userTexts)).toEqual([]);
    await ilo.goto(`${stack.baseUrl}/app/tl/inbox`);
    await ilo.getByRole('heading', { level: 1 }).waitFor();
    expect(await englishLeft(ilo, ENGLISH, userTexts)).toEqual([]);

    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
    expect(overflow).toEqual(Object.fromEntries(Object.keys(overflow).map((k) => [k, 0])));
  }, 600_000);
});
