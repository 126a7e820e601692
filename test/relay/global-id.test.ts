import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeCursor, decodeGlobalId, encodeCursor, encodeGlobalId, isUuid } from '../../src/relay/index.ts';

const ID = '6a0b1c2d-0000-4000-8000-000000000001';

describe('global ids', () => {
  it('encodes as the legacy manager does (padded base64 of <type>:<id>)', () => {
    expect(encodeGlobalId('ImageNode', ID)).toBe(
      'SW1hZ2VOb2RlOjZhMGIxYzJkLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMQ==',
    );
    expect(encodeGlobalId('ImageV2', ID)).toBe(
      'SW1hZ2VWMjo2YTBiMWMyZC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDE=',
    );
  });

  it('round-trips', () => {
    expect(decodeGlobalId(encodeGlobalId('ImageV2', ID))).toEqual({ typeName: 'ImageV2', id: ID });
  });

  it.each([
    ['not base64', 'not base64!'],
    ['no separator', Buffer.from('ImageV2').toString('base64')],
    ['empty type', Buffer.from(':abc').toString('base64')],
    ['empty id', Buffer.from('ImageV2:').toString('base64')],
    ['unpadded', 'SW1hZ2VWMjphYmM'],
    ['a raw uuid', ID],
    ['empty', ''],
  ])('gives null for %s', (_name, value) => {
    expect(decodeGlobalId(value)).toBeNull();
  });
});

describe('cursors', () => {
  it('encodes as the native API does (base64 of cursor:v1:<uuid>)', () => {
    expect(encodeCursor(ID)).toBe('Y3Vyc29yOnYxOjZhMGIxYzJkLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMQ==');
    expect(decodeCursor(encodeCursor(ID))).toBe(ID);
  });

  it.each([
    ['not base64', '%%%', 'Invalid cursor format. (Invalid cursor encoding: %%%)'],
    ['a legacy cursor', encodeGlobalId('ImageNode', ID), /Invalid cursor format: /],
    ['not a uuid', encodeCursor('42'), /Invalid cursor format: /],
  ])('refuses %s with the native error', (_name, value, message) => {
    try {
      decodeCursor(value);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).message).toMatch(message);
      expect((error as GraphQLError).extensions.code).toBe('api_generic_invalid-parameters');
    }
  });
});

describe('isUuid', () => {
  it.each([
    [ID, true],
    [ID.toUpperCase(), true],
    ['6a0b1c2d00004000800000000000000001', false],
    ['', false],
  ])('%s -> %s', (value, expected) => expect(isUuid(value)).toBe(expected));
});
