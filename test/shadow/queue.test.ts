import { describe, expect, it } from 'vitest';
import { BoundedQueue } from '../../src/shadow/queue.ts';

/** A task that runs until the test lets it finish; `started` resolves once it runs. */
function heldTask() {
  let release!: () => void;
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const finished = new Promise<void>((resolve) => {
    release = resolve;
  });
  let signal: AbortSignal | undefined;
  const task = async (given: AbortSignal) => {
    signal = given;
    markStarted();
    await finished;
  };
  return { task, started, release, signal: () => signal };
}

describe('BoundedQueue', () => {
  it('runs at most `concurrency` tasks and keeps at most `capacity` waiting, refusing the rest', async () => {
    const queue = new BoundedQueue({ capacity: 2, concurrency: 1, timeoutMs: 60_000 });
    const tasks = Array.from({ length: 4 }, heldTask);
    expect(tasks.map((held) => queue.offer(held.task))).toEqual([true, true, true, false]);
    await tasks[0]!.started;
    expect(queue.size).toBe(3);
    tasks[0]!.release();
    await tasks[1]!.started;
    tasks[1]!.release();
    await tasks[2]!.started;
    expect(queue.offer(heldTask().task)).toBe(true);
    queue.close();
  });

  it('aborts a task that runs past its timeout and frees its slot even if the task ignores the abort', async () => {
    const queue = new BoundedQueue({ capacity: 1, concurrency: 1, timeoutMs: 50 });
    const stuck = heldTask();
    const next = heldTask();
    queue.offer(stuck.task);
    queue.offer(next.task);
    await stuck.started;
    await next.started;
    expect(stuck.signal()?.aborted).toBe(true);
    expect((stuck.signal()!.reason as Error).name).toBe('TimeoutError');
    next.release();
    await queue.idle();
    expect(queue.size).toBe(0);
  });

  it('keeps a failing task to itself and goes on', async () => {
    const queue = new BoundedQueue({ capacity: 2, concurrency: 1, timeoutMs: 60_000 });
    const after = heldTask();
    queue.offer(async () => {
      throw new Error('boom');
    });
    queue.offer(() => {
      throw new Error('thrown before any promise');
    });
    queue.offer(after.task);
    await after.started;
    after.release();
    await queue.idle();
  });

  it('on close, drops what waits, aborts what runs and takes nothing more', async () => {
    const queue = new BoundedQueue({ capacity: 2, concurrency: 1, timeoutMs: 60_000 });
    const running = heldTask();
    const waiting = heldTask();
    queue.offer(running.task);
    queue.offer(waiting.task);
    await running.started;
    queue.close();
    expect(running.signal()?.aborted).toBe(true);
    expect(queue.offer(heldTask().task)).toBe(false);
    running.release();
    await queue.idle();
    let waitingStarted = false;
    void waiting.started.then(() => {
      waitingStarted = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(waitingStarted).toBe(false);
  });
});
