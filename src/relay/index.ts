/** Relay plumbing: global ids, cursors, pagination plans and connections. Pure, no I/O. */
export * from './connection.ts';
export * from './cursor.ts';
export * from './global-id.ts';
export * from './pagination.ts';
export * from './slice.ts';
export * from './uuid.ts';
