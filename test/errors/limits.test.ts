import { describe, expect, it } from 'vitest';
import { scanLimitExceeded, tooManyNodeIds } from '../../src/errors/index.ts';
import { onTheWire } from './wire.ts';

describe("the gateway's own limits, named after their settings", () => {
  it.each([
    [
      'a counted listing over the scan limit',
      scanLimitExceeded('MAX_GATEWAY_SCAN_ROWS', 100, 250),
      'The listing needs more rows than the gateway reads for one request. (250 rows match, MAX_GATEWAY_SCAN_ROWS is 100; narrow the filter, or raise MAX_GATEWAY_SCAN_ROWS)',
      'image_list-query_unavailable',
    ],
    [
      'an uncounted listing over the scan limit',
      scanLimitExceeded('MAX_GATEWAY_SCAN_ROWS', 100, null),
      'The listing needs more rows than the gateway reads for one request. (more than 100 rows match, MAX_GATEWAY_SCAN_ROWS is 100; narrow the filter, or raise MAX_GATEWAY_SCAN_ROWS)',
      'image_list-query_unavailable',
    ],
    [
      'too many ids for nodes',
      tooManyNodeIds('NODES_MAX_IDS', 100, 101),
      'Invalid GraphQL parameters. (nodes takes at most 100 ids (NODES_MAX_IDS), got 101)',
      'api_generic_invalid-parameters',
    ],
  ])('%s', (_name, error, message, code) => {
    expect(onTheWire(error)).toEqual({ message, extensions: { code } });
  });
});
