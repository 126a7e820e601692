import { describe, expect, it } from 'vitest';
import { isUuid } from '../../src/relay/index.ts';

const ID = '6a0b1c2d-0000-4000-8000-000000000001';

describe('isUuid', () => {
  it.each([
    [ID, true],
    [ID.toUpperCase(), true],
    ['00000000-0000-0000-0000-000000000000', true],
    [ID.replaceAll('-', ''), false],
    [`{${ID}}`, false],
    [`${ID} `, false],
    ['6a0b1c2d-0000-4000-8000-00000000000g', false],
    ['', false],
  ])('%j -> %s', (value, expected) => expect(isUuid(value)).toBe(expected));
});
