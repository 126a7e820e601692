import { describe, expect, it } from 'vitest';
import { decodeGlobalId, encodeGlobalId } from '../../src/relay/index.ts';

const ID = '6a0b1c2d-0000-4000-8000-000000000001';

describe('encodeGlobalId', () => {
  it.each([
    ['ImageNode', 'SW1hZ2VOb2RlOjZhMGIxYzJkLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMQ=='],
    ['ImageV2', 'SW1hZ2VWMjo2YTBiMWMyZC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDE='],
  ])('encodes %s ids as the manager does (padded base64 of <type>:<id>)', (typeName, encoded) => {
    expect(encodeGlobalId(typeName, ID)).toBe(encoded);
  });
});

describe('decodeGlobalId', () => {
  it.each([
    ['an ImageV2 id', encodeGlobalId('ImageV2', ID), { typeName: 'ImageV2', id: ID }],
    ['a legacy ImageNode id', encodeGlobalId('ImageNode', ID), { typeName: 'ImageNode', id: ID }],
    ['an id with colons', encodeGlobalId('Thing', 'a:b'), { typeName: 'Thing', id: 'a:b' }],
    ['non-ASCII text', encodeGlobalId('Thing', 'é:ü'), { typeName: 'Thing', id: 'é:ü' }],
  ])('reads %s', (_name, value, expected) => expect(decodeGlobalId(value)).toEqual(expected));

  it.each([
    ['not base64', 'not base64!'],
    ['no separator', Buffer.from('ImageV2').toString('base64')],
    ['an empty type', Buffer.from(':abc').toString('base64')],
    ['an empty id', Buffer.from('ImageV2:').toString('base64')],
    ['unpadded base64', 'SW1hZ2VWMjphYmM'],
    ['a raw uuid', ID],
    ['an empty string', ''],
  ])('gives null, never an error, for %s', (_name, value) => {
    expect(decodeGlobalId(value)).toBeNull();
  });
});
