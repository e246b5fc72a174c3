// The full web player: core + abr + drm + thumbnails + telemetry. Built minified to
// dist/tessera.full.min.js so `npm run size` holds it to the 50 KiB gzip budget.
export * from '@tessera/core';
export * from '@tessera/abr';
export * from '@tessera/drm';
export * from '@tessera/thumbnails';
export * from '@tessera/telemetry';
