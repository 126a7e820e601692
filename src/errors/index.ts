/**
 * Every error the gateway raises, created here and nowhere else, in the native shape
 * (`{message: "<title> (<detail>)", extensions: {code}}`) with stable codes.
 */
export * from './codes.ts';
export * from './limits.ts';
export * from './manager-refusal.ts';
export * from './native.ts';
export * from './requests.ts';
export * from './upstream.ts';
export * from './upstream-fault.ts';
