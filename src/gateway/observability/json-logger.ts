/**
 * The gateway's logger: one JSON object a line (`time`, `level`, `logger`, `msg`, then fields such as
 * `requestId`), for log collectors. It is also the logger Mesh and Yoga are given, so their lines come out
 * the same way. Levels below `LOG_LEVEL` are dropped before anything is formatted.
 */
import type { Logger } from '@graphql-mesh/types';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type LineLevel = Exclude<LogLevel, 'silent'>;

export type LogSink = (line: string) => void;

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };
const RESERVED = new Set(['time', 'level', 'logger', 'msg']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function errorFields(error: Error, withStack: boolean): Record<string, unknown> {
  const code = (error as { code?: unknown; extensions?: { code?: unknown } }).extensions?.code;
  return {
    name: error.name,
    message: error.message,
    ...(code !== undefined ? { code } : {}),
    ...(withStack && error.stack ? { stack: error.stack } : {}),
  };
}

/**
 * One log record from a logger's arguments: strings and numbers make the message, a plain object adds
 * fields, an Error adds `error` (with its stack on `error` lines only), a function is called (Mesh's
 * lazy debug messages).
 */
export function logRecord(
  level: LineLevel,
  time: Date,
  name: string,
  context: Record<string, unknown>,
  args: unknown[],
): Record<string, unknown> {
  const words: string[] = [];
  const fields: Record<string, unknown> = {};
  const add = (arg: unknown): void => {
    if (typeof arg === 'function') add(arg());
    else if (Array.isArray(arg)) for (const item of arg) add(item);
    else if (arg instanceof Error) {
      words.push(arg.message);
      fields.error = errorFields(arg, level === 'error');
    } else if (isPlainObject(arg)) Object.assign(fields, arg);
    else if (arg !== undefined) words.push(typeof arg === 'string' ? arg : String(arg));
  };
  for (const arg of args) add(arg);
  const record: Record<string, unknown> = {
    time: time.toISOString(),
    level,
    logger: name,
    msg: words.join(' '),
  };
  for (const [key, value] of Object.entries({ ...context, ...fields })) {
    if (!RESERVED.has(key)) record[key] = value;
  }
  return record;
}

function serialise(record: Record<string, unknown>): string {
  try {
    return JSON.stringify(record, (_key, value) => (typeof value === 'bigint' ? String(value) : value));
  } catch {
    return JSON.stringify({ time: record.time, level: record.level, logger: record.logger, msg: record.msg });
  }
}

export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

export class JsonLogger implements Logger {
  constructor(
    readonly name: string,
    private readonly level: LogLevel = 'info',
    private readonly sink: LogSink = stdoutSink,
    private readonly context: Record<string, unknown> = {},
  ) {}

  enabled(level: LineLevel): boolean {
    return RANK[level] >= RANK[this.level];
  }

  private write(level: LineLevel, args: unknown[]): void {
    if (!this.enabled(level)) return;
    this.sink(serialise(logRecord(level, new Date(), this.name, this.context, args)));
  }

  log = (...args: unknown[]): void => this.write('info', args);
  info = (...args: unknown[]): void => this.write('info', args);
  warn = (...args: unknown[]): void => this.write('warn', args);
  error = (...args: unknown[]): void => this.write('error', args);
  debug = (...args: unknown[]): void => this.write('debug', args);

  /** A logger for a part (`child('fetch')`) or with fields on every line (`child({ requestId })`). */
  child(nameOrFields: string | Record<string, string | number>): JsonLogger {
    if (typeof nameOrFields === 'string')
      return new JsonLogger(`${this.name}/${nameOrFields}`, this.level, this.sink, this.context);
    return new JsonLogger(this.name, this.level, this.sink, { ...this.context, ...nameOrFields });
  }

  addPrefix(prefix: string | Record<string, string | number>): JsonLogger {
    return this.child(prefix);
  }
}
