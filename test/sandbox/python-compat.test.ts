/** The Python readings of ids the sandbox copies: `uuid.UUID`, graphql-relay's strict `unbase64`, global ids. */
import { describe, expect, it } from 'vitest';
import {
  globalIdFieldValue,
  pythonUuid,
  resolveGlobalId,
  toGlobalId,
  unbase64,
} from '../../src/sandbox/python-compat.ts';

describe('pythonUuid', () => {
  it.each([
    ['6A0B1C2D-0000-4000-8000-000000000001', '6a0b1c2d-0000-4000-8000-000000000001'],
    ['{6a0b1c2d-0000-4000-8000-000000000001}', '6a0b1c2d-0000-4000-8000-000000000001'],
    ['urn:uuid:6a0b1c2d000040008000000000000001', '6a0b1c2d-0000-4000-8000-000000000001'],
  ])('reads %s', (text, id) => {
    expect(pythonUuid(text)).toBe(id);
  });

  it.each([
    ['', 'badly formed hexadecimal UUID string'],
    ['6a0b1c2d', 'badly formed hexadecimal UUID string'],
    [
      'zzzzzzzz-0000-4000-8000-000000000001',
      "invalid literal for int() with base 16: 'zzzzzzzz000040008000000000000001'",
    ],
  ])('refuses %j', (text, message) => {
    expect(() => pythonUuid(text)).toThrow(message);
  });
});

describe('global ids', () => {
  it('are padded base64 of <type>:<id>', () => {
    expect(toGlobalId('ImageNode', 'x')).toBe('SW1hZ2VOb2RlOng=');
    expect(resolveGlobalId('SW1hZ2VOb2RlOng=')).toEqual(['ImageNode', 'x']);
  });

  it.each(['not base64!', 'abc', 'a===', '6a0b1c2d-0000-4000-8000-000000000001'])(
    'decode %j to nothing',
    (text) => {
      expect(unbase64(text)).toBe('');
    },
  );

  it('take a raw id where no global id can be read', () => {
    expect(globalIdFieldValue('6a0b1c2d-0000-4000-8000-000000000001')).toEqual([
      '',
      '6a0b1c2d-0000-4000-8000-000000000001',
    ]);
    expect(globalIdFieldValue(toGlobalId('ImageNode', 'y'))).toEqual(['ImageNode', 'y']);
  });
});
