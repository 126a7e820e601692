/**
 * Comparing two GraphQL endpoints' answers field path by field path (control against candidate, after a
 * control-against-control noise baseline), with ignore rules and named release quirks, into a report
 * model and its HTML page. Pure: the requests are sent by whoever calls `compareRuns`.
 */
export * from './answer.ts';
export * from './diff.ts';
export * from './diff-answers.ts';
export * from './html-report.ts';
export * from './operations.ts';
export * from './path.ts';
export * from './quirks.ts';
export * from './report.ts';
export * from './rules.ts';
export * from './session.ts';
export * from './values.ts';
