// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are Mesh configuration placeholders, not templates.
import { describe, expect, it } from 'vitest';
import { substituteVariables, validateMeshConfig } from '../../src/gateway/mesh-config.ts';

describe('substituteVariables', () => {
  it.each([
    ['endpoint: ${LEGACY_URL}/admin/gql', { LEGACY_URL: 'http://m' }, 'endpoint: http://m/admin/gql'],
    ['size: ${V2_SIZE_BYTES:BigInt}', {}, 'size: BigInt'],
    ['size: ${V2_SIZE_BYTES:BigInt}', { V2_SIZE_BYTES: 'Int' }, 'size: Int'],
    ['key: ${GATEWAY_ACCESS_KEY:}', {}, 'key: '],
    ['empty counts as unset: ${A:x}', { A: '' }, 'empty counts as unset: x'],
  ])('%s', (text, variables, expected) => {
    expect(substituteVariables(text, variables)).toBe(expected);
  });

  it('names every variable that has neither a value nor a default', () => {
    expect(() => substituteVariables('${LEGACY_URL} ${LEGACY_SCHEMA} ${X:ok}', {})).toThrow(
      /needs LEGACY_URL, LEGACY_SCHEMA, which are not set/,
    );
  });
});

describe('validateMeshConfig', () => {
  it('accepts a minimal configuration', () => {
    expect(() =>
      validateMeshConfig({
        sources: [{ name: 'Legacy', handler: { graphql: { endpoint: 'http://m/admin/gql' } } }],
      }),
    ).not.toThrow();
  });
  it('refuses a configuration Mesh would only warn about', () => {
    expect(() => validateMeshConfig({ sources: 'Legacy' })).toThrow(
      /not a valid Mesh configuration: \/sources/,
    );
  });
});
