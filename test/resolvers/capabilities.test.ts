import { describe, expect, it } from 'vitest';
import { capabilitiesOf, parseRelease } from '../../src/resolvers/capabilities.ts';

describe('manager capabilities', () => {
  it.each([
    ['26.1.0', [26, 1, 0]],
    ['25.6.3rc1', [25, 6, 3]],
    ['25.13', [25, 13, 0]],
    ['unknown', null],
  ])('parses %s', (text, release) => expect(parseRelease(text)).toEqual(release));

  it.each([
    ['25.6.0', false, false, false, false, false],
    ['25.10.4', false, false, false, false, false],
    ['25.11.0', false, false, false, true, false],
    ['25.12.9', false, false, false, true, false],
    ['25.13.0', true, false, false, true, false],
    ['25.16.1', true, true, false, true, false],
    ['25.19.2', true, true, false, true, false],
    ['26.1.0', true, true, false, true, true],
    ['26.3.0', true, true, true, true, true],
    ['26.8.1', true, true, true, true, true],
  ])(
    '%s reads X-Forwarded-URL: %s, accepts tokens: %s, has the REST image API: %s, filters by status: %s, counts past a cursor: %s',
    (release, readsForwardedUrl, acceptsToken, restImageApi, filtersByStatus, countIgnoresCursor) => {
      expect(capabilitiesOf(release)).toEqual({
        release,
        readsForwardedUrl,
        acceptsToken,
        restImageApi,
        filtersByStatus,
        countIgnoresCursor,
      });
    },
  );
});
