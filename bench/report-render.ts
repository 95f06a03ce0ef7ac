/**
 * The time to render the annual report of a year with N activities (200 by default, the plan's upper bound), in each
 * format and language, from the same document: building the document (the numbers), then PDF (with the GCM chart),
 * Markdown, the CSV archive and the JSON. Prints the median and slowest of R runs per format, and the file sizes.
 * Pure computation: no server is started.
 *
 *   npx ts-node --transpile-only bench/report-render.ts [activities=200] [runs=7]
 */
import { performance } from 'node:perf_hooks';

import type { Language } from '../libs/domain/people';
import { annualReportDocument } from '../libs/reports/annual-report-document';
import { renderReport } from '../libs/reports/render-report';
import { REPORT_FORMATS } from '../libs/reports/report-document';
import { syntheticAnnualReport } from '../test/support/annual-report-fixture';

const activities = Number(process.argv[2] ?? 200);
const runs = Number(process.argv[3] ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const report = syntheticAnnualReport(activities);
  const reader = (language: Language) => ({ language, timeZone: 'Asia/Dili', networkName: 'Timor-Leste' });
  await renderReport(annualReportDocument(report, reader('en')), 'pdf'); // warm: fonts and modules loaded once
  console.log(`annual report, ${activities} activities, ${runs} runs per format (median, slowest; size)`);
  for (const language of ['en', 'tet', 'pt'] as const) {
    const times: Record<string, number[]> = { document: [] };
    const sizes: Record<string, number> = {};
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const doc = annualReportDocument(report, reader(language));
      times.document.push(performance.now() - t0);
      for (const format of REPORT_FORMATS) {
        const t = performance.now();
        const file = await renderReport(doc, format);
        (times[format] ??= []).push(performance.now() - t);
        sizes[format] = file.body.length;
      }
    }
    for (const [what, ms] of Object.entries(times))
      console.log(
        `  ${language.padEnd(3)} ${what.padEnd(8)} ${median(ms).toFixed(1).padStart(8)} ms  ${Math.max(...ms)
          .toFixed(1)
          .padStart(8)} ms${sizes[what] ? `  ${(sizes[what] / 1024).toFixed(0).padStart(5)} KiB` : ''}`,
      );
  }
}

void main();
