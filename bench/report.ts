/** The bench's results as a table for people and the targets of issue 11, checked row by row. */
import type { RowResult } from './scenarios.ts';

export interface TargetCheck {
  scenario: string;
  row: string;
  target: string;
  value: number;
  met: boolean;
}

/** The ImageV2 rows, held to the v2 page's targets; the pass-through is held to its own. */
const V2_ROWS = new Set([
  'imagesV2',
  'containerRegistryImagesV2',
  'adminImagesV2',
  'adminImagesV2-filtered',
  'adminImagesV2-ids',
]);

export function checkTargets(rows: RowResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const check = (row: RowResult, target: string, value: number, met: boolean) =>
    checks.push({ scenario: row.scenario, row: row.row, target, value, met });
  for (const row of rows) {
    if (row.row.startsWith('direct')) continue;
    const minimum = row.scenario.startsWith('latency') ? 0.95 : V2_ROWS.has(row.row) ? 0.8 : 0.85;
    check(row, `ratio >= ${minimum}`, row.ratioToDirect, row.ratioToDirect >= minimum);
    if (V2_ROWS.has(row.row))
      check(row, 'gateway CPU <= 2 ms', row.cpuMsPerRequest, row.cpuMsPerRequest <= 2);
    check(
      row,
      'upstream requests per page = 1',
      row.upstreamRequestsPerPage,
      row.upstreamRequestsPerPage === 1,
    );
    check(row, 'peak RSS < 300 MiB', row.peakRssMiB, row.peakRssMiB < 300);
  }
  return checks;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

export function table(rows: RowResult[], checks: TargetCheck[]): string {
  const header = [
    'scenario',
    'row',
    'req/s',
    'p50 ms',
    'p99 ms',
    'x direct',
    'CPU ms/req',
    'upstream CPU',
    'peak RSS MiB',
    'upstream/page',
  ];
  const lines = rows.map((row) => [
    row.scenario,
    row.row,
    row.requestsPerSecond.toFixed(0),
    row.p50Ms.toFixed(1),
    row.p99Ms.toFixed(1),
    row.row.startsWith('direct') ? '1.00' : row.ratioToDirect.toFixed(2),
    row.cpuMsPerRequest.toFixed(2),
    row.upstreamCpuMsPerRequest.toFixed(2),
    row.peakRssMiB.toFixed(0),
    row.upstreamRequestsPerPage.toFixed(row.upstreamRequestsPerPage % 1 ? 2 : 0),
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...lines.map((line) => (line[i] as string).length)),
  );
  const format = (cells: string[]) =>
    cells.map((cell, i) => pad(cell, widths[i] as number, i > 1)).join('  ');
  const missed = checks.filter((check) => !check.met);
  return [
    format(header),
    format(widths.map((width) => '-'.repeat(width))),
    ...lines.map(format),
    '',
    "CPU ms/req is the serving process's own CPU time (the gateway; the sandbox on direct rows); upstream CPU",
    "is the sandbox's. x direct compares with the direct row (the filtered row with the direct filtered one).",
    missed.length === 0
      ? `targets: all ${checks.length} met`
      : `targets: ${checks.length - missed.length} of ${checks.length} met; missed:\n${missed
          .map((check) => `  ${check.scenario} ${check.row}: ${check.target} (got ${check.value.toFixed(2)})`)
          .join('\n')}`,
  ].join('\n');
}
