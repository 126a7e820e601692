import { describe, expect, it } from 'vitest';
import { JsonLogger, logRecord } from '../../../src/gateway/observability/json-logger.ts';

const TIME = new Date('2026-01-02T03:04:05.000Z');
const BASE = { time: '2026-01-02T03:04:05.000Z', logger: 'gw' };

function failure(): Error {
  const error = new Error('boom');
  error.stack = 'Error: boom\n    at somewhere.ts:1:1';
  return error;
}

describe('logRecord', () => {
  it.each<[string, 'info' | 'warn' | 'error', Record<string, unknown>, unknown[], Record<string, unknown>]>([
    ['joins words into the message', 'info', {}, ['request', 42], { level: 'info', msg: 'request 42' }],
    [
      'adds the fields of a plain object',
      'info',
      {},
      ['request', { requestId: 'r1', status: 200 }],
      { level: 'info', msg: 'request', requestId: 'r1', status: 200 },
    ],
    [
      'adds the context of a child logger, which a line can override',
      'warn',
      { requestId: 'r1', source: 'Legacy' },
      ['upstream call failed', { source: 'LegacyRest' }],
      { level: 'warn', msg: 'upstream call failed', requestId: 'r1', source: 'LegacyRest' },
    ],
    [
      'calls lazy messages (Mesh debug lines)',
      'info',
      {},
      [() => 'computed', () => ['a', 'b']],
      { level: 'info', msg: 'computed a b' },
    ],
    [
      'an error on a warn line: its name, message and code, no stack',
      'warn',
      {},
      ['read failed', Object.assign(failure(), { extensions: { code: 'external-system_request_timeout' } })],
      {
        level: 'warn',
        msg: 'read failed boom',
        error: { name: 'Error', message: 'boom', code: 'external-system_request_timeout' },
      },
    ],
    [
      'an error on an error line keeps its stack',
      'error',
      {},
      [failure()],
      {
        level: 'error',
        msg: 'boom',
        error: { name: 'Error', message: 'boom', stack: 'Error: boom\n    at somewhere.ts:1:1' },
      },
    ],
    [
      'fields cannot replace time, level, logger or msg',
      'info',
      {},
      ['real', { level: 'error', msg: 'forged', time: 'x', logger: 'y' }],
      { level: 'info', msg: 'real' },
    ],
  ])('%s', (_name, level, context, args, expected) => {
    expect(logRecord(level, TIME, 'gw', context, args)).toEqual({ ...BASE, ...expected });
  });
});

describe('JsonLogger', () => {
  const capture = (level: 'debug' | 'info' | 'warn' | 'error' | 'silent') => {
    const lines: Record<string, unknown>[] = [];
    const logger = new JsonLogger('gw', level, (line) => lines.push(JSON.parse(line)));
    return { logger, lines };
  };

  it('writes one JSON object a line, and nothing below its level', () => {
    const { logger, lines } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      ['warn', 'w'],
      ['error', 'e'],
    ]);
  });

  it('does not compute a lazy debug message below its level', () => {
    const { logger } = capture('info');
    let computed = false;
    logger.debug(() => {
      computed = true;
      return 'expensive';
    });
    expect(computed).toBe(false);
  });

  it('writes nothing when silent', () => {
    const { logger, lines } = capture('silent');
    logger.error('e');
    expect(lines).toEqual([]);
  });

  it('children carry their name and fields on every line', () => {
    const { logger, lines } = capture('info');
    logger.child('fetch').child({ requestId: 'r9' }).info('sent');
    expect(lines).toEqual([expect.objectContaining({ logger: 'gw/fetch', msg: 'sent', requestId: 'r9' })]);
  });

  it('writes a line even for values JSON cannot hold (BigInt)', () => {
    const { logger, lines } = capture('info');
    logger.info('size', { bytes: 2n ** 63n });
    expect(lines).toEqual([expect.objectContaining({ msg: 'size', bytes: '9223372036854775808' })]);
  });
});
