import { describe, expect, it } from 'vitest';
import { managerRefusalOf } from '../../src/errors/index.ts';

const PROBLEM = JSON.stringify({
  type: 'https://api.backend.ai/probs/unauthorized',
  title: 'Unauthorized access',
});

describe('managerRefusalOf', () => {
  it.each([401, 403, 400, 429])('relays a problem body with HTTP %i', (status) => {
    expect(managerRefusalOf(status, 'application/problem+json', PROBLEM)).toEqual({
      status,
      contentType: 'application/problem+json',
      body: PROBLEM,
    });
  });

  it.each([
    ['a GraphQL answer', 400, JSON.stringify({ data: null, errors: [{ message: 'x' }] })],
    ['a server fault', 500, PROBLEM],
    ['a success', 200, PROBLEM],
    ['a body that is not JSON', 401, '<html>'],
    ['a JSON list', 401, '[]'],
  ])('is not a refusal: %s', (_name, status, body) => {
    expect(managerRefusalOf(status, 'application/json', body)).toBeNull();
  });
});
