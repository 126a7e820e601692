import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseTagPiece, parseTags } from '../../src/image/index.ts';

describe('parseTagPiece', () => {
  it.each([
    ['ubuntu20.04', { key: 'ubuntu', value: '20.04' }],
    ['py311', { key: 'py', value: '311' }],
    ['cuda12.1.0', { key: 'cuda', value: '12.1.0' }],
    ['hpc', { key: 'hpc', value: '' }],
    ['Ubuntu22.04', { key: 'Ubuntu', value: '22.04' }],
    ['cuda12.1rc1', { key: 'cuda', value: '12.1rc1' }],
    // A customized image's suffix: letters up to the first digit are the key.
    ['customized_3fa2b1', { key: 'customized_', value: '3fa2b1' }],
    ['customized_ab12cd', { key: 'customized_ab', value: '12cd' }],
    ['customized_abcdef', { key: 'customized_abcdef', value: '' }],
    ['2024', null],
    ['', null],
    ['20.04ubuntu', null],
    ['cuda12.1RC', null],
    ['cuda.12', null],
    ['tf2.', null],
  ])('%j -> %j', (piece, entry) => expect(parseTagPiece(piece)).toEqual(entry));
});

describe('parseTags', () => {
  it.each([
    ['3.9-ubuntu20.04', [{ key: 'ubuntu', value: '20.04' }]],
    [
      '2.0-py311-cuda12.1',
      [
        { key: 'py', value: '311' },
        { key: 'cuda', value: '12.1' },
      ],
    ],
    ['latest', []],
    [
      '22.04-cuda12.1.0-cudnn8',
      [
        { key: 'cuda', value: '12.1.0' },
        { key: 'cudnn', value: '8' },
      ],
    ],
    [
      '23.08-tf2-py3',
      [
        { key: 'tf', value: '2' },
        { key: 'py', value: '3' },
      ],
    ],
    ['1.0-hpc', [{ key: 'hpc', value: '' }]],
    ['20240101', []],
    ['', []],
    [null, []],
    [
      '2.1-py311-cuda12.1-customized_0c9d3e7a',
      [
        { key: 'py', value: '311' },
        { key: 'cuda', value: '12.1' },
        { key: 'customized_', value: '0c9d3e7a' },
      ],
    ],
  ])('%j', (tag, entries) => expect(parseTags(tag)).toEqual(entries));

  // The manager's own parser refuses these (InvalidImageTag), so its API cannot serve such an image either.
  it.each([
    ['an empty piece', '1.0--ubuntu22.04', '""'],
    ['a piece of digits only', '1.0-2024', '"2024"'],
    ['a trailing dash', '3.9-ubuntu20.04-', '""'],
    ['a repeated key', '1.0-cuda11-cuda12', '"cuda12"'],
    ['an upper-case version suffix', '3.9-ubuntu20.04LTS', '"ubuntu20.04LTS"'],
  ])('refuses %s', (_name, tag, piece) => {
    expect(() => parseTags(tag)).toThrow(GraphQLError);
    expect(() => parseTags(tag)).toThrow(`Invalid or duplicate image name tag: ${piece} in "${tag}"`);
  });
});
