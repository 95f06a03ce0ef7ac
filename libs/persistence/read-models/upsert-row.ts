import type { EntityManager } from 'typeorm';

import { columnOf, primaryKeyOf, type Property, valueFor } from './entity-columns';

/** What a row that already exists becomes: left alone, or updated in the columns named if the write is newer. */
export type OnConflict<E> =
  | 'nothing'
  | {
      /**
       * Columns replaced by the new values; `'all'`: every column the row carries but its key and `keep`. A row that is
       * a projection of the whole state takes 'all', so a column left out cannot keep what a dead workflow task wrote.
       */
      readonly update: readonly Property<E>[] | 'all';
      /** Columns replaced only by a value (a write without one keeps the row's). */
      readonly keep?: readonly Property<E>[];
      /** Set to the time of the write. */
      readonly touch?: Property<E>;
      /** The column that orders writes (a revision, a version): an older write changes nothing. */
      readonly newer: { readonly column: Property<E>; readonly orEqual?: boolean };
    };

/**
 * Inserts or updates one read-model row, the one way projections write: columns are the entity's properties, so a
 * misspelt one fails `tsc`, and their names and types come from the entity's metadata, which the migration drift
 * test compares with the schema. Values: `undefined` is NULL; a jsonb column's other values are stored as JSON
 * (`null` as JSON null); arrays of a text[] or int[] column as arrays.
 */
export async function upsertRow<E extends object>(
  tx: EntityManager,
  entity: new () => E,
  row: { readonly [K in keyof E]?: unknown },
  onConflict: OnConflict<E>,
): Promise<void> {
  const meta = tx.connection.getMetadata(entity);
  const properties = Object.keys(row) as Property<E>[];
  const column = (p: Property<E>) => columnOf(meta, p);
  const values = properties.map((p) => valueFor(column(p), row[p]));
  const table = `"${meta.tableName}"`;
  const name = (p: Property<E>) => `"${column(p).databaseName}"`;
  let conflict = 'DO NOTHING';
  if (onConflict !== 'nothing') {
    const keep = onConflict.keep ?? [];
    const key = new Set(meta.primaryColumns.map((c) => c.propertyName));
    const update =
      onConflict.update === 'all'
        ? properties.filter((p) => !key.has(p) && !keep.includes(p) && p !== onConflict.touch)
        : onConflict.update;
    // A column updated from a row that does not carry it would be set to NULL: name the mistake instead.
    const named = [...update, ...keep, onConflict.newer.column];
    const missing = named.filter((p) => !(p in row));
    if (missing.length > 0)
      throw new Error(`${meta.name}: the row has no value for ${missing.join(', ')}, which the write updates`);
    const sets = [
      ...update.map((p) => `${name(p)} = EXCLUDED.${name(p)}`),
      ...keep.map((p) => `${name(p)} = COALESCE(EXCLUDED.${name(p)}, ${table}.${name(p)})`),
      ...(onConflict.touch ? [`${name(onConflict.touch)} = now()`] : []),
    ];
    const newer = name(onConflict.newer.column);
    conflict = `DO UPDATE SET ${sets.join(', ')} WHERE ${table}.${newer} ${onConflict.newer.orEqual ? '<=' : '<'} EXCLUDED.${newer}`;
  }
  await tx.query(
    `INSERT INTO ${table} (${properties.map(name).join(', ')}) VALUES (${properties.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT ON CONSTRAINT "${primaryKeyOf(meta)}" ${conflict}`,
    values,
  );
}
