/** A timestamp for a response: ISO-8601, or null. Projections give Dates, workflow results already give strings. */
export function isoOrNull(d: Date | string | null | undefined): string | null {
  if (d === null || d === undefined) return null;
  return typeof d === 'string' ? d : d.toISOString();
}
