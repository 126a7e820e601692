/**
 * docs/OPERATIONS.md is what an operator reads: every error code a client can get and every setting the
 * gateway reads must be in it, so a new one cannot land undocumented.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../src/errors/index.ts';

const doc = readFileSync(new URL('../docs/OPERATIONS.md', import.meta.url), 'utf8');
const settingsSource = readFileSync(new URL('../src/gateway/settings.ts', import.meta.url), 'utf8');

/** The variables settings.ts reads: every reader is called with the variable's name first. */
const VARIABLES = [...new Set([...settingsSource.matchAll(/\b\w+\('([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]!))];

describe('docs/OPERATIONS.md', () => {
  it('finds the variables settings.ts reads (this test reads them from its source)', () => {
    expect(VARIABLES).toEqual(expect.arrayContaining(['PORT', 'LEGACY_URL', 'MAX_DEPTH', 'CSRF_PREVENTION']));
  });

  it.each(Object.values(ErrorCode))('lists the error code %s', (code) => {
    expect(doc).toContain(`\`${code}\``);
  });

  it.each(VARIABLES)('documents the setting %s', (variable) => {
    expect(doc).toContain(`\`${variable}\``);
  });
});
