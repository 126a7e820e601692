import { describe, expect, it } from 'vitest';
import { canonicalName } from '../../src/image/index.ts';

describe('canonicalName', () => {
  it.each([
    [
      { registry: 'cr.backend.ai', namespace: 'stable/python', tag: '3.9-ubuntu20.04' },
      'cr.backend.ai/stable/python:3.9-ubuntu20.04',
    ],
    [
      { registry: 'registry.example.com:5000', namespace: 'research/llm/vllm', tag: 'latest' },
      'registry.example.com:5000/research/llm/vllm:latest',
    ],
  ])('%j -> %s', (row, name) => expect(canonicalName(row)).toBe(name));
});
