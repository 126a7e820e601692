/** Relay plumbing: global ids, cursors, pagination plans and connections. Pure. */
export * from './connection.ts';
export * from './global-id.ts';
export * from './pagination.ts';
