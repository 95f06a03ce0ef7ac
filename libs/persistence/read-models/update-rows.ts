import type { EntityManager } from 'typeorm';

import { columnOf, type Property, valueFor } from './entity-columns';

/** A condition beyond the equalities of `where`: the column is at most a value (or NULL, if `orNull`), or is NULL. */
export type UpdateGuard<E> =
  | { readonly column: Property<E>; readonly atMost: unknown; readonly orNull?: boolean }
  | { readonly column: Property<E>; readonly isNull: true };

/**
 * Updates the read-model rows `where` names (equalities on entity properties) to `set`, if `onlyIf` holds: the
 * update writers use beside `upsertRow`, with columns named and typed the same way (from the entity's metadata).
 */
export async function updateRows<E extends object>(
  tx: EntityManager,
  entity: new () => E,
  change: {
    readonly where: { readonly [K in keyof E]?: unknown };
    readonly set: { readonly [K in keyof E]?: unknown };
    readonly onlyIf?: UpdateGuard<E>;
  },
): Promise<void> {
  const meta = tx.connection.getMetadata(entity);
  const params: unknown[] = [];
  const param = (property: Property<E>, value: unknown) => {
    params.push(valueFor(columnOf(meta, property), value));
    return `$${params.length}`;
  };
  const name = (p: Property<E>) => `"${columnOf(meta, p).databaseName}"`;
  const sets = (Object.keys(change.set) as Property<E>[]).map((p) => `${name(p)} = ${param(p, change.set[p])}`);
  const conditions = (Object.keys(change.where) as Property<E>[]).map(
    (p) => `${name(p)} = ${param(p, change.where[p])}`,
  );
  const guard = change.onlyIf;
  if (guard && 'isNull' in guard) conditions.push(`${name(guard.column)} IS NULL`);
  else if (guard) {
    const atMost = `${name(guard.column)} <= ${param(guard.column, guard.atMost)}`;
    conditions.push(guard.orNull ? `(${name(guard.column)} IS NULL OR ${atMost})` : atMost);
  }
  if (sets.length === 0 || conditions.length === 0)
    throw new Error(`${meta.name}: an update needs columns to set and rows to pick`);
  await tx.query(`UPDATE "${meta.tableName}" SET ${sets.join(', ')} WHERE ${conditions.join(' AND ')}`, params);
}
