/**
 * The real reference data (../shared/reference beside the project, or REFERENCE_DIR), present on the
 * machines that have it: tests that read it skip without it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REFERENCE_DIR =
  process.env.REFERENCE_DIR ?? path.resolve(import.meta.dirname, '../../../shared/reference');

/** The path of a reference file, or null where it is not at hand. */
export function referenceFile(name: string): string | null {
  const file = path.join(REFERENCE_DIR, name);
  return existsSync(file) ? file : null;
}
