/**
 * A report's files in the reader's language, as the API renders them (its session cookie goes with the link): the
 * PDF, the Markdown and every table as CSV in a zip.
 */
export function ReportFiles({ label, path, language }: { label: string; path: string; language: string }) {
  const file = (format: string) => `${path}?format=${format}&lang=${language}`;
  return (
    <p className="report-files">
      {label} <a href={file('pdf')}>PDF</a> · <a href={file('md')}>Markdown</a> · <a href={file('csv')}>CSV (zip)</a>
    </p>
  );
}
