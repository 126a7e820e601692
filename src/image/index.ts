/** Legacy image to ImageV2: the mapping rules, each a small pure function. */
export * from './fields.ts';
export * from './identity.ts';
export * from './metadata.ts';
export * from './requirements.ts';
export * from './tags.ts';
export * from './to-image-v2.ts';
export * from './types.ts';
