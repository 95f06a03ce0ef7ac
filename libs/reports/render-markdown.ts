import type { Cell, ReportDocument } from './report-document';

/** A Markdown cell: one line, its pipes escaped. */
const md = (c: Cell) => String(c).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

/** The report as Markdown: headings, the figures as a list, every table as a pipe table (the chart is its table). */
export function renderMarkdown(doc: ReportDocument): string {
  const parts = [
    `# ${doc.title}`,
    `${doc.subtitle}\n\n*${doc.status}*`,
    doc.lines.join('\n\n'),
    ...(doc.summary ? [`## ${doc.summary.title}`, doc.summary.text] : []),
    `## ${doc.facts.title}`,
    doc.facts.items.map((f) => `- ${md(f.label)}: **${md(f.value)}**`).join('\n'),
    ...doc.tables.flatMap((t) => [
      `## ${t.title}`,
      [
        `| ${t.columns.map(md).join(' | ')} |`,
        `| ${t.columns.map((_, i) => (t.rows.length > 0 && t.rows.every((r) => typeof r[i] === 'number') ? '--:' : '---')).join(' | ')} |`,
        ...t.rows.map((r) => `| ${r.map(md).join(' | ')} |`),
      ].join('\n'),
    ]),
  ];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}
