import { describe, expect, it, vi } from 'vitest';
import { PerRequest } from '../../src/resolvers/per-request.ts';

describe('values kept per request', () => {
  it('makes a value once per request and key, whichever context object of the request asks', () => {
    const memo = new PerRequest<number>();
    const make = vi.fn(() => 42);
    const request = new Request('http://gateway/admin/gql');
    const [a, b] = [{ request }, { request }];
    expect(memo.get(a, 'role', make)).toBe(42);
    expect(memo.get(b, 'role', make)).toBe(42);
    expect(make).toHaveBeenCalledTimes(1);
    memo.get(a, 'other', make);
    expect(make).toHaveBeenCalledTimes(2);
  });

  it('never hands one request the value of another', () => {
    const memo = new PerRequest<string>();
    const first = { request: new Request('http://gateway/admin/gql') };
    const second = { request: new Request('http://gateway/admin/gql') };
    memo.get(first, 'role', () => 'superadmin');
    expect(memo.get(second, 'role', () => 'user')).toBe('user');
  });

  it('keys by the context itself where it carries no request', () => {
    const memo = new PerRequest<string>();
    const context = {};
    memo.get(context, 'k', () => 'v');
    expect(memo.get(context, 'k', () => 'w')).toBe('v');
    expect(memo.get({}, 'k', () => 'w')).toBe('w');
  });
});
