import { describe, expect, it } from 'vitest';
import { acceptedRequestId } from '../../src/resilience/index.ts';

describe('acceptedRequestId', () => {
  it.each<[string, string | null | undefined, string | null]>([
    ['a UUID is kept', '0b3fa4e2-9d1c-4b7e-8f00-1c2d3e4f5a6b', '0b3fa4e2-9d1c-4b7e-8f00-1c2d3e4f5a6b'],
    ['letters, digits and ._:- are kept', 'web-ui.req_42:7', 'web-ui.req_42:7'],
    ['128 characters are kept', 'a'.repeat(128), 'a'.repeat(128)],
    ['129 characters are replaced', 'a'.repeat(129), null],
    ['a line break (a forged log line) is replaced', 'abc\n{"level":"error"}', null],
    ['quotes and spaces are replaced', 'a "b"', null],
    ['non-ASCII is replaced', 'αβγ', null],
    ['a leading dash is replaced', '-abc', null],
    ['empty is replaced', '', null],
    ['absent is replaced', null, null],
    ['undefined is replaced', undefined, null],
  ])('%s', (_name, header, expected) => {
    expect(acceptedRequestId(header)).toBe(expected);
  });
});
