import { dirname, join } from 'node:path';

import * as echarts from 'echarts';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

import type { ReportDocument } from './report-document';

const ROBOTO = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: join(ROBOTO, 'Roboto-Regular.ttf'),
    bold: join(ROBOTO, 'Roboto-Medium.ttf'),
    italics: join(ROBOTO, 'Roboto-Italic.ttf'),
    bolditalics: join(ROBOTO, 'Roboto-MediumItalic.ttf'),
  },
});
// A report names no image or font of its own: nothing outside the fonts above is read, nothing is fetched.
pdfmake.setLocalAccessPolicy((path) => path.startsWith(ROBOTO));
pdfmake.setUrlAccessPolicy(() => false);

const UN_BLUE = '#1f5f99';

/** The chart as SVG, drawn by the charting library the web application uses, rendered on the server. */
function chartSvg(chart: ReportDocument['chart'], width: number, height: number): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption({
      animation: false,
      grid: { left: 36, right: 12, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: chart.bars.map((b) => b.label), axisLabel: { fontSize: 9 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 9 } },
      series: [
        {
          type: 'bar',
          data: chart.bars.map((b) => b.value),
          itemStyle: { color: UN_BLUE },
          label: { show: true, position: 'top', fontSize: 8 },
        },
      ],
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** The report as a PDF: a title page with the figures and the chart, then every table, numbered pages. */
export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const tables: Content[] = doc.tables.flatMap(
    (t) =>
      [
        { text: t.title, style: 'h2' },
        t.rows.length === 0
          ? { text: '—', margin: [0, 0, 0, 12] }
          : {
              table: {
                headerRows: 1,
                widths: t.columns.map((_, i) => (t.columns.length > 5 && i === 1 ? '*' : 'auto')),
                body: [
                  t.columns.map((c) => ({ text: c, style: 'th' })),
                  ...t.rows.map((r) =>
                    r.map((c) => ({ text: String(c), alignment: typeof c === 'number' ? 'right' : 'left' })),
                  ),
                ],
              },
              layout: 'lightHorizontalLines',
              fontSize: 8,
              margin: [0, 0, 0, 14],
            },
      ] as Content[],
  );
  const definition: TDocumentDefinitions = {
    info: { title: `${doc.title}: ${doc.subtitle}`, creator: 'mignet' },
    language: doc.language,
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [40, 40, 40, 44],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      title: { fontSize: 26, bold: true, color: UN_BLUE },
      h2: { fontSize: 13, bold: true, color: UN_BLUE, margin: [0, 10, 0, 6] },
      th: { bold: true, fontSize: 8 },
    },
    footer: (page, pages) => ({
      text: doc.pageText.replace('{{page}}', String(page)).replace('{{pages}}', String(pages)),
      alignment: 'center',
      fontSize: 8,
      color: '#555',
    }),
    content: [
      { text: doc.title, style: 'title', margin: [0, 60, 0, 8] },
      { text: doc.subtitle, fontSize: 14, margin: [0, 0, 0, 6] },
      { text: doc.status, italics: true, margin: [0, 0, 0, 6] },
      ...doc.lines.map((l) => ({ text: l, margin: [0, 0, 0, 4] }) as Content),
      ...(doc.summary
        ? [
            { text: doc.summary.title, style: 'h2' } as Content,
            { text: doc.summary.text, margin: [0, 0, 0, 6] } as Content,
          ]
        : []),
      {
        columns: [
          [
            { text: doc.facts.title, style: 'h2' },
            {
              table: {
                widths: ['*', 'auto'],
                body: doc.facts.items.map((f) => [f.label, { text: String(f.value), bold: true, alignment: 'right' }]),
              },
              layout: 'lightHorizontalLines',
            },
          ],
          [
            { text: doc.chart.title, style: 'h2' },
            { svg: chartSvg(doc.chart, 420, 230), width: 380 },
          ],
        ],
        columnGap: 30,
      } as Content,
      { text: '', pageBreak: 'after' },
      ...tables,
    ],
  };
  return pdfmake.createPdf(definition).getBuffer();
}
