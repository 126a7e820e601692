/** Backend.AI authentication helpers shared by the gateway, the sandbox manager and the tests. */
export * from './hmac.ts';
