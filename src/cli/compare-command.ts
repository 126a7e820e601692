/**
 * `imagev2-gateway compare`: asks two GraphQL endpoints the same operations and reports, per field path,
 * where their answers differ (see src/compare/). Exit status 0 when nothing unexpected differs, 1 when
 * something does, 2 on bad usage (a missing or unreadable file, a bad URL or rule).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  buildReport,
  type CompareReport,
  type CompareRules,
  compareRuns,
  exitStatusOf,
  NO_RULES,
  OperationsError,
  parseRules,
  planRuns,
  RulesError,
  renderHtmlReport,
} from '../compare/index.ts';
import { endpointUrl, signedPost } from './signed-post.ts';

export interface CompareCommandOptions {
  control: string;
  candidate: string;
  operations: string;
  variables?: string;
  accessKey: string;
  secretKey: string;
  ignore?: string;
  json?: string;
  html?: string;
  timeout: string;
  apiVersion?: string;
}

export interface CommandOutput {
  out: (line: string) => void;
  err: NodeJS.WritableStream & { isTTY?: boolean };
}

class UsageError extends Error {}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readText(path, what));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`the ${what} ${path} is not JSON: ${(error as Error).message}`);
  }
}

function writeText(path: string, what: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`cannot write the ${what} ${path}: ${(error as Error).message}`);
  }
}

function urlOption(text: string, name: string): string {
  try {
    return endpointUrl(text);
  } catch {
    throw new UsageError(`--${name} must be an http(s) endpoint URL such as http://127.0.0.1:8091/admin/gql`);
  }
}

function summary(report: CompareReport): string[] {
  const lines = [
    `compared ${report.operations} operations: control ${report.control} (asked twice), candidate ${report.candidate}`,
    `  matched ${report.matched}, mismatched ${report.mismatches}, ignored ${report.ignored}, noisy ${report.noisy}`,
  ];
  for (const path of report.paths.filter((entry) => entry.mismatched > 0).slice(0, 20)) {
    const example = path.examples.find((entry) => entry.outcome === 'mismatched');
    lines.push(`  MISMATCH ${path.path} (${path.mismatched}x)`);
    if (example)
      lines.push(`    e.g. ${example.operation} ${example.at}: ${example.control} vs ${example.candidate}`);
  }
  for (const path of report.paths.filter((entry) => entry.noisy > 0)) {
    lines.push(`  noisy    ${path.path} (${path.noisy}x; the control disagrees with itself)`);
  }
  lines.push(report.mismatches === 0 ? 'nothing unexpected differs' : 'the answers differ');
  return lines;
}

async function compare(options: CompareCommandOptions, output: CommandOutput): Promise<number> {
  const control = urlOption(options.control, 'control');
  const candidate = urlOption(options.candidate, 'candidate');
  const timeoutMs = Number(options.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw new UsageError('--timeout must be milliseconds, above 0');
  const variables = options.variables ? readJson(options.variables, 'variables file') : undefined;
  const plan = planRuns(readText(options.operations, 'operations file'), variables);
  const rules: CompareRules = options.ignore ? parseRules(readJson(options.ignore, 'ignore file')) : NO_RULES;
  const keypair = { accessKey: options.accessKey, secretKey: options.secretKey };
  const progress = output.err.isTTY === true;
  const results = await compareRuns({
    runs: plan.runs,
    rules,
    send: (endpoint, run) =>
      signedPost({
        url: endpoint === 'control' ? control : candidate,
        keypair,
        query: run.query,
        variables: run.variables,
        operationName: run.operationName,
        timeoutMs,
        apiVersion: options.apiVersion,
      }),
    onProgress: progress
      ? (done, total, run) => output.err.write(`\r\x1b[K[${done + 1}/${total}] ${run.label}`)
      : undefined,
  });
  if (progress) output.err.write('\r\x1b[K');
  const report = buildReport({
    control,
    candidate,
    generatedAt: new Date().toISOString(),
    rules: [...new Set(rules.rules.map((rule) => rule.reason))],
    skipped: plan.skipped,
    results,
  });
  if (options.json) writeText(options.json, 'JSON report', `${JSON.stringify(report, null, 2)}\n`);
  if (options.html) writeText(options.html, 'HTML report', renderHtmlReport(report));
  for (const line of summary(report)) output.out(line);
  return exitStatusOf(report);
}

export async function runCompareCommand(
  options: CompareCommandOptions,
  output: CommandOutput = { out: (line) => console.log(line), err: process.stderr },
): Promise<number> {
  try {
    return await compare(options, output);
  } catch (error) {
    if (error instanceof UsageError || error instanceof OperationsError || error instanceof RulesError) {
      output.err.write(`compare: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
