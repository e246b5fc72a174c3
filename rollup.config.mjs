// Builds every package: modern ESM (ES2020) per package with generated .d.ts, the
// full-player ESM bundle (for size budgets), the legacy ES5 IIFE bundle for 2017-era TVs
// (global `Tessera`), and the Node toolkit.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import dts from 'rollup-plugin-dts';
import { typescriptTranspile, tesseraSources } from './scripts/rollup-typescript-transpile.mjs';

const root = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');

/** Browser packages and their entry points (name -> source under src/). */
const BROWSER_PACKAGES = {
  core: { index: 'index.ts', mp4: 'mp4/index.ts', manifest: 'manifest/index.ts', 'abr-api': 'abr-api/index.ts' },
  abr: { index: 'index.ts', sim: 'sim/index.ts' },
  drm: { index: 'index.ts' },
  thumbnails: { index: 'index.ts', ui: 'ui/index.ts' },
  telemetry: { index: 'index.ts' },
  'adapters-tv': { index: 'index.ts' },
};

const isExternalPackage = (id) => /^@tessera\//.test(id) || id === 'eme-encryption-scheme-polyfill';
const nodeBuiltin = (id) => id.startsWith('node:') || builtinModules.includes(id);

function inputsOf(pkg, entries) {
  const inputs = {};
  for (const [name, file] of Object.entries(entries)) inputs[name] = `${root}/packages/${pkg}/src/${file}`;
  return inputs;
}

const packageBuilds = Object.entries(BROWSER_PACKAGES).flatMap(([pkg, entries]) => [
  {
    input: inputsOf(pkg, entries),
    external: isExternalPackage,
    plugins: [nodeResolve({ extensions: ['.ts', '.js'] }), typescriptTranspile({ target: 'es2020' })],
    output: { dir: `${root}/packages/${pkg}/dist`, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
  },
  {
    input: inputsOf(pkg, entries),
    external: isExternalPackage,
    plugins: [dts({ tsconfig: `${root}/tsconfig.base.json`, compilerOptions: { paths: {}, baseUrl: root } })],
    output: { dir: `${root}/packages/${pkg}/dist`, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
  },
]);

const bundleBuilds = [
  {
    // The full player without UI, minified: what `npm run size` holds to the 50 KiB gzip budget.
    input: `${root}/bundles/tessera-player.ts`,
    plugins: [tesseraSources(root), nodeResolve({ extensions: ['.ts', '.js'], browser: true }), typescriptTranspile({ target: 'es2020' })],
    output: { file: `${root}/dist/tessera.player.min.js`, format: 'es', sourcemap: true, plugins: [terser({ ecma: 2020, module: true })] },
  },
  {
    // Everything for the web (player + thumbnails UI): the demo and the browser tests load it.
    input: `${root}/bundles/tessera-full.ts`,
    plugins: [tesseraSources(root), nodeResolve({ extensions: ['.ts', '.js'], browser: true }), typescriptTranspile({ target: 'es2020' })],
    output: [
      { file: `${root}/dist/tessera.full.js`, format: 'es', sourcemap: true },
      { file: `${root}/dist/tessera.full.min.js`, format: 'es', sourcemap: true, plugins: [terser({ ecma: 2020, module: true })] },
    ],
  },
  {
    // 2017-era TVs (Chromium 38-56): ES5 syntax, global `Tessera`, no fetch/AbortController/globalThis needed.
    input: `${root}/bundles/tessera-legacy.ts`,
    plugins: [tesseraSources(root), nodeResolve({ extensions: ['.ts', '.js'], browser: true }), typescriptTranspile({ target: 'es5' })],
    output: [
      { file: `${root}/dist/tessera.legacy.js`, format: 'iife', name: 'Tessera', sourcemap: true },
      { file: `${root}/dist/tessera.legacy.min.js`, format: 'iife', name: 'Tessera', sourcemap: true, plugins: [terser({ ecma: 5, safari10: true })] },
    ],
  },
];

const toolkitBuilds = [
  {
    input: { index: `${root}/packages/toolkit/src/index.ts`, cli: `${root}/packages/toolkit/src/cli.ts` },
    external: (id) => nodeBuiltin(id) || /^@tessera\//.test(id),
    plugins: [nodeResolve({ extensions: ['.ts', '.js'], preferBuiltins: true }), typescriptTranspile({ target: 'es2022' })],
    output: { dir: `${root}/packages/toolkit/dist`, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
  },
  {
    input: { index: `${root}/packages/toolkit/src/index.ts` },
    external: (id) => nodeBuiltin(id) || /^@tessera\//.test(id),
    plugins: [dts({ tsconfig: `${root}/tsconfig.base.json`, compilerOptions: { paths: {}, baseUrl: root } })],
    output: { dir: `${root}/packages/toolkit/dist`, format: 'es', entryFileNames: '[name].d.ts' },
  },
];

// TESSERA_BUILD=bundles|packages|toolkit builds one group (faster iteration); default all.
const groups = { packages: packageBuilds, bundles: bundleBuilds, toolkit: toolkitBuilds };
const only = process.env.TESSERA_BUILD;
export default only ? only.split(',').flatMap((g) => groups[g] ?? []) : [...packageBuilds, ...bundleBuilds, ...toolkitBuilds];
