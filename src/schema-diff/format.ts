/** A diff report as a person reads it in a CI log, and as JSON for tools. */
import type { DiffReport, SchemaChange } from './compare.ts';

export interface ReportLabels {
  /** What was compared, e.g. `served schema (profile bep-1038)`. */
  schema: string;
  /** The reference, e.g. a file name or URL. */
  against: string;
  /** The allow-list file, or null for none. */
  allowList: string | null;
}

function line(change: SchemaChange): string {
  const where = change.path ? `${change.path}: ` : '';
  return `  ${change.type} ${where}${change.message}`;
}

function section(title: string, changes: SchemaChange[], detail?: (change: SchemaChange) => string | null) {
  if (changes.length === 0) return [];
  return [
    `${title} (${changes.length}):`,
    ...changes.flatMap((change) => {
      const extra = detail?.(change);
      return extra ? [line(change), `      ${extra}`] : [line(change)];
    }),
  ];
}

export function formatReport(report: DiffReport, labels: ReportLabels): string {
  const verdict = report.ok
    ? 'OK: no breaking change outside the allow-list'
    : `FAILED: ${report.breaking.length} breaking change${report.breaking.length === 1 ? '' : 's'} not in the allow-list`;
  return [
    `schema diff: ${labels.schema} against ${labels.against} (scope: ${report.scope})`,
    `allow-list: ${labels.allowList ?? 'none'}`,
    ...section('BREAKING', report.breaking, (change) => change.why),
    ...section('dangerous', report.dangerous, (change) => change.why),
    ...section('allowed', report.allowed, (change) => `allowed: ${change.allowedBecause}`),
    ...section('safe', report.safe),
    ...(report.unmatched.length > 0
      ? [
          `allow-list entries that matched nothing here (${report.unmatched.length}):`,
          ...report.unmatched.map((entry) => `  ${entry.change} ${entry.path}`),
        ]
      : []),
    verdict,
  ].join('\n');
}

export function reportJson(report: DiffReport, labels: ReportLabels): string {
  return JSON.stringify({ ...labels, ...report }, null, 2);
}
