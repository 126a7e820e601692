/**
 * The bench's processes talk over Node's IPC channel: a child announces `{ ready, url }` once it serves,
 * then answers questions (`usage`, `stats`, `reset-stats`) by id. Measuring from inside each process is what
 * makes CPU time and memory the process's own, not the load generator's.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ProcessUsage {
  /** User + system CPU time since the process started, in microseconds. */
  cpuMicros: number;
  /** The system part of it: the kernel's work for the process (sockets, loopback TCP, memory). */
  systemMicros: number;
  /** Resident set size now, and the largest it has been, in bytes. */
  rss: number;
  maxRss: number;
  /** V8's heap in use and reserved, in bytes: what the resident memory is made of. */
  heapUsed: number;
  heapTotal: number;
}

export interface UpstreamStats {
  requests: number;
  graphqlRequests: number;
  rootFields: Record<string, number>;
}

type Question = 'usage' | 'usage-after-gc' | 'stats' | 'reset-stats' | 'profile-start' | 'profile-stop';
interface Envelope {
  id: number;
  question: Question;
  argument?: string;
}
interface Answer {
  id: number;
  answer: unknown;
}

/** In a child: answers questions from the parent. */
export function answerParent(answers: Record<string, (argument?: string) => unknown>): void {
  process.on('message', async (message: Envelope) => {
    const answer = (await answers[message.question]?.(message.argument)) ?? null;
    process.send?.({ id: message.id, answer } satisfies Answer);
  });
}

/** The usage after a full garbage collection, when the process runs with `--expose-gc`: what it retains. */
export function usageAfterGc(): ProcessUsage {
  (globalThis as { gc?: () => void }).gc?.();
  return ownUsage();
}

export function ownUsage(): ProcessUsage {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    cpuMicros: cpu.user + cpu.system,
    systemMicros: cpu.system,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    // resourceUsage reports kilobytes.
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
}

/** The last lines a child wrote to stderr, kept to be shown only if it fails. */
class RecentOutput {
  private lines: string[] = [];
  add(chunk: Buffer): void {
    this.lines.push(...chunk.toString('utf8').split('\n'));
    if (this.lines.length > 200) this.lines = this.lines.slice(-200);
  }
  toString(): string {
    return this.lines.join('\n');
  }
}

export class BenchProcess {
  private nextId = 0;
  private readonly pending = new Map<number, (answer: unknown) => void>();
  private stopping = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    output: RecentOutput,
    script: string,
  ) {
    // A client cut off at the end of a run makes the sandbox log an aborted request; such noise is only
    // shown when a process dies on its own.
    child.once('exit', (code, signal) => {
      if (!this.stopping) console.error(`bench/${script} exited (${code ?? signal}):\n${output}`);
    });
    child.on('message', (message: Answer | { ready: true; url: string }) => {
      if (!('id' in message)) return;
      this.pending.get(message.id)?.(message.answer);
      this.pending.delete(message.id);
    });
  }

  /** Starts `bench/<script>` under tsx with `env` and waits until it reports that it serves. */
  static async start(
    script: string,
    env: Record<string, string>,
    nodeOptions: string[] = [],
  ): Promise<BenchProcess> {
    const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', `${ROOT}bench/${script}`], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const output = new RecentOutput();
    child.stderr?.on('data', (chunk: Buffer) => output.add(chunk));
    const ready = new Promise<string>((resolve, reject) => {
      child.on('message', (message: { ready?: boolean; url?: string }) => {
        if (message.ready && message.url) resolve(message.url);
      });
      child.once('exit', (code) =>
        reject(new Error(`bench/${script} exited with ${code} before serving:\n${output}`)),
      );
    });
    return new BenchProcess(child, await ready, output, script);
  }

  ask<T>(question: Question, argument?: string): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.pending.set(id, resolve as (answer: unknown) => void);
      this.child.send({ id, question, ...(argument ? { argument } : {}) } satisfies Envelope);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}
