import { describe, expect, it } from 'vitest';
import {
  type Answer,
  diffAnswers,
  type Json,
  NO_RULES,
  parseRules,
  QUIRKS,
  readAnswer,
} from '../../src/compare/index.ts';

const answer = (body: Json): Answer => readAnswer({ status: 200, body: JSON.stringify(body) });
const page = (node: Json) => ({ data: { adminImagesV2: { edges: [{ node }] } } });

/** For each named quirk, a pair of answers that differ only as that release does. */
const PLANTED: Record<string, [Json, Json]> = {
  'sizeBytes-int32': [
    page({ metadata: { sizeBytes: 3_000_000_000 } }),
    {
      data: { adminImagesV2: null },
      errors: [
        {
          message: 'Int cannot represent non 32-bit signed integer value: 3000000000',
          path: ['adminImagesV2', 'edges', 0, 'node', 'metadata', 'sizeBytes'],
        },
      ],
    },
  ],
  'digest-padding': [
    page({ metadata: { digest: 'sha256:ab' } }),
    page({ metadata: { digest: 'sha256:ab ' } }),
  ],
  'max-none': [
    page({ requirements: { resourceLimits: [{ key: 'cpu', min: '1', max: 'Infinity' }] } }),
    page({ requirements: { resourceLimits: [{ key: 'cpu', min: '1', max: 'None' }] } }),
  ],
  'accelerators-empty': [
    page({ requirements: { supportedAccelerators: ['*'] } }),
    page({ requirements: { supportedAccelerators: [] } }),
  ],
  'resource-limits-order': [
    page({ requirements: { resourceLimits: [{ key: 'cpu' }, { key: 'mem' }] } }),
    page({ requirements: { resourceLimits: [{ key: 'mem' }, { key: 'cpu' }] } }),
  ],
  'createdAt-format': [
    page({ metadata: { createdAt: '2024-01-01T00:00:00.031Z' } }),
    page({ metadata: { createdAt: '2024-01-01T00:00:00.031000+00:00' } }),
  ],
  'unreversed-last': [
    {
      data: {
        adminImagesV2: {
          edges: [
            { cursor: 'b', node: { id: 'b' } },
            { cursor: 'a', node: { id: 'a' } },
          ],
          pageInfo: { startCursor: 'b', endCursor: 'a' },
        },
      },
    },
    {
      data: {
        adminImagesV2: {
          edges: [
            { cursor: 'a', node: { id: 'a' } },
            { cursor: 'b', node: { id: 'b' } },
          ],
          pageInfo: { startCursor: 'a', endCursor: 'b' },
        },
      },
    },
  ],
  'orderBy-cursor-error': [
    page({ id: 'x' }),
    {
      data: null,
      errors: [
        {
          message:
            'Invalid GraphQL parameters. (order_by cannot be used with cursor pagination (first/after, last/before))',
          path: ['adminImagesV2'],
          extensions: { code: 'api_generic_invalid-parameters' },
        },
      ],
    },
  ],
  'imageV2-global-id': [
    { data: { imageV2: { id: 'SW1hZ2VWMjox' } } },
    {
      data: { imageV2: null },
      errors: [{ message: 'badly formed hexadecimal UUID string', path: ['imageV2'] }],
    },
  ],
};

const problems = (control: Json, candidate: Json, rules = NO_RULES) =>
  diffAnswers(answer(control), answer(candidate), rules).filter((o) => o.outcome === 'mismatched');

describe('named quirks', () => {
  it('each have a distinct name, the releases they concern and what they mean', () => {
    expect(new Set(QUIRKS.map((quirk) => quirk.name)).size).toBe(QUIRKS.length);
    for (const quirk of QUIRKS) {
      expect(quirk.meaning.length).toBeGreaterThan(30);
      expect(quirk.releases).toMatch(/^26\./);
    }
  });

  it('are each planted below', () => {
    expect(Object.keys(PLANTED).sort()).toEqual(QUIRKS.map((quirk) => quirk.name).sort());
  });

  it.each(Object.entries(PLANTED))(
    '%s: the planted difference is a mismatch without the rule',
    (_name, [control, candidate]) => {
      // Times compare as instants by default; createdAt-format matters where the rules compare them as text.
      expect(problems(control, candidate, parseRules({ times: 'exact' }))).not.toEqual([]);
    },
  );

  it.each(Object.entries(PLANTED))('%s: the rule lets it pass, as ignored', (name, [control, candidate]) => {
    const rules = parseRules({ quirks: [name], times: 'exact' });
    const observations = diffAnswers(answer(control), answer(candidate), rules);
    expect(observations.filter((o) => o.outcome === 'mismatched')).toEqual([]);
    expect(observations.filter((o) => o.outcome === 'ignored').map((o) => o.reason)).toContain(
      `quirk ${name}`,
    );
  });

  it('lets no other quirk pass a planted difference it does not name', () => {
    for (const [name, [control, candidate]] of Object.entries(PLANTED)) {
      const others = QUIRKS.map((quirk) => quirk.name).filter((other) => other !== name);
      const rules = parseRules({ quirks: others, times: 'exact' });
      expect(problems(control, candidate, rules), name).not.toEqual([]);
    }
  });
});
