import { describe, expect, it } from 'vitest';
import { startupErrorLine } from '../../src/cli/startup-error.ts';
import { readSettings } from '../../src/gateway/settings.ts';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('startupErrorLine', () => {
  it('lists every settings problem on one line', () => {
    const line = startupErrorLine(thrownBy(() => readSettings({ PORT: 'x', TRUSTED_PROXIES: 'bad' })));
    expect(line).toBe(
      'imagev2-gateway: invalid settings: TRUSTED_PROXIES: not an IP address or CIDR range: "bad"; PORT must be a port number from 0 to 65535, got "x"',
    );
  });

  it('says why without a stack trace', () => {
    const error = new Error('cannot reach the legacy manager at http://127.0.0.1:1: connect ECONNREFUSED');
    expect(error.stack).toMatch(/\n\s+at /);
    expect(startupErrorLine(error)).toBe(`imagev2-gateway: cannot start: ${error.message}`);
    expect(startupErrorLine(new Error('first line\n    at somewhere (file.ts:1:1)'))).toBe(
      'imagev2-gateway: cannot start: first line',
    );
  });

  it('names a port in use', () => {
    const error = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:4000'), {
      code: 'EADDRINUSE',
    });
    expect(startupErrorLine(error)).toMatch(/^imagev2-gateway: cannot start: the port is in use/);
  });
});
