// The TV bundle: everything, as ES5 in one IIFE exposing the global `Tessera`.
// Runs on Chromium 38-56 engines without fetch, AbortController or globalThis.
import './legacy-polyfills';
export * from '@tessera/core';
export * from '@tessera/abr';
export * from '@tessera/drm';
export * from '@tessera/thumbnails';
export * from '@tessera/thumbnails/ui';
export * from '@tessera/telemetry';
export * from '@tessera/adapters-tv';
