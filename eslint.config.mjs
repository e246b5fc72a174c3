import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '.cache/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        window: 'readonly', document: 'readonly', console: 'readonly', process: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        performance: 'readonly', URL: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly',
        Buffer: 'readonly', globalThis: 'readonly', navigator: 'readonly', fetch: 'readonly',
        XMLHttpRequest: 'readonly', AbortController: 'readonly', MediaSource: 'readonly', self: 'readonly', URLSearchParams: 'readonly',
        location: 'readonly', requestAnimationFrame: 'readonly', HTMLElement: 'readonly', Event: 'readonly',
        queueMicrotask: 'readonly', structuredClone: 'readonly', crypto: 'readonly', Blob: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Browser packages must not depend on modern-only globals directly: the legacy TV
    // bundle runs without them. Use the platform helpers in @tessera/core instead.
    files: ['packages/{core,abr,drm,thumbnails,telemetry,adapters-tv}/src/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'globalThis', message: 'Not on 2017 TVs. Use the platform global helper.' },
        { name: 'fetch', message: 'Not on 2017 TVs. Go through the core loader (fetch with XHR fallback).' },
        { name: 'AbortController', message: 'Not on 2017 TVs. Use the core loader\'s abort handle.' },
      ],
    },
  },
  {
    files: ['packages/toolkit/**/*.ts', 'scripts/**', 'bench/**', '**/test/**', '*.config.*', 'packages/toolkit/bin/**'],
    rules: { 'no-console': 'off', 'no-restricted-globals': 'off' },
  },
);
