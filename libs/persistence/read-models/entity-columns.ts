import type { EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** An entity's property that is a column: what the row writers name columns by. */
export type Property<E> = keyof E & string;

export function columnOf(meta: EntityMetadata, property: string): ColumnMetadata {
  const column = meta.findColumnWithPropertyName(property);
  if (!column) throw new Error(`${meta.name} has no column for property ${property}`);
  return column;
}

/** A value as the driver takes it: `undefined` is NULL; a jsonb column's other values are JSON (`null` too). */
export function valueFor(column: ColumnMetadata, value: unknown): unknown {
  if (value === undefined) return null;
  return column.type === 'jsonb' ? JSON.stringify(value) : value;
}

export function primaryKeyOf(meta: EntityMetadata): string {
  const name = meta.primaryColumns[0]?.primaryKeyConstraintName;
  if (!name) throw new Error(`${meta.name} names no primary key constraint (primaryKeyConstraintName)`);
  return name;
}
