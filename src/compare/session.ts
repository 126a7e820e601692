/**
 * A comparison run, independent of how requests travel: each operation goes to the control twice (the
 * noise baseline) and to the candidate once, and the answers are compared. The caller supplies `send`.
 */
import { type RawAnswer, readAnswer } from './answer.ts';
import { diffAnswers } from './diff-answers.ts';
import type { OperationRun } from './operations.ts';
import type { OperationResult } from './report.ts';
import type { CompareRules } from './rules.ts';

export type Endpoint = 'control' | 'candidate';
export type Send = (endpoint: Endpoint, run: OperationRun) => Promise<RawAnswer>;

export interface SessionOptions {
  runs: OperationRun[];
  send: Send;
  rules: CompareRules;
  /** Called before each operation is sent: `done` of `total` finished so far. */
  onProgress?: (done: number, total: number, run: OperationRun) => void;
}

export async function compareRuns(options: SessionOptions): Promise<OperationResult[]> {
  const results: OperationResult[] = [];
  for (const [index, run] of options.runs.entries()) {
    options.onProgress?.(index, options.runs.length, run);
    const [first, second, candidate] = (
      await Promise.all([
        options.send('control', run),
        options.send('control', run),
        options.send('candidate', run),
      ])
    ).map(readAnswer);
    results.push({
      operation: run.label,
      baseline: diffAnswers(first!, second!, options.rules),
      observations: diffAnswers(first!, candidate!, options.rules),
    });
  }
  return results;
}
