/**
 * A bounded work queue for shadow requests: at most `capacity` waiting, `concurrency` running, each given
 * `timeoutMs` (its signal aborts then, and its slot is freed whether or not it stops). A full queue refuses
 * new work rather than grow: shadow traffic is a sample and may be dropped, never allowed to build up.
 * A task's failure stays inside it.
 */
export type Task = (signal: AbortSignal) => Promise<void>;

export interface QueueOptions {
  capacity: number;
  concurrency: number;
  timeoutMs: number;
}

export class BoundedQueue {
  private readonly waiting: Task[] = [];
  private readonly running = new Set<AbortController>();
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: QueueOptions) {}

  /** Queues a task; false (and nothing queued) when the queue is full or closed. */
  offer(task: Task): boolean {
    if (this.closed || this.waiting.length >= this.options.capacity) return false;
    this.waiting.push(task);
    this.pump();
    return true;
  }

  get size(): number {
    return this.waiting.length + this.running.size;
  }

  /** Resolves once nothing waits or runs. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops what waits and aborts what runs. */
  close(): void {
    this.closed = true;
    this.waiting.length = 0;
    for (const controller of this.running) controller.abort(new Error('the shadow queue closed'));
    this.settle();
  }

  private pump(): void {
    while (this.running.size < this.options.concurrency && this.waiting.length > 0) {
      this.run(this.waiting.shift() as Task);
    }
  }

  private run(task: Task): void {
    const controller = new AbortController();
    this.running.add(controller);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        controller.abort(new DOMException(`no answer within ${this.options.timeoutMs} ms`, 'TimeoutError'));
        resolve();
      }, this.options.timeoutMs);
      timer.unref();
    });
    const done = Promise.resolve()
      .then(() => task(controller.signal))
      .catch(() => {});
    Promise.race([done, timedOut]).then(() => {
      clearTimeout(timer);
      this.running.delete(controller);
      this.pump();
      this.settle();
    });
  }

  private settle(): void {
    if (this.size > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
