/**
 * The introspected legacy schema is written where Mesh can read it. Regression: it was written to a
 * predictable path in the shared temp folder, where another local user could plant a schema of their own
 * before the gateway started (or swap it), and it was never removed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSchemaFile } from '../../src/gateway/legacy-schema.ts';
import { stacksClosedAfterEach, WITHOUT_GATEWAY_KEYPAIR } from '../support/stack.ts';

const stackOf = stacksClosedAfterEach(afterEach);
const SDL = 'type Query { a: Int }\n';

describe('writeSchemaFile', () => {
  it('writes each schema into a fresh directory only its user can enter, removed by dispose', async () => {
    const first = await writeSchemaFile(SDL);
    const second = await writeSchemaFile(SDL);
    try {
      expect(dirname(first.file)).not.toBe(dirname(second.file));
      expect(readFileSync(first.file, 'utf8')).toBe(SDL);
      expect(statSync(dirname(first.file)).mode & 0o777).toBe(0o700);
      expect(statSync(first.file).mode & 0o777).toBe(0o600);
    } finally {
      await first.dispose();
      await second.dispose();
    }
    expect(existsSync(dirname(first.file))).toBe(false);
    expect(existsSync(dirname(second.file))).toBe(false);
  });
});

describe('the gateway', () => {
  it('removes the schema it introspected when it closes', async () => {
    const stack = await stackOf({});
    const file = stack.gateway.legacySchemaFile;
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, 'utf8')).toContain('type Query');
    await stack.gateway.close();
    expect(existsSync(dirname(file))).toBe(false);
  });

  it("leaves the operator's LEGACY_SCHEMA file alone", async () => {
    const stack = await stackOf({ env: WITHOUT_GATEWAY_KEYPAIR });
    const file = stack.gateway.legacySchemaFile;
    await stack.gateway.close();
    expect(existsSync(file)).toBe(true);
  });
});
