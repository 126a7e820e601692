import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, encodeGlobalId } from '../../src/relay/index.ts';

const ID = '6a0b1c2d-0000-4000-8000-000000000001';

describe('encodeCursor', () => {
  it('encodes as the native API does (base64 of cursor:v1:<uuid>)', () => {
    expect(encodeCursor(ID)).toBe('Y3Vyc29yOnYxOjZhMGIxYzJkLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMQ==');
  });
});

describe('decodeCursor', () => {
  it.each([
    ['its own cursors', encodeCursor(ID), ID],
    ['an upper-case uuid, as lower case', encodeCursor(ID.toUpperCase()), ID],
  ])('reads %s', (_name, cursor, id) => expect(decodeCursor(cursor)).toBe(id));

  const legacy = encodeGlobalId('ImageNode', ID);
  const version2 = Buffer.from(`cursor:v2:${ID}`).toString('base64');
  const notUuid = encodeCursor('42');
  const unhyphenated = encodeCursor(ID.replaceAll('-', ''));
  // Python's b64decode would repair these; one cursor has one spelling here.
  const unpadded = encodeCursor(ID).replace(/=+$/, '');
  const urlSafe = Buffer.from(`cursor:v1:${ID}>?`).toString('base64url');
  it.each([
    ['not base64', '%%%', 'Invalid cursor format: %%%'],
    ['empty', '', 'Invalid cursor format: '],
    ['a legacy ImageNode cursor', legacy, `Invalid cursor format: ${legacy}`],
    ['another cursor version', version2, `Invalid cursor format: ${version2}`],
    ['a cursor of something not a uuid', notUuid, `Invalid cursor value: ${notUuid}`],
    ['a uuid without hyphens', unhyphenated, `Invalid cursor value: ${unhyphenated}`],
    ['unpadded base64', unpadded, `Invalid cursor format: ${unpadded}`],
    ['url-safe base64', urlSafe, `Invalid cursor format: ${urlSafe}`],
  ])('refuses %s with the native InvalidCursor error', (_name, cursor, detail) => {
    let thrown: unknown;
    try {
      decodeCursor(cursor);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).message).toBe(`Invalid cursor format. (${detail})`);
    expect((thrown as GraphQLError).extensions).toEqual({ code: 'api_generic_invalid-parameters' });
  });
});
