#!/usr/bin/env node
// Proves the legacy TV bundle is ES5 syntax (es-check parses it as ES5 and fails on
// anything newer: arrow functions, classes, let/const, template literals...), and that
// the modern builds stay within ES2020 (what the package.json promises).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const esCheck = `${root}node_modules/.bin/es-check`;
const run = (args) => execFileSync(esCheck, args, { stdio: 'inherit', cwd: root });

run(['es5', 'dist/tessera.legacy.js', 'dist/tessera.legacy.min.js']);
run(['es2020', '--module', 'packages/{core,abr,drm,thumbnails,telemetry,adapters-tv}/dist/*.js', 'dist/tessera.full.min.js', 'dist/tessera.player.min.js']);
