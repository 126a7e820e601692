/**
 * What a filter or order field stands for: the column it reads and how the database treats values bound
 * to it (the manager's `_queryfilter_fieldspec` and `_queryorder_colmap`, over in-memory rows).
 */

/** A value rows sort and compare by; null is SQL NULL. */
export type SortValue = string | number | boolean | null;

/** How a column's values are read and compared. `missing` is a spec entry naming a column that is not there. */
export type ColumnKind =
  | 'text'
  | 'number'
  | 'uuid'
  | 'bool'
  | 'datetime'
  | 'status'
  | 'imageType'
  | 'missing';

export interface Column<T> {
  kind: ColumnKind;
  /** The column's value; null is SQL NULL. */
  get: (row: T) => SortValue;
  /** The PostgreSQL type, for the database's own errors. */
  pgType: string;
  /** For `missing`: the attribute error the ORM class raises. */
  missingText?: string;
}

/** The names a filter or order may use, and the columns they stand for. */
export type FieldSpec<T> = Record<string, Column<T>>;

/** `ImageType` names in declaration order, which is how PostgreSQL orders its enum. */
export const IMAGE_TYPES = ['COMPUTE', 'SYSTEM', 'SERVICE'];

/** What a column's value sorts by: PostgreSQL orders an enum by declaration. */
export const comparable = <T>(column: Column<T>, value: SortValue): SortValue =>
  column.kind === 'imageType' && typeof value === 'string' ? IMAGE_TYPES.indexOf(value) : value;
