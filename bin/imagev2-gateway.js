#!/usr/bin/env node
// Entry point of the `imagev2-gateway` command. The project is TypeScript run through tsx,
// so there is no build step between a clone and a running gateway.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
