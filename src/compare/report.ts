/**
 * The report of a comparison: per field path, how often the answers matched, differed, differed in a way
 * the rules let pass (ignored), or differed where the control disagrees with itself (noisy, Diffy's
 * baseline: such a path says nothing about the candidate), with a few examples of each.
 */
import type { Observation } from './diff.ts';
import { isUnder } from './path.ts';
import { preview } from './values.ts';

export type Kind = 'matched' | 'mismatched' | 'ignored' | 'noisy';

export interface Example {
  outcome: Exclude<Kind, 'matched'>;
  operation: string;
  at: string;
  control: string;
  candidate: string;
  reason?: string;
}

export interface PathReport {
  path: string;
  matched: number;
  mismatched: number;
  ignored: number;
  noisy: number;
  examples: Example[];
}

export interface OperationReport {
  name: string;
  matched: number;
  mismatched: number;
  ignored: number;
  noisy: number;
}

export interface CompareReport {
  control: string;
  candidate: string;
  generatedAt: string;
  /** Operations run (an operation with several variable sets counts once per set). */
  operations: number;
  /** Values that differ unexpectedly; the comparison fails when this is not 0. */
  mismatches: number;
  matched: number;
  ignored: number;
  noisy: number;
  /** The rules applied, as their reasons read (`quirk max-none`, `skip **.createdAt`). */
  rules: string[];
  /** Operations in the file that were not sent (mutations and subscriptions), with why. */
  skipped: string[];
  perOperation: OperationReport[];
  paths: PathReport[];
}

/** One operation's comparison: the control against itself (the noise baseline), then against the candidate. */
export interface OperationResult {
  operation: string;
  baseline: Observation[];
  observations: Observation[];
}

export const EXAMPLES_PER_KIND = 3;

/** Where no answer came, which no baseline can excuse. */
const TRANSPORT = '(transport)';

/** Normal paths where the control disagreed with itself. */
export function noisyPaths(baseline: Observation[]): string[] {
  const differing = baseline.filter((o) => o.outcome === 'mismatched' && o.path !== TRANSPORT);
  return [...new Set(differing.map((o) => o.path))];
}

export function classify(observation: Observation, noisy: string[]): Kind {
  if (observation.outcome !== 'mismatched') return observation.outcome;
  return noisy.some((path) => isUnder(observation.path, path)) ? 'noisy' : 'mismatched';
}

const emptyCounts = () => ({ matched: 0, mismatched: 0, ignored: 0, noisy: 0 });

export interface ReportInput {
  control: string;
  candidate: string;
  generatedAt: string;
  rules: string[];
  skipped: string[];
  results: OperationResult[];
}

export function buildReport(input: ReportInput): CompareReport {
  const paths = new Map<string, PathReport>();
  const perOperation: OperationReport[] = [];
  const totals = emptyCounts();
  for (const result of input.results) {
    const noisy = noisyPaths(result.baseline);
    const counts = { name: result.operation, ...emptyCounts() };
    for (const observation of result.observations) {
      const kind = classify(observation, noisy);
      const entry = paths.get(observation.path) ?? { path: observation.path, ...emptyCounts(), examples: [] };
      paths.set(observation.path, entry);
      entry[kind] += 1;
      counts[kind] += 1;
      totals[kind] += 1;
      if (kind === 'matched') continue;
      if (entry.examples.filter((example) => example.outcome === kind).length >= EXAMPLES_PER_KIND) continue;
      entry.examples.push({
        outcome: kind,
        operation: result.operation,
        at: observation.at,
        control: preview(observation.control),
        candidate: preview(observation.candidate),
        ...(observation.reason ? { reason: observation.reason } : {}),
      });
    }
    perOperation.push(counts);
  }
  const ordered = [...paths.values()].sort(
    (a, b) => b.mismatched - a.mismatched || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  return {
    control: input.control,
    candidate: input.candidate,
    generatedAt: input.generatedAt,
    operations: input.results.length,
    mismatches: totals.mismatched,
    matched: totals.matched,
    ignored: totals.ignored,
    noisy: totals.noisy,
    rules: input.rules,
    skipped: input.skipped,
    perOperation,
    paths: ordered,
  };
}

/** The command's exit status: 0 when nothing unexpected differs, 1 when something does. */
export function exitStatusOf(report: CompareReport): 0 | 1 {
  return report.mismatches === 0 ? 0 : 1;
}
