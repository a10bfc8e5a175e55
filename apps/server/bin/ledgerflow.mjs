#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so there is no build step for the server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
