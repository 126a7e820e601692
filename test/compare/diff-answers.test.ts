import { describe, expect, it } from 'vitest';
import {
  type Answer,
  diffAnswers,
  type Json,
  NO_RULES,
  parseRules,
  readAnswer,
} from '../../src/compare/index.ts';

const json = (body: Json, status = 200): Answer => readAnswer({ status, body: JSON.stringify(body) });
const summary = (control: Answer, candidate: Answer, rules = NO_RULES) =>
  diffAnswers(control, candidate, rules).map((o) => [o.at, o.outcome]);

describe('readAnswer', () => {
  it('keeps a body that is no GraphQL answer as text, and says why no answer came', () => {
    expect(readAnswer({ status: 502, body: '<html>Bad gateway</html>' })).toMatchObject({
      status: 502,
      otherBody: '<html>Bad gateway</html>',
      data: undefined,
    });
    expect(readAnswer({ status: 200, body: '{"title":"x"}' }).otherBody).toBe('{"title":"x"}');
    expect(readAnswer({ transportError: 'ECONNREFUSED' }).transportError).toBe('ECONNREFUSED');
  });

  it('reads each error as its path, message and code', () => {
    const answer = json({
      data: null,
      errors: [{ message: 'no', path: ['a', 0], locations: [{ line: 1 }], extensions: { code: 'x_y' } }],
    });
    expect(answer.errors).toEqual([{ path: ['a', 0], message: 'no', code: 'x_y' }]);
  });
});

describe('diffAnswers', () => {
  it('compares the status, the data and the errors', () => {
    const control = json({ data: { a: 1 } });
    expect(summary(control, json({ data: { a: 1 } }))).toEqual([
      ['(status)', 'matched'],
      ['a', 'matched'],
    ]);
    expect(summary(control, json({ data: { a: 1 } }, 500))).toEqual([
      ['(status)', 'mismatched'],
      ['a', 'matched'],
    ]);
  });

  it('compares errors by the place they point at, their message and their code', () => {
    const error = (message: string, code: string) => ({
      message,
      path: ['img', 'edges', 2, 'node'],
      extensions: { code },
    });
    const control = json({ data: { img: null }, errors: [error('Boom', 'a_b')] });
    expect(summary(control, json({ data: { img: null }, errors: [error('Boom', 'a_c')] }))).toEqual([
      ['(status)', 'matched'],
      ['img', 'matched'],
      ['errors[img.edges[2].node].message', 'matched'],
      ['errors[img.edges[2].node].code', 'mismatched'],
    ]);
    expect(summary(control, json({ data: { img: null } }))).toContainEqual([
      'errors[img.edges[2].node]',
      'mismatched',
    ]);
  });

  it('compares a null data root field by root field, so a missing one shows by name', () => {
    expect(summary(json({ data: { a: { b: 1 }, c: 2 } }), json({ data: null }))).toEqual([
      ['(status)', 'matched'],
      ['a', 'mismatched'],
      ['c', 'mismatched'],
    ]);
  });

  it('counts no answer as a mismatch, even when both sides failed alike', () => {
    const down: Answer = readAnswer({ transportError: 'ECONNREFUSED' });
    expect(summary(down, down)).toEqual([['(transport)', 'mismatched']]);
  });

  it('takes out only the root field an error rule names, on both sides', () => {
    const rules = parseRules({ quirks: ['sizeBytes-int32'] });
    const control = json({ data: { big: { size: 3_000_000_000 }, other: 1 } });
    const candidate = json({
      data: { big: null, other: 2 },
      errors: [
        {
          message: 'Int cannot represent non 32-bit signed integer value: 3000000000',
          path: ['big', 'size'],
        },
      ],
    });
    expect(summary(control, candidate, rules)).toEqual([
      ['(status)', 'matched'],
      ['big', 'ignored'],
      ['other', 'mismatched'],
      ['errors[big.size]', 'ignored'],
    ]);
  });
});
