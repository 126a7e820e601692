/**
 * Schema diff checks: a schema compared with a reference (whole, or only what the reference covers), its
 * changes classified by GraphQL Inspector and checked against an allow-list of deliberate deviations.
 * Pure: the CLI (src/cli/schema-command.ts) reads the schemas and files and prints the report.
 */
export { type Allowance, AllowListError, allowanceFor, parseAllowList } from './allow-list.ts';
export { comparableSchema, type SchemaInput } from './comparable.ts';
export {
  compareSchemas,
  type DiffReport,
  type DiffScope,
  type Level,
  reportOf,
  type SchemaChange,
} from './compare.ts';
export { restrictToReference } from './footprint.ts';
export { formatReport, type ReportLabels, reportJson } from './format.ts';
