import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../src/relay/base64.ts';

describe('base64', () => {
  it.each([
    ['ImageV2:x', 'SW1hZ2VWMjp4'],
    ['ImageNode:ab', 'SW1hZ2VOb2RlOmFi'],
    ['cursor:v1:é', 'Y3Vyc29yOnYxOsOp'],
    ['a', 'YQ=='],
  ])('round-trips %j as padded standard base64', (text, encoded) => {
    expect(encodeBase64(text)).toBe(encoded);
    expect(decodeBase64(encoded)).toBe(text);
  });

  it.each([
    ['empty', ''],
    ['missing padding', 'YQ'],
    ['the url-safe alphabet', 'Pz8_'],
    ['stray characters', 'YW Jj'],
    ['non-zero pad bits', 'YR=='],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe]).toString('base64')],
    ['padding inside', 'YQ==YQ=='],
  ])('refuses %s', (_name, value) => expect(decodeBase64(value)).toBeNull());
});
