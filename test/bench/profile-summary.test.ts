/** Reading a CPU profile by package and by stage of serving a request (bench/profile-summary.ts). */
import { describe, expect, it } from 'vitest';
import { byStage, packageOf } from '../../bench/profile-summary.ts';

describe('packageOf', () => {
  it.each([
    ['file:///app/node_modules/graphql-jit/dist/runtime.js', 'callResolver', 'graphql-jit'],
    [
      'file:///app/node_modules/@graphql-tools/executor-http/dist/index.js',
      'f',
      '@graphql-tools/executor-http',
    ],
    [
      'file:///app/node_modules/@graphql-mesh/runtime/node_modules/@graphql-tools/executor/cjs/x.js',
      'f',
      '@graphql-tools/executor',
    ],
    ['file:///app/src/resolvers/held-rows.ts', 'orderRows', 'src/resolvers'],
    ['file:///app/transforms/image-v2.ts', 'f', 'transforms'],
    ['node:internal/streams/writable', 'doWrite', 'node (built-ins)'],
    ['', '(garbage collector)', '(native) (garbage collector)'],
  ])('%s (%s) is %s', (url, functionName, expected) => {
    expect(packageOf(url, functionName)).toBe(expected);
  });
});

describe('byStage', () => {
  // root -> yoga handler -> jit resolver -> executor-http -> JSON.parse (native), and the collector.
  const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
    id,
    callFrame: { functionName, url, lineNumber: 0 },
    children,
  });
  const profile = {
    nodes: [
      frame(1, '(root)', '', [2, 6, 7]),
      frame(2, 'processRequest', 'file:///app/node_modules/graphql-yoga/esm/process-request.js', [3]),
      frame(3, 'callResolver', 'file:///app/node_modules/graphql-jit/dist/runtime.js', [4]),
      frame(
        4,
        'runInflightRequest',
        'file:///app/node_modules/@graphql-tools/executor-http/dist/index.js',
        [5],
      ),
      frame(5, 'parse', ''),
      frame(6, '(garbage collector)', ''),
      frame(7, '(idle)', ''),
    ],
    startTime: 0,
    endTime: 100,
    samples: [5, 5, 3, 2, 6, 7],
    timeDeltas: [10, 10, 5, 3, 7, 50],
  };

  it('counts native code for its nearest caller that belongs to a stage, and leaves idle time out', () => {
    expect(Object.fromEntries(byStage(profile))).toEqual({
      'upstream call (request, fetch, plugins, JSON.parse of the answer)': 20,
      'execution (compiled query, resolvers, mapping, Mesh delegation)': 5,
      'HTTP server, Yoga and envelop': 3,
      'garbage collection': 7,
    });
  });
});
