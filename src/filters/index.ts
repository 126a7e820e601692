/** ImageV2 filters and orders: compiled, pushed down to the legacy language, or applied in the gateway. Pure. */
export * from './conditions.ts';
export * from './evaluate.ts';
export * from './named-ids.ts';
export * from './order.ts';
export * from './pushdown.ts';
