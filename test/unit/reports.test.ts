import { unzipSync, strFromU8 } from 'fflate';

import { renderCsv } from '../../libs/reports/render-csv';

import { annualReportDocument } from '../../libs/reports/annual-report-document';
import { renderReport, ANNUAL_REPORT_TABLES, UnknownTableError } from '../../libs/reports/render-report';
import type { ReportDocument } from '../../libs/reports/report-document';
import {
  renderUnInfo,
  unInfoExport,
  UN_INFO_ACTIVITY_COLUMNS,
  type MeasuredPlanActivity,
} from '../../libs/reports/un-info-export';
import { quarterlyUpdateDocument } from '../../libs/reports/quarterly-update-document';
import { twgReportDocument } from '../../libs/reports/twg-report-document';
import { syntheticAnnualReport } from '../support/annual-report-fixture';
import { planFrom } from '../support/work-plan-fixtures';
import { parseCsv } from '../support/csv';
import { pdfToText } from '../support/pdf-text';

const reader = { timeZone: 'Asia/Dili', networkName: 'Timor-Leste' };
const doc = (language: 'en' | 'tet' | 'pt', n = 12) =>
  annualReportDocument(syntheticAnnualReport(n), { ...reader, language });

/** The CSV files of the archive, parsed. */
async function csvTables(d: ReportDocument): Promise<Record<string, string[][]>> {
  const zip = unzipSync((await renderReport(d, 'csv')).body);
  return Object.fromEntries(Object.entries(zip).map(([name, bytes]) => [name, parseCsv(strFromU8(bytes))]));
}

describe('reports: one document, three formats', () => {
  it('puts every table in the CSV archive, cell for cell as the document has it', async () => {
    const d = doc('pt');
    const files = await csvTables(d);
    expect(Object.keys(files).sort()).toEqual(ANNUAL_REPORT_TABLES.map((t) => `${t}.csv`).sort());
    for (const t of d.tables) expect(files[`${t.name}.csv`]).toEqual([t.columns, ...t.rows.map((r) => r.map(String))]);
    // Portuguese headers, a byte order mark for spreadsheets, CRLF line ends.
    const one = await renderReport(d, 'csv', 'tasks-by-agency');
    expect(one.contentType).toBe('text/csv; charset=utf-8');
    expect(one.body.toString('utf8')).toMatch(/^\uFEFFAgência,Concluídas,Com atraso,Sem resposta,Canceladas\r\n/);
    await expect(renderReport(d, 'csv', 'nothing')).rejects.toBeInstanceOf(UnknownTableError);
  });

  it('keeps what agencies typed as text in a spreadsheet: a formula is not run, a negative number stays one', () => {
    const csv = renderCsv({
      name: 't',
      title: 't',
      columns: ['a', 'b', 'c', 'd'],
      rows: [
        ['=HYPERLINK("http://x")', '-5', '-abc', -3],
        ['+1', '@SUM(A1)', 'plain, with a comma', 'say "hi"'],
      ],
    });
    expect(parseCsv(csv)).toEqual([
      ['a', 'b', 'c', 'd'],
      ['\'=HYPERLINK("http://x")', '-5', "'-abc", '-3'],
      ["'+1", "'@SUM(A1)", 'plain, with a comma', 'say "hi"'],
    ]);
  });

  it("prints in the PDF each of the year's figures and every activity's row, in the reader's language", async () => {
    for (const language of ['en', 'tet'] as const) {
      const d = doc(language);
      const pdf = await renderReport(d, 'pdf');
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfToText(pdf.body);
      const lines = text.split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
      expect(text).toContain(d.title);
      // Each figure beside its label (the chart's labels may follow on the same line, in the next column).
      for (const f of d.facts.items)
        expect(
          lines.filter((l) => l === `${f.label} ${f.value}` || l.startsWith(`${f.label} ${f.value} `)),
        ).toHaveLength(1);
      const activities = d.tables.find((t) => t.name === 'activities')!;
      // Each activity's id, lead and year-end status on one of its lines (its title may wrap).
      for (const r of activities.rows)
        expect(
          lines.some((l) => l.startsWith(`${r[0]} `) && l.includes(String(r[2])) && l.includes(String(r[8]))),
        ).toBe(true);
      const indicators = d.tables.find((t) => t.name === 'indicators')!;
      expect(lines).toContain(indicators.rows[0].join(' '));
    }
    expect(pdfToText((await renderReport(doc('tet'), 'pdf')).body)).toContain('Relatóriu anuál 2030');
  });

  it('gives the Markdown every table with the same cells, pipes escaped', async () => {
    const d = doc('en');
    const md = (await renderReport(d, 'md')).body.toString('utf8');
    for (const t of d.tables) {
      expect(md).toContain(`## ${t.title}`);
      expect(md).toContain(`| ${t.columns.join(' | ')} |`);
      for (const r of t.rows) expect(md).toContain(`| ${r.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`);
    }
    for (const f of d.facts.items) expect(md).toContain(`- ${f.label}: **${f.value}**`);
  });

  it('counts from the report: the facts agree with the tables they summarise', () => {
    const d = doc('en', 40);
    const fact = (label: string) => d.facts.items.find((f) => f.label === label)!.value;
    const table = (name: string) => d.tables.find((t) => t.name === name)!;
    expect(fact('Activities in the endorsed work plan')).toBe(table('activities').rows.length);
    expect(fact('Activities completed')).toBe(table('activities').rows.filter((r) => r[8] === 'completed').length);
    expect(fact('GCM objectives covered, of 23')).toBe(
      table('gcm-coverage').rows.filter((r) => Number(r[2]) > 0).length,
    );
    expect(fact('Tasks completed')).toBe(table('tasks-by-agency').rows.reduce((n, r) => n + Number(r[1]), 0));
    expect(d.chart.bars.map((b) => b.value)).toEqual(table('gcm-coverage').rows.map((r) => r[2]));
  });

  it('speaks each language in its own words, and dates in the network’s time zone', () => {
    const [en, tet, pt] = (['en', 'tet', 'pt'] as const).map((l) => doc(l));
    expect(new Set([en.title, tet.title, pt.title]).size).toBe(3);
    expect(en.tables.map((t) => t.name)).toEqual(tet.tables.map((t) => t.name));
    // Finalised on 10 January 02:00 UTC: 11:00 in Dili, the same day.
    expect(en.status).toBe('Finalised on 10 January 2031 by IOM');
    expect(tet.status).toBe('Finaliza iha 10 Janeiru 2031 husi IOM');
    expect(pt.status).toBe('Finalizado em 10 de janeiro de 2031 por IOM');
  });

  it("shapes the endorsed plan for UN INFO: the plan's fields, the latest spending, each quarter's indicator value", () => {
    const by = { role: 'agency' as const, agency: 'ILO' };
    const report = (quarter: number, value: string | undefined, spent?: number) => ({
      quarter,
      status: 'on-track' as const,
      note: null,
      at: '2030-04-01T00:00:00Z',
      by,
      indicators: value === undefined ? [] : [{ name: 'Workers reached', value }],
      ...(spent === undefined ? {} : { spent }),
    });
    const [a1, a2] = planFrom(['ILO', 'IOM']);
    const activities: MeasuredPlanActivity[] = [
      {
        ...a1,
        sdgTargets: ['10.7', '8.8'],
        genderMarker: 2,
        geography: ['Dili', 'Baucau'],
        budget: { planned: 120_000, available: 80_000 },
        status: 'on-track',
        // Q2 reported twice: the last one counts; Q3 said nothing of the indicator; spending is cumulative.
        progress: [report(1, '40', 10_000), report(2, '90'), report(2, '95', 35_000), report(3, undefined)],
      },
      { ...a2, status: null, progress: [] },
    ];
    const x = unInfoExport({ network: 'tl', year: 2030, revision: 2, endorsedAt: '2030-03-01T00:00:00Z' }, activities);
    expect(x.activities[0]).toMatchObject({
      activityId: 'A1',
      sdgTargets: ['10.7', '8.8'],
      genderMarker: 2,
      humanRightsMarker: null,
      budgetPlannedUsd: 120_000,
      budgetAvailableUsd: 80_000,
      budgetSpentUsd: 35_000,
      indicators: [{ name: 'Workers reached', baseline: '0', target: '500', actuals: ['40', '95', null, null] }],
    });
    expect(x.activities[1]).toMatchObject({
      sdgTargets: [],
      budgetPlannedUsd: null,
      budgetSpentUsd: null,
      status: null,
    });

    const zip = unzipSync(renderUnInfo(x, 'csv').body);
    const [header, row1, row2] = parseCsv(strFromU8(zip['activities.csv']));
    expect(header).toEqual(UN_INFO_ACTIVITY_COLUMNS.map(([c]) => c));
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    expect([col(row1, 'sdg_targets'), col(row1, 'geography'), col(row1, 'budget_spent_usd')]).toEqual([
      '10.7; 8.8',
      'Dili; Baucau',
      '35000',
    ]);
    expect([col(row2, 'gender_equality_marker'), col(row2, 'status')]).toEqual(['', '']);
    expect(parseCsv(strFromU8(zip['indicators.csv']))[1]).toEqual([
      'A1',
      'Workers reached',
      '0',
      '500',
      '40',
      '95',
      '',
      '',
    ]);
    expect(JSON.parse(renderUnInfo(x, 'json').body.toString('utf8'))).toEqual(x);
    // For an importer: the first column's name is its name, no byte order mark before it.
    expect(renderUnInfo(x, 'csv', 'activities').body.toString('utf8')).toMatch(/^activity_id,title,/);
  });

  it("writes a TWG's report: the lead's summary, who sent an update and who did not, the report's impediments", async () => {
    const impediment = (target: 'network' | 'government', gcm: number[]) => ({
      description: `Blocked ${target}`,
      severity: 'high' as const,
      gcmObjectives: gcm,
      target,
    });
    const round = {
      network: 'tl',
      twg: { code: 'labour-migration', name: 'Labour migration', leadAgency: 'ILO' },
      year: 2030,
      period: 2,
      members: ['ILO', 'IOM', 'UNDP'],
      status: 'CLOSED' as const,
      periodStart: '2030-02-28T15:00:00Z',
      periodEnd: '2030-04-30T15:00:00Z',
      updates: {
        ILO: { delivery: 'Two trainings', impediments: [] },
        IOM: null,
        UNDP: { delivery: 'A survey', impediments: [] },
      },
      report: {
        summary: 'Two of three sent',
        impediments: [impediment('network', [6]), impediment('government', [6, 7])],
      },
      closedAt: '2030-05-10T03:00:00Z',
      cancelledReason: null,
    };
    const d = twgReportDocument(round, { ...reader, language: 'en' });
    expect(d.status).toBe('Consolidated by the lead, ILO, on 10 May 2030');
    expect(d.lines).toEqual(['Period 2 of 2030: 1 March 2030 to 30 April 2030']);
    expect(d.facts.items.map((f) => f.value)).toEqual([3, 2, 1, 2, 1, 1]);
    expect(d.tables[0].rows).toEqual([
      ['ILO', 'sent', 'Two trainings', 0],
      ['IOM', 'missing', '—', 0],
      ['UNDP', 'sent', 'A survey', 0],
    ]);
    expect(d.chart.bars.filter((b) => b.value > 0)).toEqual([
      { label: '6', value: 2 },
      { label: '7', value: 1 },
    ]);
    // While the round collects, a member with no answer yet is not missing: it may still send.
    const open = twgReportDocument(
      { ...round, status: 'COLLECTING', updates: { ILO: round.updates.ILO }, report: null, closedAt: null },
      { ...reader, language: 'en' },
    );
    expect(open.status).toBe('Not consolidated yet: the round is collecting updates');
    expect(open.tables[0].rows.map((row) => row[1])).toEqual(['sent', 'not sent yet', 'not sent yet']);
    expect(open.facts.items.slice(0, 3).map((f) => f.value)).toEqual([3, 1, 0]);
    const text = pdfToText((await renderReport(d, 'pdf')).body);
    expect(text).toContain('TWG report: Labour migration');
    expect(text).toMatch(/Updates missing\s+1/);
  });

  it("writes the quarterly update from the quarter's last reports, meetings held in it and impediments still open", () => {
    const [a1, a2, a3, a4] = planFrom(['ILO', 'IOM', 'UNDP', 'FAO']);
    const by = { role: 'agency' as const, agency: 'ILO' };
    const r = (quarter: number, status: 'on-track' | 'delayed', value: string) => ({
      quarter,
      status,
      note: `Q${quarter} ${status}`,
      at: '2030-05-01T00:00:00Z',
      by,
      indicators: [{ name: 'Workers reached', value }],
    });
    const d = quarterlyUpdateDocument(
      {
        network: 'tl',
        year: 2030,
        quarter: 2,
        start: '2030-03-31T15:00:00.000Z',
        end: '2030-06-30T15:00:00.000Z',
        activities: [
          {
            ...a1,
            status: 'delayed',
            progress: [r(1, 'on-track', '10'), r(2, 'on-track', '50'), r(2, 'delayed', '60')],
          },
          { ...a2, status: 'on-track', progress: [r(1, 'on-track', '5')] },
          { ...a3, status: null, progress: [] },
          { ...a4, status: 'cancelled', progress: [{ ...r(1, 'on-track', '0'), status: 'cancelled' }] },
        ],
        meetings: [
          {
            id: '2030-Q2',
            title: 'Network meeting',
            status: 'ADOPTED',
            scheduledAt: '2030-05-20T01:00:00.000Z',
            heldAt: '2030-05-20T01:00:00.000Z',
            adoptedAt: '2030-06-01T01:00:00.000Z',
            decisions: ['One'],
          },
        ],
        // P1 (ending in Q1) consolidated in Q2: counted as consolidated in Q2, listed in Q1's update.
        rounds: [
          {
            twg: 'labour-migration',
            period: 1,
            periodEnd: '2030-02-28T15:00:00.000Z',
            status: 'CLOSED',
            sent: 3,
            missing: 0,
            closedAt: '2030-04-03T03:00:00Z',
          },
          {
            twg: 'labour-migration',
            period: 3,
            periodEnd: '2030-06-30T15:00:00.000Z',
            status: 'CONSOLIDATING',
            sent: 2,
            missing: 1,
            closedAt: null,
          },
        ],
        openImpediments: [],
      },
      { ...reader, language: 'pt' },
    );
    expect(d.title).toBe('Atualização da Rede, T2 2030');
    expect(d.status).toBe('O trimestre de 1 de abril de 2030 a 30 de junho de 2030');
    // A1's last Q2 report says delayed; A2 reported only in Q1; A3 never; A4 was cancelled in Q1 and stays so.
    expect(d.tables[0].rows.map((row) => [row[0], row[4], row[5]])).toEqual([
      ['A1', 'atrasada', 'Q2 delayed'],
      ['A2', 'sem relatório', '—'],
      ['A3', 'sem relatório', '—'],
      ['A4', 'cancelada', '—'],
    ]);
    expect(d.tables[1].rows[0]).toEqual(['A1', 'Workers reached', '0', '60', '500']);
    expect(d.tables.find((t) => t.name === 'twg-rounds')!.rows).toEqual([
      ['labour-migration', 3, 'em consolidação', 2, 1],
    ]);
    // activities, reported, on track, delayed, completed, meetings held, rounds consolidated in Q2, impediments open
    expect(d.facts.items.map((f) => f.value)).toEqual([4, 1, 0, 1, 0, 1, 1, 0]);
  });
});
