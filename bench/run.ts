/**
 * `npm run bench`: the direct legacy page, the same page through the gateway and the ImageV2 pages of both
 * profiles, side by side, in each scenario (bench/scenarios.ts). The sandbox and each gateway run as
 * their own processes, as in production; the load comes from this one.
 *
 *   npm run bench -- [--json] [--duration 5] [--warmup 1] [--scenario base] [--cpu-prof <dir>]
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkTargets, table } from './report.ts';
import { type RowResult, runScenario, SCENARIOS } from './scenarios.ts';

const USAGE =
  'usage: npm run bench -- [--json] [--duration <s>] [--warmup <s>] [--scenario <name>]... [--cpu-prof <dir>]';

function options() {
  try {
    return parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        duration: { type: 'string', default: '5' },
        warmup: { type: 'string', default: '1' },
        scenario: { type: 'string', multiple: true },
        'cpu-prof': { type: 'string' },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const values = options();

const durationSeconds = Number(values.duration);
const warmupSeconds = Number(values.warmup);
if (!(durationSeconds > 0) || !(warmupSeconds >= 0)) {
  console.error('--duration must be a positive number of seconds and --warmup zero or more');
  process.exit(2);
}
const chosen = values.scenario?.length
  ? SCENARIOS.filter((scenario) => values.scenario?.includes(scenario.name))
  : SCENARIOS;
if (chosen.length === 0) {
  console.error(`--scenario must be one of ${SCENARIOS.map((scenario) => scenario.name).join(', ')}`);
  process.exit(2);
}
const profileDir = values['cpu-prof'] ? resolve(values['cpu-prof']) : null;
if (profileDir) mkdirSync(profileDir, { recursive: true });

const rows: RowResult[] = [];
const started = Date.now();
for (const scenario of chosen) {
  if (!values.json)
    console.error(
      `scenario ${scenario.name}: ${scenario.images} images, ${scenario.connections} connections, ${scenario.latencyMs} ms upstream latency`,
    );
  rows.push(...(await runScenario(scenario, { durationSeconds, warmupSeconds, profileDir })));
}
const checks = checkTargets(rows);
if (values.json) {
  console.log(
    JSON.stringify(
      {
        node: process.version,
        cpus: (await import('node:os')).cpus().length,
        durationSeconds,
        warmupSeconds,
        seconds: Math.round((Date.now() - started) / 1000),
        scenarios: chosen,
        rows,
        targets: checks,
      },
      null,
      2,
    ),
  );
} else {
  console.log(`\n${table(rows, checks)}\n(${Math.round((Date.now() - started) / 1000)} s)`);
}
